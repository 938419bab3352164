// The Snapshots view's data: every snapshot and template the workspace index knows, grouped, with
// its verdict and counts. Verdicts come from the same check the Problems panel shows (the file's
// recipe, lsp/checker.ts), kept per file version (an open document's version, else the file's
// mtime and size) and worked out in the background for the files not known yet; the first level
// is answered at once from what is known, and a `snapshotsViewChanged` notification (debounced)
// says when more is. Expanding a snapshot checks it once more and reads its rows, candidates
// (with where each id is named: pending specs from the index, specs from a scan of `specs/`) and
// gate results; finding freshness only in a trusted workspace, through the freshness runner.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { freshnessOf } from '../node/freshnessRun';
import { gitRoot } from '../node/repoRoot';
import { safeReadBytes } from '../node/safeFs';
import {
  SnapshotDetailsRequest,
  SnapshotsViewChangedNotification,
  SnapshotsViewRequest,
  type SnapshotDetailsParams,
  type SnapshotDetailsResult,
  type SnapshotsViewGroup,
  type SnapshotsViewItem,
  type SnapshotsViewParams,
  type SnapshotsViewResult,
} from '../protocol';
import {
  decodeText,
  type CheckResult,
  type FileFreshness,
  type SnapshotService,
  groupKey,
  viewCounts,
  viewDetails,
  withAcross,
  type IdLookup,
  type IdPlace,
  type ViewCounts,
  type ViewFinding,
  type Finding,
} from '../service/index';
import type { Checker } from './checker';
import { filePath, type Folders } from './folders';
import type { FreshnessRunner } from './freshness';
import { SpecScan } from './specScan';
import type { IndexRunner } from './symbolIndex';

/** Snapshots bigger than this are not read for a verdict (as Check Workspace). */
const MAX_BYTES = 16 * 1024 * 1024;
/** The notification waits for a pause in changes (a checkout, typing) and for a batch of verdicts. */
const NOTIFY_MS = 300;
/** Verdicts worked out between two turns of the event loop (requests and typing go first). */
const SLICE_MS = 8;

export interface SnapshotsViewDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: SnapshotService;
  folders: Folders;
  checker: Checker;
  indexer: IndexRunner;
  /** Whether the workspace is trusted (git may run for finding freshness). */
  freshness?: FreshnessRunner;
  log: (m: string) => void;
}

interface Known {
  /** The version the counts are of (`open:<version>` or `disk:<mtime>:<size>`). */
  key: string;
  /** Undefined: the file is no snapshot under its settings (ignored). */
  counts?: ViewCounts;
  /**
   * What its own check counted, and what is told across snapshots (the other snapshots'), told
   * again whenever the index changed since (`generation`): the file's version alone does not say.
   */
  own?: ViewCounts;
  across?: () => Finding[];
  generation?: number;
}

type Read = { text: string } | { unreadable: string };

export class SnapshotsView {
  private readonly known = new Map<string, Known>();
  private readonly queue = new Set<string>();
  private draining = false;
  private timer: NodeJS.Timeout | undefined;
  /** The client asked at least once: only then is it told of changes. */
  private active = false;
  private readonly specs = new SpecScan();

  constructor(private readonly d: SnapshotsViewDeps) {
    d.indexer.whenUpdated(() => this.changed());
    d.documents.onDidChangeContent((e) => {
      if (this.known.has(filePath(e.document.uri) ?? '')) this.changed();
    });
    d.documents.onDidClose((e) => {
      if (this.known.has(filePath(e.document.uri) ?? '')) this.changed();
    });
  }

  /** Something the view shows may have changed: tell the client (debounced), which asks again. */
  changed(): void {
    if (!this.active || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.d.connection.sendNotification(SnapshotsViewChangedNotification, {});
    }, NOTIFY_MS);
  }

  /**
   * Files changed on disk, or the settings: the verdicts are worked out again (kept on show
   * meanwhile) — all of them when `all` (a created or deleted file can change a cited path's
   * verdict in any snapshot), else those whose own file changed (their version says so).
   */
  invalidate(all = true): void {
    if (all) for (const k of this.known.values()) k.key = '';
    this.specs.forget();
    this.changed();
  }

  /** The first level: every indexed snapshot with the verdict known for its current version. */
  async list(params: SnapshotsViewParams): Promise<SnapshotsViewResult> {
    this.active = true;
    await this.d.indexer.ready();
    const names = new Map([...this.d.folders.all()].map(([name, root]) => [root, name]));
    const by = params.groupBy === 'date' ? 'date' : 'folder';
    const groups = new Map<string, SnapshotsViewItem[]>();
    let unchecked = 0;
    for (const e of this.d.service.index.snapshots()) {
      const known = this.known.get(e.abs);
      if (known) this.tellAcross(known);
      const version = this.keyOf(e.abs);
      if (!known || known.key !== version) this.queue.add(e.abs);
      if (known && !known.counts) continue;
      const counts = known?.counts ?? {
        verdict: 'unchecked',
        errors: 0,
        warnings: 0,
        infos: 0,
        findings: 0,
        candidates: e.candidates.length,
      };
      if (counts.verdict === 'unchecked') unchecked++;
      const item: SnapshotsViewItem = {
        uri: pathToFileURL(e.abs).toString(),
        rel: e.rel,
        folder: names.get(e.root) ?? '',
        version,
        ...counts,
      };
      const key = groupKey(item, by);
      const label = names.size > 1 && by === 'folder' ? `${item.folder}: ${key}` : key;
      groups.set(label, [...(groups.get(label) ?? []), item]);
    }
    if (this.queue.size) void this.drain();
    // Folders in order; months newest first, the undated last.
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const order = (a: string, b: string) =>
      by === 'folder' ? cmp(a, b) : (a === 'undated' ? 1 : 0) - (b === 'undated' ? 1 : 0) || cmp(b, a);
    const out: SnapshotsViewGroup[] = [...groups.keys()].sort(order).map((label) => ({
      label,
      items: groups.get(label)!.sort((a, b) => (a.rel < b.rel ? 1 : a.rel > b.rel ? -1 : 0)),
    }));
    return { groups: out, unchecked };
  }

  /** The counts with what is told across snapshots, told again when the index changed since. */
  private tellAcross(known: Known): void {
    const generation = this.d.service.index.generation;
    if (!known.own || !known.across || known.generation === generation) return;
    known.counts = withAcross(known.own, known.across());
    known.generation = generation;
  }

  /** Which version of the file the editor or the disk has now. */
  private keyOf(abs: string): string {
    const doc = this.d.documents.get(pathToFileURL(abs).toString());
    if (doc) return `open:${doc.version}`;
    try {
      const st = fs.statSync(abs);
      return `disk:${st.mtimeMs}:${st.size}`;
    } catch {
      return 'gone';
    }
  }

  /** Works out the queued verdicts in slices; tells the client when any changed. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      let sliceStart = performance.now();
      for (const abs of this.queue) {
        this.queue.delete(abs);
        const before = JSON.stringify(this.known.get(abs)?.counts);
        await this.verdictOf(abs);
        if (JSON.stringify(this.known.get(abs)?.counts) !== before) this.changed();
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((r) => setImmediate(r));
          sliceStart = performance.now();
        }
      }
    } catch (e) {
      this.d.log(`snapshots view: ${(e as Error).stack ?? e}`);
    } finally {
      this.draining = false;
    }
  }

  private read(abs: string): Read {
    const uri = pathToFileURL(abs).toString();
    const open = this.d.documents.get(uri);
    if (open) return { text: open.getText() };
    const root = this.d.folders.rootOf(uri);
    const read = root ? safeReadBytes(root, abs, MAX_BYTES) : undefined;
    if (!read?.ok) return { unreadable: read ? (read.detail ?? read.reason) : 'outside every workspace folder' };
    const decoded = decodeText(read.bytes);
    return 'text' in decoded ? { text: decoded.text } : { unreadable: decoded.finding.message };
  }

  /** The check of the file's current text, as the Problems panel has it; or why it could not be read. */
  private async checkOf(abs: string): Promise<{ result?: CheckResult; snapshot: boolean; unreadable?: string }> {
    const r = this.read(abs);
    if ('unreadable' in r) return { snapshot: true, unreadable: r.unreadable };
    return this.d.checker.check(pathToFileURL(abs).toString(), r.text, () => false);
  }

  private async verdictOf(abs: string): Promise<void> {
    const key = this.keyOf(abs);
    if (key === 'gone') {
      this.known.delete(abs);
      return;
    }
    const c = await this.checkOf(abs);
    const zero = { errors: 0, warnings: 0, infos: 0, findings: 0, candidates: 0 };
    // Fail closed: a snapshot that could not be read or checked is shown as such, never as conforming.
    const counts: ViewCounts | undefined = c.unreadable
      ? { ...zero, verdict: 'unreadable', errors: 1 }
      : c.result
        ? viewCounts(c.result)
        : c.snapshot
          ? { ...zero, verdict: 'unchecked' }
          : undefined;
    const known: Known = { key: counts?.verdict === 'unchecked' ? '' : key, counts };
    // Counted as published and as the CLI counts: with the candidates across snapshots.
    if (c.result && counts && this.d.checker.cross) {
      Object.assign(known, { own: counts, across: this.d.checker.cross.teller(pathToFileURL(abs).toString(), c.result), generation: -1 });
      this.tellAcross(known);
    }
    this.known.set(abs, known);
  }

  /** What an expanded snapshot shows. */
  async details(p: SnapshotDetailsParams): Promise<SnapshotDetailsResult> {
    const abs = typeof p?.uri === 'string' ? filePath(p.uri) : undefined;
    if (!abs) return { error: 'not a file URI' };
    const c = await this.checkOf(abs);
    if (c.unreadable) return { error: `cannot read the snapshot: ${c.unreadable}` };
    if (!c.result) return { error: 'the file is not a snapshot under its settings' };
    const root = this.d.folders.rootOf(p.uri) ?? path.dirname(abs);
    const settings = await this.d.checker.settingsFor(p.uri);
    const details = viewDetails(c.result, this.lookup(root, settings.pending.directory));
    if (!p.freshness) return details;
    const fresh = await this.freshness(p.uri, abs);
    if ('note' in fresh) return { ...details, freshnessNote: fresh.note };
    withFreshness(details.findings, fresh.file);
    return details;
  }

  /** Where a candidate's id is named: pending specs (the workspace index), specs (a scan of the repository's `specs/`). */
  private lookup(root: string, pendingDirectory: string): IdLookup {
    const index = this.d.service.index;
    return {
      pending: (id) =>
        index
          .withId(id)
          .filter((w) => w.entry.kind === 'pending')
          .map((w): IdPlace => ({ abs: w.entry.abs, rel: w.entry.rel, line: w.candidate.range.start.line })),
      specs: (id) => this.specs.places(root, pendingDirectory, id),
    };
  }

  private async freshness(uri: string, abs: string): Promise<{ file: FileFreshness } | { note: string }> {
    if (!this.d.freshness?.trusted) return { note: 'finding freshness runs git: only in a trusted workspace' };
    const top = gitRoot(path.dirname(abs));
    if (!top) return { note: 'the snapshot is not in a git repository' };
    const r = this.read(abs);
    if (!('text' in r)) return { note: r.unreadable };
    const settings = await this.d.checker.settingsFor(uri);
    try {
      const file = await freshnessOf({ root: top, abs, text: r.text, file: abs, service: this.d.service, settings });
      return file.error ? { note: file.error } : { file };
    } catch (e) {
      return { note: `git failed: ${(e as Error).message}` };
    }
  }
}

/** Each Findings row gets the freshness of the cite in its File:Line cell (same line, same text). */
function withFreshness(findings: ViewFinding[], file: FileFreshness): void {
  for (const f of findings) {
    const cite = file.cites.find((c) => c.range.start.line === f.line && f.location.includes(c.cite));
    if (!cite) continue;
    f.freshness = cite.status;
    f.freshnessReason = cite.reason;
  }
}

/** The view's two requests on the connection; the view, for the file events to reach. */
export function registerSnapshotsView(d: SnapshotsViewDeps): SnapshotsView {
  const view = new SnapshotsView(d);
  d.connection.onRequest(SnapshotsViewRequest, (p) => view.list(p ?? {}));
  d.connection.onRequest(SnapshotDetailsRequest, (p) => view.details(p));
  return view;
}
