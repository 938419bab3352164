// Where a position lies in a snapshot — which section, which fence, which table — for the
// authoring features (completion, hovers, navigation). A position past the end, or on a line
// the model does not know, lies nowhere: every feature then answers empty.
import type { Position, Range } from 'vscode-languageserver-types';
import type { Fence, Section, SnapshotModel, Table } from '../model/snapshot';
import { containsPosition } from '../model/text';

/** The position's line text and the text before it, or undefined for a position outside the text. */
export function lineAt(model: SnapshotModel, pos: Position): { text: string; before: string } | undefined {
  if (pos.line < 0 || pos.line >= model.text.lineCount || pos.character < 0) return undefined;
  const text = model.text.lineText(pos.line);
  if (pos.character > text.length) return undefined;
  return { text, before: text.slice(0, pos.character) };
}

/** The section whose body holds `line` (not its heading). */
export function sectionAt(model: SnapshotModel, line: number): Section | undefined {
  return model.sections.find((s) => line > s.heading.line && line < s.endLine);
}

/** The fence whose lines (opening and closing included) hold `line`. */
export function fenceAt(model: SnapshotModel, line: number): Fence | undefined {
  return model.fences.find((f) => line >= f.openLine && line <= (f.closeLine ?? model.text.lineCount));
}

/** Whether `line` is content of the candidates block (between its fences). */
export function inCandidatesBlock(model: SnapshotModel, line: number): boolean {
  const f = model.candidates?.fence;
  return !!f && line > f.openLine && line < (f.closeLine ?? model.text.lineCount);
}

/** The table (of a section) whose header, delimiter or rows hold `line`. */
export function tableAt(model: SnapshotModel, line: number): { section: Section; table: Table } | undefined {
  const section = sectionAt(model, line);
  if (!section) return undefined;
  const table = model.tables.get(section)?.find((t) => line >= t.header.line && line < t.endLine);
  return table && { section, table };
}

/** Whether a range holds a position (false for no range). */
export function holds(r: Range | undefined, pos: Position): boolean {
  return !!r && containsPosition(r, pos);
}

/** The last line of a section that is not blank (its heading when its body is empty). */
export function lastTextLine(model: SnapshotModel, s: Section): number {
  let end = s.endLine - 1;
  while (end > s.heading.line && model.text.lineText(end).trim() === '') end--;
  return end;
}
