// Repository paths named by a snapshot — File:Line cells, Contract baseline refs, the
// Prompt, each candidate's affected_paths — as document links, with warnings for paths
// that do not exist, lines past the end, and paths that leave the workspace folder
// (those are never linked).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from './findings';
import { deref, nodeRange, readCandidates } from './candidates';
import { tableKeyOf } from './schema';
import type { SnapshotModel } from './snapshot';
import { drain } from './steps';
import { Memo, lineSpan } from './text';
import { REFS_KEY } from './rules/metadata';

export interface FileInfo {
  kind: 'file' | 'dir';
  /** The real path (links resolved), to refuse links that lead outside. */
  real: string;
}

/** What link checks need from the file system; cached, so typing never waits on the disk twice. */
export interface FileAccess {
  info(abs: string): FileInfo | undefined;
  lineCount(abs: string): number | undefined;
}

const MAX_LINE_COUNT_BYTES = 32 * 1024 * 1024;

export class DiskFiles implements FileAccess {
  private infos = new Map<string, FileInfo | null>();
  private lines = new Map<string, number | null>();

  info(abs: string): FileInfo | undefined {
    let v = this.infos.get(abs);
    if (v === undefined) {
      try {
        const st = fs.statSync(abs);
        v = { kind: st.isDirectory() ? 'dir' : 'file', real: fs.realpathSync(abs) };
      } catch {
        v = null;
      }
      this.infos.set(abs, v);
    }
    return v ?? undefined;
  }

  lineCount(abs: string): number | undefined {
    let v = this.lines.get(abs);
    if (v === undefined) {
      v = null;
      try {
        const st = fs.statSync(abs);
        if (st.isFile() && st.size <= MAX_LINE_COUNT_BYTES) {
          const buf = fs.readFileSync(abs);
          let n = 1;
          for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
          // A final newline ends the last line; it does not start another.
          if (buf.length && buf[buf.length - 1] === 10) n--;
          v = n;
        }
      } catch {
        v = null;
      }
      this.lines.set(abs, v);
    }
    return v ?? undefined;
  }

  /** Forget what is known about a path (and, for a folder, everything under it). */
  invalidate(abs?: string): void {
    if (!abs) {
      this.infos.clear();
      this.lines.clear();
      return;
    }
    for (const m of [this.infos, this.lines] as Map<string, unknown>[]) {
      for (const k of [...m.keys()]) if (k === abs || k.startsWith(abs + path.sep)) m.delete(k);
    }
  }
}

export interface PathRef {
  /** As written (without backticks). */
  raw: string;
  /** Written as a place outside any folder (`file://`, `C:\`, `~`, a UNC path). */
  escapes: boolean;
  /** Decoded repository-relative path. */
  rel: string;
  line?: number;
  endLine?: number;
  range: Range;
}

export type RefSource = 'location' | 'ref' | 'prompt' | 'affected_paths';

const REF = /^(.*?)(?::L?(\d+)(?:[-–]L?(\d+))?)?$/;

type ParsedRef = { rel: string; line?: number; endLine?: number; escapes: boolean };

/** Parses `path`, `path:12`, `path:12-40`; decodes percent-escapes. Undefined for non-paths. */
export function parseRef(raw: string): ParsedRef | undefined {
  const t = raw.trim();
  if (!t || t === '-' || (/^[a-z][a-z0-9+.-]*:\/\//i.test(t) && !t.toLowerCase().startsWith('file://'))) return undefined;
  const m = REF.exec(t)!;
  let p = m[1];
  let escapes = false;
  if (/^file:\/\//i.test(p) || /^[a-z]:[\\/]/i.test(p) || p.startsWith('~') || p.startsWith('\\\\')) escapes = true;
  try {
    p = decodeURIComponent(p);
  } catch {
    return undefined;
  }
  if (!p || (/\s/.test(p) && !p.includes('/'))) return undefined;
  const line = m[2] ? Number(m[2]) : undefined;
  const endLine = m[3] ? Number(m[3]) : undefined;
  return { rel: p, line, endLine, escapes };
}

const parsedRefs = new Memo<ParsedRef | undefined>();
const cachedParseRef = (raw: string) => parsedRefs.get(raw, parseRef);

/** A path written in a cell: where it starts in the cell text, as written, and parsed. */
interface CellRef {
  offset: number;
  raw: string;
  parsed: ParsedRef;
}
const cellRefs = new Memo<CellRef[]>();

/** The places a File:Line cell names (a cell may name several: `a.ts:3, b.ts:9`). */
function refsInCell(text: string): CellRef[] {
  const out: CellRef[] = [];
  const re = /[^,;\s]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const r = refAt(m[0], m.index);
    if (r) out.push(r);
  }
  return out;
}

/** One written path at `offset`: `path` in backticks links the path, not the ticks. */
function refAt(written: string, offset: number): CellRef | undefined {
  const bt = /^`([^`]*)`$/.exec(written);
  const raw = bt ? bt[1] : written;
  const parsed = cachedParseRef(raw);
  return parsed && { offset: bt ? offset + 1 : offset, raw, parsed };
}

export interface Link {
  range: Range;
  target: string;
  tooltip: string;
}

export interface LinkOptions {
  /** Absolute path of the workspace folder that holds the snapshot. */
  root: string | undefined;
  files: FileAccess;
  /** `reviewSnapshot.links.validate`: warn on missing paths and lines. */
  validate: boolean;
  /** The Findings column that holds places (the conventions' `location` column). */
  locationColumn?: string;
}

/** Findings rows read between two pauses. */
const STEP_ROWS = 256;

/** Every path reference in the snapshot, with its source. */
function* refSteps(model: SnapshotModel, locationColumn: string): Generator<void, { ref: PathRef; source: RefSource }[]> {
  const out: { ref: PathRef; source: RefSource }[] = [];
  const push = (raw: string, line: number, start: number, source: RefSource) => {
    const r = refAt(raw, 0);
    if (!r) return;
    const s = start + r.offset;
    const { rel, line: at, endLine, escapes } = r.parsed;
    out.push({ ref: { raw: r.raw, rel, line: at, endLine, escapes, range: lineSpan(line, s, s + r.raw.length) }, source });
  };

  for (const m of model.metadata) {
    if (m.key === REFS_KEY) for (const item of m.items) push(item.text, item.line, item.range.start.character, 'ref');
    if (m.key === 'Prompt' && m.value) push(m.value, m.line, m.valueRange.start.character, 'prompt');
  }

  const findings = model.sections.find((s) => tableKeyOf(s.name) === 'findings');
  for (const table of (findings && model.tables.get(findings)) || []) {
    const col = table.header.cells.findIndex((c) => c.text === locationColumn);
    if (col < 0) continue;
    for (let i = 0; i < table.rows.length; i++) {
      if (i % STEP_ROWS === STEP_ROWS - 1) yield;
      const row = table.rows[i];
      const cell = row.cells[col];
      if (!cell || !cell.text) continue;
      for (const r of cellRefs.get(cell.text, refsInCell)) {
        const s = cell.start + r.offset;
        const { rel, line, endLine, escapes } = r.parsed;
        out.push({ ref: { raw: r.raw, rel, line, endLine, escapes, range: lineSpan(row.line, s, s + r.raw.length) }, source: 'location' });
      }
    }
  }

  const block = model.candidates;
  if (block) {
    for (const c of readCandidates(model)) {
      const list = deref(block.doc, c.node.get('affected_paths', true));
      if (!isSeq(list)) continue;
      for (const item of list.items) {
        const v = deref(block.doc, item);
        if (!isScalar(v) || typeof v.value !== 'string') continue;
        const r = nodeRange(model, block.offset, item as Node);
        if (!r || r.start.line !== r.end.line) continue;
        const quoted = (v as Scalar).type === 'QUOTE_DOUBLE' || (v as Scalar).type === 'QUOTE_SINGLE';
        const start = r.start.character + (quoted ? 1 : 0);
        const end = r.end.character - (quoted ? 1 : 0);
        const text = model.text.lineText(r.start.line).slice(start, end);
        if (text !== v.value) {
          // Escapes inside quotes: link the whole scalar, reading its value.
          const p = parseRef(v.value);
          if (p)
            {out.push({
              ref: { raw: v.value, rel: p.rel, line: p.line, endLine: p.endLine, escapes: p.escapes, range: r },
              source: 'affected_paths',
            });}
        } else push(text, r.start.line, start, 'affected_paths');
      }
    }
  }
  return out;
}

function inside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function linkFindings(model: SnapshotModel, opts: LinkOptions): { links: Link[]; findings: Finding[] } {
  return drain(linkSteps(model, opts));
}

/** Refs checked between two pauses (each may cost a stat on first sight). */
const STEP_REFS = 16;

export function* linkSteps(model: SnapshotModel, opts: LinkOptions): Generator<void, { links: Link[]; findings: Finding[] }> {
  const links: Link[] = [];
  const findings: Finding[] = [];
  const root = opts.root;
  if (!root) return { links, findings };
  const refs = yield* refSteps(model, opts.locationColumn ?? 'File:Line');
  const realRoot = safeReal(root);
  let resolved = resolvedIn.get(root);
  if (!resolved) resolvedIn.set(root, (resolved = new Memo<Resolved>(50_000)));
  for (let k = 0; k < refs.length; k++) {
    if (k % STEP_REFS === STEP_REFS - 1) yield;
    const { ref, source } = refs[k];
    const where = resolved.get(ref.rel, (rel) => resolveIn(root, rel));
    const info = ref.escapes || where.outside ? undefined : opts.files.info(where.abs);
    if (ref.escapes || where.outside || (info && !insideReal(realRoot, info))) {
      findings.push({
        rule: 'links/outside',
        severity: 'warning',
        message: `"${ref.raw}" points outside the workspace folder; it is not linked.`,
        range: ref.range,
      });
      continue;
    }
    const { abs, shown } = where;
    if (!info) {
      if (opts.validate) {
        findings.push({
          rule: 'links/missing',
          severity: 'warning',
          message: `"${shown}" does not exist in the workspace folder${source === 'location' ? ' (moved or renamed?)' : ''}.`,
          range: ref.range,
        });
      }
      continue;
    }
    let fragment = '';
    let tooltip = `Open ${shown}`;
    if (ref.line !== undefined && info.kind === 'file') {
      const end = ref.endLine !== undefined && ref.endLine >= ref.line ? ref.endLine : undefined;
      fragment = end !== undefined ? `#L${ref.line}-L${end}` : `#L${ref.line}`;
      tooltip = end !== undefined ? `Open ${shown} at lines ${ref.line}–${end}` : `Open ${shown} at line ${ref.line}`;
      if (opts.validate) {
        const n = opts.files.lineCount(abs);
        const last = end ?? ref.line;
        if (n !== undefined && (last > n || ref.line < 1)) {
          findings.push({
            rule: 'links/line',
            severity: 'warning',
            message: `${shown} has ${n} line${n === 1 ? '' : 's'}; line ${ref.line < 1 ? ref.line : last} is outside it.`,
            range: ref.range,
          });
        }
      }
    }
    links.push({ range: ref.range, target: where.url + fragment, tooltip });
  }
  return { links, findings };
}

interface Resolved {
  abs: string;
  /** Repository-relative, with `/`, for messages. */
  shown: string;
  /** Leaves the folder as written (`..`, an absolute path elsewhere). */
  outside: boolean;
  url: string;
}
/** Per workspace folder: each distinct path resolved once. */
const resolvedIn = new Map<string, Memo<Resolved>>();

/** Paths are repository-root relative, with or without a leading `/`; an absolute path that
 * already lies in the folder is taken as it is. */
function resolveIn(root: string, rel: string): Resolved {
  const abs = path.isAbsolute(rel) && inside(root, rel) ? path.normalize(rel) : path.resolve(root, rel.replace(/^[/\\]+/, ''));
  const outside = !inside(root, abs);
  return {
    abs,
    outside,
    shown: outside ? '' : path.relative(root, abs).split(path.sep).join('/') || '.',
    url: outside ? '' : pathToFileURL(abs).toString(),
  };
}

/** Whether a file's real path (symlinks followed) is still in the folder; kept with the file's
 * cached info, so it is dropped with it when the file changes. */
const realInside = new WeakMap<FileInfo, { root: string; inside: boolean }>();
function insideReal(realRoot: string, info: FileInfo): boolean {
  const c = realInside.get(info);
  if (c && c.root === realRoot) return c.inside;
  const v = inside(realRoot, info.real);
  realInside.set(info, { root: realRoot, inside: v });
  return v;
}

const realCache = new Map<string, string>();
function safeReal(p: string): string {
  let r = realCache.get(p);
  if (!r) {
    try {
      r = fs.realpathSync(p);
    } catch {
      r = p;
    }
    realCache.set(p, r);
  }
  return r;
}
