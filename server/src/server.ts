// The language server: LSP wiring only. Capabilities, documents, settings per resource,
// debounce and staleness; every answer comes from the pure service.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
  type CodeAction,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as P from './protocol';
import { checkSnapshotSteps, debounceMs, runSliced, type CheckResult } from './service/engine';
import { SchemaLoader } from './service/schemaSource';
import { DEFAULT_FILES, isSnapshot } from './service/files';
import { DiskFiles, type Link } from './service/links';
import { fixAllAction, pendingActions, quickFixes, toDiagnostic, FIX_ALL_KIND } from './service/actions';
import { hoverAt } from './service/hover';
import { gatesOf, recordResultsEdits } from './service/gates';
import { convertToPending, pendingPath } from './service/pending';
import { bundledSchema, parseSchema, type ConventionsSetting, type Schema } from './service/schema';
import { skeleton } from './service/templates';
import { counts } from './service/validate';
import { todayIso } from './service/findings';

/** The `reviewSnapshot` settings the server reads, per resource. */
interface Settings {
  files: string[];
  schemaPath: string;
  links: { validate: boolean };
  pending: { directory: string; format: 'yaml' | 'markdown' };
  conventions: ConventionsSetting | null;
}

const DEFAULTS: Settings = {
  files: DEFAULT_FILES,
  schemaPath: '',
  links: { validate: true },
  pending: { directory: 'specs/governance/pending', format: 'yaml' },
  conventions: null,
};

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const loader = new SchemaLoader((f) => fs.readFileSync(f, 'utf8'));
const diskFiles = new DiskFiles();

let hasConfiguration = false;
let canWatchFiles = false;
let hasFolderEvents = false;
let folders: WorkspaceFolder[] = [];
let rootFallback: string | undefined;

function log(message: string): void {
  connection.console.log(`[${new Date().toISOString().slice(11, 23)}] ${message}`);
}

// ---- settings (per resource, never kept as globals beyond a per-uri cache) ----
const settingsCache = new Map<string, Promise<Settings>>();

function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Settings> & Record<string, unknown>;
  const files = Array.isArray(r.files) && r.files.every((x) => typeof x === 'string') && r.files.length ? r.files : DEFAULTS.files;
  const pending = (r.pending ?? {}) as Partial<Settings['pending']>;
  const links = (r.links ?? {}) as Partial<Settings['links']>;
  return {
    files,
    schemaPath: typeof r.schemaPath === 'string' ? r.schemaPath : '',
    links: { validate: links.validate !== false },
    pending: {
      directory: typeof pending.directory === 'string' && pending.directory.trim() ? pending.directory : DEFAULTS.pending.directory,
      format: pending.format === 'markdown' ? 'markdown' : 'yaml',
    },
    conventions: r.conventions && typeof r.conventions === 'object' ? (r.conventions as ConventionsSetting) : null,
  };
}

function settingsFor(uri: string): Promise<Settings> {
  if (!hasConfiguration) return Promise.resolve(DEFAULTS);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'reviewSnapshot' }).then(normalizeSettings, () => DEFAULTS);
    settingsCache.set(uri, s);
  }
  return s;
}

// ---- workspace folders ----
function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The workspace folder that holds a file (the innermost one, for nested folders). */
function rootOf(uri: string): string | undefined {
  const p = filePath(uri);
  if (!p) return undefined;
  let best: string | undefined;
  for (const f of folders) {
    const fp = filePath(f.uri);
    if (!fp) continue;
    const rel = path.relative(fp, p);
    if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || fp.length > best.length)) best = fp;
  }
  return best ?? rootFallback;
}

// ---- validation: debounced, cancellable, never stale ----
interface DocState {
  version: number;
  result?: CheckResult;
  links?: Link[];
  snapshot: boolean;
  published: boolean;
}
const states = new Map<string, DocState>();
const timers = new Map<string, NodeJS.Timeout>();
/**
 * A validation of a big document leaves tens of megabytes of garbage that V8 keeps resident
 * until its next major collection, which an idle server may never reach. Once the server has
 * been idle for a moment after such a run, it collects (when started with --expose-gc, as the
 * client starts it), so memory follows what is open, not what was once parsed.
 */
const gc = (globalThis as { gc?: () => void }).gc;
const COMPACT_AFTER_CHARS = 256 * 1024;
const COMPACT_IDLE_MS = 1500;
let compactTimer: NodeJS.Timeout | undefined;
let lastActivity = 0;
let running = 0;
function compactWhenIdle(size: number): void {
  if (!gc || size < COMPACT_AFTER_CHARS || compactTimer) return;
  const check = () => {
    const quietFor = performance.now() - lastActivity;
    if (running > 0 || timers.size > 0 || quietFor < COMPACT_IDLE_MS) {
      compactTimer = setTimeout(check, Math.max(50, COMPACT_IDLE_MS - quietFor));
      compactTimer.unref();
      return;
    }
    compactTimer = undefined;
    const t0 = performance.now();
    gc();
    const m = process.memoryUsage();
    log(
      `idle: collected in ${(performance.now() - t0).toFixed(0)} ms; heap ${(m.heapUsed / 2 ** 20).toFixed(0)} of ${(m.heapTotal / 2 ** 20).toFixed(0)} MB, resident ${(m.rss / 2 ** 20).toFixed(0)} MB`,
    );
  };
  compactTimer = setTimeout(check, COMPACT_IDLE_MS);
  compactTimer.unref();
}

/** When each document's pending run was scheduled (for the timing report). */
const scheduledAt = new Map<string, number>();
let reportTiming = false;

function schedule(doc: TextDocument, immediate = false): void {
  const prev = timers.get(doc.uri);
  if (prev) clearTimeout(prev);
  lastActivity = performance.now();
  scheduledAt.set(doc.uri, lastActivity);
  const run = () => {
    timers.delete(doc.uri);
    void validate(doc.uri).catch((e) => log(`validation of ${doc.uri} failed: ${(e as Error).stack ?? e}`));
  };
  if (immediate) run();
  else timers.set(doc.uri, setTimeout(run, debounceMs(doc.getText().length)));
}

async function analyse(doc: TextDocument, settings: Settings): Promise<{ result?: CheckResult; links?: Link[]; snapshot: boolean }> {
  const root = rootOf(doc.uri);
  const p = filePath(doc.uri);
  const rel = root && p ? path.relative(root, p).split(path.sep).join('/') : p ? path.basename(p) : undefined;
  const text = doc.getText();
  if (!isSnapshot(rel, text, settings.files)) return { snapshot: false };
  const version = doc.version;
  const steps = checkSnapshotSteps({
    text,
    root,
    schemaPath: settings.schemaPath || undefined,
    conventions: settings.conventions,
    loader,
    today: todayIso(),
    links: { files: diskFiles, validate: settings.links.validate },
    onRuleError: (rule, e) =>
      log(`rule "${rule}" failed on ${doc.uri} (its findings are dropped for this run): ${(e as Error)?.stack ?? e}`),
  });
  // A newer version, or a closed document, makes this run stale: it stops at the next slice.
  const result = await runSliced(steps, () => documents.get(doc.uri)?.version !== version);
  return { result, links: result?.links, snapshot: true };
}

async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const t0 = performance.now();
  const version = doc.version;
  const settings = await settingsFor(uri);
  if (documents.get(uri)?.version !== version) return; // a newer change is queued
  running++;
  let analysis: Awaited<ReturnType<typeof analyse>>;
  try {
    analysis = await analyse(doc, settings);
  } finally {
    running--;
    lastActivity = performance.now();
  }
  const { result, links, snapshot } = analysis;
  if (documents.get(uri)?.version !== version) return;
  const prev = states.get(uri);
  if (!snapshot) {
    states.set(uri, { version, snapshot: false, published: false });
    if (prev?.published) void connection.sendDiagnostics({ uri, diagnostics: [] });
    if (prev?.snapshot)
      {void connection.sendNotification(P.StatusNotification, {
        uri,
        snapshot: false,
        schema: '',
        errors: 0,
        warnings: 0,
      } satisfies P.StatusParams);}
    return;
  }
  if (!result) return; // cancelled by a newer version
  states.set(uri, { version, result, links, snapshot: true, published: true });
  compactWhenIdle(doc.getText().length);
  void connection.sendDiagnostics({ uri, version, diagnostics: result.findings.map(toDiagnostic) });
  const c = counts(result.findings);
  void connection.sendNotification(P.StatusNotification, {
    uri,
    snapshot: true,
    schema: result.schema.source,
    errors: c.errors,
    warnings: c.warnings,
  } satisfies P.StatusParams);
  const ms = performance.now() - t0;
  if (reportTiming) {
    const m = process.memoryUsage();
    void connection.sendNotification(P.TimingNotification, {
      uri,
      version,
      waitedMs: t0 - (scheduledAt.get(uri) ?? t0),
      workMs: ms,
      heapUsedMb: m.heapUsed / 2 ** 20,
      rssMb: m.rss / 2 ** 20,
    } satisfies P.TimingParams);
  }
  if (ms > 100) log(`validated ${uri} (${doc.getText().length} chars) in ${ms.toFixed(0)} ms`);
}

/** The analysis of the document's current version, computing it now if it is not ready. */
async function current(uri: string): Promise<{ doc: TextDocument; state: DocState } | undefined> {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  let state = states.get(uri);
  if (!state || state.version !== doc.version) {
    const settings = await settingsFor(uri);
    const r = await analyse(doc, settings);
    state = { version: doc.version, result: r.result, links: r.links, snapshot: r.snapshot, published: state?.published ?? false };
  }
  return { doc, state };
}

function revalidateAll(): void {
  for (const doc of documents.all()) schedule(doc);
}

// ---- lifecycle ----
connection.onInitialize((params: InitializeParams): InitializeResult => {
  hasConfiguration = !!params.capabilities.workspace?.configuration;
  reportTiming = (params.initializationOptions as { timing?: unknown } | undefined)?.timing === true;
  canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  hasFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
  folders = params.workspaceFolders ?? [];
  if (params.rootUri) rootFallback = filePath(params.rootUri);
  else if (params.rootPath) rootFallback = params.rootPath;
  if (!folders.length && params.rootUri) folders = [{ uri: params.rootUri, name: 'root' }];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
      documentLinkProvider: { resolveProvider: false },
      hoverProvider: true,
      executeCommandProvider: { commands: [P.PendingCommand] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'review-snapshot', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (hasConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'reviewSnapshot' });
  // Links and schemas are cached per path; creations, deletions and renames anywhere refresh them.
  if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
  if (hasFolderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      folders = folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)).concat(e.added);
      settingsCache.clear();
      revalidateAll();
    });
  }
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  loader.invalidate();
  revalidateAll();
});

connection.onDidChangeWatchedFiles((e) => {
  for (const ch of e.changes) {
    const p = filePath(ch.uri);
    if (!p) continue;
    diskFiles.invalidate(p);
    loader.invalidate(p);
  }
  revalidateAll();
});

// Fired on open and on every change: a document seen for the first time is checked at once.
documents.onDidChangeContent((e) => schedule(e.document, !states.has(e.document.uri) && !timers.has(e.document.uri)));
documents.onDidClose((e) => {
  compactWhenIdle(e.document.getText().length);
  const t = timers.get(e.document.uri);
  if (t) clearTimeout(t);
  timers.delete(e.document.uri);
  scheduledAt.delete(e.document.uri);
  states.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

// ---- features ----
connection.onCodeAction(async (params) => {
  const cur = await current(params.textDocument.uri);
  if (!cur?.state.result) return [];
  const { result } = cur.state;
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const out: CodeAction[] = [];
  if (wants('quickfix')) {
    out.push(...quickFixes(uri, result.findings, params.context.diagnostics));
    out.push(...pendingActions(uri, result.model, result.findings, params.range));
  }
  if (wants(FIX_ALL_KIND)) {
    const all = fixAllAction(uri, result.findings);
    if (all) out.push(all);
  }
  return out;
});

connection.onDocumentLinks(async (params) => {
  const cur = await current(params.textDocument.uri);
  return (cur?.state.links ?? []).map((l) => ({ range: l.range, target: l.target, tooltip: l.tooltip }));
});

connection.onHover(async (params) => {
  const cur = await current(params.textDocument.uri);
  if (!cur?.state.result) return null;
  return hoverAt(cur.state.result.model, cur.state.result.conventions, params.position) ?? null;
});

connection.onRequest(P.GatesRequest, async (params: P.GatesParams): Promise<P.GatesResult> => {
  const cur = await current(params.uri);
  if (!cur?.state.result) return { gates: [] };
  return { gates: gatesOf(cur.state.result.model) };
});

connection.onRequest(P.RecordResultsRequest, async (params: P.RecordResultsParams): Promise<P.RecordResultsResult> => {
  const cur = await current(params.uri);
  if (!cur?.state.result) return { edit: null, updated: 0 };
  const edits = recordResultsEdits(cur.state.result.model, cur.state.result.conventions, params.results);
  if (!edits.length) return { edit: null, updated: 0 };
  const rows = new Set(edits.map((e) => e.range.start.line)).size;
  return {
    edit: { documentChanges: [{ textDocument: { uri: params.uri, version: cur.doc.version }, edits }] },
    updated: rows,
  };
});

/** The schema a new snapshot in a folder follows, and the ref that names it. */
function folderSchema(root: string | undefined, settings: Settings): { schema: Schema; ref?: string } {
  const candidates = settings.schemaPath
    ? [settings.schemaPath]
    : ['specs/schema/review_snapshot_schema_v1.yaml', 'specs/01_schema/review_snapshot_schema_v1.yaml'];
  for (const c of candidates) {
    if (!root) break;
    const abs = path.resolve(root, c);
    try {
      const r = parseSchema(fs.readFileSync(abs, 'utf8'), c);
      if ('schema' in r) return { schema: r.schema, ref: '/' + path.relative(root, abs).split(path.sep).join('/') };
    } catch {
      // not there: try the next place
    }
  }
  return { schema: bundledSchema() };
}

connection.onRequest(P.SkeletonRequest, async (params: P.SkeletonParams): Promise<P.SkeletonResult> => {
  const root = filePath(params.folderUri);
  const settings = await settingsFor(params.folderUri);
  const { schema, ref } = folderSchema(root, settings);
  return {
    text: skeleton(schema, {
      date: params.date,
      model: params.model,
      prompt: params.prompt,
      promptRevision: params.promptRevision,
      repoRevision: params.repoRevision,
      refs: ref ? [ref] : undefined,
    }),
  };
});

connection.onExecuteCommand(async (params) => {
  if (params.command !== P.PendingCommand) return null;
  const arg = (params.arguments?.[0] ?? {}) as P.PendingParams;
  return pendingFor(arg);
});

async function pendingFor(arg: P.PendingParams): Promise<P.PendingResult> {
  const cur = await current(arg.uri);
  const noPlace = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (!cur) return { ok: false, errors: [{ message: 'The snapshot is not open.', range: noPlace, rule: 'pending/not-open' }] };
  if (!cur.state.snapshot || !cur.state.result) {
    return { ok: false, errors: [{ message: 'This file is not a review snapshot.', range: noPlace, rule: 'pending/not-snapshot' }] };
  }
  const { result } = cur.state;
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length) return { ok: false, errors: errors.map((f) => ({ message: f.message, range: f.range, rule: f.rule })) };
  const root = rootOf(arg.uri);
  const file = filePath(arg.uri);
  if (!root || !file) {
    return {
      ok: false,
      errors: [{ message: 'The snapshot must be in a workspace folder on disk.', range: noPlace, rule: 'pending/no-folder' }],
    };
  }
  const settings = await settingsFor(arg.uri);
  const format = arg.format ?? settings.pending.format;
  const rel = path.relative(root, file).split(path.sep).join('/');
  const target = path.resolve(root, pendingPath(rel, settings.pending.directory, format));
  if (path.relative(root, target).startsWith('..')) {
    return {
      ok: false,
      errors: [
        { message: `reviewSnapshot.pending.directory leads outside the workspace folder.`, range: noPlace, rule: 'pending/outside' },
      ],
    };
  }
  const targetUri = pathToFileURL(target).toString();
  const open = documents.get(targetUri);
  let before = '';
  let exists = false;
  if (open) {
    before = open.getText();
    exists = true;
  } else if (fs.existsSync(target)) {
    before = fs.readFileSync(target, 'utf8');
    exists = true;
  }
  const conv = convertToPending(result.model, { sourcePath: rel, format, existing: exists ? before : undefined, ids: arg.ids });
  if (!conv.ok) return { ok: false, errors: [{ message: conv.error, range: noPlace, rule: 'pending/convert' }] };
  const lines = before.split('\n');
  const edit: WorkspaceEdit = exists
    ? {
        documentChanges: [
          {
            textDocument: { uri: targetUri, version: open ? open.version : null },
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, newText: conv.text }],
          },
        ],
      }
    : {
        documentChanges: [
          { kind: 'create', uri: targetUri, options: { overwrite: false, ignoreIfExists: false } },
          {
            textDocument: { uri: targetUri, version: null },
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: conv.text }],
          },
        ],
      };
  return { ok: true, pendingUri: targetUri, exists, before, after: conv.text, edit, ids: conv.ids };
}

documents.listen(connection);
connection.listen();
