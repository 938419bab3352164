// A package of a monorepo opened alone in a real VS Code: the repository's configuration file lies
// above the workspace folder (the host puts `.git` and `.review-snapshot.yaml` there). It applies as
// it does in CI, and a change to it (a pull, another editor) re-checks the open snapshot without a
// reload: the server asks VS Code to watch it, outside the workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { code, folder, open, ours, screenshot, waitFor } from '../suite/util';

suite('a package of a monorepo opened alone', () => {
  test("the repository root's configuration applies, and its change on disk re-checks at once", async () => {
    const root = path.dirname(folder().fsPath);
    const config = path.join(root, '.review-snapshot.yaml');
    assert.ok(fs.existsSync(path.join(root, '.git')) && fs.existsSync(config), 'the host made the repository above the folder');
    const editor = await open('docs/reviews/snapshots/2026-03-06_package.md');
    const uri = editor.document.uri;
    const severity = () => ours(uri).find((d) => code(d) === 'table/severity');
    // The file says `table/severity: error` (a warning by default): the root's file is read.
    const first = await waitFor('the severity problem, as an error', () => severity());
    assert.equal(first.severity, vscode.DiagnosticSeverity.Error, first.message);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('config-above-folder');
    // Changed outside VS Code's editors (node's fs, as git would): no save event, only the watcher.
    fs.writeFileSync(config, 'rules:\n  table/severity: off\n');
    await waitFor('the problem to go once the file above the folder changes', () => !severity(), 30000);
    fs.writeFileSync(config, 'rules:\n  table/severity: warning\n');
    const back = await waitFor('the problem back, as a warning', () => severity(), 30000);
    assert.equal(back.severity, vscode.DiagnosticSeverity.Warning);
  });
});
