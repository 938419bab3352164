import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { code, file, open, ours, quickFixMenu, waitFor } from './util';

suite('quick fixes and pending specs', () => {
  test('the quick fix for a missing metadata key inserts it, and the diagnostic goes', async () => {
    const editor = await open('docs/reviews/snapshots/2026-03-01_broken.md');
    const uri = editor.document.uri;
    const missing = await waitFor('metadata/missing', () => ours(uri).find((d) => code(d) === 'metadata/missing'));
    const actions = await quickFixMenu(editor, missing, 'quick-fix-menu');
    const fix = actions.find((a) => a.title === 'Insert metadata key "Model"');
    assert.ok(fix?.edit, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(3).text, 'Model: TODO');
    await waitFor('metadata/missing to clear', () => !ours(uri).some((d) => code(d) === 'metadata/missing'));
  });

  test('the runner lane is left to the author: a TODO, with one quick fix per conventional lane', async () => {
    // A copy of a valid snapshot whose lane was left open, as New Snapshot writes it.
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('docs/reviews/snapshots/2026-02-19_self-heal-run.md')));
    const copy = file('docs/reviews/snapshots/2026-03-07_lane.md');
    await vscode.workspace.fs.writeFile(copy, new TextEncoder().encode(source.replace(/^Runner lane: .*$/m, 'Runner lane: TODO')));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(copy), { preview: false });
      const uri = editor.document.uri;
      const todo = await waitFor('the lane placeholder', () =>
        ours(uri).find((d) => code(d) === 'placeholder/unfilled' && editor.document.getText(d.range) === 'TODO'),
      );
      const actions = await quickFixMenu(editor, todo, 'quick-fix-runner-lane');
      const lanes = actions.filter((a) => a.title.startsWith('Set Runner lane to'));
      // The bundled lanes, then those the workspace's template offers (`<docs|governance|discovery>`).
      assert.deepEqual(
        lanes.map((a) => a.title),
        ['rust|required', 'python|compatibility', 'php|compatibility', 'mixed', 'docs', 'governance', 'discovery'].map(
          (l) => `Set Runner lane to "${l}"`,
        ),
      );
      // Fix-all (what --fix applies) does not choose one.
      const all = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        new vscode.Range(0, 0, 0, 0),
        'source.fixAll.reviewSnapshot',
      );
      assert.ok(!all.some((a) => a.edit?.get(uri).some((e) => e.newText.includes('|'))), 'fix-all sets no lane');
      assert.ok(await vscode.workspace.applyEdit(lanes[1].edit!));
      assert.match(editor.document.getText(), /^Runner lane: python\|compatibility$/m);
      await waitFor('the placeholder to clear', () => !ours(uri).some((d) => code(d) === 'placeholder/unfilled'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(copy);
    }
  });

  test('the pending-spec quick fix creates the YAML file with the right content, and undo removes it', async () => {
    const editor = await open('docs/reviews/snapshots/2026-02-19_self-heal-run.md');
    const uri = editor.document.uri;
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('  target_area:'));
    const at = new vscode.Range(line, 2, line, 2);
    const actions = await waitFor('the pending action', async () => {
      const a = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, at);
      return a.some((x) => x.title === 'Create pending spec for SELFHEAL-RUN-001') ? a : undefined;
    });
    const action = actions.find((x) => x.title === 'Create pending spec for SELFHEAL-RUN-001')!;
    assert.ok(action.command);
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const pending = file('specs/governance/pending/2026-02-19_self-heal-run-pending.yaml');
    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(pending));
    assert.match(
      written,
      /^id: CK-REVIEW-20260219\ntitle: Review-Derived Spec Candidates\npriority: P1\nsource_snapshot: docs\/reviews\/snapshots\/2026-02-19_self-heal-run.md\ncandidates:\n {2}- id: SELFHEAL-RUN-001\n/,
    );
    assert.match(written, /classification: behavior/);
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.toString(), pending.toString(), 'the pending file is shown');
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to remove the converted text', () => !doc.getText().includes('SELFHEAL-RUN-001'));
  });

  test('conversion of a broken snapshot is refused and writes nothing', async () => {
    const editor = await open('docs/reviews/snapshots/2026-03-01_broken.md');
    await waitFor('diagnostics', () => ours(editor.document.uri).length > 0);
    const r = await vscode.commands.executeCommand<{ written: boolean; errors?: string[] }>(
      'reviewSnapshot.convertToPending',
      editor.document.uri,
    );
    assert.equal(r.written, false);
    assert.ok(r.errors && r.errors.length > 0);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(file('specs/governance/pending/2026-03-01_broken-pending.yaml'))));
  });
});
