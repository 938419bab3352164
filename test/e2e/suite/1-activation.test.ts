import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, open, ours, screenshot, waitFor } from './util';

/** Where the benchmark reads the last run's activation time (git-ignored; see bench/bench.ts). */
const ACTIVATION_FILE = path.resolve(__dirname, '..', '..', '..', '..', 'bench', 'e2e-activation.json');

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

  test('activation time (activate() to the language client ready) is measured, logged and kept for the benchmark', async () => {
    const ms = (await api()).activationMs;
    assert.ok(typeof ms === 'number' && ms > 0, `activationMs: ${ms}`);
    console.log(`[e2e] activation: ${ms} ms from activate() to the language client ready`);
    const record = {
      date: new Date().toISOString(),
      activationMs: ms,
      vscode: vscode.version,
      appHost: vscode.env.appHost,
      cpus: os.cpus().length,
      load: os.loadavg()[0],
    };
    fs.writeFileSync(ACTIVATION_FILE, JSON.stringify(record, null, 2) + '\n');
  });

  test('the walkthrough opens once, on the first activation (Get Started)', async () => {
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    // Nobody opened it: the extension did, on its first activation in this fresh profile.
    await waitFor('the walkthrough tab', () => tabs().find((t) => /welcome|get started|walkthrough/i.test(t.label)));
    // Brought to the front for the picture (the test opened a snapshot over it).
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#welcome`, false);
    await screenshot('walkthrough');
    for (const t of tabs().filter((x) => /welcome|get started|walkthrough/i.test(x.label))) await vscode.window.tabGroups.close(t);
  });
});
