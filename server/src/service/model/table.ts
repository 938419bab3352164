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

function isBlank(c: number): boolean {
  return c === Char.Space || c === Char.Tab;
}

export function splitRow(line: string): SplitRow {
  let s = 0;
  let e = line.length;
  while (s < e && isBlank(line.charCodeAt(s))) s++;
  while (e > s && isBlank(line.charCodeAt(e - 1))) e--;
  const leadingPipe = s < e && line.charCodeAt(s) === Char.Pipe;
  if (leadingPipe) s++;
  let trailingPipe = false;
  if (e > s && line.charCodeAt(e - 1) === Char.Pipe) {
    // A trailing pipe is a delimiter unless it is escaped by an odd run of backslashes.
    let bs = 0;
    for (let i = e - 2; i >= s && line.charCodeAt(i) === Char.Backslash; i--) bs++;
    if (bs % 2 === 0) {
      trailingPipe = true;
      e--;
    }
  }
  const cells: Cell[] = [];
  let cellStart = s;
  const push = (a: number, b: number) => {
    const rawStart = a;
    const rawEnd = b;
    while (a < b && isBlank(line.charCodeAt(a))) a++;
    while (b > a && isBlank(line.charCodeAt(b - 1))) b--;
    cells.push({ text: line.slice(a, b), start: a, end: b, rawStart, rawEnd });
  };
  for (let i = s; i < e; i++) {
    const c = line.charCodeAt(i);
    if (c === Char.Backslash) {
      i++; // a backslash escapes the next character, `|` included
      continue;
    }
    if (c === Char.Pipe) {
      push(cellStart, i);
      cellStart = i + 1;
    }
  }
  // A row that is only pipes (`|`) holds one empty cell, as GFM reads it.
  if (cellStart < e || cells.length === 0 || !trailingPipe) push(cellStart, e);
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
  for (const c of row.cells) if (!DELIMITER_CELL.test(c.text)) return undefined;
  return row;
}

/** Cell text as the reader means it: `\|` unescaped. */
export function cellValue(text: string): string {
  return text.replace(/\\\|/g, '|');
}

/** The range of a cell's text; for an empty cell, the blanks between its pipes, or the pipe before it. */
export function cellRange(row: { line: number }, c: Cell): Range {
  if (c.end > c.start) return lineSpan(row.line, c.start, c.end);
  if (c.rawEnd > c.rawStart) return lineSpan(row.line, c.rawStart, c.rawEnd);
  return lineSpan(row.line, Math.max(0, c.rawStart - 1), c.rawStart);
}
