// The block structure of a Markdown document as CommonMark and GFM read it (GitHub, VS Code's
// preview): which lines are headings, fences, tables, HTML blocks, indented code, and which lie
// inside a block quote or a list item. One pass over the lines with the reference algorithm
// (a stack of open containers and one open leaf; lazy continuation lines; HTML block end
// conditions; tables that take the paragraph's last line as their header), so the checker reads
// the document a reader sees: a fence inside an HTML comment is not a fence, a ```yaml block in
// a block quote or a list item is not a top-level block. Each step is a scan of the line (no
// backtracking regular expression), and the usual line (no container, no tab) is looked at once.
import { splitDelimiterRow, splitRow } from './table';
import type { TextLines } from './text';
import { CASE_BIT, Char } from '../text/chars';

/** What a line is, in its innermost container. */
export const enum Leaf {
  Blank = 0,
  Paragraph = 1,
  Heading = 2,
  Fence = 3,
  Code = 4,
  Html = 5,
  /** An HTML block that is a comment (`<!-- … -->`): text no reader sees. */
  Comment = 6,
  Table = 7,
  Break = 8,
  /** The underline of a setext heading. */
  Setext = 9,
}

/** Set on a line that lies inside a block quote or a list item (its leaf is in that container). */
export const NESTED = 16;

export interface BlockFence {
  openLine: number;
  /** The line of the closing fence; undefined when the fence runs to its container's end. */
  closeLine?: number;
  /** The last line of the fence (its closing line, or the last line of its content). */
  lastLine: number;
  marker: string;
  /** The info string, untrimmed. */
  info: string;
  /** Whether it lies in a block quote or a list item. */
  nested: boolean;
}

export interface BlockTable {
  headerLine: number;
  /** The first line after the table. */
  endLine: number;
}

export interface Blocks {
  /** Per line: its Leaf, plus NESTED when it lies in a container. */
  kind: Uint8Array;
  /** Per line: the offset in the line where its innermost container's content starts (0 at the top level). */
  contentStart: Int32Array;
  /** Every fence, top-level and nested, in order. */
  fences: BlockFence[];
  /** Top-level tables. */
  tables: BlockTable[];
  /** Top-level setext headings: the first line of the text, the underline's line, the level (1 for `=`, 2 for `-`). */
  setext: { firstLine: number; line: number; level: number }[];
}

export function leafOf(blocks: Blocks, line: number): Leaf {
  return (blocks.kind[line] & 15) as Leaf;
}

/** Whether a line is literal text or hidden (code of a fence or an indented block, an HTML block). */
export function isLiteral(blocks: Blocks, line: number): boolean {
  const k = blocks.kind[line] & 15;
  return k === Leaf.Fence || k === Leaf.Code || k === Leaf.Html || k === Leaf.Comment;
}

interface Container {
  quote: boolean;
  /** A list item's content column, relative to where the item's marker line content began. */
  indent: number;
  hasChild: boolean;
}

type OpenLeaf =
  | { t: Leaf.Paragraph; firstLine: number; lastLine: number; lastText: string; lastCells: number; defsOnly: boolean }
  | { t: Leaf.Fence; fence: BlockFence; indent: number }
  | { t: Leaf.Code }
  | { t: Leaf.Html; end: string; comment: boolean }
  | { t: Leaf.Table; table: BlockTable | undefined };

function isBlankCode(code: number): boolean {
  return code === Char.Space || code === Char.Tab;
}

/** The line with its tabs expanded to 4-column stops (CommonMark's columns), and a map back. */
function expand(raw: string): { expanded: string; toRaw: (col: number) => number } {
  if (!raw.includes('\t')) return { expanded: raw, toRaw: (col) => col };
  let expanded = '';
  const cols: number[] = [];
  for (let at = 0; at < raw.length; at++) {
    if (raw.charCodeAt(at) === Char.Tab) {
      const width = 4 - (expanded.length % 4);
      for (let pad = 0; pad < width; pad++) cols.push(at);
      expanded += ' '.repeat(width);
    } else {
      cols.push(at);
      expanded += raw[at];
    }
  }
  return { expanded, toRaw: (col) => (col < cols.length ? cols[col] : raw.length) };
}

function nextNonSpace(line: string, at: number): number {
  while (at < line.length && line.charCodeAt(at) === Char.Space) at++;
  return at;
}

function isBlankFrom(line: string, at: number): boolean {
  for (; at < line.length; at++) if (!isBlankCode(line.charCodeAt(at))) return false;
  return true;
}

/** A run of backticks or tildes at `from` that is a fence opening (3+; a backtick fence's info holds no backtick). */
function fenceAt(line: string, from: number): { marker: string; info: string } | undefined {
  const code = line.charCodeAt(from);
  if (code !== Char.Backtick && code !== Char.Tilde) return undefined;
  let at = from;
  while (at < line.length && line.charCodeAt(at) === code) at++;
  if (at - from < 3) return undefined;
  const info = line.slice(at);
  if (code === Char.Backtick && info.includes('`')) return undefined;
  return { marker: line.slice(from, at), info };
}

function closesFence(line: string, from: number, marker: string): boolean {
  const code = marker.charCodeAt(0);
  let at = from;
  while (at < line.length && line.charCodeAt(at) === code) at++;
  return at - from >= marker.length && isBlankFrom(line, at);
}

function isAtx(line: string, from: number): boolean {
  let at = from;
  while (at < line.length && line.charCodeAt(at) === Char.Hash) at++;
  return at - from >= 1 && at - from <= 6 && (at === line.length || isBlankCode(line.charCodeAt(at)));
}

/** `***`, `---`, `___` (3 or more, blanks between allowed). */
function isBreak(line: string, from: number): boolean {
  const marker = line.charCodeAt(from);
  if (marker !== Char.Star && marker !== Char.Dash && marker !== Char.Underscore) return false;
  let marks = 0;
  for (let at = from; at < line.length; at++) {
    const code = line.charCodeAt(at);
    if (code === marker) marks++;
    else if (!isBlankCode(code)) return false;
  }
  return marks >= 3;
}

/** A setext underline: a run of `=` or `-`, then blanks only; its level, or 0. */
function setextLevel(line: string, from: number): number {
  const marker = line.charCodeAt(from);
  if (marker !== Char.Equals && marker !== Char.Dash) return 0;
  let at = from;
  while (at < line.length && line.charCodeAt(at) === marker) at++;
  return isBlankFrom(line, at) ? (marker === Char.Equals ? 1 : 2) : 0;
}

interface ListMarker {
  /** Columns from the marker's start to the item's content. */
  width: number;
  empty: boolean;
  ordered: boolean;
  start: number;
}

function listMarkerAt(line: string, from: number): ListMarker | undefined {
  const bullet = line.charCodeAt(from);
  let at = from;
  let ordered = false;
  let start = 0;
  if (bullet === Char.Dash || bullet === Char.Plus || bullet === Char.Star) at++;
  else {
    while (at < line.length && at - from < 10 && line.charCodeAt(at) >= Char.Digit0 && line.charCodeAt(at) <= Char.Digit9) at++;
    if (at === from || at - from > 9) return undefined;
    const delimiter = line.charCodeAt(at);
    if (delimiter !== Char.Dot && delimiter !== Char.CloseParen) return undefined;
    ordered = true;
    start = Number(line.slice(from, at));
    at++;
  }
  if (at < line.length && !isBlankCode(line.charCodeAt(at))) return undefined;
  const after = nextNonSpace(line, at);
  const empty = after >= line.length;
  const spaces = after - at;
  const width = at - from + (empty || spaces > 4 ? 1 : spaces);
  return { width, empty, ordered, start };
}

const BLOCK_NAMES = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset ' +
    'figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu ' +
    'menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul'
  ).split(' '),
);
const RAW_NAMES = ['script', 'pre', 'style', 'textarea'];

function isAsciiLetter(c: number): boolean {
  return (c >= Char.UpperA && c <= Char.UpperZ) || (c >= Char.LowerA && c <= Char.LowerZ);
}

function tagNameEnd(s: string, i: number): number {
  if (!isAsciiLetter(s.charCodeAt(i))) return i;
  let j = i + 1;
  while (j < s.length && /[\da-z-]/i.test(s[j])) j++;
  return j;
}

function skipWs(s: string, i: number): number {
  while (i < s.length && isBlankCode(s.charCodeAt(i))) i++;
  return i;
}

/** The end of a complete attribute list and `/?>` from `i`, or -1 (CommonMark's open tag). */
function openTagEnd(s: string, i: number): number {
  for (;;) {
    const w = skipWs(s, i);
    const c = s.charCodeAt(w);
    if (c === Char.GreaterThan) return w + 1;
    if (c === Char.Slash) return s.charCodeAt(w + 1) === Char.GreaterThan ? w + 2 : -1;
    if (w === i || !(isAsciiLetter(c) || c === Char.Underscore || c === Char.Colon)) return -1;
    let j = w + 1;
    while (j < s.length && /[\w.:-]/.test(s[j])) j++;
    const eq = skipWs(s, j);
    if (s.charCodeAt(eq) !== Char.Equals) {
      i = j;
      continue;
    }
    const v = skipWs(s, eq + 1);
    const q = s.charCodeAt(v);
    if (q === Char.DoubleQuote || q === Char.SingleQuote) {
      const close = s.indexOf(s[v], v + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else {
      let k = v;
      while (k < s.length && !/[\s"'=<>`]/.test(s[k])) k++;
      if (k === v) return -1;
      i = k;
    }
  }
}

/** The HTML block that starts at `i` (indent already checked): its end marker ('' ends at a blank line), or undefined. */
function htmlStart(s: string, i: number, canType7: boolean): { end: string; comment: boolean; type: number } | undefined {
  if (s.charCodeAt(i) !== Char.LessThan) return undefined;
  const rest = s.slice(i + 1, i + 12).toLowerCase();
  for (const name of RAW_NAMES) {
    if (rest.startsWith(name)) {
      const c = s.charCodeAt(i + 1 + name.length);
      if (Number.isNaN(c) || isBlankCode(c) || c === Char.GreaterThan) return { end: `</${name}>`, comment: false, type: 1 };
    }
  }
  if (rest.startsWith('!--')) return { end: '-->', comment: true, type: 2 };
  if (rest.startsWith('?')) return { end: '?>', comment: false, type: 3 };
  if (rest.startsWith('![cdata[')) return { end: ']]>', comment: false, type: 5 };
  if (rest.startsWith('!') && isAsciiLetter(rest.charCodeAt(1))) return { end: '>', comment: false, type: 4 };
  const closing = s.charCodeAt(i + 1) === Char.Slash;
  const nameAt = i + (closing ? 2 : 1);
  const nameEnd = tagNameEnd(s, nameAt);
  if (nameEnd === nameAt) return undefined;
  const name = s.slice(nameAt, nameEnd).toLowerCase();
  const after = s.charCodeAt(nameEnd);
  if (BLOCK_NAMES.has(name)) {
    if (
      nameEnd === s.length ||
      isBlankCode(after) ||
      after === Char.GreaterThan ||
      (after === Char.Slash && s.charCodeAt(nameEnd + 1) === Char.GreaterThan)
    ) {
      return { end: '', comment: false, type: 6 };
    }
    return undefined;
  }
  if (!canType7) return undefined;
  const end = closing ? (s.charCodeAt(skipWs(s, nameEnd)) === Char.GreaterThan ? skipWs(s, nameEnd) + 1 : -1) : openTagEnd(s, nameEnd);
  return end > 0 && isBlankFrom(s, end) ? { end: '', comment: false, type: 7 } : undefined;
}

/** Whether an HTML block's end marker is on the line (searched from `from`; `-->` may close `<!-->`). */
function htmlEnds(s: string, from: number, end: string): boolean {
  if (end === '') return false;
  if (end.startsWith('</')) return s.toLowerCase().includes(end, from);
  return s.includes(end, from);
}

/** A one-line link reference definition `[label]: destination "title"` (a paragraph of these is no paragraph). */
function isLinkDef(s: string, i: number): boolean {
  if (s.charCodeAt(i) !== Char.OpenBracket) return false;
  const close = s.indexOf(']:', i + 1);
  if (close <= i + 1) return false;
  const label = s.slice(i + 1, close);
  if (label.trim() === '' || label.includes('[') || label.includes(']')) return false;
  const d = skipWs(s, close + 2);
  let e = d;
  while (e < s.length && !isBlankCode(s.charCodeAt(e))) e++;
  if (e === d || s.charCodeAt(d) === Char.LessThan) return false;
  const t = skipWs(s, e);
  if (t === s.length) return true;
  const q = s[t];
  const closeQ = q === '(' ? ')' : q;
  if (e === t || (q !== '"' && q !== "'" && q !== '(')) return false;
  const end = s.indexOf(closeQ, t + 1);
  return end > t && isBlankFrom(s, end + 1);
}

/** One pass of the reference block algorithm over the lines (see the top of this file). */
class BlockScanner {
  readonly out: Blocks;
  private containers: Container[] = [];
  private leaf: OpenLeaf | undefined;
  /** Per line being read: the expanded text, where the innermost content starts, what it became. */
  private s = '';
  private i = 0;
  private line = 0;
  private kind: number = Leaf.Blank;
  /** The leaf of the line before (a table's row, at any depth, changes how a lazy line reads). */
  private prevLeaf: number = Leaf.Blank;

  constructor(private readonly lines: TextLines) {
    this.out = {
      kind: new Uint8Array(lines.lineCount),
      contentStart: new Int32Array(lines.lineCount),
      fences: [],
      tables: [],
      setext: [],
    };
  }

  scan(from: number, to: number): void {
    for (let l = from; l < to; l++) this.scanLine(l);
  }

  private scanLine(l: number): void {
    let raw = this.lines.lineText(l);
    const bom = l === 0 && raw.charCodeAt(0) === Char.ByteOrderMark ? 1 : 0;
    if (bom) raw = raw.slice(1);
    this.line = l;
    if (this.plainLine(raw)) {
      this.out.kind[l] = this.prevLeaf = this.kind;
      this.out.contentStart[l] = bom;
      return;
    }
    const { expanded, toRaw } = expand(raw);
    this.s = expanded;
    this.i = 0;
    const matched = this.matchContainers();
    // Indented code that this line ends still counts as open for micromark's interrupt rules.
    const code = this.leaf?.t === Leaf.Code && matched === this.containers.length;
    if (!this.continueLeaf(matched)) this.startBlocks(matched, code);
    const depth = this.containers.length;
    this.out.kind[l] = this.kind | (depth > 0 ? NESTED : 0);
    this.prevLeaf = this.kind;
    this.out.contentStart[l] = bom + toRaw(Math.min(this.i, expanded.length));
  }

  /**
   * The usual line, read at once: at the top level, outside code and HTML, a line that starts
   * with a letter (or a `|` where no delimiter row can follow a paragraph) starts no block — it
   * goes on the paragraph or table, or starts a paragraph.
   */
  private plainLine(raw: string): boolean {
    const leaf = this.leaf?.t;
    if (this.containers.length || leaf === Leaf.Fence || leaf === Leaf.Html || leaf === Leaf.Code) return false;
    const c = raw.charCodeAt(0) | CASE_BIT;
    if (!((c >= Char.LowerA && c <= Char.LowerZ) || (raw.charCodeAt(0) === Char.Pipe && leaf !== Leaf.Paragraph))) return false;
    this.s = raw;
    this.i = 0;
    this.textLine(false, false);
    return true;
  }

  /** How many open containers the line continues (CommonMark's first step). */
  private matchContainers(): number {
    const { s } = this;
    let m = 0;
    for (; m < this.containers.length; m++) {
      const c = this.containers[m];
      const n = nextNonSpace(s, this.i);
      if (c.quote) {
        if (n - this.i > 3 || s.charCodeAt(n) !== Char.GreaterThan) break;
        this.i = n + 1;
        if (s.charCodeAt(this.i) === Char.Space) this.i++;
      } else if (n >= s.length) {
        if (!c.hasChild) break;
        this.i = n;
      } else if (n - this.i >= c.indent) this.i += c.indent;
      else break;
    }
    return m;
  }

  /** A fence, HTML block or indented code that goes on in this line; true when the line is done. */
  private continueLeaf(matched: number): boolean {
    const leaf = this.leaf;
    if (!leaf || matched !== this.containers.length) return false;
    const { s, i } = this;
    const n = nextNonSpace(s, i);
    if (leaf.t === Leaf.Fence) {
      this.kind = Leaf.Fence;
      leaf.fence.lastLine = this.line;
      if (n - i <= 3 && closesFence(s, n, leaf.fence.marker)) {
        leaf.fence.closeLine = this.line;
        this.leaf = undefined;
      }
      return true;
    }
    if (leaf.t === Leaf.Html) {
      if (leaf.end === '' && n >= s.length) {
        this.leaf = undefined;
        return false;
      }
      this.kind = leaf.comment ? Leaf.Comment : Leaf.Html;
      if (htmlEnds(s, i, leaf.end)) this.leaf = undefined;
      return true;
    }
    if (leaf.t === Leaf.Code) {
      if (n - i >= 4 || n >= s.length) {
        this.kind = Leaf.Code;
        return true;
      }
      this.leaf = undefined;
    }
    return false;
  }

  /** Closes the containers past `matched` (and the leaf, when it lies in one of them). */
  private closeUnmatched(matched: number): void {
    if (this.containers.length > matched) {
      this.containers.length = matched;
      this.leaf = undefined;
    }
  }

  /** A new block in the innermost container: the open leaf ends, the container has a child. */
  private opened(matched: number): void {
    this.closeUnmatched(matched);
    this.leaf = undefined;
    const parent = this.containers[this.containers.length - 1];
    if (parent) parent.hasChild = true;
  }

  /** CommonMark's block starts, then the paragraph (lazy or not) or a new one. */
  private startBlocks(matchedIn: number, afterCode: boolean): void {
    let matched = matchedIn;
    const allMatched = matched === this.containers.length;
    const tip = this.leaf?.t;
    const paraTip = tip === Leaf.Paragraph;
    // micromark "interrupts" an open paragraph or indented code (remark-gfm reads it so): no
    // empty or non-1 ordered list item there.
    const interrupt = afterCode || (allMatched && paraTip);
    let fresh = false;
    for (;;) {
      // The interrupt holds for every container the line opens (`para` then `> *`: no empty item).
      const r = fresh
        ? this.blockStart(matched, false, interrupt, true)
        : this.blockStart(matched, allMatched && paraTip, interrupt, !paraTip);
      if (r === 'container') {
        fresh = true;
        matched = this.containers.length;
        continue;
      }
      if (r === 'leaf') return;
      break;
    }
    const { s, i } = this;
    const blank = isBlankFrom(s, i);
    const leaf = this.leaf;
    if (!fresh && !allMatched && leaf?.t === Leaf.Paragraph && !blank) {
      this.kind = Leaf.Paragraph;
      leaf.lastLine = this.line;
      leaf.lastCells = -1;
      leaf.defsOnly = false;
      return;
    }
    this.closeUnmatched(matched);
    // micromark (remark-gfm) reads a line that does not continue a container, right after a
    // table's row, as a lazy row it refuses: that line can be no table's header.
    this.textLine(blank, !fresh && !allMatched && this.prevLeaf === Leaf.Table);
  }

  /** A blank line, a paragraph line or a table row in the innermost container. */
  private textLine(blank: boolean, noHeader: boolean): void {
    const leaf = this.leaf;
    if (blank) {
      if (leaf?.t === Leaf.Paragraph || leaf?.t === Leaf.Table) this.leaf = undefined;
      this.kind = Leaf.Blank;
      return;
    }
    const text = this.s.slice(this.i);
    if (leaf?.t === Leaf.Table) {
      this.kind = Leaf.Table;
      return;
    }
    this.kind = Leaf.Paragraph;
    if (leaf?.t === Leaf.Paragraph) {
      leaf.lastLine = this.line;
      leaf.lastText = text;
      leaf.lastCells = 0;
      leaf.defsOnly = leaf.defsOnly && isLinkDef(text, nextNonSpace(text, 0));
      return;
    }
    this.opened(this.containers.length);
    this.leaf = {
      t: Leaf.Paragraph,
      firstLine: this.line,
      lastLine: this.line,
      lastText: text,
      lastCells: noHeader ? -1 : 0,
      defsOnly: isLinkDef(text, nextNonSpace(text, 0)),
    };
  }

  /**
   * One block start at the line's current position: a container (block quote, list item), a
   * leaf (which ends the line), or none. `paraHere`: the open paragraph is the innermost matched
   * block (a setext underline or a table delimiter is judged against it); `interrupt`: an open
   * block is interrupted (see startBlocks); `notPara`: the open leaf is no paragraph (in any
   * container), so indented code and a type-7 HTML block may start.
   */
  private blockStart(matched: number, paraHere: boolean, interrupt: boolean, notPara: boolean): 'container' | 'leaf' | undefined {
    const { s } = this;
    const n = nextNonSpace(s, this.i);
    if (n - this.i >= 4) {
      if (!notPara || n >= s.length) return undefined;
      this.opened(matched);
      this.leaf = { t: Leaf.Code };
      this.kind = Leaf.Code;
      return 'leaf';
    }
    const c = s.charCodeAt(n);
    if (c === Char.GreaterThan) {
      this.opened(matched);
      this.containers.push({ quote: true, indent: 0, hasChild: false });
      this.i = n + 1;
      if (s.charCodeAt(this.i) === Char.Space) this.i++;
      return 'container';
    }
    if (c === Char.Hash && isAtx(s, n)) return this.leafLine(matched, Leaf.Heading);
    const fence = fenceAt(s, n);
    if (fence) return this.openFence(matched, fence, n - this.i);
    const html = c === Char.LessThan ? htmlStart(s, n, notPara) : undefined;
    if (html) {
      this.opened(matched);
      this.kind = html.comment ? Leaf.Comment : Leaf.Html;
      const from = html.type === 2 ? n + 2 : n;
      if (!htmlEnds(s, from, html.end)) this.leaf = { t: Leaf.Html, end: html.end, comment: html.comment };
      return 'leaf';
    }
    const setext = paraHere ? this.setext(n) : undefined;
    if (setext) return setext;
    if (isBreak(s, n)) return this.leafLine(matched, Leaf.Break);
    const item = listMarkerAt(s, n);
    if (item && !(interrupt && (item.empty || (item.ordered && item.start !== 1)))) {
      this.opened(matched);
      this.containers.push({ quote: false, indent: n - this.i + item.width, hasChild: false });
      this.i = Math.min(n + item.width, s.length);
      return 'container';
    }
    return paraHere ? this.tableStart(n) : undefined;
  }

  private leafLine(matched: number, kind: Leaf): 'leaf' {
    this.opened(matched);
    this.kind = kind;
    return 'leaf';
  }

  private openFence(matched: number, f: { marker: string; info: string }, indent: number): 'leaf' {
    this.opened(matched);
    const fence: BlockFence = {
      openLine: this.line,
      lastLine: this.line,
      marker: f.marker,
      info: f.info,
      nested: this.containers.length > 0,
    };
    this.out.fences.push(fence);
    this.leaf = { t: Leaf.Fence, fence, indent };
    this.kind = Leaf.Fence;
    return 'leaf';
  }

  /** A setext underline below the open paragraph (not below link definitions only). */
  private setext(n: number): 'leaf' | undefined {
    const leaf = this.leaf;
    const level = setextLevel(this.s, n);
    if (!level || leaf?.t !== Leaf.Paragraph || leaf.defsOnly) return undefined;
    if (this.containers.length === 0) this.out.setext.push({ firstLine: leaf.firstLine, line: this.line, level });
    this.leaf = undefined;
    this.kind = Leaf.Setext;
    return 'leaf';
  }

  /** A GFM delimiter row below a paragraph line of as many cells: that line becomes the table's header. */
  private tableStart(n: number): 'leaf' | undefined {
    const leaf = this.leaf;
    if (leaf?.t !== Leaf.Paragraph || leaf.lastCells < 0 || !this.s.includes('-', n)) return undefined;
    const delim = splitDelimiterRow(this.s.slice(this.i));
    if (!delim) return undefined;
    const header = leaf.lastCells || splitRow(leaf.lastText).cells.length;
    leaf.lastCells = header;
    if (header !== delim.cells.length) return undefined;
    const nested = this.containers.length > 0 ? NESTED : 0;
    this.out.kind[leaf.lastLine] = Leaf.Table | nested;
    const table: BlockTable | undefined = nested ? undefined : { headerLine: leaf.lastLine, endLine: this.line + 1 };
    if (table) this.out.tables.push(table);
    this.leaf = { t: Leaf.Table, table };
    this.kind = Leaf.Table;
    return 'leaf';
  }

  /** Ends the scan: a table's end line is the first line after its last row. */
  finish(): Blocks {
    const { kind } = this.out;
    for (const t of this.out.tables) {
      let e = t.headerLine + 2;
      while (e < kind.length && kind[e] === Leaf.Table) e++;
      t.endLine = e;
    }
    return this.out;
  }
}

/** The block structure of the whole text (see BlockScanner). */
export function readBlocks(lines: TextLines): Blocks {
  const scanner = new BlockScanner(lines);
  scanner.scan(0, lines.lineCount);
  return scanner.finish();
}

/** The same, as resumable steps that pause every `step` lines. */
export function* readBlocksSteps(lines: TextLines, step: number): Generator<void, Blocks> {
  const scanner = new BlockScanner(lines);
  for (let l = 0; l < lines.lineCount; l += step) {
    yield;
    scanner.scan(l, Math.min(l + step, lines.lineCount));
  }
  return scanner.finish();
}
