// The task side: configured gates under Tasks: Run Task, and Validate Workspace filling the
// Problems panel through the $review-snapshot problem matcher, for files nobody opened.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { code, file, waitFor } from './util';

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

  test('Validate Workspace runs the CLI over every snapshot and its findings reach the Problems panel', async () => {
    // Written to disk, never opened: only the task can report on it.
    fs.writeFileSync(file(unopened).fsPath, '# Review Snapshot\n\nDate: 2026-04-01\nModel: m\n');
    const task = (await vscode.tasks.fetchTasks({ type: 'review-snapshot' })).find((t) => t.name === 'Validate Workspace');
    assert.ok(task, 'the Validate Workspace task is offered');
    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.name === 'Validate Workspace') {
          sub.dispose();
          resolve(e.exitCode);
        }
      });
    });
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, 1, 'the CLI exits 1: the workspace has broken snapshots');
    const diags = await waitFor('problem-matcher diagnostics on the unopened snapshot', () => {
      const d = vscode.languages.getDiagnostics(file(unopened));
      return d.length ? d : undefined;
    });
    const missing = diags.find((d) => code(d) === 'metadata/missing' && /"Prompt"/.test(d.message));
    assert.ok(missing, `metadata/missing for Prompt among ${diags.map((d) => `${code(d)}: ${d.message}`).join('; ')}`);
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(missing.source, 'review-snapshot');
  });
});
