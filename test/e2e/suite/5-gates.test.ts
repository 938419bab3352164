import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, file, open, screenshot, waitFor } from './util';

interface Summary {
  ran: boolean;
  reason?: string;
  source?: string;
  results: { label: string; command: string; exitCode: number | undefined }[];
}

suite('Run Gates', () => {
  teardown(async () => {
    (await api()).testHooks.confirm = undefined;
    await vscode.workspace.getConfiguration('reviewSnapshot').update('gates', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('configured gates run as tasks and their exit codes come back (exit 3 is a failure)', async () => {
    await open('docs/reviews/snapshots/2026-02-19_self-heal-run.md');
    await vscode.workspace
      .getConfiguration('reviewSnapshot')
      .update('gates', ['echo configured-gate', { label: 'three', command: 'exit 3' }], vscode.ConfigurationTarget.Workspace);
    const s = await vscode.commands.executeCommand<Summary>('reviewSnapshot.runGates');
    assert.equal(s.ran, true);
    assert.equal(s.source, 'setting');
    assert.deepEqual(
      s.results.map((r) => [r.label, r.exitCode]),
      [
        ['echo configured-gate', 0],
        ['three', 3],
      ],
    );
    await screenshot('run-gates-terminal');
  });

  test('document gates run only after the confirmation, which lists them word for word', async () => {
    const editor = await open('docs/reviews/snapshots/2026-02-19_self-heal-run.md');
    const hooks = (await api()).testHooks;
    let asked = 0;
    let listing = '';
    hooks.confirm = async () => {
      asked++;
      // While the dialog asks, the commands are in an editor of their own, one per line, in full.
      const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'review-snapshot-gates');
      listing = shown?.document.getText() ?? '';
      await screenshot('run-gates-confirmation');
      return undefined; // Cancel
    };
    const declined = await vscode.commands.executeCommand<Summary>('reviewSnapshot.runGates');
    assert.equal(asked, 1);
    assert.equal(declined.ran, false);
    assert.equal(declined.reason, 'declined');
    assert.match(hooks.lastConfirm!.detail, /1\. echo first gate\n2\. exit 3/);
    assert.deepEqual(
      listing.split('\n').filter((l) => !l.startsWith('#') && l.trim()),
      ['  1  echo first gate', '  2  exit 3'],
    );
    assert.ok(
      !vscode.window.tabGroups.all.some((g) =>
        g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'review-snapshot-gates'),
      ),
      'the listing closes with the dialog',
    );

    hooks.confirm = async (_m, _d, items) => items.find((i) => i === 'Run');
    const ran = await vscode.commands.executeCommand<Summary>('reviewSnapshot.runGates');
    assert.equal(ran.source, 'document');
    assert.deepEqual(
      ran.results.map((r) => r.exitCode),
      [0, 3],
    );

    const updated = await vscode.commands.executeCommand<number>('reviewSnapshot.recordGateResults', editor.document.uri);
    assert.equal(updated, 1);
    assert.match(editor.document.getText(), /\| exit 3 \| fail \| 3 \|/);
  });

  test('a command with bidirectional controls is shown escaped, under a warning, before anything runs', async () => {
    const source = await vscode.workspace.fs.readFile(file('docs/reviews/snapshots/2026-02-19_self-heal-run.md'));
    // Reads "echo ok ;touch pwned" reversed in the middle: bash would run what the bytes say.
    const text = Buffer.from(source).toString('utf8').replace('echo first gate', 'echo ok \u202e;dewnp hcuot');
    const target = file('docs/reviews/snapshots/2026-03-02_bidi.md');
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
    const hooks = (await api()).testHooks;
    let listing = '';
    hooks.confirm = async () => {
      listing = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'review-snapshot-gates')?.document.getText() ?? '';
      return undefined;
    };
    const r = await waitFor('the confirmation', async () => {
      const s = await vscode.commands.executeCommand<Summary>('reviewSnapshot.runGates');
      return s.reason === 'declined' ? s : undefined;
    });
    assert.equal(r.ran, false);
    const detail = hooks.lastConfirm!.detail;
    assert.match(detail, /^WARNING: some commands hold invisible or bidirectional control characters/);
    assert.match(detail, /1\. echo ok \\u202e;dewnp hcuot/);
    assert.ok(!detail.includes('\u202e'), 'the raw control character is not in the dialog');
    assert.match(listing, /# WARNING: some hold invisible or bidirectional control characters/);
    assert.match(listing, / {2}1 {2}echo ok \\u202e;dewnp hcuot/);
    assert.ok(!listing.includes('\u202e'), 'nor in the listing');
    await vscode.workspace.fs.delete(target);
  });
});
