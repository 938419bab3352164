import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { api, code, EXTENSION_ID, folder, ours, waitFor } from './util';

suite('New Snapshot', () => {
  test("creates a snapshot from the repository's template, the prompt and the label; only the template's placeholders are left to fill in", async () => {
    const hooks = (await api()).testHooks;
    hooks.pick = async (labels) => labels.find((l) => l.endsWith('self_healing.md'));
    hooks.input = async () => 'e2e-new';
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('reviewSnapshot.newSnapshot');
      assert.ok(uri, 'a file was created');
      assert.match(uri.path, /\/docs\/reviews\/snapshots\/\d{4}-\d{2}-\d{2}_e2e-new\.md$/);
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.match(doc.getText(), /^# Review Snapshot\n\nDate: \d{4}-\d{2}-\d{2}\n/);
      assert.match(doc.getText(), /Prompt: `docs\/reviews\/prompts\/self_healing.md`/);
      // Started from docs/reviews/templates/review_snapshot.md: its placeholders are there to fill in.
      assert.ok(doc.getText().includes('| <command> | success \\| failure \\| skipped | <exit code> |'), 'the template');
      assert.ok(!doc.getText().includes('YYYY-MM-DD'), 'the date is filled in');
      // The same engine as a process: every error is a placeholder left to fill in, at the placeholder.
      const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
      const r = spawnSync(process.execPath, [cli, 'validate', '--format', 'json', '--root', folder().fsPath, uri.fsPath], {
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      const cliRules = (JSON.parse(r.stdout) as { files: { findings: { rule: string }[] }[] }).files[0].findings.map((f) => f.rule);
      assert.ok(cliRules.length > 0);
      assert.deepEqual([...new Set(cliRules)], ['placeholder/unfilled']);
      // And the editor agrees, once the server has published for it.
      const errors = await waitFor('the placeholders', () => {
        const e = ours(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
        return e.length === cliRules.length ? e : undefined;
      });
      assert.deepEqual([...new Set(errors.map(code))], ['placeholder/unfilled']);
      // Running it again never overwrites.
      const again = await vscode.commands.executeCommand<vscode.Uri>('reviewSnapshot.newSnapshot');
      assert.equal(again?.toString(), uri.toString());
    } finally {
      hooks.pick = undefined;
      hooks.input = undefined;
    }
  });
});
