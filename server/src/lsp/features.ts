// The feature handlers: each answers from the current check of the document, through the service.
import { pathToFileURL } from 'node:url';
import type { Connection, Hover, TextDocuments, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CheckWorkspaceRequest,
  FileAtRevisionRequest,
  GatesRequest,
  PendingRequest,
  RecordResultsRequest,
  SkeletonRequest,
  type PendingParams,
  type PendingResult,
  type RecordResultsResult,
} from '../protocol';
import { DEFAULTS, type PendingPlan, type SnapshotService } from '../service/index';
import { authoringRequest, registerAuthoring } from './authoring';
import { filePath, type Folders } from './folders';
import type { SettingsStore } from './settings';
import type { Checker } from './checker';
import type { IndexRunner } from './symbolIndex';
import type { Prompts } from './prompts';
import type { Validator } from './validation';
import type { FreshnessRunner } from './freshness';

export interface FeatureDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: SnapshotService;
  folders: Folders;
  settings: SettingsStore;
  validator: Validator;
  checker: Checker;
  /** Review prompts: their quick fixes, and the hover on a snapshot's `Prompt:`. */
  prompts?: Prompts;
  /** The workspace index in the background (workspace symbols wait for its first build). */
  indexer?: IndexRunner;
  /** Finding freshness: the File:Line hover shows where the cited lines went. */
  freshness?: FreshnessRunner;
}

export function registerFeatures(d: FeatureDeps): void {
  const { connection, service, validator } = d;
  const resultOf = async (uri: string) => (await validator.current(uri))?.state.result;

  connection.onCodeAction(async (params) => {
    const result = await resultOf(params.textDocument.uri);
    const { diagnostics, only } = params.context;
    if (!result) return d.prompts ? d.prompts.codeActions(params.textDocument.uri, diagnostics, only) : [];
    const req = { uri: params.textDocument.uri, range: params.range, diagnostics: params.context.diagnostics, only: params.context.only };
    const version = d.documents.get(req.uri)?.version;
    const rebase = version === undefined ? undefined : d.freshness?.rebase(result.model, { ...req, version });
    return [...service.codeActions(result, req), ...(rebase ? [rebase] : [])];
  });
  connection.onDocumentLinks(async (params) => {
    const result = await resultOf(params.textDocument.uri);
    return result ? service.documentLinks(result) : [];
  });
  connection.onHover(async (params) => {
    const uri = params.textDocument.uri;
    const result = await resultOf(uri);
    if (!result) return null;
    const prompt = await d.prompts?.hover(uri, result, params.position);
    if (prompt) return prompt;
    const hover = service.hover(result, params.position, await authoringRequest(d, uri)) ?? null;
    const version = d.documents.get(uri)?.version;
    const fresh = version === undefined ? undefined : d.freshness?.hover(uri, version, params.position);
    return fresh ? withSection(hover, fresh) : hover;
  });
  connection.onRequest(GatesRequest, async (params) => {
    const result = await resultOf(params.uri);
    return { gates: result ? service.gates(result) : [] };
  });
  connection.onRequest(RecordResultsRequest, (params) => recordResults(d, params.uri, params.results));
  connection.onRequest(SkeletonRequest, async (params) => {
    // The settings of where the new snapshot will live (a configuration file there applies).
    const settings = await d.checker.settingsFor(`${params.folderUri.replace(/\/$/, '')}/${DEFAULTS.snapshotsDirectory}/new.md`);
    return { text: service.newSnapshot(filePath(params.folderUri), settings, params) };
  });
  connection.onRequest(PendingRequest, (params) => pending(d, params));
  connection.onRequest(CheckWorkspaceRequest, () => checkWorkspace(d));
  connection.onRequest(FileAtRevisionRequest, (params) =>
    d.freshness ? d.freshness.fileAtRevision(params) : { error: 'finding freshness is not running' },
  );
  registerAuthoring(d);
}

/** A hover with a Markdown section first (where the cited code went matters before what it is now), then what it says. */
function withSection(hover: Hover | null, section: string): Hover {
  const c = hover?.contents;
  const before = !c ? '' : typeof c === 'string' ? c : 'kind' in c ? c.value : Array.isArray(c) ? '' : c.value;
  return {
    ...(hover?.range ? { range: hover.range } : {}),
    contents: { kind: 'markdown', value: before ? `${section}\n\n---\n\n${before}` : section },
  };
}

async function checkWorkspace(d: FeatureDeps) {
  const progress = await d.connection.window.createWorkDoneProgress();
  progress.begin('Review Snapshot: checking the workspace', 0, undefined, false);
  try {
    // Candidates across snapshots are told from the workspace index: its first build first.
    await d.indexer?.ready();
    return await d.checker.checkWorkspace((done, total) =>
      progress.report(Math.floor((100 * done) / Math.max(1, total)), `${done} of ${total} Markdown files`),
    );
  } finally {
    progress.done();
  }
}

async function recordResults(
  d: FeatureDeps,
  uri: string,
  results: Parameters<SnapshotService['recordResults']>[1],
): Promise<RecordResultsResult> {
  const cur = await d.validator.current(uri);
  const result = cur?.state.result;
  if (!cur || !result) return { edit: null, updated: 0 };
  const edits = d.service.recordResults(result, results);
  if (!edits.length) return { edit: null, updated: 0 };
  const rows = new Set(edits.map((e) => e.range.start.line)).size;
  return { edit: { documentChanges: [{ textDocument: { uri, version: cur.doc.version }, edits }] }, updated: rows };
}

async function pending(d: FeatureDeps, arg: PendingParams): Promise<PendingResult> {
  const cur = await d.validator.current(arg.uri);
  if (!cur) {
    return {
      ok: false,
      errors: [
        {
          message: 'The snapshot is not open.',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          rule: 'pending/not-open',
        },
      ],
    };
  }
  const settings = await d.checker.settingsFor(arg.uri);
  const openDoc = (abs: string) => d.documents.get(pathToFileURL(abs).toString());
  const plan = d.service.pending({
    result: cur.state.snapshot ? cur.state.result : undefined,
    file: filePath(arg.uri),
    root: d.folders.rootOf(arg.uri),
    opened: d.folders.folderOf(arg.uri),
    directory: settings.pending.directory,
    format: settings.pending.format,
    explicitFormat: arg.format,
    ids: arg.ids,
    openText: (abs) => openDoc(abs)?.getText(),
  });
  return plan.ok
    ? { ...plan, pendingUri: pathToFileURL(plan.target).toString(), edit: pendingEdit(plan, openDoc(plan.target)?.version) }
    : plan;
}

/** Creates the pending file, or replaces its whole text; the client applies it (undoable). */
function pendingEdit(plan: Extract<PendingPlan, { ok: true }>, openVersion: number | undefined): WorkspaceEdit {
  const uri = pathToFileURL(plan.target).toString();
  const start = { line: 0, character: 0 };
  if (!plan.exists) {
    return {
      documentChanges: [
        { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: plan.after }] },
      ],
    };
  }
  const end = { line: plan.before.split('\n').length, character: 0 };
  return {
    documentChanges: [{ textDocument: { uri, version: openVersion ?? null }, edits: [{ range: { start, end }, newText: plan.after }] }],
  };
}
