// Comparing two reviews in the real editor: two runs of one prompt, the later one with a finding
// moved and re-worded, one dropped and one new; "Compare with Previous Review" on the later one
// opens the comparison in the Markdown preview (screenshot `compare-reviews`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, file, folder, open, screenshot, waitFor } from './util';

const OLD = 'docs/reviews/snapshots/2026-03-10_compare-run.md';
const NEW = 'docs/reviews/snapshots/2026-03-17_compare-run.md';
const ROW = '| P2 | Verified | src/a.ts:3 | The third constant is misnamed. | Readers trip on it. | Always. | Rename it. |';

/** The workspace's example snapshot as a run of the compare prompt on `date`, with these Findings rows. */
function run(date: string, rows: string[]): string {
  const example = fs.readFileSync(path.join(folder().fsPath, 'docs/reviews/snapshots/2026-02-19_self-heal-run.md'), 'utf8');
  assert.ok(example.includes(ROW));
  return example
    .replace(/^Date: .*$/m, `Date: ${date}`)
    .replace(/^Prompt: .*$/m, 'Prompt: `docs/reviews/prompts/compare.md`')
    .replace(ROW, rows.join('\n'));
}

suite('comparing reviews', () => {
  suiteTeardown(() => {
    for (const rel of [OLD, NEW]) fs.rmSync(file(rel).fsPath, { force: true });
  });

  test('Compare with Previous Review shows the findings by state in the Markdown preview, linked to their rows', async () => {
    fs.writeFileSync(
      file(OLD).fsPath,
      run('2026-03-10', [ROW, '| P1 | Verified | src/a.ts:1 | Retries are not logged. | Failures vanish. | On retry. | Log each retry. |']),
    );
    fs.writeFileSync(
      file(NEW).fsPath,
      run('2026-03-17', [
        '| P1 | Verified | src/a.ts:5 | The third constant is misnamed. | Readers trip on it. | Always. | Rename it. |',
        '| P3 | Hypothesis | src/a.ts:2 | The <b>second</b> constant is *unused*. | Dead code. | Always. | Remove it. |',
      ]),
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await open(NEW);
    const client = (await api()) as unknown as { client: { sendRequest(m: string, p: unknown): Promise<{ previous?: { uri: string } }> } };
    // The workspace index sees the new files through the file watcher.
    await waitFor(
      'the previous review in the index',
      async () => (await client.client.sendRequest('reviewSnapshot/reviews', { uri: editor.document.uri.toString() })).previous,
      20000,
    );
    await vscode.commands.executeCommand('reviewSnapshot.compareWithPrevious');
    const page = await waitFor('the comparison document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'review-snapshot-compare'),
    );
    const text = page.getText();
    assert.match(
      text,
      /### Updated \(1\)\n\n- \*\*P2 → P1\*\* \[src\/a\\\.ts:5\]\(<[\w.+-]+:\/\/file\/[^>]+\/src\/a\.ts:5>\) \(was src\/a\\\.ts:3\)/,
    );
    assert.match(text, /### New \(1\)[\s\S]*The \\<b\\>second\\<\/b\\> constant is \\\*unused\\\*/);
    assert.match(text, /### Absent \(resolved or dropped\) \(1\)[\s\S]*Retries are not logged/);
    assert.match(text, /\[older row \d+\]\(<[\w.+-]+:\/\/file\/[^>]+2026-03-10_compare-run\.md:\d+>\)/);
    const preview = await waitFor('the Markdown preview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /compare-run/.test(t.label) && /Preview/.test(t.label)),
    );
    assert.ok(preview.isActive, 'the preview is shown');
    // The preview is a webview: give it time to render before the picture.
    await new Promise((r) => setTimeout(r, 6000));
    await screenshot('compare-reviews');
  });
});
