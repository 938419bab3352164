// Gates as VS Code tasks (task type `review-snapshot-gate`) and the Validate Workspace (CLI) task
// (task type `review-snapshot`): the CLI run as CI runs it, reading the same configuration file.
// It has no problem matcher: the live diagnostics (and Check Workspace) already list every
// finding, and two collections would list each twice. The `$review-snapshot` matcher stays
// contributed for tasks of your own.
import * as vscode from 'vscode';
import { VALIDATE_TASK_ARGS } from '../../server/src/protocol';
import { configuredGates, type GateSpec } from './config';

export const GATE_TASK_TYPE = 'review-snapshot-gate';
export const VALIDATE_TASK_TYPE = 'review-snapshot';

interface GateDefinition extends vscode.TaskDefinition {
  command: string;
  label?: string;
}

export function gateTask(folder: vscode.WorkspaceFolder, gate: GateSpec): vscode.Task {
  const def: GateDefinition = { type: GATE_TASK_TYPE, command: gate.command, label: gate.label };
  const task = new vscode.Task(
    def,
    folder,
    gate.label,
    'review-snapshot',
    new vscode.ShellExecution(gate.command, { cwd: folder.uri.fsPath }),
    [],
  );
  task.presentationOptions = {
    reveal: vscode.TaskRevealKind.Always,
    panel: vscode.TaskPanelKind.Shared,
    clear: false,
    showReuseMessage: false,
  };
  return task;
}

function validateTask(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder): vscode.Task {
  const cli = context.asAbsolutePath('dist/cli.js');
  // The editor's own runtime runs the CLI, so the task needs no Node.js on the PATH.
  const exec = new vscode.ProcessExecution(process.execPath, [cli, ...VALIDATE_TASK_ARGS], {
    cwd: folder.uri.fsPath,
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
  const task = new vscode.Task(
    { type: VALIDATE_TASK_TYPE, task: 'validate' },
    folder,
    'Validate Workspace (CLI)',
    'review-snapshot',
    exec,
    [],
  );
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always };
  return task;
}

export function registerTasks(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.tasks.registerTaskProvider(GATE_TASK_TYPE, {
      // Only configured gates are offered: document gates need the confirmation of Run Gates.
      provideTasks: () => {
        if (!vscode.workspace.isTrusted) return [];
        const out: vscode.Task[] = [];
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          for (const g of configuredGates(folder.uri) ?? []) out.push(gateTask(folder, g));
        }
        return out;
      },
      resolveTask: (task) => {
        const def = task.definition as GateDefinition;
        if (!vscode.workspace.isTrusted || typeof def.command !== 'string' || !def.command.trim()) return undefined;
        const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
        return folder ? gateTask(folder, { label: def.label ?? def.command, command: def.command }) : undefined;
      },
    }),
    vscode.tasks.registerTaskProvider(VALIDATE_TASK_TYPE, {
      provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((f) => validateTask(context, f)),
      resolveTask: (task) => {
        const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
        return folder ? validateTask(context, folder) : undefined;
      },
    }),
  );
}
