// A rule id in the Problems panel or the hover links to the rule's page: it opens rendered (the
// Markdown preview), never as an editable text editor of the file in the install folder.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { code, open, ours, screenshot, waitFor } from './util';

const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
const isPreview = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType);
const textUri = (t: vscode.Tab) => (t.input instanceof vscode.TabInputText ? t.input.uri : undefined);

suite('rule pages', () => {
  test("a diagnostic's rule link opens the rule's page rendered, with no text editor of the page", async () => {
    const editor = await open('docs/reviews/snapshots/2026-03-01_broken.md');
    const d = await waitFor('a diagnostic with a rule link', () =>
      ours(editor.document.uri).find((x) => typeof x.code === 'object' && x.code.target !== undefined),
    );
    const target = (d.code as { target: vscode.Uri }).target;
    // What the rule id's link does when clicked (the hover and the Problems panel open it so).
    await vscode.commands.executeCommand('vscode.open', target);
    // Earlier tests may leave other previews open: the rule's own page is the one looked for.
    const name = code(d).split('/')[1];
    const preview = await waitFor(
      `the rendered page of ${code(d)} (previews open: ${tabs()
        .filter(isPreview)
        .map((t) => t.label)})`,
      () => tabs().find((t) => isPreview(t) && t.label.includes(name)),
    );
    // The text editor the link opened first is replaced by the preview; no file of the install
    // folder is ever open as text.
    await waitFor('the text tab of the page to close', () => !tabs().some((t) => textUri(t)?.scheme === 'review-snapshot-rule'));
    const pageAsText = tabs().filter((t) => /\/docs\/rules\//.test(textUri(t)?.path ?? ''));
    assert.deepEqual(
      pageAsText.map((t) => t.label),
      [],
      'no editable text editor of the rule page',
    );
    // The page's text is the shipped page's (read-only: a virtual document, not the file).
    const page = vscode.workspace.textDocuments.find((x) => x.uri.scheme === 'review-snapshot-rule');
    assert.match(page?.getText() ?? '', /^# /m, 'the rendered document holds the rule page');
    await new Promise((r) => setTimeout(r, 2000)); // the preview's webview renders
    await screenshot('rule-page');
    await vscode.window.tabGroups.close(preview);
  });
});
