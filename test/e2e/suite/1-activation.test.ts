import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, ours, waitFor } from './util';

suite('activation', () => {
  test('the extension is installed in a real VS Code and starts its language server on a snapshot', async () => {
    console.log(`[e2e] VS Code ${vscode.version}, node ${process.version}, appHost ${vscode.env.appHost}`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension found');
    const editor = await open('docs/reviews/snapshots/2026-03-01_broken.md');
    await waitFor('the extension to activate', () => ext.isActive);
    // Its server answers: the broken snapshot gets diagnostics from source review-snapshot.
    await waitFor('diagnostics', () => ours(editor.document.uri).length > 0);
  });
});
