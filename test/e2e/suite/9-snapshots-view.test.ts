// The Snapshots view in the real editor: every snapshot and template of the workspace with its
// verdict (the same as the Problems panel's), a snapshot expanded into its findings by severity,
// its candidates with their journey and its last gate results; clicking a finding reveals its row.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, file, ours, screenshot, waitFor } from './util';

interface ViewItem {
  uri: string;
  rel: string;
  verdict: string;
  errors: number;
  findings: number;
  candidates: number;
}
interface Tree {
  lastGroups: { label: string; items: ViewItem[] }[];
  view?: vscode.TreeView<unknown>;
  getChildren(node?: unknown): Promise<unknown[]>;
  getTreeItem(node: unknown): vscode.TreeItem;
  nodeOf(uri: vscode.Uri): vscode.Uri | undefined;
}

const SNAPSHOT = 'docs/reviews/snapshots/2026-03-05_authoring.md';
const BROKEN = 'docs/reviews/snapshots/2026-03-01_broken.md';
const ran = () => true;
const failed = () => false;
const label = (t: vscode.TreeItem) => (typeof t.label === 'string' ? t.label : (t.label?.label ?? ''));

suite('Snapshots view', () => {
  test('lists every snapshot and template with its verdict; a snapshot expanded shows findings, candidates and gates; a finding reveals its row', async () => {
    const tree = ((await api()) as unknown as { snapshotsView: Tree }).snapshotsView;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('reviewSnapshot.snapshots.focus');
    const items = await waitFor('every verdict worked out', async () => {
      await tree.getChildren();
      const all = tree.lastGroups.flatMap((g) => g.items);
      return all.length >= 4 && all.every((i) => i.verdict !== 'unchecked') && all;
    });
    const by = (rel: string) => items.find((i) => i.uri === file(rel).toString());
    assert.equal(by('docs/reviews/templates/review_snapshot.md')?.verdict, 'template');
    assert.equal(by(BROKEN)?.verdict, 'errors');
    // The view's error count is the Problems panel's for the same file.
    await vscode.workspace.openTextDocument(file(BROKEN));
    await waitFor('the broken snapshot checked', () => ours(file(BROKEN)).length > 0);
    const problems = ours(file(BROKEN)).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    assert.equal(by(BROKEN)?.errors, problems);

    const node = await waitFor('the snapshot node', () => tree.nodeOf(file(SNAPSHOT)));
    const sections = await tree.getChildren(node);
    assert.deepEqual(
      sections.map((s) => label(tree.getTreeItem(s))),
      ['Findings', 'Candidates', 'Last gate results'],
    );
    const candidates = await tree.getChildren(sections[1]);
    assert.ok(
      candidates.some((c) => /pending spec/.test(String(tree.getTreeItem(c).description))),
      'a candidate converted into the workspace pending spec says so',
    );
    const severities = await tree.getChildren(sections[0]);
    const findings = await tree.getChildren(severities[0]);
    const cmd = tree.getTreeItem(findings[0]).command!;
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    const editor = await waitFor('the snapshot revealed', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.toString() === file(SNAPSHOT).toString() && e;
    });
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /^\|\s*P\d/, 'the cursor is on the finding row');

    // The screenshot: the view moved into the panel (the side bar is narrow and the Explorer's
    // folders take most of it), the panel maximized; put back afterwards.
    const moved = await vscode.commands
      .executeCommand('vscode.moveViews', { viewIds: ['reviewSnapshot.snapshots'], destinationId: 'workbench.panel.markers' })
      .then(ran, failed);
    let problemsHidden = false;
    try {
      if (moved) await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel').then(ran, failed);
      // The Problems view hidden there for a moment: the panel's width is the view's.
      problemsHidden = moved && (await vscode.commands.executeCommand('workbench.panel.markers.view.toggleVisibility').then(ran, failed));
      await tree.view!.reveal(node, { expand: 3, select: true, focus: true });
      await screenshot('snapshots-view');
    } finally {
      if (problemsHidden) await vscode.commands.executeCommand('workbench.panel.markers.view.toggleVisibility').then(ran, failed);
      if (moved) {
        await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel').then(ran, failed);
        await vscode.commands.executeCommand('reviewSnapshot.snapshots.resetViewLocation').then(ran, failed);
        await vscode.commands.executeCommand('workbench.action.closePanel');
      }
    }
  });

  test("the context actions get the snapshot as the view passes it (the node, then the selection): Run Gates asks about that snapshot's gates, Convert writes its pending spec", async () => {
    const tree = ((await api()) as unknown as { snapshotsView: Tree }).snapshotsView;
    const hooks = (await api()).testHooks;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await tree.getChildren();
    const gatesOf = tree.nodeOf(file(SNAPSHOT))!;
    let detail = '';
    hooks.confirm = async (_m, d) => {
      detail = d;
      return undefined;
    };
    try {
      const ran = await vscode.commands.executeCommand<{ ran: boolean; reason?: string }>('reviewSnapshot.runGates', gatesOf, [gatesOf]);
      assert.deepEqual([ran.ran, ran.reason], [false, 'declined']);
      assert.match(detail, /1\. echo lint\n2\. echo test/, "the confirmation lists the snapshot's own gates");
      const conforming = tree.nodeOf(file('docs/reviews/snapshots/2026-02-19_self-heal-run.md'))!;
      hooks.confirm = async (_m, _d, items) => items.find((i) => i === 'Apply');
      const out = await vscode.commands.executeCommand<{ written: boolean; pendingUri?: string; errors?: string[]; reason?: string }>(
        'reviewSnapshot.convertToPending',
        conforming,
        [conforming],
      );
      assert.equal(out.errors, undefined, String(out.errors));
      assert.match(out.pendingUri ?? '', /2026-02-19_self-heal-run-pending\.(?:yaml|md)$/, JSON.stringify(out));
    } finally {
      hooks.confirm = undefined;
    }
  });
});
