// Line-level readers for the Markdown a snapshot is made of: ATX headings, fence info strings,
// bullets, `Key: value` metadata lines and `- ID: label` lines. Each is one left-to-right scan
// of the line (no regular expression), so a pathological line costs time linear in its length.
import { CASE_BIT, Char } from '../text/chars';

function isBlank(code: number): boolean {
  return code === Char.Space || code === Char.Tab;
}

/** Index of the first character after at most `max` leading spaces, or -1 if more follow. */
function afterIndent(line: string, max = 3): number {
  let at = 0;
  while (at < line.length && line.charCodeAt(at) === Char.Space) at++;
  return at <= max ? at : -1;
}

/** End of `line` without trailing blanks (from `from`). */
function trimEndAt(line: string, from = 0): number {
  let end = line.length;
  while (end > from && isBlank(line.charCodeAt(end - 1))) end--;
  return end;
}

function skipBlanks(line: string, at: number): number {
  while (at < line.length && isBlank(line.charCodeAt(at))) at++;
  return at;
}

export interface AtxHeading {
  level: number;
  /** The heading text (without the `#` marks and the closing sequence), and where it is. */
  text: string;
  start: number;
  end: number;
}

/** An ATX heading line (`## Findings`, `# Title #`), as CommonMark reads it. */
export function parseAtx(line: string): AtxHeading | undefined {
  const marksStart = afterIndent(line);
  if (marksStart < 0 || line.charCodeAt(marksStart) !== Char.Hash) return undefined;
  let marksEnd = marksStart;
  while (marksEnd < line.length && line.charCodeAt(marksEnd) === Char.Hash) marksEnd++;
  const level = marksEnd - marksStart;
  if (level > 6 || (marksEnd < line.length && !isBlank(line.charCodeAt(marksEnd)))) return undefined;
  const start = skipBlanks(line, marksEnd);
  let end = trimEndAt(line, start);
  // An optional closing sequence: blanks, then only `#`s to the end.
  let closingStart = end;
  while (closingStart > start && line.charCodeAt(closingStart - 1) === Char.Hash) closingStart--;
  if (closingStart < end && (closingStart === start || isBlank(line.charCodeAt(closingStart - 1)))) {
    end = trimEndAt(line.slice(0, closingStart), start);
  }
  // An empty heading's text sits at the end of its line.
  if (end === start) return { level, text: '', start: line.length, end: line.length };
  return { level, text: line.slice(start, end), start, end };
}

/** The first word of a fence's info string, lower case (`yaml`, `yml`, ``). */
export function fenceLang(info: string): string {
  const start = skipBlanks(info, 0);
  let end = start;
  while (end < info.length && !isBlank(info.charCodeAt(end))) end++;
  return info.slice(start, end).toLowerCase();
}

export interface Bullet {
  indent: number;
  marker: string;
  /** The item's text, right-trimmed, and where it starts. */
  text: string;
  start: number;
}

/** A bullet list item line: blanks, `-`, `*` or `+`, at least one blank, text. */
export function parseBullet(line: string): Bullet | undefined {
  const markerAt = skipBlanks(line, 0);
  const marker = line.charCodeAt(markerAt);
  if (marker !== Char.Dash && marker !== Char.Star && marker !== Char.Plus) return undefined;
  if (markerAt + 1 >= line.length || !isBlank(line.charCodeAt(markerAt + 1))) return undefined;
  const start = skipBlanks(line, markerAt + 1);
  return { indent: markerAt, marker: line[markerAt], text: line.slice(start, trimEndAt(line, start)), start };
}

export interface MetaLine {
  key: string;
  /** The inline value, trimmed (empty when none), and where it starts. */
  value: string;
  valueStart: number;
}

const KEY_STOP = new Set([Char.Colon, Char.Backtick, Char.Pipe, Char.Hash, Char.GreaterThan]); // : ` | # >

/** A `Key: value` line: a key that starts with a letter, a colon, then nothing or a blank and a value. */
export function parseMetaLine(line: string): MetaLine | undefined {
  const firstLower = line.charCodeAt(0) | CASE_BIT;
  if (firstLower < Char.LowerA || firstLower > Char.LowerZ) return undefined;
  let colon = 1;
  while (colon < line.length && !KEY_STOP.has(line.charCodeAt(colon))) colon++;
  if (colon >= line.length || line.charCodeAt(colon) !== Char.Colon) return undefined;
  const after = colon + 1;
  if (after < line.length && !isBlank(line.charCodeAt(after))) return undefined;
  const valueStart = skipBlanks(line, after);
  const end = trimEndAt(line, valueStart);
  return { key: line.slice(0, trimEndAt(line.slice(0, colon))), value: line.slice(valueStart, end), valueStart };
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
export function parseLabelLine(line: string): LabelLine | undefined {
  const bullet = parseBullet(line);
  if (!bullet) return undefined;
  const textStart = bullet.start;
  const ticked = line.charCodeAt(textStart) === Char.Backtick;
  const idStart = ticked ? textStart + 1 : textStart;
  let at = idStart;
  while (at < line.length && line.charCodeAt(at) !== Char.Backtick && line.charCodeAt(at) !== Char.Colon) at++;
  const idEnd = at;
  if (ticked) {
    if (line.charCodeAt(at) !== Char.Backtick) return undefined;
    at++;
  } else if (line.charCodeAt(at) === Char.Backtick) return undefined;
  at = skipBlanks(line, at);
  if (line.charCodeAt(at) !== Char.Colon) return undefined;
  let labelFrom = skipBlanks(line, at + 1);
  let labelTo = trimEndAt(line, labelFrom);
  if (labelTo - labelFrom >= 2 && line.charCodeAt(labelFrom) === Char.Backtick && line.charCodeAt(labelTo - 1) === Char.Backtick) {
    labelFrom++;
    labelTo--;
  }
  const idFrom = skipBlanks(line, idStart);
  const idTo = Math.max(idFrom, trimEndAt(line.slice(0, idEnd), idFrom));
  return { id: line.slice(idFrom, idTo), idStart: idFrom, label: line.slice(labelFrom, labelTo), labelStart: labelFrom };
}
