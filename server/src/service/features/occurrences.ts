// Candidate ids as names: where a snapshot writes each id — its definition in the candidates
// YAML, its label line, and its mentions in the prose sections that talk about candidates
// (MENTION_SECTIONS) — with exact ranges of the id itself (inside quotes or backticks), for
// definition, references, highlights, rename, hovers and lenses.
import type { Position, Range } from 'vscode-languageserver-types';
import { readCandidates, type Candidate } from '../model/candidates';
import { MENTION_SECTIONS } from '../contract/contract';
import type { SnapshotModel } from '../model/snapshot';
import { lineSpan } from '../model/text';
import { fenceAt, holds } from './where';
import { Char } from '../text/chars';

export type OccurrenceKind = 'definition' | 'label' | 'mention';

export interface Occurrence {
  id: string;
  range: Range;
  kind: OccurrenceKind;
}

/** An id's range without the quotes a YAML scalar may be written in. */
function unquoted(model: SnapshotModel, r: Range): Range {
  const t = model.text.lineText(r.start.line);
  const q = t[r.start.character];
  if (r.start.line === r.end.line && (q === '"' || q === "'") && t[r.end.character - 1] === q && r.end.character - r.start.character >= 2) {
    return lineSpan(r.start.line, r.start.character + 1, r.end.character - 1);
  }
  return r;
}

/** The characters an id is made of; a mention is a whole run of them (a final `.` ends a sentence). */
function isIdChar(c: number): boolean {
  return (
    (c >= Char.Digit0 && c <= Char.Digit9) ||
    (c >= Char.UpperA && c <= Char.UpperZ) ||
    (c >= Char.LowerA && c <= Char.LowerZ) ||
    c === Char.Dash ||
    c === Char.Underscore ||
    c === Char.Dot
  );
}

function mentionsIn(model: SnapshotModel, ids: Set<string>, out: Occurrence[]): void {
  for (const s of model.sections) {
    if (!MENTION_SECTIONS.includes(s.name)) continue;
    for (let line = s.startLine; line < s.endLine; line++) {
      if (fenceAt(model, line)) continue;
      const t = model.text.lineText(line);
      for (let i = 0; i < t.length;) {
        if (!isIdChar(t.charCodeAt(i))) {
          i++;
          continue;
        }
        const start = i;
        while (i < t.length && isIdChar(t.charCodeAt(i))) i++;
        let end = i;
        while (end > start && t[end - 1] === '.') end--;
        const word = t.slice(start, end);
        if (ids.has(word)) out.push({ id: word, range: lineSpan(line, start, end), kind: 'mention' });
      }
    }
  }
}

/** Every occurrence of every candidate id in the snapshot, in document order of their kinds. */
export function idOccurrences(model: SnapshotModel): Occurrence[] {
  const out: Occurrence[] = [];
  const ids = new Set<string>();
  for (const c of readCandidates(model)) {
    if (!c.id || !c.idRange) continue;
    ids.add(c.id);
    out.push({ id: c.id, range: unquoted(model, c.idRange), kind: 'definition' });
  }
  for (const l of model.labels) {
    ids.add(l.id);
    out.push({ id: l.id, range: l.idRange, kind: 'label' });
  }
  mentionsIn(model, ids, out);
  return out;
}

export function occurrenceAt(model: SnapshotModel, pos: Position): Occurrence | undefined {
  return idOccurrences(model).find((o) => holds(o.range, pos));
}

export function occurrencesOf(model: SnapshotModel, id: string): Occurrence[] {
  return idOccurrences(model).filter((o) => o.id === id);
}

/** The candidate with this id (the first, when two share it). */
export function candidateById(model: SnapshotModel, id: string): Candidate | undefined {
  return readCandidates(model).find((c) => c.id === id);
}
