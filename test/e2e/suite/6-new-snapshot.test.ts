import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { api, code, EXTENSION_ID, folder, ours } from './util';

suite('New Snapshot', () => {
  test('creates a snapshot from the prompt and label that validates with no errors', async () => {
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
      // The same engine as a process: the new file conforms (exit 0) in the folder it was made in.
      const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
      const r = spawnSync(process.execPath, [cli, 'validate', '--root', folder().fsPath, uri.fsPath], {
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      // And the editor agrees: once the server has published for it, no error is among its diagnostics.
      await new Promise((res) => setTimeout(res, 1000));
      assert.deepEqual(
        ours(uri)
          .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
          .map(code),
        [],
      );
      // Running it again never overwrites.
      const again = await vscode.commands.executeCommand<vscode.Uri>('reviewSnapshot.newSnapshot');
      assert.equal(again?.toString(), uri.toString());
    } finally {
      hooks.pick = undefined;
      hooks.input = undefined;
    }
  });
});
