import { CASE_BIT, Char } from '../text/chars';
// Line-level readers for the Markdown a snapshot is made of: ATX headings, fence info strings,
// bullets, `Key: value` metadata lines and `- ID: label` lines. Each is one left-to-right scan
// of the line (no regular expression), so a pathological line costs time linear in its length.

function isBlank(c: number): boolean {
  return c === Char.Space || c === Char.Tab;
}

/** Index of the first character after at most `max` leading spaces, or -1 if more follow. */
function afterIndent(s: string, max = 3): number {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === Char.Space) i++;
  return i <= max ? i : -1;
}

/** End of `s` without trailing blanks (from `from`). */
function trimEndAt(s: string, from = 0): number {
  let e = s.length;
  while (e > from && isBlank(s.charCodeAt(e - 1))) e--;
  return e;
}

function skipBlanks(s: string, i: number): number {
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  return i;
}

export interface AtxHeading {
  level: number;
  /** The heading text (without the `#` marks and the closing sequence), and where it is. */
  text: string;
  start: number;
  end: number;
}

/** An ATX heading line (`## Findings`, `# Title #`), as CommonMark reads it. */
export function parseAtx(s: string): AtxHeading | undefined {
  const i = afterIndent(s);
  if (i < 0 || s.charCodeAt(i) !== Char.Hash) return undefined;
  let j = i;
  while (j < s.length && s.charCodeAt(j) === Char.Hash) j++;
  const level = j - i;
  if (level > 6 || (j < s.length && !isBlank(s.charCodeAt(j)))) return undefined;
  const start = skipBlanks(s, j);
  let end = trimEndAt(s, start);
  // An optional closing sequence: blanks, then only `#`s to the end.
  let k = end;
  while (k > start && s.charCodeAt(k - 1) === Char.Hash) k--;
  if (k < end && (k === start || isBlank(s.charCodeAt(k - 1)))) end = trimEndAt(s.slice(0, k), start);
  // An empty heading's text sits at the end of its line.
  if (end === start) return { level, text: '', start: s.length, end: s.length };
  return { level, text: s.slice(start, end), start, end };
}

/** The first word of a fence's info string, lower case (`yaml`, `yml`, ``). */
export function fenceLang(info: string): string {
  const s = skipBlanks(info, 0);
  let e = s;
  while (e < info.length && !isBlank(info.charCodeAt(e))) e++;
  return info.slice(s, e).toLowerCase();
}

export interface Bullet {
  indent: number;
  marker: string;
  /** The item's text, right-trimmed, and where it starts. */
  text: string;
  start: number;
}

/** A bullet list item line: blanks, `-`, `*` or `+`, at least one blank, text. */
export function parseBullet(s: string): Bullet | undefined {
  const i = skipBlanks(s, 0);
  const c = s.charCodeAt(i);
  if (c !== Char.Dash && c !== Char.Star && c !== Char.Plus) return undefined;
  if (i + 1 >= s.length || !isBlank(s.charCodeAt(i + 1))) return undefined;
  const start = skipBlanks(s, i + 1);
  return { indent: i, marker: s[i], text: s.slice(start, trimEndAt(s, start)), start };
}

export interface MetaLine {
  key: string;
  /** The inline value, trimmed (empty when none), and where it starts. */
  value: string;
  valueStart: number;
}

const KEY_STOP = new Set([Char.Colon, Char.Backtick, Char.Pipe, Char.Hash, Char.GreaterThan]); // : ` | # >

/** A `Key: value` line: a key that starts with a letter, a colon, then nothing or a blank and a value. */
export function parseMetaLine(s: string): MetaLine | undefined {
  const c0 = s.charCodeAt(0) | CASE_BIT;
  if (c0 < Char.LowerA || c0 > Char.LowerZ) return undefined;
  let colon = 1;
  while (colon < s.length && !KEY_STOP.has(s.charCodeAt(colon))) colon++;
  if (colon >= s.length || s.charCodeAt(colon) !== Char.Colon) return undefined;
  const after = colon + 1;
  if (after < s.length && !isBlank(s.charCodeAt(after))) return undefined;
  const valueStart = skipBlanks(s, after);
  const end = trimEndAt(s, valueStart);
  return { key: s.slice(0, trimEndAt(s.slice(0, colon))), value: s.slice(valueStart, end), valueStart };
}

export interface LabelLine {
  /** The id between the bullet and the colon (backticks and blanks removed; may be empty). */
  id: string;
  idStart: number;
  /** The label after the colon, trimmed, surrounding backticks removed. */
  label: string;
  labelStart: number;
}

/** `` - `ID`: label `` or `- ID: label` (the id holds no backtick or colon). */
export function parseLabelLine(s: string): LabelLine | undefined {
  const b = parseBullet(s);
  if (!b) return undefined;
  const t = b.start;
  const ticked = s.charCodeAt(t) === Char.Backtick;
  const idStart = ticked ? t + 1 : t;
  let i = idStart;
  while (i < s.length && s.charCodeAt(i) !== Char.Backtick && s.charCodeAt(i) !== Char.Colon) i++;
  const idEnd = i;
  if (ticked) {
    if (s.charCodeAt(i) !== Char.Backtick) return undefined;
    i++;
  } else if (s.charCodeAt(i) === Char.Backtick) return undefined;
  i = skipBlanks(s, i);
  if (s.charCodeAt(i) !== Char.Colon) return undefined;
  let ls = skipBlanks(s, i + 1);
  let le = trimEndAt(s, ls);
  if (le - ls >= 2 && s.charCodeAt(ls) === Char.Backtick && s.charCodeAt(le - 1) === Char.Backtick) {
    ls++;
    le--;
  }
  const is = skipBlanks(s, idStart);
  const ie = Math.max(is, trimEndAt(s.slice(0, idEnd), is));
  return { id: s.slice(is, ie), idStart: is, label: s.slice(ls, le), labelStart: ls };
}
