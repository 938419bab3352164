// Runs in a workspace nobody trusted (Restricted Mode), whose settings and snapshot both name
// gate commands that would leave a file behind: nothing may run, and the editor features that
// run nothing keep working.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, code, file, hostHasMcpApi, mcpDefinitions, open, ours, waitFor } from '../suite/util';

interface Summary {
  ran: boolean;
  reason?: string;
}

suite('Restricted Mode (untrusted workspace)', () => {
  test('the workspace is untrusted, and the extension is not active before a Markdown file is opened', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension installed');
    // No reviews/snapshots folder and nothing open: no activation event has fired.
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(ext.isActive, false);
    const editor = await open('notes/review.md');
    await waitFor('the extension to activate on the snapshot', () => ext.isActive);
    // Diagnostics run nothing, so they work in Restricted Mode too (a snapshot by its title).
    await waitFor('the severity warning', () => ours(editor.document.uri).some((d) => code(d) === 'table/severity'));
  });

  test('Run Gates runs nothing: not the setting gates, not the document gates, and it says why', async () => {
    await open('notes/review.md');
    const hooks = (await api()).testHooks;
    let asked = 0;
    hooks.confirm = async (_m, _d, items) => {
      asked++;
      return items.find((i) => i === 'Run');
    };
    const s = await vscode.commands.executeCommand<Summary>('reviewSnapshot.runGates');
    assert.equal(s.ran, false);
    assert.equal(s.reason, 'untrusted');
    assert.equal(asked, 0, 'no confirmation is even offered');
    // (Tasks: VS Code itself asks for trust before it lists or runs any task in Restricted
    // Mode, so the gate task provider, which offers nothing when untrusted, is not reached here.)
    await new Promise((r) => setTimeout(r, 1500));
    for (const f of ['setting-gate-ran.txt', 'document-gate-ran.txt']) {
      assert.equal(fs.existsSync(file(f).fsPath), false, `${f} was created: a gate ran`);
    }
  });

  test('no MCP server is offered to agent mode: the server writes files, and nobody trusted this folder', async function () {
    if (!hostHasMcpApi()) {
      console.log(`[e2e] skipped: VS Code ${vscode.version} has no vscode.lm.registerMcpServerDefinitionProvider (1.101+)`);
      return this.skip();
    }
    await open('notes/review.md');
    // Registered (so trust granted later can offer it), but it provides nothing while untrusted.
    assert.deepEqual(await mcpDefinitions(), []);
  });

  test('the Snapshots view works read-only: the snapshot with its verdict, expanded into its findings and gates; Run Gates and Convert are not offered on it', async () => {
    await open('notes/review.md');
    type Tree = {
      lastGroups: { items: { uri: string; verdict: string; findings: number }[] }[];
      getChildren(node?: unknown): Promise<unknown[]>;
      getTreeItem(node: unknown): vscode.TreeItem;
      nodeOf(uri: vscode.Uri): unknown;
    };
    const tree = ((await api()) as unknown as { snapshotsView: Tree }).snapshotsView;
    const item = await waitFor('the snapshot listed with its verdict', async () => {
      await tree.getChildren();
      const it = tree.lastGroups.flatMap((g) => g.items).find((i) => i.uri === file('notes/review.md').toString());
      return it && it.verdict !== 'unchecked' && it;
    });
    assert.equal(item.findings, 1);
    const sections = await tree.getChildren(tree.nodeOf(file('notes/review.md')));
    const labels = sections.map((s) => String(tree.getTreeItem(s).label));
    assert.ok(labels.includes('Findings') && labels.includes('Last gate results'), labels.join(', '));
    // The context actions that run or write are declared for a trusted workspace only.
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as {
      command: string;
      when: string;
    }[];
    for (const m of menus.filter((x) => ['reviewSnapshot.runGates', 'reviewSnapshot.convertToPending'].includes(x.command))) {
      assert.match(m.when, /&& isWorkspaceTrusted\b/, `${m.command}: ${m.when}`);
    }
  });
});
