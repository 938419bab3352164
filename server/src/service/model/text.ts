// Line bookkeeping shared by every step: one split of the text into lines, with offsets,
// so ranges are exact for LF, CRLF and mixed line endings alike.
import type { Position, Range } from 'vscode-languageserver-types';
import { Char } from '../text/chars';

export interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the last character, before the line break. */
  end: number;
  text: string;
}

export class TextLines {
  /**
   * Where each line starts and ends (before its break). Two typed arrays rather than an object
   * and a string per line: a 5 MB paste has 100,000 lines, and the server keeps the lines of
   * every open snapshot.
   */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  readonly lineCount: number;

  constructor(readonly text: string) {
    // As many lines as breaks, and one: counted first (native scans), so the arrays are made
    // once, at their size (CRLF counts twice; the arrays are then cut to size).
    let room = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) room++;
    for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) room++;
    let starts = new Int32Array(room);
    let ends = new Int32Array(room);
    let count = 0;
    const add = (s: number, e: number) => {
      if (count === starts.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        starts = grow(starts);
        ends = grow(ends);
      }
      starts[count] = s;
      ends[count++] = e;
    };
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
        add(start, n);
        break;
      }
      add(start, brk);
      start = text.charCodeAt(brk) === Char.CarriageReturn && text.charCodeAt(brk + 1) === Char.LineFeed ? brk + 2 : brk + 1;
    }
    this.starts = count === starts.length ? starts : starts.slice(0, count);
    this.ends = count === ends.length ? ends : ends.slice(0, count);
    this.lineCount = count;
  }

  /** The text of line `i`, without its line break. */
  lineText(i: number): string {
    if (i < 0 || i >= this.lineCount) return '';
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  /** Offset of the first character of line `i`. */
  lineStart(i: number): number {
    return this.starts[i];
  }

  /** Offset just past the last character of line `i`, before its break. */
  lineEnd(i: number): number {
    return this.ends[i];
  }

  /**
   * The first character of line `i` after its leading spaces (a char code), or -1 for a line of
   * only spaces. Lets a pass skip lines without making a string of each.
   */
  firstNonSpace(i: number): number {
    const end = this.ends[i];
    for (let k = this.starts[i]; k < end; k++) {
      const c = this.text.charCodeAt(k);
      if (c !== Char.Space) return c;
    }
    return -1;
  }

  /** Whether line `i` holds the character `code`. */
  lineHas(i: number, code: number): boolean {
    const end = this.ends[i];
    for (let k = this.starts[i]; k < end; k++) if (this.text.charCodeAt(k) === code) return true;
    return false;
  }

  /** Line `i` as an object (undefined past the end). */
  line(i: number): Line | undefined {
    if (i < 0 || i >= this.lineCount) return undefined;
    return { start: this.starts[i], end: this.ends[i], text: this.lineText(i) };
  }

  /** The position of a document offset (clamped into the text). */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(o, this.ends[lo]) - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineCount) return this.text.length;
    if (pos.line < 0) return 0;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), this.ends[pos.line]);
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** The whole text of a line, without its line break. */
  lineRange(line: number): Range {
    return { start: { line, character: 0 }, end: { line, character: this.ends[line] - this.starts[line] } };
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
  const lastLine = lines.lineCount - 1;
  const end = lines.lineEnd(lastLine) - lines.lineStart(lastLine);
  return { range: lineSpan(lines.lineCount - 1, end, end), newText: lines.eol() + text.replace(/(\r?\n)$/, '') };
}

/**
 * Applies text edits the way an editor applies one WorkspaceEdit: every range refers to the
 * original text, inserts at one point keep their order. Edits must not overlap (fixAll sees to it).
 */
export function applyTextEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  if (!edits.length) return text;
  const lines = new TextLines(text);
  const spans = edits.map((e, i) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText, i }));
  spans.sort((a, b) => a.s - b.s || a.i - b.i);
  let out = '';
  let at = 0;
  for (const x of spans) {
    out += text.slice(at, x.s) + x.t;
    at = Math.max(at, x.e);
  }
  return out + text.slice(at);
}

export function range(line: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line, character: startChar }, end: { line: endLine, character: endChar } };
}

export function lineSpan(line: number, startChar: number, endChar: number): Range {
  return range(line, startChar, line, endChar);
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

/**
 * A copy of `s` that does not keep a larger string alive. V8 represents `text.slice(a, b)` as a
 * view into `text`; a cache keyed by such a slice would keep every old version of a document in
 * memory. Concatenating forces a flat copy, and the slice then points into that copy only.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * A bounded memo keyed by text: a snapshot re-validated on every pause in typing holds mostly
 * the same rows and paths each time, so each distinct text is worked on once, not once per
 * keystroke. Keys are detached (see `detach`), and `make` receives the detached key, so nothing
 * cached keeps an old version of a document alive. Values are shared and must not be changed.
 */
export class Memo<V> {
  private map = new Map<string, V>();
  private chars = 0;
  constructor(
    private readonly maxEntries = 100_000,
    private readonly maxChars = 16 * 1024 * 1024,
  ) {}
  get(key: string, make: (key: string) => V): V {
    let v = this.map.get(key);
    if (v === undefined && !this.map.has(key)) {
      const own = detach(key);
      v = make(own);
      this.put(own, v);
    }
    return v as V;
  }
  peek(key: string): V | undefined {
    return this.map.get(key);
  }
  /** Keeps `value` under `key`, which the caller has detached (the value was made from it). */
  put(key: string, value: V): void {
    if (this.map.size >= this.maxEntries || this.chars + key.length > this.maxChars) this.clear();
    this.map.set(key, value);
    this.chars += key.length;
  }
  clear(): void {
    this.map.clear();
    this.chars = 0;
  }
}

/** `s` without the run of `chars` at its end (a loop, not `/[…]+$/`, which is quadratic on a long run). */
export function trimTrailing(s: string, chars: string): string {
  let e = s.length;
  while (e > 0 && chars.includes(s[e - 1])) e--;
  return s.slice(0, e);
}
