import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, open } from './util';

suite('document links', () => {
  test('the File:Line cell links to the file at that line', async () => {
    const editor = await open('docs/reviews/snapshots/2026-02-19_self-heal-run.md');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    const cell = links.find((l) => editor.document.getText(l.range) === 'src/a.ts:3');
    assert.ok(cell, `a link on "src/a.ts:3" among ${links.map((l) => editor.document.getText(l.range)).join(', ')}`);
    assert.equal(cell.target?.path, file('src/a.ts').path);
    assert.equal(cell.target?.fragment, 'L3');
    assert.ok(links.some((l) => editor.document.getText(l.range) === '/specs/schema/review_snapshot_schema_v1.yaml'), 'the schema ref is a link');
  });
});
