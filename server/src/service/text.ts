// Line bookkeeping shared by every step: one split of the text into lines, with offsets,
// so ranges are exact for LF, CRLF and mixed line endings alike.
import type { Position, Range } from 'vscode-languageserver-types';

export interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the last character, before the line break. */
  end: number;
  text: string;
}

export class TextLines {
  readonly lines: Line[] = [];

  constructor(readonly text: string) {
    let start = 0;
    const n = text.length;
    // The next CR and LF are remembered, not searched for again from every line start: a file
    // without CR would otherwise be scanned to its end once per line.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (true) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      let brk = lf;
      if (cr !== -1 && (lf === -1 || cr < lf)) brk = cr;
      if (brk === -1) {
        this.lines.push({ start, end: n, text: text.slice(start, n) });
        break;
      }
      this.lines.push({ start, end: brk, text: text.slice(start, brk) });
      start = text.charCodeAt(brk) === 13 && text.charCodeAt(brk + 1) === 10 ? brk + 2 : brk + 1;
    }
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** The position of a document offset (clamped into the text). */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid].start <= o) lo = mid;
      else hi = mid - 1;
    }
    const line = this.lines[lo];
    return { line: lo, character: Math.min(o, line.end) - line.start };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lines.length) return this.text.length;
    if (pos.line < 0) return 0;
    const line = this.lines[pos.line];
    return Math.min(line.start + Math.max(0, pos.character), line.end);
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** The whole text of a line, without its line break. */
  lineRange(line: number): Range {
    const l = this.lines[line];
    return { start: { line, character: 0 }, end: { line, character: l.end - l.start } };
  }

  /** The line break this document uses most, for inserted text. */
  eol(): string {
    const crlf = this.text.indexOf('\r\n');
    return crlf !== -1 && crlf === this.text.indexOf('\n') - 1 ? '\r\n' : '\n';
  }
}

/**
 * An edit that inserts `text` (whole lines, each ending in `eol`) after line `line`; on the last
 * line of a document without a final line break, the break is added first.
 */
export function insertLinesAfter(lines: TextLines, line: number, text: string): { range: Range; newText: string } {
  if (line + 1 < lines.lineCount) return { range: lineSpan(line + 1, 0, 0), newText: text };
  const last = lines.lines[lines.lineCount - 1];
  const end = last.end - last.start;
  return { range: lineSpan(lines.lineCount - 1, end, end), newText: lines.eol() + text.replace(/(\r?\n)$/, '') };
}

export function range(line: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line, character: startChar }, end: { line: endLine, character: endChar } };
}

export function lineSpan(line: number, startChar: number, endChar: number): Range {
  return range(line, startChar, line, endChar);
}

/** The part of a line's text between its first and last non-blank character. */
export function trimmedSpan(text: string): [number, number] {
  let s = 0;
  let e = text.length;
  while (s < e && (text[s] === ' ' || text[s] === '\t' || text[s] === '\uFEFF')) s++;
  while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return [s, e];
}

export function containsPosition(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const before = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
