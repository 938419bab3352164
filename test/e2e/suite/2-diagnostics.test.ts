import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { code, file, open, ours, screenshot, waitFor } from './util';

suite('diagnostics', () => {
  test('a broken snapshot shows located diagnostics with rule codes; fixing the text clears them', async () => {
    const editor = await open('docs/reviews/snapshots/2026-03-01_broken.md');
    const uri = editor.document.uri;
    const diags = await waitFor('two diagnostics', () => (ours(uri).length === 2 ? ours(uri) : undefined));
    const missing = diags.find((d) => code(d) === 'metadata/missing')!;
    assert.ok(missing, 'metadata/missing');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing.message, /"Model"/);
    assert.equal(missing.range.start.line, 3, 'reported at the Prompt key it should precede');
    assert.equal(editor.document.getText(missing.range), 'Prompt');
    const label = diags.find((d) => code(d) === 'labels/value')!;
    assert.equal(editor.document.getText(label.range), 'bug');

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems-panel');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(3, 0), 'Model: gpt-5-codex\n');
    // Both edits refer to the text as it is now (a WorkspaceEdit applies them together).
    edit.replace(uri, label.range, 'behavior');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('diagnostics to clear', () => ours(uri).length === 0);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor('diagnostics to come back after undo', () => ours(uri).length === 2);
    assert.ok(!editor.document.getText().includes('Model:'), 'undo restored the text');
  });

  test('a plain Markdown file gets no diagnostics', async () => {
    await open('notes.md');
    // The snapshot opened next is answered, so the server has had time for notes.md too.
    const snap = await open('docs/reviews/snapshots/2026-03-01_broken.md');
    await waitFor('snapshot diagnostics', () => ours(snap.document.uri).length > 0);
    assert.deepEqual(ours(file('notes.md')), []);
  });
});
