import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { code, file, open, ours, screenshot, waitFor } from './util';

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

  test('a link to a file that does not exist yet comes alive when the file is created, without an edit', async () => {
    const rel = 'docs/reviews/snapshots/2026-03-04_later.md';
    const source = Buffer.from(await vscode.workspace.fs.readFile(file('docs/reviews/snapshots/2026-02-19_self-heal-run.md'))).toString(
      'utf8',
    );
    await vscode.workspace.fs.writeFile(file(rel), Buffer.from(source.replace('src/a.ts:3', 'src/later.ts:2'), 'utf8'));
    const later = file('src/later.ts');
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file(rel)), { preview: false });
      const missing = () => ours(editor.document.uri).some((d) => code(d) === 'links/missing' && /src\/later\.ts/.test(d.message));
      await waitFor('the missing-file warning', missing);
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
      const cell = links.find((l) => editor.document.getText(l.range) === 'src/later.ts:2');
      assert.ok(cell, 'linked already: the target decides once it exists');
      await vscode.workspace.fs.writeFile(later, Buffer.from('one\ntwo\nthree\n', 'utf8'));
      await waitFor('the warning to go when the file appears', () => !missing());
      const at = cell.range.start.translate(0, 2);
      editor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand('editor.action.openLink');
      const target = await waitFor('src/later.ts to open', () => {
        const e = vscode.window.activeTextEditor;
        return e && e.document.uri.path === later.path ? e : undefined;
      });
      assert.equal(target.selection.active.line, 1, 'at line 2');
    } finally {
      await vscode.workspace.fs.delete(file(rel));
      await vscode.workspace.fs.delete(later);
    }
  });
});
