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
    const idNode = deref(block.doc, item.get(CANDIDATE.id, true));
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
