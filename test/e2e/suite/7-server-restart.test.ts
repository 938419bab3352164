// The server keeps serving: a crashed server is restarted by the client, and Restart Language
// Server starts a fresh one; either way the open snapshot is checked again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { code, open, ours, waitFor } from './util';

/** The language server's process: a child of this extension host, started with its pid. */
function serverPid(): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd: string;
    try {
      cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmd.split('\0');
    if (args.some((a) => a.endsWith('dist/server.js')) && args.includes(`--clientProcessId=${process.pid}`)) return Number(entry);
  }
  return undefined;
}

suite('server lifecycle', () => {
  suiteSetup(function () {
    if (!fs.existsSync('/proc/self/cmdline')) this.skip(); // finding the process needs Linux's /proc
  });

  /** A change after the restart is answered by the new server, and so is its undo. */
  async function answered(editor: vscode.TextEditor): Promise<void> {
    const uri = editor.document.uri;
    const dup = () => ours(uri).some((d) => code(d) === 'metadata/duplicate');
    assert.equal(dup(), false);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(2, 0), 'Date: 2026-03-02\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('metadata/duplicate for the second Date', dup);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor('metadata/duplicate to go after undo', () => !dup());
  }

  test('a server killed with SIGKILL is restarted and checks the snapshot again', async () => {
    const editor = await open('docs/reviews/snapshots/2026-03-01_broken.md');
    const before = await waitFor('the server process', serverPid);
    process.kill(before, 'SIGKILL');
    const after = await waitFor('a new server process', () => {
      const p = serverPid();
      return p !== undefined && p !== before ? p : undefined;
    });
    assert.notEqual(after, before);
    await answered(editor);
  });

  test('Restart Language Server starts a fresh server', async () => {
    const editor = await open('docs/reviews/snapshots/2026-03-01_broken.md');
    const before = await waitFor('the server process', serverPid);
    await vscode.commands.executeCommand('reviewSnapshot.restartServer');
    await waitFor('a new server process', () => {
      const p = serverPid();
      return p !== undefined && p !== before ? p : undefined;
    });
    await answered(editor);
  });
});
