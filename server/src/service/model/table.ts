// GFM table rows split into cells the way GFM does it: leading and trailing pipes are
// optional, `\|` does not split (even inside code spans), a bare `|` always does.
import type { Range } from 'vscode-languageserver-types';
import { lineSpan } from './text';
import { Char } from '../text/chars';

export interface Cell {
  /** Cell text, trimmed, with `\|` left as written. */
  text: string;
  /** Character offsets of the trimmed text within the line (start inclusive, end exclusive). */
  start: number;
  end: number;
  /** Offsets of the whole cell between its pipes, blanks included. */
  rawStart: number;
  rawEnd: number;
}

export interface SplitRow {
  cells: Cell[];
  /** Whether the row is written with a leading / trailing pipe. */
  leadingPipe: boolean;
  trailingPipe: boolean;
}

function isBlank(code: number): boolean {
  return code === Char.Space || code === Char.Tab;
}

export function splitRow(line: string): SplitRow {
  let start = 0;
  let end = line.length;
  while (start < end && isBlank(line.charCodeAt(start))) start++;
  while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  const leadingPipe = start < end && line.charCodeAt(start) === Char.Pipe;
  if (leadingPipe) start++;
  let trailingPipe = false;
  if (end > start && line.charCodeAt(end - 1) === Char.Pipe) {
    // A trailing pipe is a delimiter unless it is escaped by an odd run of backslashes.
    let backslashes = 0;
    for (let at = end - 2; at >= start && line.charCodeAt(at) === Char.Backslash; at--) backslashes++;
    if (backslashes % 2 === 0) {
      trailingPipe = true;
      end--;
    }
  }
  const cells: Cell[] = [];
  let cellStart = start;
  const push = (from: number, to: number) => {
    const rawStart = from;
    const rawEnd = to;
    while (from < to && isBlank(line.charCodeAt(from))) from++;
    while (to > from && isBlank(line.charCodeAt(to - 1))) to--;
    cells.push({ text: line.slice(from, to), start: from, end: to, rawStart, rawEnd });
  };
  for (let at = start; at < end; at++) {
    const code = line.charCodeAt(at);
    if (code === Char.Backslash) {
      at++; // a backslash escapes the next character, `|` included
      continue;
    }
    if (code === Char.Pipe) {
      push(cellStart, at);
      cellStart = at + 1;
    }
  }
  // A row that is only pipes (`|`) holds one empty cell, as GFM reads it.
  if (cellStart < end || cells.length === 0 || !trailingPipe) push(cellStart, end);
  return { cells, leadingPipe, trailingPipe };
}

const DELIMITER_CELL = /^:?-+:?$/;

/** Whether a line is a GFM delimiter row (`|---|:--:|`), and its cells if so. */
export function splitDelimiterRow(line: string): SplitRow | undefined {
  if (!line.includes('-')) return undefined;
  const row = splitRow(line);
  if (row.cells.length === 0) return undefined;
  // A single-column delimiter row needs a pipe, or `---` would be a thematic break.
  if (row.cells.length === 1 && !row.leadingPipe && !row.trailingPipe) return undefined;
  for (const cell of row.cells) if (!DELIMITER_CELL.test(cell.text)) return undefined;
  return row;
}

/** Cell text as the reader means it: `\|` unescaped. */
export function cellValue(text: string): string {
  return text.replace(/\\\|/g, '|');
}

/** The range of a cell's text; for an empty cell, the blanks between its pipes, or the pipe before it. */
export function cellRange(row: { line: number }, cell: Cell): Range {
  if (cell.end > cell.start) return lineSpan(row.line, cell.start, cell.end);
  if (cell.rawEnd > cell.rawStart) return lineSpan(row.line, cell.rawStart, cell.rawEnd);
  return lineSpan(row.line, Math.max(0, cell.rawStart - 1), cell.rawStart);
}
