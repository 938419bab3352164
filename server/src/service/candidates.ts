// The spec candidates of a snapshot, read from the YAML AST of its candidates block with
// document ranges. Aliases are resolved one step, never expanded, so an alias bomb
// costs nothing.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { CANDIDATE } from './contract';
import type { SnapshotModel } from './snapshot';

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

/** `id: X` / `- id: X` (any case), or another `key:` line: the key, and the value with where it starts. */
function yamlKeyLine(t: string): { key: string; value: string; valueStart: number } | undefined {
  let i = 0;
  while (i < t.length && t.charCodeAt(i) === 32) i++;
  if (t.charCodeAt(i) === 45 && t.charCodeAt(i + 1) === 32) {
    i += 2;
    while (i < t.length && t.charCodeAt(i) === 32) i++;
  }
  const colon = t.indexOf(':', i);
  if (colon <= i || colon - i > 40 || (colon + 1 < t.length && t.charCodeAt(colon + 1) !== 32)) return undefined;
  const key = t.slice(i, colon);
  if (!/^[\w-]+$/.test(key)) return undefined;
  let v = colon + 1;
  while (v < t.length && t.charCodeAt(v) === 32) v++;
  let value = t.slice(v).trimEnd();
  let valueStart = v;
  const q = value.charCodeAt(0);
  if ((q === 34 || q === 39) && value.length >= 2 && value.charCodeAt(value.length - 1) === q) {
    value = value.slice(1, -1);
    valueStart++;
  }
  return { key, value, valueStart };
}

/** The candidates in lines [from, to): id lines, when other candidate keys are there too. */
function candidatesIn(model: SnapshotModel, from: number, to: number, keys: ReadonlySet<string>, skip?: Uint8Array) {
  const ids: { id: string; range: Range }[] = [];
  let otherKeys = 0;
  for (let i = from; i < to; i++) {
    if (skip?.[i]) continue;
    const k = yamlKeyLine(model.text.lineText(i));
    if (!k) continue;
    const key = k.key.toLowerCase();
    if (key === CANDIDATE.id && k.value) {
      ids.push({
        id: k.value,
        range: { start: { line: i, character: k.valueStart }, end: { line: i, character: k.valueStart + k.value.length } },
      });
    } else if (keys.has(key)) otherKeys++;
  }
  return otherKeys > 0 ? ids : [];
}

function sectionAt(model: SnapshotModel, line: number): { heading: string; line: number; name: string } | undefined {
  let s: { heading: string; line: number; name: string } | undefined;
  for (const x of model.sections) {
    if (x.heading.line < line) s = { heading: model.text.lineText(x.heading.line).trim(), line: x.heading.line, name: x.name };
  }
  return s;
}

/**
 * Spec candidates the checker does not read: candidate-shaped YAML (an `id:` beside other
 * candidate keys) in any fenced ```yaml / ```yml block but the one it reads, in any fence of
 * the Spec Candidates section, or unfenced in that section (or under a heading that is a near
 * miss of it, `region`). Raw Output is pasted text, not the snapshot's own candidates: it is
 * not searched.
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
  const mask = new Uint8Array(model.text.lineCount);
  for (const f of model.fences) {
    const end = f.closeLine ?? model.text.lineCount;
    mask.fill(1, f.openLine, Math.min(end + 1, model.text.lineCount));
    if (f === read) continue;
    const under = sectionAt(model, f.openLine);
    const yamlish = f.lang === 'yaml' || f.lang === 'yml';
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
    const found = candidatesIn(model, a.from, a.to, keys, mask);
    for (const c of found) out.push({ ...c, groupLine: found[0].range.start.line, under: { heading: a.heading, line: a.line } });
  }
  return out;
}
