// The task side: configured gates under Tasks: Run Task; Check Workspace filling the Problems
// panel for files nobody opened, each finding once; the CLI task adding no second copy.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { code, file, screenshot, waitFor } from './util';

suite('tasks', () => {
  const unopened = 'docs/reviews/snapshots/2026-04-01_never-opened.md';

  teardown(async () => {
    await vscode.workspace.getConfiguration('reviewSnapshot').update('gates', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(file(unopened).fsPath, { force: true });
  });

  test('configured gates are offered as review-snapshot-gate tasks, run from the folder root', async () => {
    await vscode.workspace
      .getConfiguration('reviewSnapshot')
      .update('gates', [{ label: 'lint', command: 'npm run lint' }, 'echo hi'], vscode.ConfigurationTarget.Workspace);
    const tasks = await waitFor('the gate tasks', async () => {
      const t = await vscode.tasks.fetchTasks({ type: 'review-snapshot-gate' });
      return t.length === 2 ? t : undefined;
    });
    assert.deepEqual(
      tasks.map((t) => t.name),
      ['lint', 'echo hi'],
    );
    const exec = tasks[0].execution as vscode.ShellExecution;
    assert.equal(exec.commandLine, 'npm run lint');
    assert.equal(exec.options?.cwd, vscode.workspace.workspaceFolders![0].uri.fsPath);
  });

  test('Check Workspace lists every snapshot once, unopened ones included; the CLI task adds no second copy', async () => {
    // Written to disk, never opened: only the workspace check can report on it.
    fs.writeFileSync(file(unopened).fsPath, '# Review Snapshot\n\nDate: 2026-04-01\nModel: m\n');
    const broken = file('docs/reviews/snapshots/2026-03-01_broken.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(broken), { preview: false });
    const live = await waitFor('live diagnostics on the open snapshot', () => {
      const d = vscode.languages.getDiagnostics(broken);
      return d.length ? d : undefined;
    });
    const summary = await vscode.commands.executeCommand<{ snapshots: number; errors: number }>('reviewSnapshot.checkWorkspace');
    assert.ok(summary.snapshots >= 3, `${summary.snapshots} snapshots checked`);
    const diags = await waitFor('diagnostics on the unopened snapshot', () => {
      const d = vscode.languages.getDiagnostics(file(unopened));
      return d.length ? d : undefined;
    });
    const missing = diags.find((d) => code(d) === 'metadata/missing' && /"Prompt"/.test(d.message));
    assert.ok(missing, `metadata/missing for Prompt among ${diags.map((d) => `${code(d)}: ${d.message}`).join('; ')}`);
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    const key = (d: vscode.Diagnostic) => `${code(d)}@${d.range.start.line}:${d.range.start.character} ${d.message}`;
    const once = (uri: vscode.Uri) => {
      const keys = vscode.languages.getDiagnostics(uri).map(key);
      assert.equal(new Set(keys).size, keys.length, `each finding once: ${keys.join(' | ')}`);
      return keys.length;
    };
    assert.equal(once(broken), live.length, 'the open snapshot: the same findings as before, once each');
    const unopenedCount = once(file(unopened));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('check-workspace-problems');

    const tasks = await vscode.tasks.fetchTasks({ type: 'review-snapshot' });
    const task = tasks.find((t) => t.name === 'Validate Workspace (CLI)');
    assert.ok(task, `the CLI task is offered (offered: ${tasks.map((t) => t.name).join(', ')})`);
    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.name === 'Validate Workspace (CLI)') {
          sub.dispose();
          resolve(e.exitCode);
        }
      });
    });
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, 1, 'the CLI exits 1: the workspace has broken snapshots');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(once(broken), live.length, 'no second copy from the task');
    assert.equal(once(file(unopened)), unopenedCount);
  });
});
