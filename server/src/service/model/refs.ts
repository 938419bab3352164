// Repository paths named by a snapshot — File:Line cells, Contract baseline refs, the Prompt,
// each candidate's affected_paths — found in the model, parsed (`path`, `path:12`,
// `path:12-40`, percent-encoded) and resolved against the workspace folder through the
// Workspace port. The links feature turns the resolved ones into document links; the links
// rule reports the missing, the outside and the lines past the end.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { CellRef, EngineCaches, ParsedRef, ResolvedPath } from '../caches';
import { deref, nodeRange, readCandidates } from './candidates';
import { CANDIDATE, META, TABLE } from '../contract/contract';
import { compileGlob } from '../repo/glob';
import { isPlainPath, resolveCited } from '../repo/paths';
import { hasPlaceholder } from '../contract/placeholders';
import { tableKeyOf } from '../contract/schema';
import type { Section, SnapshotModel, Table, TableRow } from './snapshot';
import { lineSpan } from './text';
import type { Workspace } from '../repo/workspace';
import { CASE_BIT, Char } from '../text/chars';

export type RefSource = 'location' | 'ref' | 'prompt' | 'affected_paths';

export interface WrittenRef extends ParsedRef {
  /** As written (without backticks). */
  raw: string;
  range: Range;
  source: RefSource;
}

export interface ResolvedRef extends WrittenRef {
  /**
   * `ok`: exists (and is linked); `line`: exists, but a cited line is past its end (linked too);
   * `external`: a path of another repository (the links.external globs), never checked; linked
   * only when that repository is open as a workspace folder of its own.
   */
  status: 'ok' | 'missing' | 'outside' | 'line' | 'external';
  /** Repository path, `/`-separated (empty when outside). */
  shown: string;
  /** The link target (file URL with `#L12` or `#L12-L40`) when linked. */
  target?: string;
  tooltip?: string;
  /** The cited file's line count, when a line was checked against it. */
  lineCount?: number;
  /**
   * When missing: its first segment, if the repository has no such folder either — the path is
   * likely another repository's (`dc-runner-rust/…`), which `links.external` is for.
   */
  foreignTop?: string;
}

function isDigit(c: number): boolean {
  return c >= Char.Digit0 && c <= Char.Digit9;
}

/** `L12` or `12` from `i`: the number and where it ends, or undefined. */
function lineNumberAt(s: string, i: number): { n: number; end: number } | undefined {
  if (s[i] === 'L') i++;
  const start = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i > start ? { n: Number(s.slice(start, i)), end: i } : undefined;
}

/** Splits `path:12` / `path:12-40` / `path:L12-L40` at its last colon; a path without a line as it is. */
function splitLine(t: string): { path: string; line?: number; endLine?: number } {
  const colon = t.lastIndexOf(':');
  if (colon < 0) return { path: t };
  const a = lineNumberAt(t, colon + 1);
  if (!a) return { path: t };
  if (a.end === t.length) return { path: t.slice(0, colon), line: a.n };
  if (t[a.end] !== '-' && t[a.end] !== '–') return { path: t };
  const b = lineNumberAt(t, a.end + 1);
  return b && b.end === t.length ? { path: t.slice(0, colon), line: a.n, endLine: b.n } : { path: t };
}

/** A URL of another scheme (`https://…`), which is not a repository path. */
function isForeignUrl(t: string): boolean {
  const sep = t.indexOf('://');
  if (sep <= 0) return false;
  const scheme = t.slice(0, sep).toLowerCase();
  return scheme !== 'file' && /^[a-z][a-z0-9+.-]*$/.test(scheme);
}

function escapesFolder(p: string): boolean {
  const c0 = p.charCodeAt(0) | CASE_BIT;
  const drive = c0 >= Char.LowerA && c0 <= Char.LowerZ && p[1] === ':' && (p[2] === '\\' || p[2] === '/');
  return p.toLowerCase().startsWith('file://') || drive || p.startsWith('~') || p.startsWith('\\\\');
}

/** Parses `path`, `path:12`, `path:12-40`; decodes percent-escapes. Undefined for non-paths. */
export function parseRef(raw: string): ParsedRef | undefined {
  const t = raw.trim();
  // A placeholder (`<path:line>`, `TODO`) names no file: the placeholder rule reports it.
  if (!t || t === '-' || isForeignUrl(t) || hasPlaceholder(t)) return undefined;
  const { path, line, endLine } = splitLine(t);
  const escapes = escapesFolder(path);
  let p: string;
  try {
    p = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (!p || (/\s/.test(p) && !p.includes('/'))) return undefined;
  return { rel: p, line, endLine, escapes };
}

/** One written path at `offset`: `path` in backticks links the path, not the ticks. */
function refAt(written: string, offset: number, caches: EngineCaches): CellRef | undefined {
  const ticked = written.length >= 2 && written.startsWith('`') && written.endsWith('`') && !written.slice(1, -1).includes('`');
  const raw = ticked ? written.slice(1, -1) : written;
  const parsed = caches.refs.get(raw, parseRef);
  return parsed && { offset: ticked ? offset + 1 : offset, raw, parsed };
}

function isSeparator(c: number): boolean {
  return c === Char.Comma || c === Char.Semicolon || c === Char.Space || c === Char.Tab || c === Char.LineFeed || c === Char.CarriageReturn;
}

/** The places a File:Line cell names (a cell may name several: `a.ts:3, b.ts:9`). */
function refsInCell(text: string, caches: EngineCaches): CellRef[] {
  const out: CellRef[] = [];
  for (let i = 0; i < text.length;) {
    while (i < text.length && isSeparator(text.charCodeAt(i))) i++;
    const start = i;
    while (i < text.length && !isSeparator(text.charCodeAt(i))) i++;
    if (i > start) {
      const r = refAt(text.slice(start, i), start, caches);
      if (r) out.push(r);
    }
  }
  return out;
}

/** A parsed path where it is written (`{ ...parsed, raw, range, source }`, built in one shape: a big snapshot has thousands). */
function writtenRef(p: ParsedRef, raw: string, range: Range, source: RefSource): WrittenRef {
  return { rel: p.rel, line: p.line, endLine: p.endLine, escapes: p.escapes, raw, range, source };
}

/** Findings rows read between two pauses. */
const STEP_ROWS = 256;

/** Every path reference in the snapshot, in document order of its sources. */
export function* writtenRefSteps(model: SnapshotModel, locationColumn: string, caches: EngineCaches): Generator<void, WrittenRef[]> {
  const out: WrittenRef[] = [];
  const push = (written: string, line: number, start: number, source: RefSource) => {
    const r = refAt(written, 0, caches);
    if (!r) return;
    const s = start + r.offset;
    out.push(writtenRef(r.parsed, r.raw, lineSpan(line, s, s + r.raw.length), source));
  };
  for (const m of model.metadata) {
    if (m.key === META.refs) for (const item of m.items) push(item.text, item.line, item.range.start.character, 'ref');
    if (m.key === META.prompt && m.value) push(m.value, m.line, m.valueRange.start.character, 'prompt');
  }
  yield* locationRefSteps(model, locationColumn, caches, out);
  affectedPathRefs(model, push, out);
  return out;
}

function* locationRefSteps(model: SnapshotModel, column: string, caches: EngineCaches, out: WrittenRef[]): Generator<void, void> {
  const section = model.sections.find((s) => tableKeyOf(s.name) === TABLE.findings);
  for (const table of (section && model.tables.get(section)) || []) {
    const col = table.header.cells.findIndex((c) => c.text === column);
    if (col < 0) continue;
    for (let i = 0; i < table.rows.length; i++) {
      if (i % STEP_ROWS === STEP_ROWS - 1) yield;
      locationRefsOfRow(table.rows[i], col, caches, out);
    }
  }
}

function locationRefsOfRow(row: TableRow, col: number, caches: EngineCaches, out: WrittenRef[]): void {
  const cell = row.cells[col];
  if (!cell || !cell.text) return;
  for (const r of caches.cellRefs.get(cell.text, (t) => refsInCell(t, caches))) {
    const s = cell.start + r.offset;
    out.push(writtenRef(r.parsed, r.raw, lineSpan(row.line, s, s + r.raw.length), 'location'));
  }
}

/**
 * The paths of a model whose only change since `prior` (resolved under the same options, with the
 * disk as it was) is the text of some body rows (incremental.ts): the paths of those rows are
 * written and resolved again, in their places among the others; the rest are kept.
 */
export function* patchedRefSteps(
  prior: readonly ResolvedRef[],
  model: SnapshotModel,
  changed: { rows: readonly { section: Section; table: Table; row: TableRow }[]; lines: ReadonlySet<number> },
  column: string,
  opts: ResolveOptions,
): Generator<void, ResolvedRef[]> {
  const written: WrittenRef[] = [];
  for (const { section, table, row } of changed.rows) {
    if (tableKeyOf(section.name) !== TABLE.findings || model.sections.find((s) => tableKeyOf(s.name) === TABLE.findings) !== section) {
      continue;
    }
    const col = table.header.cells.findIndex((c) => c.text === column);
    if (col >= 0) locationRefsOfRow(row, col, opts.caches, written);
  }
  const fresh = yield* resolveRefSteps(written, opts);
  const out: ResolvedRef[] = [];
  let j = 0;
  for (const r of prior) {
    if (r.source === 'location') {
      if (changed.lines.has(r.range.start.line)) continue;
      while (j < fresh.length && fresh[j].range.start.line < r.range.start.line) out.push(fresh[j++]);
    } else if (r.source === 'affected_paths') while (j < fresh.length) out.push(fresh[j++]);
    out.push(r);
  }
  while (j < fresh.length) out.push(fresh[j++]);
  return out;
}

function affectedPathRefs(
  model: SnapshotModel,
  push: (w: string, line: number, start: number, s: RefSource) => void,
  out: WrittenRef[],
): void {
  const block = model.candidates;
  if (!block) return;
  for (const c of readCandidates(model)) {
    const list = deref(block.doc, c.node.get(CANDIDATE.affectedPaths, true));
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const v = deref(block.doc, item);
      if (!isScalar(v) || typeof v.value !== 'string') continue;
      const r = nodeRange(model, block.offset, item as Node);
      if (!r || r.start.line !== r.end.line) continue;
      const quoted = (v as Scalar).type === 'QUOTE_DOUBLE' || (v as Scalar).type === 'QUOTE_SINGLE';
      const start = r.start.character + (quoted ? 1 : 0);
      const text = model.text.lineText(r.start.line).slice(start, r.end.character - (quoted ? 1 : 0));
      if (text === v.value) {
        push(text, r.start.line, start, 'affected_paths');
        continue;
      }
      // Escapes inside quotes: link the whole scalar, reading its value.
      const p = parseRef(v.value);
      if (p) out.push(writtenRef(p, v.value, r, 'affected_paths'));
    }
  }
}

/** Refs resolved between two pauses (each may cost a stat on first sight). */
const STEP_REFS = 16;

export interface ResolveOptions {
  root: string;
  workspace: Workspace;
  caches: EngineCaches;
  /** Count the lines of cited files to check line numbers (the links.validate setting). */
  countLines: boolean;
  /** Globs of cited paths that live in other repositories. */
  external: readonly string[];
  /** Other open workspace folders by name (multi-root): an external path may link into one. */
  siblings?: ReadonlyMap<string, string>;
}

export function* resolveRefSteps(refs: WrittenRef[], opts: ResolveOptions): Generator<void, ResolvedRef[]> {
  const out: ResolvedRef[] = [];

  const resolved = opts.caches.resolvedIn(opts.root);
  const external = opts.external.map((g) => compiledGlob(g, opts.caches));
  for (let k = 0; k < refs.length; k++) {
    if (k % STEP_REFS === STEP_REFS - 1) yield;
    const ref = refs[k];
    const repoPath = ref.rel.replace(/^[/\\]+/, '');
    if (!ref.escapes && external.some((m) => m(repoPath))) {
      out.push(resolveExternal(ref, repoPath, opts));
      continue;
    }
    const where = resolved.get(ref.rel, (rel) => resolvePath(opts.root, rel));
    out.push(resolveOne(ref, where, opts.root, opts));
  }
  return out;
}

function compiledGlob(glob: string, caches: EngineCaches): (p: string) => boolean {
  try {
    return caches.globs.get(glob, compileGlob);
  } catch {
    return () => false;
  }
}

/** A path of another repository: linked into that repository's workspace folder when one is open, else left alone. */
function resolveExternal(ref: WrittenRef, repoPath: string, opts: ResolveOptions): ResolvedRef {
  const slash = repoPath.indexOf('/');
  const sibling = slash > 0 ? opts.siblings?.get(repoPath.slice(0, slash)) : undefined;
  if (!sibling) return { ...ref, status: 'external', shown: repoPath };
  // Linked into the open folder, but never checked: the CLI, which sees one repository, cannot
  // check it either, and the editor must not warn where CI is silent.
  const inSibling = resolveOne({ ...ref, rel: repoPath.slice(slash + 1) }, resolvePath(sibling, repoPath.slice(slash + 1)), sibling, opts);
  if (inSibling.status === 'outside') return { ...ref, status: 'external', shown: repoPath };
  return { ...inSibling, status: 'external', lineCount: undefined };
}

function resolvePath(root: string, rel: string): ResolvedPath {
  const { abs, outside, shown } = resolveCited(root, rel);
  return { abs, outside, shown, url: '' };
}

/** `pathToFileURL(abs).toString()`: an absolute POSIX path of plain segments (see `isPlainPath`) is its own URL path. */
export function fileUrl(abs: string): string {
  return abs.charCodeAt(0) === Char.Slash && abs.length > 1 && isPlainPath(abs.slice(1)) ? 'file://' + abs : pathToFileURL(abs).toString();
}

/** The file URL of a path, made when it is first linked. */
function urlOf(where: ResolvedPath): string {
  if (!where.url) where.url = fileUrl(where.abs);
  return where.url;
}

/** The link target and tooltip of a path inside the folder (with its line, when cited). */
function linkTo(ref: WrittenRef, where: ResolvedPath): { target: string; tooltip: string } {
  const { shown } = where;
  if (ref.line === undefined) return { target: urlOf(where), tooltip: `Open ${shown}` };
  const end = ref.endLine !== undefined && ref.endLine >= ref.line ? ref.endLine : undefined;
  const target = urlOf(where) + (end !== undefined ? `#L${ref.line}-L${end}` : `#L${ref.line}`);
  return { target, tooltip: end !== undefined ? `Open ${shown} at lines ${ref.line}–${end}` : `Open ${shown} at line ${ref.line}` };
}

function resolveOne(ref: WrittenRef, where: ResolvedPath, root: string, opts: ResolveOptions): ResolvedRef {
  const kind = ref.escapes || where.outside ? 'outside' : opts.workspace.stat(root, where.abs);
  if (kind === 'outside') return { ...ref, status: 'outside', shown: '' };
  const { shown } = where;
  // A path that does not exist yet is linked too: the editor has no way to ask for links again
  // when the file appears, so the link is there already and opens the file once it exists (the
  // links/missing warning, which follows file events, says it is missing until then).
  if (!kind) {
    const { target, tooltip } = linkTo(ref, where);
    const r = linked(ref, 'missing', shown, target, tooltip);
    const top = shown.includes('/') ? shown.slice(0, shown.indexOf('/')) : '';
    if (top && top !== '.' && top !== '..' && opts.workspace.stat(root, path.join(root, top)) === undefined) r.foreignTop = top;
    return r;
  }
  if (ref.line === undefined || kind !== 'file') return linked(ref, 'ok', shown, urlOf(where), `Open ${shown}`);
  const { target, tooltip } = linkTo(ref, where);
  const end = ref.endLine !== undefined && ref.endLine >= ref.line ? ref.endLine : undefined;
  const n = opts.countLines ? opts.workspace.lineCount(root, where.abs) : undefined;
  const past = n !== undefined && ((end ?? ref.line) > n || ref.line < 1);
  const r = linked(ref, past ? 'line' : 'ok', shown, target, tooltip);
  r.lineCount = n;
  return r;
}

/** `{ ...ref, status, shown, target, tooltip }`, built in one shape (a big snapshot cites thousands of paths). */
function linked(ref: WrittenRef, status: ResolvedRef['status'], shown: string, target: string, tooltip: string): ResolvedRef {
  const { rel, line, endLine, escapes, raw, range, source } = ref;
  return { rel, line, endLine, escapes, raw, range, source, status, shown, target, tooltip };
}
