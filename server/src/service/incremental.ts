// Incremental checking: the check of an open document's next version reuses what the check of
// its previous version found, where the edit cannot have changed it. The edit is found by
// comparing the two texts (the common prefix and suffix); the block structure is read again
// (one linear pass) and must be exactly what it was. Then two kinds of edit are told apart:
//
// - `row`: the changed lines are body rows of one table, before and after (each starts with `|`,
//   the line count is the same). Only those rows are split into cells again, and only they are
//   asked of a row-local rule (`RuleModule.rowLocal`); modules the edit cannot affect
//   (`RuleModule.unaffectedBy`) keep their findings; the others run again on the patched model.
// - `code`: the changed lines lie inside one closed top-level fenced block other than the
//   candidates block (Raw Output, a log). Nothing of the model but the text and the offsets
//   after the edit changes.
//
// Anything else (a heading, a fence line, the metadata, the candidates, a row added or removed, a
// changed line break) is checked in full, and so is any check whose settings, schema or
// conventions differ from the previous one's. What crosses files (links, the repository's
// templates, the workspace index) is worked out again every time. The property test
// (test/unit/incrementalCheck.test.ts) holds it: after any edits, incremental = full.
import { readBlocksSteps, type BlockFence, type Blocks } from './model/blocks';
import { collectCandidates } from './model/candidates';
import { checkModelSteps, type CheckInput, type EngineDeps, type ModelCheck, type RuleReuse } from './engine';
import type { ResolvedRef } from './model/refs';
import type { EditKind, RowAt, RuleModule } from './rules/registry';
import type { Schema } from './contract/schema';
import { parseSnapshotSteps, rowAt, STEP_LINES, type Fence, type SnapshotModel, type Table } from './model/snapshot';
import { TextLines } from './model/text';

/** What the previous check of a document left for the next. */
export interface PriorCheck {
  model: SnapshotModel;
  runs: ModelCheck['runs'];
  key: string;
  schema: Schema;
  refs: readonly ResolvedRef[];
  modules: readonly RuleModule[];
}

/** Where two texts differ: `[from, oldTo)` of the old text became `[from, newTo)` of the new. */
export interface TextEdit {
  from: number;
  oldTo: number;
  newTo: number;
}

/** Characters compared at once while looking for where two texts part (a native comparison). */
const CHUNK = 4096;

/** The common prefix and suffix of two texts: linear, by chunks, then by characters. */
export function textEdit(a: string, b: string): TextEdit {
  const n = Math.min(a.length, b.length);
  let from = 0;
  while (from + CHUNK <= n && a.slice(from, from + CHUNK) === b.slice(from, from + CHUNK)) from += CHUNK;
  while (from < n && a.charCodeAt(from) === b.charCodeAt(from)) from++;
  let tail = 0;
  const room = n - from;
  while (tail + CHUNK <= room && a.slice(a.length - tail - CHUNK, a.length - tail) === b.slice(b.length - tail - CHUNK, b.length - tail)) {
    tail += CHUNK;
  }
  while (tail < room && a.charCodeAt(a.length - tail - 1) === b.charCodeAt(b.length - tail - 1)) tail++;
  return { from, oldTo: a.length - tail, newTo: b.length - tail };
}

/** A model of the new text made from the previous one, and what the rules may reuse. */
export interface Patched {
  model: SnapshotModel;
  reuse: Omit<RuleReuse, 'prior' | 'refs'>;
}

const LF = 10;
const CR = 13;
const PIPE = 124;

function countLf(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The lines an edit touched, when it kept every line break as it was (else undefined). */
function touchedLines(prev: TextLines, text: string, e: TextEdit): { first: number; last: number } | undefined {
  const old = prev.text;
  // Only the changed part is searched (a search to the end would cost the whole text).
  const hasCr = (s: string, from: number, to: number) => s.slice(from, to).includes('\r');
  if (hasCr(old, e.from, e.oldTo) || hasCr(text, e.from, e.newTo)) return undefined;
  if (e.from > 0 && old.charCodeAt(e.from - 1) === CR) return undefined;
  if (e.oldTo < old.length && old.charCodeAt(e.oldTo) === LF && e.oldTo > 0 && old.charCodeAt(e.oldTo - 1) === CR) return undefined;
  if (countLf(old, e.from, e.oldTo) !== countLf(text, e.from, e.newTo)) return undefined;
  return { first: prev.positionAt(e.from).line, last: prev.positionAt(e.oldTo).line };
}

function sameFences(a: BlockFence[], b: BlockFence[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x.openLine !== y.openLine || x.closeLine !== y.closeLine || x.lastLine !== y.lastLine) return false;
    if (x.marker !== y.marker || x.info !== y.info || x.nested !== y.nested) return false;
  }
  return true;
}

function sameArrays(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two block readings are the same structure, line by line. */
export function sameBlocks(a: Blocks, b: Blocks): boolean {
  return (
    sameArrays(a.kind, b.kind) &&
    sameArrays(a.contentStart, b.contentStart) &&
    sameFences(a.fences, b.fences) &&
    a.tables.length === b.tables.length &&
    a.tables.every((t, k) => t.headerLine === b.tables[k].headerLine && t.endLine === b.tables[k].endLine) &&
    a.setext.length === b.setext.length &&
    a.setext.every((s, k) => s.firstLine === b.setext[k].firstLine && s.line === b.setext[k].line && s.level === b.setext[k].level)
  );
}

/** The table whose body holds every line of `first..last`, each a row starting with `|` before and after. */
function tableOf(prev: SnapshotModel, text: TextLines, first: number, last: number): { at: RowAt['section']; table: Table } | undefined {
  for (const [section, tables] of prev.tables) {
    for (const table of tables) {
      if (first < table.header.line + 2 || last >= table.endLine) continue;
      for (let l = first; l <= last; l++) {
        if (prev.text.text.charCodeAt(prev.text.lineStart(l)) !== PIPE || text.text.charCodeAt(text.lineStart(l)) !== PIPE) {
          return undefined;
        }
      }
      return { at: section, table };
    }
  }
  return undefined;
}

/** The closed top-level fence (not the candidates block) whose content holds every line of `first..last`. */
function fenceOf(prev: SnapshotModel, first: number, last: number): Fence | undefined {
  const f = prev.fences.find((x) => x.closeLine !== undefined && x.openLine < first && last < x.closeLine);
  if (!f || prev.candidates?.fence === f) return undefined;
  return f;
}

function kindOf(prev: SnapshotModel, text: TextLines, first: number, last: number) {
  const row = tableOf(prev, text, first, last);
  if (row) return { kind: 'row' as const, ...row };
  return fenceOf(prev, first, last) ? { kind: 'code' as const } : undefined;
}

/**
 * The model of `source` made from the previous version's, when the edit between them is one the
 * incremental check tells apart (see the top of this file); undefined when it needs a full parse.
 */
export function* patchSteps(prev: SnapshotModel, source: string, deps: Pick<EngineDeps, 'caches'>): Generator<void, Patched | undefined> {
  if (source === prev.text.text) return { model: prev, reuse: { kind: 'code', lines: new Set(), rows: [] } };
  const e = textEdit(prev.text.text, source);
  const touched = touchedLines(prev.text, source, e);
  if (!touched) return undefined;
  const text = new TextLines(source);
  if (text.lineCount !== prev.text.lineCount) return undefined;
  const what = kindOf(prev, text, touched.first, touched.last);
  if (!what) return undefined;
  const blocks = yield* readBlocksSteps(text, STEP_LINES);
  if (!sameBlocks(blocks, prev.blocks)) return undefined;
  const delta = e.newTo - e.oldTo;
  const shift = (o: number) => (o >= e.oldTo ? o + delta : o);
  const fences = prev.fences.map((f) => ({ ...f, contentStart: shift(f.contentStart), contentEnd: shift(f.contentEnd) }));
  const lines = new Set<number>();
  for (let l = touched.first; l <= touched.last; l++) lines.add(l);
  const model: SnapshotModel = { ...prev, text, fences, blocks };
  const rows: RowAt[] = [];
  if (what.kind === 'row') {
    const old = what.table;
    const table: Table = { ...old, rows: old.rows.map((r) => (lines.has(r.line) ? rowAt(text, r.line, deps.caches) : r)) };
    for (const row of table.rows) if (lines.has(row.line)) rows.push({ section: what.at, table, row });
    model.tables = new Map([...prev.tables].map(([s, ts]) => [s, ts.map((t) => (t === old ? table : t))]));
  }
  if (prev.candidates) {
    const fence = fences[prev.fences.indexOf(prev.candidates.fence)] ?? prev.candidates.fence;
    model.candidates = { ...prev.candidates, fence, offset: shift(prev.candidates.offset), items: [] };
    model.candidates.items = collectCandidates(model);
  }
  return { model, reuse: { kind: what.kind satisfies EditKind, lines, rows } };
}

/**
 * The check of a document's new text: from the previous check's model and findings where the edit
 * allows (see the top of this file), else in full. Returns the check to keep for the next.
 */
export function* incrementalSteps(
  prior: PriorCheck | undefined,
  input: CheckInput,
  deps: EngineDeps,
  modules: readonly RuleModule[],
): Generator<void, { check: ModelCheck; prior: PriorCheck }> {
  const patched = prior && prior.modules === modules ? yield* patchSteps(prior.model, input.text, deps) : undefined;
  let check: ModelCheck;
  if (patched && prior) {
    const reuse = { ...patched.reuse, prior: prior.runs, key: prior.key, schema: prior.schema, refs: prior.refs };
    check = yield* checkModelSteps(patched.model, input, deps, modules, reuse);
  } else {
    const model = yield* parseSnapshotSteps(input.text, deps.caches);
    check = yield* checkModelSteps(model, input, deps, modules);
  }
  const { model, schema, refs } = check.result;
  const next = { model, runs: check.runs, key: check.key, schema, refs, modules };
  return { check, prior: next };
}
