// The freshness hover's "open at R": the cited file as it was at the review's revision, read-only
// (a text document content provider: nothing is written), at the cited line. The text comes from
// the server's git layer (`reviewSnapshot/fileAtRevision`), which checks the path and revision.
import * as vscode from 'vscode';
import { FileAtRevisionRequest, OpenAtRevisionClientCommand, type OpenAtRevisionArgs } from '../../server/src/protocol';
import { escapeNotification } from '../../server/src/service/shared';
import type { SnapshotClient } from './client';

export const REVISION_SCHEME = 'review-snapshot-rev';

/** `review-snapshot-rev:/<path>?<revision>#<snapshot uri>`: the path keeps the file's name (its language), the rest says where from. */
function revisionUri(a: OpenAtRevisionArgs): vscode.Uri {
  return vscode.Uri.from({ scheme: REVISION_SCHEME, path: `/${a.path}`, query: a.revision, fragment: a.uri });
}

export function registerAtRevision(context: vscode.ExtensionContext, sc: SnapshotClient): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(REVISION_SCHEME, {
      provideTextDocumentContent: async (uri) => {
        const res = await sc.client.sendRequest(FileAtRevisionRequest, { uri: uri.fragment, path: uri.path.slice(1), revision: uri.query });
        if ('error' in res) throw new Error(res.error);
        return res.text;
      },
    }),
    vscode.commands.registerCommand(OpenAtRevisionClientCommand, (a: OpenAtRevisionArgs) => openAtRevision(a)),
  );
}

async function openAtRevision(a: OpenAtRevisionArgs): Promise<void> {
  if (!a || typeof a.path !== 'string' || typeof a.revision !== 'string' || typeof a.uri !== 'string') return;
  try {
    const doc = await vscode.workspace.openTextDocument(revisionUri(a));
    const line = Math.max(0, Math.min(doc.lineCount - 1, (Number(a.line) || 1) - 1));
    const at = new vscode.Range(line, 0, line, 0);
    await vscode.window.showTextDocument(doc, { selection: at, preview: true });
  } catch (e) {
    void vscode.window.showErrorMessage(
      `Could not open ${escapeNotification(a.path)} at ${escapeNotification(a.revision.slice(0, 7))}: ${escapeNotification((e as Error)?.message ?? String(e))}`,
    );
  }
}
