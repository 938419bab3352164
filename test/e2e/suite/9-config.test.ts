// The repository configuration file in a real VS Code: a rule override takes effect in the open
// snapshot without a reload; a problem in the file is shown in the file, at its line.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { code, file, ours, screenshot, waitFor } from './util';

/** Written through VS Code's file service, as an editor save would be (its watchers see it at once). */
async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
}

suite('configuration file', () => {
  const CONFIG = '.review-snapshot.yaml';
  const SNAPSHOT = 'docs/reviews/snapshots/2026-03-03_config.md';
  teardown(() => {
    fs.rmSync(file(CONFIG).fsPath, { force: true });
    fs.rmSync(file(SNAPSHOT).fsPath, { force: true });
  });

  test('turning a rule off in .review-snapshot.yaml changes the open snapshot at once; a bad key is shown in the file', async () => {
    // A snapshot with a contract error (no Model) and a convention warning (severity "High").
    const source = fs.readFileSync(file('docs/reviews/snapshots/2026-03-01_broken.md').fsPath, 'utf8');
    // (An earlier test may have fixed the fixture's missing Model in place: take it out again.)
    await write(file(SNAPSHOT), source.replace('| P2 | Verified |', '| High | Verified |').replace(/^Model: .*\n/m, ''));
    const broken = file(SNAPSHOT);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(broken), { preview: false });
    const has = (rule: string) => ours(broken).some((d) => code(d) === rule);
    await waitFor('the severity warning', () => has('table/severity'));
    await write(file(CONFIG), '# This repository writes severities in words.\nrules:\n  table/severity: off\n');
    // Contract errors stay: only the convention rule is off.
    await waitFor('the warning to go, with no reload', () => has('metadata/missing') && !has('table/severity'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file(CONFIG)), {
      preview: false,
      viewColumn: vscode.ViewColumn.Beside,
    });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('config-rule-off');

    await write(file(CONFIG), 'rules:\n  table/severity: off\n  metadata/missing: off\n');
    const inFile = await waitFor('the problem shown in the configuration file', () => {
      const d = ours(file(CONFIG));
      return d.length ? d : undefined;
    });
    assert.equal(inFile[0].range.start.line, 2);
    assert.match(inFile[0].message, /"metadata\/missing" is a contract rule/);
    await waitFor('the snapshot to say its configuration is invalid', () => has('config/invalid'));
    await write(file(CONFIG), 'rules:\n  table/severity: off\n');
    await waitFor('the problem to clear', () => ours(file(CONFIG)).length === 0 && !has('config/invalid'));
  });
});
