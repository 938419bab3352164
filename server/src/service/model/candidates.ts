// The spec candidates of a snapshot, read from the YAML AST of its candidates block with
// document ranges. Aliases are resolved one step, never expanded, so an alias bomb
// costs nothing.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { CANDIDATE } from '../contract/contract';
import { Leaf, leafOf } from './blocks';
import { fenceLang } from './lines';
import type { SnapshotModel } from './snapshot';
import { Char } from '../text/chars';

export interface Candidate {
  /** The id, when the item has a string id. */
  id?: string;
  idRange?: Range;
  /** The whole item (from its first key to its last value). */
  range: Range;
  node: YAMLMap;
  /** 0-based column of the item's keys, for inserted keys. */
  keyColumn: number;
  /** Line after which keys are appended. */
  lastLine: number;
}

export function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

export function nodeRange(model: SnapshotModel, offset: number, node: Node | null | undefined): Range | undefined {
  if (!node || !node.range) return undefined;
  const start = node.range[0];
  let end = node.range[2];
  // A block node's range runs to the next line; end the range at its last character.
  while (end > start && /\s/.test(model.text.text[offset + end - 1] ?? '')) end--;
  return model.text.rangeOf(offset + start, offset + end);
}

/**
 * The value of a key that is the id written in another case (`ID`, `Id`): the candidate is still
 * known by it (its labels match), while the near-miss rule asks for the key to be renamed.
 */
function nearIdValue(item: YAMLMap): unknown {
  const pair = item.items.find((p) => isScalar(p.key) && typeof p.key.value === 'string' && p.key.value.toLowerCase() === CANDIDATE.id);
  return pair?.value;
}

/** Candidate items of the block, read once when the snapshot is parsed (see `readCandidates`). */
export function collectCandidates(model: SnapshotModel): Candidate[] {
  const out: Candidate[] = [];
  const block = model.candidates;
  if (!block || block.doc.errors.length !== 0 || !isSeq(block.doc.contents)) return out;
  for (const raw of block.doc.contents.items) {
    const item = deref(block.doc, raw);
    if (!isMap(item)) continue;
    const range = nodeRange(model, block.offset, item as Node);
    if (!range) continue;
    const idNode = deref(block.doc, item.get(CANDIDATE.id, true) ?? nearIdValue(item));
    const id = isScalar(idNode) && typeof idNode.value === 'string' && idNode.value.trim() ? idNode.value : undefined;
    const firstKey = item.items[0]?.key as Node | undefined;
    const keyStart = firstKey?.range ? model.text.positionAt(block.offset + firstKey.range[0]) : range.start;
    out.push({
      id,
      idRange: id ? nodeRange(model, block.offset, idNode as Node) : undefined,
      range,
      node: item,
      keyColumn: keyStart.character,
      lastLine: range.end.line,
    });
  }
  return out;
}

/** Candidate items of the block (only when the YAML parsed without errors and is a list). */
export function readCandidates(model: SnapshotModel): Candidate[] {
  return model.candidates?.items ?? [];
}

/** A candidate's value as plain data (strings and lists of strings), for pending specs. */
export function candidateValue(model: SnapshotModel, c: Candidate, key: string): string | string[] | undefined {
  const doc = model.candidates?.doc;
  if (!doc) return undefined;
  const v = deref(doc, c.node.get(key, true));
  if (isScalar(v)) return v.value === null || v.value === undefined ? undefined : String(v.value);
  if (isSeq(v)) {
    return v.items.map((x) => {
      const y = deref(doc, x);
      return isScalar(y) ? String(y.value ?? '') : String(y ?? '');
    });
  }
  return undefined;
}

/** Spec candidates written where the checker does not read them (see `uncheckedCandidates`). */
export interface UncheckedCandidate {
  id: string;
  /** Where the id is written. */
  range: Range;
  /** The fence they are in, by its opening line (undefined: not fenced). */
  fenceLine?: number;
  /** The line where the group of candidates starts (the fence, or the first id line). */
  groupLine: number;
  /** The `## ` section (or near-miss heading) they are under: its line as written, and where. */
  under?: { heading: string; line: number };
}

/** A key written in a line, and its value with where it starts. */
interface KeyValue {
  key: string;
  value: string;
  valueStart: number;
}

/** Keys longer than this are not candidate keys (and are never looked at further). */
const MAX_KEY = 40;

function isBlankAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return c === Char.Space || c === Char.Tab;
}

function isKeyChar(c: number): boolean {
  return (
    (c >= Char.Digit0 && c <= Char.Digit9) ||
    (c >= Char.UpperA && c <= Char.UpperZ) ||
    (c >= Char.LowerA && c <= Char.LowerZ) ||
    c === Char.Underscore ||
    c === Char.Dash
  );
}

/**
 * A key at `i` — a word of letters, digits, `_`, `-`, bare or quoted — and where its colon
 * ends; at most MAX_KEY + 3 characters are read.
 */
function keyAt(t: string, i: number): { key: string; next: number } | undefined {
  const q = t.charCodeAt(i);
  const quoted = q === Char.DoubleQuote || q === Char.SingleQuote;
  const from = quoted ? i + 1 : i;
  let j = from;
  while (j < t.length && j - from <= MAX_KEY && isKeyChar(t.charCodeAt(j))) j++;
  if (j === from || j - from > MAX_KEY) return undefined;
  const key = t.slice(from, j);
  if (quoted && t.charCodeAt(j++) !== q) return undefined;
  if (t.charCodeAt(j) !== Char.Colon) return undefined;
  // A bare key's colon comes before a blank or the end (`a:b` is one plain scalar); a quoted key's may not (JSON).
  if (!quoted && j + 1 < t.length && !isBlankAt(t, j + 1)) return undefined;
  return { key, next: j + 1 };
}

/** The end of a quoted text opened at `i` (after its closing quote, or the line's end). */
function quotedEnd(t: string, i: number): number {
  const q = t.charCodeAt(i);
  let j = i + 1;
  while (j < t.length && t.charCodeAt(j) !== q) j++;
  return Math.min(j + 1, t.length);
}

/**
 * The value after a key's colon: quoted, plain up to the flow's next `,` `}` `]`, or (block) the
 * rest of the line. A flow collection is left to the caller to descend into.
 */
function valueAt(t: string, from: number, flow: boolean): KeyValue & { next: number } {
  let p = from;
  while (p < t.length && isBlankAt(t, p)) p++;
  const c = t.charCodeAt(p);
  if (c === Char.OpenBrace || c === Char.OpenBracket) return { key: '', value: '', valueStart: p, next: p };
  if (c === Char.DoubleQuote || c === Char.SingleQuote) {
    const end = quotedEnd(t, p);
    const closed = end - 1 > p && t.charCodeAt(end - 1) === c;
    return { key: '', value: closed ? t.slice(p + 1, end - 1) : t.slice(p).trimEnd(), valueStart: closed ? p + 1 : p, next: end };
  }
  let j = p;
  if (flow) {
    while (j < t.length && t.charCodeAt(j) !== Char.Comma && t.charCodeAt(j) !== Char.CloseBrace && t.charCodeAt(j) !== Char.CloseBracket) {
      j++;
    }
  } else j = t.length;
  return { key: '', value: t.slice(p, j).trimEnd(), valueStart: p, next: j };
}

/**
 * The keys written in a line, with their values: block style (`id: X`, `- id: X`, `- "id": "X"`),
 * flow mappings (`- {id: X, title: t}`) and JSON (`[{"id": "X", "title": "t"}]`, or a
 * pretty-printed `"id": "X",`). One left-to-right scan: a key is looked for only at the line's
 * start and after `{`, `[` or a flow's `,`, and reads at most MAX_KEY + 3 characters.
 */
export function keysOfLine(t: string): KeyValue[] {
  const out: KeyValue[] = [];
  let depth = 0;
  let expectKey = true;
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === Char.Space || c === Char.Tab) i++;
    else if (expectKey && depth === 0 && c === Char.Dash && (i + 1 === t.length || isBlankAt(t, i + 1))) i++;
    else if (c === Char.OpenBrace || c === Char.OpenBracket) {
      depth++;
      expectKey = true;
      i++;
    } else if (c === Char.CloseBrace || c === Char.CloseBracket || (c === Char.Comma && depth > 0)) {
      if (c !== Char.Comma) depth = Math.max(0, depth - 1);
      expectKey = c === Char.Comma;
      i++;
    } else if (c === Char.Hash && (i === 0 || isBlankAt(t, i - 1))) break;
    else {
      const k = expectKey ? keyAt(t, i) : undefined;
      expectKey = false;
      if (k) {
        const v = valueAt(t, k.next, depth > 0);
        out.push({ key: k.key, value: v.value, valueStart: v.valueStart });
        i = v.next;
      } else i = c === Char.DoubleQuote || c === Char.SingleQuote ? quotedEnd(t, i) : i + 1;
    }
  }
  return out;
}

/**
 * The candidates in lines [from, to): ids, when other candidate keys are there too. Each line is
 * read from where its container's content starts (after `> `, a list marker), as a reader sees it.
 */
function candidatesIn(model: SnapshotModel, from: number, to: number, keys: ReadonlySet<string>, skip?: Uint8Array) {
  const ids: { id: string; range: Range }[] = [];
  let otherKeys = 0;
  for (let i = from; i < to; i++) {
    if (skip?.[i]) continue;
    const at = model.blocks.contentStart[i];
    for (const k of keysOfLine(model.text.lineText(i).slice(at))) {
      const key = k.key.toLowerCase();
      if (key === CANDIDATE.id && k.value) {
        const start = at + k.valueStart;
        ids.push({ id: k.value, range: { start: { line: i, character: start }, end: { line: i, character: start + k.value.length } } });
      } else if (keys.has(key)) otherKeys++;
    }
  }
  return otherKeys > 0 ? ids : [];
}

/**
 * Where lines are, asked in increasing order: under the last level-1 or level-2 heading before
 * them (the snapshot's title aside), with the section's name when it is a `## ` section. A
 * level-1 heading ends a section: what follows it is no longer that section.
 */
function headingCursor(model: SnapshotModel): (line: number) => { heading: string; line: number; name?: string } | undefined {
  const hs = model.headings.filter((h) => h.level <= 2 && h !== model.title);
  const names = new Map(model.sections.map((x) => [x.heading.line, x.name]));
  let k = -1;
  return (line) => {
    while (k + 1 < hs.length && hs[k + 1].line < line) k++;
    if (k < 0) return undefined;
    const h = hs[k];
    return { heading: model.text.lineText(h.line).trim(), line: h.line, name: names.get(h.line) };
  };
}

/**
 * Spec candidates the checker does not read: candidate-shaped text (an `id` key beside other
 * candidate keys, in block or flow style, keys quoted or not, or JSON; see `keysOfLine`) in any
 * fenced ```yaml / ```yml block but the one it reads, in any fence of the Spec Candidates
 * section, or unfenced in that section (or under a heading that is a near miss of it,
 * `region`). Raw Output is pasted text, not the snapshot's own candidates: it is not searched
 * (up to the next level-1 or level-2 heading).
 */
export function uncheckedCandidates(
  model: SnapshotModel,
  candidateKeys: readonly string[],
  sectionName: string,
  rawOutputName: string,
  region?: { from: number; to: number; heading: string; line: number },
): UncheckedCandidate[] {
  const keys = new Set(candidateKeys.map((k) => k.toLowerCase()));
  const read = model.candidates?.fence;
  const own = model.sections.find((s) => s.name === sectionName);
  const inOwn = (l: number) => (own && l > own.heading.line && l < own.endLine) || (region && l >= region.from && l < region.to);
  const out: UncheckedCandidate[] = [];
  const { blocks } = model;
  const n = model.text.lineCount;
  // Lines not searched as text: fences (searched as blocks below) and HTML comments (no reader sees them).
  const mask = new Uint8Array(n);
  for (let l = 0; l < n; l++) if (leafOf(blocks, l) === Leaf.Comment) mask[l] = 1;
  const sectionAt = headingCursor(model);
  // Every fence a reader sees, top-level or in a block quote or list item.
  for (const f of blocks.fences) {
    const end = f.closeLine ?? (f.nested ? f.lastLine + 1 : n);
    mask.fill(1, f.openLine, Math.min(end + 1, n));
    if (f.openLine === read?.openLine) continue;
    const under = sectionAt(f.openLine);
    const lang = fenceLang(f.info);
    const yamlish = lang === 'yaml' || lang === 'yml';
    if (under?.name === rawOutputName || !(yamlish || inOwn(f.openLine))) continue;
    for (const c of candidatesIn(model, f.openLine + 1, end, keys)) {
      const at = region && inOwn(f.openLine) ? region : under;
      out.push({ ...c, fenceLine: f.openLine, groupLine: f.openLine, under: at && { heading: at.heading, line: at.line } });
    }
  }
  const ownArea = own && {
    from: own.startLine,
    to: own.endLine,
    heading: model.text.lineText(own.heading.line).trim(),
    line: own.heading.line,
  };
  for (const a of [ownArea, region].filter((x) => !!x)) {
    for (const [from, to] of topLevelBlocks(model, a.from, a.to)) {
      const found = candidatesIn(model, from, to, keys, mask);
      for (const c of found) out.push({ ...c, groupLine: found[0].range.start.line, under: { heading: a.heading, line: a.line } });
    }
  }
  return out;
}

/** Lines [from, to) cut at top-level blank lines: each part is one block as a reader sees it (a list, a quote, a paragraph). */
function topLevelBlocks(model: SnapshotModel, from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  let start = from;
  for (let l = from; l <= to; l++) {
    if (l < to && model.blocks.kind[l] !== Leaf.Blank) continue;
    if (l > start) parts.push([start, l]);
    start = l + 1;
  }
  return parts;
}
