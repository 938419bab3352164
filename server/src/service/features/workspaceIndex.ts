// The workspace index: every candidate id and title of every snapshot in the workspace folders,
// and of every pending spec, for workspace symbols, for following an id out of a pending spec and
// for refusing a rename to an id that is taken. Built in resumable steps (the server runs them in
// background slices) from the Workspace port, kept current by file events (`touch`), and holding
// only what it answers with: ids, titles, labels and ranges, never the parsed snapshots.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SymbolKind, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import { candidateValue, readCandidates } from '../model/candidates';
import { CANDIDATE, META } from '../contract/contract';
import { hasSnapshotTitle, isIgnored, isTemplatePath, matchesFiles, type CompiledGlobs } from '../repo/files';
import { isInside, resolveWritten, toRepoPath } from '../repo/paths';
import { parseSnapshot, type SnapshotModel } from '../model/snapshot';
import { MAX_READ_BYTES, type Workspace } from '../repo/workspace';
import { isPendingPath, pendingFormatOf, readPendingSpec } from './pendingFiles';

export interface IndexFolder {
  root: string;
  /** The `files` globs and the pending directory of that folder. */
  files: readonly string[];
  pendingDirectory: string;
  /** The `templates` and `ignores` globs: what they name is indexed, marked (`IndexEntry.role`). */
  templates?: readonly string[];
  ignores?: readonly string[];
}

export interface IndexedCandidate {
  id: string;
  title?: string;
  /** The id's range in its file. */
  range: Range;
  label?: string;
  /** The acceptance criteria, joined by newlines (candidates nearly repeated across snapshots). */
  acceptance?: string;
}

export interface IndexEntry {
  abs: string;
  root: string;
  /** Repository path in its folder. */
  rel: string;
  kind: 'snapshot' | 'pending';
  candidates: IndexedCandidate[];
  /** A pending spec's source snapshot (absolute), when it names one in its folder. */
  source?: string;
  /** A snapshot's `Prompt:` and `Date:` as written (finding the previous review of a prompt). */
  prompt?: string;
  date?: string;
  /**
   * A snapshot the checker takes as a template (the `templates` globs) or leaves out (`ignores`):
   * still a place of its ids, but not compared across snapshots (files.ts decides, as for a check).
   */
  role?: 'template' | 'ignored';
}

/** Whether the checker leaves a snapshot out or takes it as a template (files.ts, the one decision). */
function roleOf(rel: string, folder: IndexFolder, compiled: CompiledGlobs): IndexEntry['role'] {
  const ignores = folder.ignores ?? [];
  if (isIgnored(rel, ignores, compiled)) return 'ignored';
  return isTemplatePath(rel, { files: folder.files, templates: folder.templates ?? [], ignores }, compiled) ? 'template' : undefined;
}

/** Folders a walk never enters: the repository database, dependencies, and hidden folders. */
const SKIP_DIRS = new Set(['node_modules']);
/** A walk stops after this many entries: an index must never take the server with it. */
const MAX_VISITED = 200_000;
/** A Markdown file outside the `files` globs is a snapshot only by its title; a bigger one is not read to find out. */
const TITLE_PROBE_BYTES = 512 * 1024;
/** Files read between two pauses. */
const STEP_FILES = 4;
/** At most this many workspace symbols are returned for one query. */
const MAX_SYMBOLS = 1000;

/** The candidate key of the acceptance criteria. */
const ACCEPTANCE = 'acceptance_criteria';

/** The index entry of a snapshot, from its model (the index's own reading, or an open document's check). */
export function snapshotEntry(root: string, abs: string, model: SnapshotModel): IndexEntry {
  const labels = new Map(model.labels.map((l) => [l.id, l.label]));
  const candidates: IndexedCandidate[] = [];
  for (const c of readCandidates(model)) {
    if (!c.id || !c.idRange) continue;
    const title = candidateValue(model, c, CANDIDATE.title);
    const criteria = candidateValue(model, c, ACCEPTANCE);
    const acceptance = Array.isArray(criteria) ? criteria.join('\n') : criteria;
    candidates.push({
      id: c.id,
      title: typeof title === 'string' ? title : undefined,
      range: c.idRange,
      label: labels.get(c.id),
      acceptance,
    });
  }
  const meta = (key: string) => model.metadata.find((e) => e.key === key)?.value.trim() || undefined;
  const entry: IndexEntry = { abs, root, rel: toRepoPath(root, abs) ?? abs, kind: 'snapshot', candidates };
  const prompt = meta(META.prompt);
  const date = meta(META.date);
  if (prompt) entry.prompt = prompt;
  if (date) entry.date = date;
  return entry;
}

/** `query`'s characters in order in `text`. */
function subsequence(text: string, query: string): boolean {
  let i = 0;
  for (let k = 0; k < text.length && i < query.length; k++) if (text[k] === query[i]) i++;
  return i === query.length;
}

/**
 * Whether a candidate answers a query (lower case): every word of it is in the id or the title,
 * or the query is an abbreviation of the id (`sr1` → `SELFHEAL-RUN-001`). Looser matching would
 * answer most queries with every long title.
 */
function matches(id: string, name: string, query: string): boolean {
  const words = query.split(/\s+/).filter(Boolean);
  return words.every((w) => name.includes(w)) || subsequence(id, query.replace(/\s+/g, ''));
}

export class WorkspaceIndex {
  private folders: IndexFolder[] = [];
  private entries = new Map<string, IndexEntry>();
  private readonly touched = new Set<string>();
  private rescan = true;
  /** Called when there is work to do (the server schedules it in the background). */
  onWork?: () => void;
  /** Counts the updates done: what is worked out from the whole index is kept until it changes. */
  generation = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly compiled: CompiledGlobs,
  ) {}

  /** The folders to index, with their settings; a change rescans them. */
  setFolders(folders: IndexFolder[]): void {
    if (JSON.stringify(folders) === JSON.stringify(this.folders)) return;
    this.folders = folders;
    this.touch();
  }

  /** A path changed (created, changed, deleted, a folder renamed); without one, everything did. */
  touch(abs?: string): void {
    if (abs === undefined) this.rescan = true;
    else this.touched.add(abs);
    this.onWork?.();
  }

  get hasWork(): boolean {
    return this.rescan || this.touched.size > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Does what is pending: a full scan (into a new map, so queries meanwhile see the old one), or the touched paths. */
  *updateSteps(): Generator<void, void> {
    if (this.rescan) {
      this.rescan = false;
      this.touched.clear();
      const fresh = new Map<string, IndexEntry>();
      const budget = { left: MAX_VISITED };
      for (const f of this.folders) yield* this.walkSteps(f, f.root, fresh, budget);
      this.entries = fresh;
      this.generation++;
      return;
    }
    const paths = [...this.touched];
    this.touched.clear();
    for (const abs of paths) {
      yield;
      yield* this.refreshSteps(abs);
    }
    this.generation++;
  }

  private *walkSteps(folder: IndexFolder, dir: string, into: Map<string, IndexEntry>, budget: { left: number }): Generator<void, void> {
    const stack = [dir];
    let read = 0;
    while (stack.length && budget.left > 0) {
      const d = stack.pop()!;
      const list = this.workspace.list(folder.root, d) ?? [];
      budget.left -= list.length;
      yield;
      for (const e of list) {
        const abs = path.join(d, e.name);
        if (e.kind === 'dir') {
          // Linked folders are not entered (no loops); neither are hidden ones and dependencies.
          if (!e.link && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) stack.push(abs);
        } else if (this.consider(folder, abs, into) && ++read % STEP_FILES === 0) yield;
      }
    }
  }

  /** Reads `abs` into the index when it is a snapshot or a pending spec; whether it was read. */
  private consider(folder: IndexFolder, abs: string, into: Map<string, IndexEntry>): boolean {
    const rel = toRepoPath(folder.root, abs);
    if (!rel) return false;
    const format = isPendingPath(rel, folder.pendingDirectory) ? pendingFormatOf(rel) : undefined;
    if (format) {
      const r = this.workspace.readText(folder.root, abs);
      if (!r.ok) return true;
      const spec = readPendingSpec(r.text, format);
      const src = spec.source ? resolveWritten(folder.root, spec.source) : undefined;
      const candidates = spec.entries.map((e) => ({ id: e.id, title: e.title, range: e.range }));
      into.set(abs, { abs, root: folder.root, rel, kind: 'pending', candidates, source: src && !src.outside ? src.abs : undefined });
      return true;
    }
    if (!rel.toLowerCase().endsWith('.md')) return false;
    const byGlob = matchesFiles(rel, folder.files, this.compiled);
    const r = this.workspace.readText(folder.root, abs, byGlob ? MAX_READ_BYTES : TITLE_PROBE_BYTES);
    if (!r.ok || (!byGlob && !hasSnapshotTitle(r.text))) return true;
    const entry = snapshotEntry(folder.root, abs, parseSnapshot(r.text));
    const role = roleOf(rel, folder, this.compiled);
    into.set(abs, role ? { ...entry, role } : entry);
    return true;
  }

  private *refreshSteps(abs: string): Generator<void, void> {
    const folder = this.folders.filter((f) => isInside(f.root, abs)).sort((a, b) => b.root.length - a.root.length)[0];
    for (const k of [...this.entries.keys()]) if (k === abs || k.startsWith(abs + path.sep)) this.entries.delete(k);
    if (!folder) return;
    const kind = this.workspace.stat(folder.root, abs);
    if (kind === 'file') this.consider(folder, abs, this.entries);
    else if (kind === 'dir') yield* this.walkSteps(folder, abs, this.entries, { left: MAX_VISITED });
  }

  /** Every indexed file, with the open documents' own entries (newer than the disk) in place of theirs. */
  private *all(open?: ReadonlyMap<string, IndexEntry>): Iterable<IndexEntry> {
    for (const [abs, e] of this.entries) yield open?.get(abs) ?? e;
    for (const [abs, e] of open ?? []) if (!this.entries.has(abs)) yield e;
  }

  /** Candidates whose id and title match `query`, across the workspace. */
  symbols(query: string, open?: ReadonlyMap<string, IndexEntry>): SymbolInformation[] {
    const q = query.toLowerCase().trim();
    const out: SymbolInformation[] = [];
    for (const e of this.all(open)) {
      const uri = pathToFileURL(e.abs).toString();
      for (const c of e.candidates) {
        const name = c.title ? `${c.id} — ${c.title}` : c.id;
        if (q && !matches(c.id.toLowerCase(), name.toLowerCase(), q)) continue;
        out.push({
          name,
          kind: e.kind === 'snapshot' ? SymbolKind.Class : SymbolKind.Interface,
          location: { uri, range: c.range },
          containerName: e.kind === 'snapshot' ? e.rel : `pending spec ${e.rel}`,
        });
        if (out.length >= MAX_SYMBOLS) return out;
      }
    }
    return out;
  }

  /** Where an id is a candidate (or a pending entry), across the workspace. */
  withId(id: string, open?: ReadonlyMap<string, IndexEntry>): { entry: IndexEntry; candidate: IndexedCandidate }[] {
    const out: { entry: IndexEntry; candidate: IndexedCandidate }[] = [];
    for (const entry of this.all(open)) for (const candidate of entry.candidates) if (candidate.id === id) out.push({ entry, candidate });
    return out;
  }

  /** The pending specs that name `snapshot` as their source. */
  pendingOf(snapshot: string): IndexEntry[] {
    return [...this.entries.values()].filter((e) => e.kind === 'pending' && e.source === snapshot);
  }

  /** Every indexed snapshot (templates included when the `files` globs take them). */
  snapshots(): IndexEntry[] {
    return [...this.entries.values()].filter((e) => e.kind === 'snapshot');
  }

  entry(abs: string): IndexEntry | undefined {
    return this.entries.get(abs);
  }
}
