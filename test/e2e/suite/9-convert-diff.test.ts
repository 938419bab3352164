// Convert Candidates to Pending Spec on a snapshot whose pending spec already exists: the diff
// it shows before asking is closed once the user has answered (Apply or Cancel), so no stale
// "↔ after conversion" tab is left behind.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, file, open, waitFor } from './util';

const SOURCE = 'docs/reviews/snapshots/2026-02-19_self-heal-run.md';
const SNAP = 'docs/reviews/snapshots/2026-02-20_convert-diff.md';
const PENDING = 'specs/governance/pending/2026-02-20_convert-diff-pending.yaml';
const STALE_TITLE = 'An older title the conversion replaces';

const diffTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'review-snapshot-preview');
const read = async (rel: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(file(rel)));

suite('convert: the diff tab', () => {
  let staleSpec = '';
  suiteSetup(async () => {
    await vscode.workspace.fs.writeFile(file(SNAP), await vscode.workspace.fs.readFile(file(SOURCE)));
    // Open, as a user converts it: the server checks the open document.
    await open(SNAP);
    const first = await waitFor('the first conversion (no diff: nothing to compare yet)', async () => {
      const r = await vscode.commands.executeCommand<{ written: boolean; reason?: string; errors?: string[] }>(
        'reviewSnapshot.convertToPending',
        file(SNAP),
      );
      if (!r.written) console.log(`[e2e] conversion not written yet: ${JSON.stringify(r)}`);
      return r.written && r;
    });
    assert.equal(first.written, true);
    staleSpec = (await read(PENDING)).replace(/^( {4}title: ).*$/m, `$1${STALE_TITLE}`);
    assert.ok(staleSpec.includes(STALE_TITLE));
  });

  suiteTeardown(async () => {
    // Leave the workspace as the later tests expect it: no extra snapshot, no extra pending spec.
    for (const t of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
      const uri = t.input instanceof vscode.TabInputText ? t.input.uri.toString() : '';
      if (uri === file(SNAP).toString() || uri === file(PENDING).toString()) await vscode.window.tabGroups.close(t);
    }
    for (const rel of [SNAP, PENDING]) await vscode.workspace.fs.delete(file(rel)).then(undefined, () => undefined);
  });

  async function convertAnswering(answer: string | undefined): Promise<{ written: boolean; reason?: string }> {
    // The pending spec (saved, not dirty) is closed, so the file written here is the one read.
    const open = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === file(PENDING).toString());
    await vscode.window.tabGroups.close(open);
    await vscode.workspace.fs.writeFile(file(PENDING), new TextEncoder().encode(staleSpec));
    const hooks = (await api()).testHooks;
    let diffWhileAsked = 0;
    hooks.confirm = async () => {
      diffWhileAsked = await waitFor('the diff tab', () => diffTabs().length);
      return answer;
    };
    try {
      const r = await vscode.commands.executeCommand<{ written: boolean; reason?: string }>('reviewSnapshot.convertToPending', file(SNAP));
      assert.equal(diffWhileAsked, 1, 'the diff was shown while the question was asked');
      return r;
    } finally {
      hooks.confirm = undefined;
    }
  }

  test('after Apply the diff tab is closed and the pending spec is updated', async () => {
    const r = await convertAnswering('Apply');
    assert.equal(r.written, true);
    assert.deepEqual(diffTabs(), [], 'no diff tab is left open after Apply');
    assert.ok(!(await read(PENDING)).includes(STALE_TITLE), 'the entry was replaced');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file(PENDING).toString(), 'the pending spec is shown');
  });

  test('after Cancel the diff tab is closed and nothing is written', async () => {
    const r = await convertAnswering(undefined);
    assert.equal(r.written, false);
    assert.equal(r.reason, 'declined');
    assert.deepEqual(diffTabs(), [], 'no diff tab is left open after Cancel');
    assert.ok((await read(PENDING)).includes(STALE_TITLE), 'the file is as it was');
  });
});
