// The authoring handlers: completion, document and workspace symbols, definition, references,
// highlights, rename, folding and code lenses. Each answers from the current check of the
// document through the service; a document that is not a snapshot (or a position where nothing
// is) gets an empty answer, never an error — except a refused rename, which says why.
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError, type Position, type WorkspaceEdit } from 'vscode-languageserver/node';
import {
  type AuthoringRequest,
  type CheckResult,
  type IndexEntry,
  type RenameOutcome,
  triggerMayComplete,
  isPendingPath,
} from '../service/index';
import type { FeatureDeps } from './features';
import { filePath } from './folders';

/**
 * What the service needs to know about a document beyond its text; its settings are those its
 * checks use (the file's recipe: the configuration file over the editor settings), so a pending
 * directory or schema the repository configures is the one navigation and completion follow.
 */
export async function authoringRequest(d: FeatureDeps, uri: string, version?: number): Promise<AuthoringRequest> {
  return {
    uri,
    root: d.folders.rootOf(uri),
    opened: d.folders.folderOf(uri),
    file: filePath(uri),
    settings: await d.checker.settingsFor(uri),
    version,
    openText: (abs) => d.documents.get(pathToFileURL(abs).toString())?.getText(),
  };
}

/** The current check of a snapshot, with its version; undefined for any other document. */
async function snapshotOf(d: FeatureDeps, uri: string): Promise<{ result: CheckResult; version: number } | undefined> {
  const cur = await d.validator.current(uri);
  return cur?.state.snapshot && cur.state.result ? { result: cur.state.result, version: cur.doc.version } : undefined;
}

/** A request in a pending spec: the id at the position, and its snapshot's check and request. */
async function fromPending(d: FeatureDeps, uri: string, pos: Position) {
  const doc = d.documents.get(uri);
  const file = filePath(uri);
  const root = d.folders.rootOf(uri);
  if (!doc || !file || !root) return undefined;
  const settings = await d.checker.settingsFor(uri);
  if (!isPendingPath(d.folders.relPath(uri) ?? '', settings.pending.directory)) return undefined;
  const hit = d.service.pendingIdAt(doc.getText(), file, pos, root);
  if (!hit?.snapshot) return undefined;
  const snapUri = pathToFileURL(hit.snapshot).toString();
  const req = await authoringRequest(d, snapUri);
  const open = d.documents.get(snapUri) ? await snapshotOf(d, snapUri) : undefined;
  const result = open?.result ?? d.service.checkFile(hit.snapshot, root, req.settings, req.openText);
  const nav = result && d.service.byId(result, hit.id, req);
  return nav?.known ? { ...nav, id: hit.id, range: hit.range } : undefined;
}

function renamed(outcome: RenameOutcome | undefined): WorkspaceEdit | null {
  if (!outcome) return null;
  // A refusal is the one answer that is an error: the editor shows its message in the rename box.
  if ('error' in outcome) throw new ResponseError(ErrorCodes.InvalidRequest, outcome.error);
  return outcome.edit;
}

export function registerAuthoring(d: FeatureDeps): void {
  const { connection, service } = d;
  connection.onCompletion(async (p) => {
    const doc = d.documents.get(p.textDocument.uri);
    const before = doc?.getText({ start: { line: p.position.line, character: 0 }, end: p.position }) ?? '';
    if (!triggerMayComplete(before, p.context?.triggerCharacter)) return null;
    const s = await snapshotOf(d, p.textDocument.uri);
    if (!s) return null;
    const req = await authoringRequest(d, p.textDocument.uri, s.version);
    return service.completion(s.result, req, { position: p.position, trigger: p.context?.triggerCharacter });
  });
  connection.onDocumentSymbol(async (p) => {
    const s = await snapshotOf(d, p.textDocument.uri);
    return s ? service.documentSymbols(s.result) : [];
  });
  connection.onFoldingRanges(async (p) => {
    const s = await snapshotOf(d, p.textDocument.uri);
    return s ? service.foldingRanges(s.result) : [];
  });
  connection.onCodeLens(async (p) => {
    const s = await snapshotOf(d, p.textDocument.uri);
    return s ? service.codeLenses(s.result, await authoringRequest(d, p.textDocument.uri, s.version)) : [];
  });
  connection.onDocumentHighlight(async (p) => {
    const s = await snapshotOf(d, p.textDocument.uri);
    return s ? service.highlights(s.result, p.position) : [];
  });
  registerNavigation(d);
  connection.onWorkspaceSymbol(async (p) => {
    await d.indexer?.ready();
    return service.workspaceSymbols(p.query, openEntries(d));
  });
}

function registerNavigation(d: FeatureDeps): void {
  const { connection, service } = d;
  connection.onDefinition(async (p) => {
    const uri = p.textDocument.uri;
    const s = await snapshotOf(d, uri);
    if (s) return service.definition(s.result, p.position, await authoringRequest(d, uri));
    return (await fromPending(d, uri, p.position))?.definition() ?? [];
  });
  connection.onReferences(async (p) => {
    const uri = p.textDocument.uri;
    const s = await snapshotOf(d, uri);
    const include = p.context.includeDeclaration;
    if (s) return service.references(s.result, p.position, await authoringRequest(d, uri), include);
    return (await fromPending(d, uri, p.position))?.references(include) ?? [];
  });
  connection.onPrepareRename(async (p) => {
    const s = await snapshotOf(d, p.textDocument.uri);
    if (s) return service.prepareRename(s.result, p.position);
    const hit = await fromPending(d, p.textDocument.uri, p.position);
    return hit ? { range: hit.range, placeholder: hit.id } : null;
  });
  connection.onRenameRequest(async (p) => {
    const uri = p.textDocument.uri;
    const s = await snapshotOf(d, uri);
    if (s) return renamed(service.rename(s.result, p.position, p.newName, await authoringRequest(d, uri, s.version)));
    return renamed((await fromPending(d, uri, p.position))?.rename(p.newName));
  });
}

/** The index entries of the open snapshots whose check is done (their text may be newer than the disk). */
function openEntries(d: FeatureDeps): Map<string, IndexEntry> {
  const out = new Map<string, IndexEntry>();
  for (const doc of d.documents.all()) {
    const result = d.validator.ready(doc.uri);
    const file = filePath(doc.uri);
    const root = d.folders.rootOf(doc.uri);
    if (result && file && root) out.set(file, d.service.indexEntry(root, file, result));
  }
  return out;
}
