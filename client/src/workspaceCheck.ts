// Review Snapshot: Check Workspace — the server checks every snapshot of the workspace and
// publishes the findings (for files that are not open too): one collection of problems, each
// listed once. Also run when the workspace opens, with `reviewSnapshot.checkWorkspaceOnStartup`.
import * as vscode from 'vscode';
import { CheckWorkspaceRequest, checkWorkspaceSummary, type CheckWorkspaceResult } from '../../server/src/protocol';
import type { SnapshotClient } from './client';

export async function checkWorkspace(sc: SnapshotClient, quiet = false): Promise<CheckWorkspaceResult> {
  const r = await sc.client.sendRequest(CheckWorkspaceRequest, {});
  const text = `Review Snapshot: ${checkWorkspaceSummary(r)}.`;
  if (!quiet) {
    void vscode.window
      .showInformationMessage(text, 'Show Problems')
      .then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
  }
  return r;
}

export function registerWorkspaceCheck(context: vscode.ExtensionContext, sc: SnapshotClient): void {
  context.subscriptions.push(vscode.commands.registerCommand('reviewSnapshot.checkWorkspace', () => checkWorkspace(sc)));
  if (vscode.workspace.getConfiguration('reviewSnapshot').get<boolean>('checkWorkspaceOnStartup')) void checkWorkspace(sc, true);
}
