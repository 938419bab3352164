// "Compare with Previous Review" and "Compare Two Reviews…": what changed between two reviews,
// as the server's comparison page (the CLI's diff engine; snapshot text escaped there) in
// VS Code's Markdown preview of a read-only virtual document — nothing is written, so both work
// in Restricted Mode. Links on the page open a finding's row in either snapshot and its
// File:Line in the code.
import * as vscode from 'vscode';
import { CompareReviewsRequest, ReviewsRequest, type ReviewListItem } from '../../server/src/protocol';
import { escapeNotification } from '../../server/src/service/shared';
import type { SnapshotClient } from './client';
import { pickOne } from './hooks';

export const COMPARE_SCHEME = 'review-snapshot-compare';
export const COMPARE_PREVIOUS_COMMAND = 'reviewSnapshot.compareWithPrevious';
export const COMPARE_TWO_COMMAND = 'reviewSnapshot.compareReviews';

/** The last page each comparison rendered (the e2e suite reads it). */
export const lastComparison: { uri?: vscode.Uri; markdown?: string } = {};

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** `review-snapshot-compare:/<older> ↔ <newer>.md?<older uri>#<newer uri>`: the name says what, the rest which files. */
function comparisonUri(older: string, newer: string): vscode.Uri {
  const name = `${fileName(older).replace(/\.md$/i, '')} ↔ ${fileName(newer)}`.replace(/[/\\]/g, '_');
  return vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${name}`, query: older, fragment: newer });
}

export function registerCompare(context: vscode.ExtensionContext, sc: SnapshotClient): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: async (uri) => {
        // The preview refuses `file:` links: the page links files through the editor's URL handler.
        const fileLinks = `${vscode.env.uriScheme}://file`;
        const r = await sc.client.sendRequest(CompareReviewsRequest, { older: uri.query, newer: uri.fragment, fileLinks });
        const markdown =
          'error' in r ? `# Review comparison\n\nCould not compare: ${r.error.replace(/[\\`*_[\]<>]/g, '\\$&')}\n` : r.markdown;
        lastComparison.uri = uri;
        lastComparison.markdown = markdown;
        return markdown;
      },
    }),
    vscode.commands.registerCommand(COMPARE_PREVIOUS_COMMAND, (arg?: unknown) => compareWithPrevious(sc, changed, arg)),
    vscode.commands.registerCommand(COMPARE_TWO_COMMAND, () => compareTwo(sc, changed)),
  );
}

/** The snapshot a command was given (a URI, or a tree item holding one), else the active editor's. */
function targetOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  const held = (arg as { resourceUri?: unknown; uri?: unknown } | undefined) ?? {};
  for (const u of [held.resourceUri, held.uri]) {
    if (u instanceof vscode.Uri) return u;
    if (typeof u === 'string') return vscode.Uri.parse(u);
  }
  return vscode.window.activeTextEditor?.document.uri;
}

async function compareWithPrevious(sc: SnapshotClient, changed: vscode.EventEmitter<vscode.Uri>, arg: unknown): Promise<void> {
  const uri = targetOf(arg);
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Open a review snapshot to compare it with the previous review of its prompt.');
    return;
  }
  const r = await sc.client.sendRequest(ReviewsRequest, { uri: uri.toString() });
  if (!r.previous) {
    const choice = await vscode.window.showInformationMessage(
      `No previous review to compare ${escapeNotification(vscode.workspace.asRelativePath(uri))} with: ${escapeNotification(r.noPrevious ?? '')}.`,
      'Compare Two Reviews…',
    );
    if (choice) await compareTwo(sc, changed);
    return;
  }
  await show(r.previous.uri, uri.toString(), changed);
}

async function compareTwo(sc: SnapshotClient, changed: vscode.EventEmitter<vscode.Uri>): Promise<void> {
  const { reviews } = await sc.client.sendRequest(ReviewsRequest, {});
  if (reviews.length < 2) {
    void vscode.window.showInformationMessage('Comparing needs two review snapshots in the workspace.');
    return;
  }
  const label = (r: ReviewListItem) => r.rel;
  const older = await pickOne(reviews.map(label), 'The older review');
  const a = reviews.find((r) => label(r) === older);
  if (!a) return;
  const newer = await pickOne(reviews.filter((r) => r !== a).map(label), `Compare ${a.rel} with… (the newer review)`);
  const b = reviews.find((r) => label(r) === newer);
  if (b) await show(a.uri, b.uri, changed);
}

async function show(older: string, newer: string, changed: vscode.EventEmitter<vscode.Uri>): Promise<void> {
  const uri = comparisonUri(older, newer);
  // Asked anew each time (the snapshots may have changed since an earlier comparison of the pair).
  changed.fire(uri);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}
