// Finding freshness in the real editor: a snapshot in a git repository (built here, inside the
// workspace) cites a line that was edited since its Repo revision; the cite gets a
// freshness/changed diagnostic, and its hover shows the line as the review saw it beside the line now.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { code, folder, ours, screenshot, waitFor } from './util';

function git(cwd: string, ...args: string[]): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'e2e',
    GIT_AUTHOR_EMAIL: 'e2e@example.com',
    GIT_COMMITTER_NAME: 'e2e',
    GIT_COMMITTER_EMAIL: 'e2e@example.com',
  };
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
}

const CODE = Array.from({ length: 30 }, (_, i) => `export const step${i + 1} = run(${i + 1});`).join('\n') + '\n';

/** The workspace's example snapshot, at `revision`, with its finding citing line 12 of src/steps.ts. */
function snapshot(revision: string): string {
  const example = fs.readFileSync(path.join(folder().fsPath, 'docs/reviews/snapshots/2026-02-19_self-heal-run.md'), 'utf8');
  const row = '| P2 | Verified | src/a.ts:3 | The third constant is misnamed. | Readers trip on it. | Always. | Rename it. |';
  assert.ok(example.includes(row));
  return example
    .replaceAll('7ea2a63', revision)
    .replace(
      row,
      '| P2 | Verified | src/steps.ts:12 | Step 12 runs without a timeout. | A hung step blocks the lane. | Always. | Pass a timeout. |',
    );
}

suite('finding freshness', () => {
  test('a cite whose line was edited since the Repo revision: a freshness/changed diagnostic, and the hover shows the line then and now', async () => {
    const repo = path.join(folder().fsPath, 'fresh');
    fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(repo, 'src', 'steps.ts'), CODE);
    // The example's schema (its Contract baseline refs name it); its other paths are not this test's subject.
    fs.cpSync(path.join(folder().fsPath, 'specs', 'schema'), path.join(repo, 'specs', 'schema'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.review-snapshot.yaml'), 'links:\n  validate: false\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'steps');
    const r = git(repo, 'rev-parse', '--short', 'HEAD');
    const rel = 'docs/reviews/snapshots/2026-02-19_steps.md';
    fs.mkdirSync(path.join(repo, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), snapshot(r));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'review');
    const now = '// steps of the lane\n\n' + CODE.replace('run(12);', 'run(12, { timeoutMs: 30_000 });');
    fs.writeFileSync(path.join(repo, 'src', 'steps.ts'), now);
    git(repo, 'commit', '-qam', 'timeout for step 12');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(repo, rel)));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const d = await waitFor('the freshness diagnostic', () => ours(doc.uri).find((x) => code(x) === 'freshness/changed'), 30000);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.match(d.message, /src\/steps\.ts:12 is changed since [0-9a-f]{7}, now src\/steps\.ts:14/);
    assert.deepEqual(
      ours(doc.uri).filter((x) => x.severity !== vscode.DiagnosticSeverity.Information),
      [],
      'the example snapshot is otherwise clean',
    );

    const at = d.range.start.translate(0, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /As the review saw it[\s\S]*run\(12\);/);
    assert.match(text, /Now[\s\S]*run\(12, \{ timeoutMs: 30_000 \}\);/);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(d.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('freshness-hover');
    await vscode.commands.executeCommand('editor.action.hideHover');
  });
});
