import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, open, screenshot, waitFor } from './util';

suite('document links', () => {
  test('the File:Line cell links to the file at that line', async () => {
    const editor = await open('docs/reviews/snapshots/2026-02-19_self-heal-run.md');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    const cell = links.find((l) => editor.document.getText(l.range) === 'src/a.ts:3');
    assert.ok(cell, `a link on "src/a.ts:3" among ${links.map((l) => editor.document.getText(l.range)).join(', ')}`);
    assert.equal(cell.target?.path, file('src/a.ts').path);
    assert.equal(cell.target?.fragment, 'L3');
    assert.ok(
      links.some((l) => editor.document.getText(l.range) === '/specs/schema/review_snapshot_schema_v1.yaml'),
      'the schema ref is a link',
    );

    // Following it, as Ctrl+click does, opens src/a.ts at line 3.
    const at = cell.range.start.translate(0, 2);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(cell.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('file-line-link');
    await vscode.commands.executeCommand('editor.action.openLink');
    const target = await waitFor('src/a.ts to open', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.path === file('src/a.ts').path ? e : undefined;
    });
    assert.equal(target.selection.active.line, 2, 'the cursor is on line 3');
    await screenshot('file-line-link-opened');
  });
});
