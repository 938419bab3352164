// Review Snapshot: Convert Candidates to Pending Spec. The server computes the text and the
// WorkspaceEdit; the client shows what changes, asks, and applies it (undoable).
import * as vscode from 'vscode';
import { PendingRequest } from '../../server/src/protocol';
import { escapeNotification, visibleControls } from '../../server/src/service/shared';
import type { SnapshotClient } from './client';
import { confirmModal } from './hooks';
import { openedSnapshot } from './snapshotsView';

const PREVIEW_SCHEME = 'review-snapshot-preview';
const previews = new Map<string, string>();

export function registerPreviewProvider(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '',
    }),
  );
}

/** Closes every tab showing the conversion's diff (its right side is the preview document). */
async function closeDiff(preview: vscode.Uri): Promise<void> {
  const key = preview.toString();
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === key);
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

export interface ConvertOutcome {
  written: boolean;
  pendingUri?: string;
  errors?: string[];
  reason?: string;
}

export async function convertToPending(sc: SnapshotClient, uriArg?: string | vscode.Uri, idsArg?: unknown): Promise<ConvertOutcome> {
  // From a view's context menu the second argument is the selected nodes, not candidate ids.
  const ids = Array.isArray(idsArg) && idsArg.every((i) => typeof i === 'string') ? (idsArg as string[]) : undefined;
  const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : (uriArg ?? vscode.window.activeTextEditor?.document.uri);
  if (!uri) {
    void vscode.window.showWarningMessage('Open a review snapshot to convert its candidates.');
    return { written: false, reason: 'no-document' };
  }
  // A snapshot named by the Snapshots view may be closed: the server converts an open document.
  if (uri.scheme === 'file' && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
    await openedSnapshot(sc, uri);
  }
  const res = await sc.client.sendRequest(PendingRequest, { uri: uri.toString(), ids });
  if (!res.ok) {
    const list = res.errors.slice(0, 5).map((e) => `line ${e.range.start.line + 1}: ${escapeNotification(e.message)}`);
    const more = res.errors.length > 5 ? ` (and ${res.errors.length - 5} more)` : '';
    void vscode.window
      .showErrorMessage(
        `Nothing was written: ${res.errors.length === 1 ? 'the snapshot has a problem' : `the snapshot has ${res.errors.length} contract errors`} — ${list.join('; ')}${more}`,
        'Show Problems',
      )
      .then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
    return { written: false, errors: res.errors.map((e) => e.message), reason: 'invalid' };
  }
  const target = vscode.Uri.parse(res.pendingUri);
  if (res.exists) {
    if (res.before === res.after) {
      void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(target)} is already up to date.`);
      return { written: false, pendingUri: res.pendingUri, reason: 'unchanged' };
    }
    // Show what will change before anything is written.
    const preview = target.with({ scheme: PREVIEW_SCHEME, query: String(Date.now()) });
    previews.set(preview.toString(), res.after);
    await vscode.commands.executeCommand('vscode.diff', target, preview, `${vscode.workspace.asRelativePath(target)} ↔ after conversion`, {
      preview: true,
    });
    const choice = await confirmModal(
      `Update ${vscode.workspace.asRelativePath(target)}?`,
      `The entries of ${visibleControls(res.ids.join(', '))} are replaced; every other entry, comment and edit in the file is kept. The diff shows the change.`,
      'Apply',
    );
    // The diff has said what it had to: closed on Apply and on Cancel alike (the file is shown next).
    await closeDiff(preview);
    previews.delete(preview.toString());
    if (choice !== 'Apply') return { written: false, pendingUri: res.pendingUri, reason: 'declined' };
  }
  const edit = await sc.client.protocol2CodeConverter.asWorkspaceEdit(res.edit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Could not update ${vscode.workspace.asRelativePath(target)}.`);
    return { written: false, pendingUri: res.pendingUri, reason: 'edit-failed' };
  }
  const doc = await vscode.workspace.openTextDocument(target);
  await doc.save();
  await vscode.window.showTextDocument(doc, { preview: false });
  void vscode.window.showInformationMessage(
    `Pending spec for ${escapeNotification(res.ids.join(', '))} written to ${vscode.workspace.asRelativePath(target)}` +
      (res.format ? ` (${res.format}: ${escapeNotification(res.formatWhy ?? '')}).` : '.'),
  );
  return { written: true, pendingUri: res.pendingUri };
}
