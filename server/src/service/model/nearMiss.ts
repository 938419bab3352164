// Near misses: a required heading or metadata key that is missing while something close to it is
// written. Reporting it as missing elsewhere (and offering to insert a second, empty copy) would
// leave the real one unchecked; it is reported where it is, with a fix that rewrites it in place.
//
// Closeness, in order of confidence: the same name in another case; the same name with other
// punctuation, spacing or emphasis (`Findings:`, `**Findings**`, `Reject/Defer List`); the
// name without its parenthesised qualifier (`Spec Candidates` for `Spec Candidates (YAML)`);
// for names of 6 letters or more a spelling one edit away (two from 10 letters on). A heading
// is also close when only its form differs: another level, no space after the `#`s, or the
// setext form (a line underlined with `---` or `===`). A heading or key that is exactly another
// required one is never a near miss of something else.
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { parseAtx, parseBullet } from './lines';
import type { SnapshotModel } from './snapshot';
import { lineSpan, range } from './text';
import { Char } from '../text/chars';

export type Closeness = 'case' | 'punctuation' | 'qualifier' | 'spelling';

const RANK: Record<Closeness, number> = { case: 0, punctuation: 1, qualifier: 2, spelling: 3 };

/** Lower case, every run of characters that are not letters or digits one space. */
export function normalizeName(s: string): string {
  let out = '';
  let gap = false;
  for (const ch of s.toLowerCase()) {
    const c = ch.charCodeAt(0);
    const word = (c >= Char.Digit0 && c <= Char.Digit9) || (c >= Char.LowerA && c <= Char.LowerZ) || c > Char.AsciiMax;
    if (!word) {
      gap = out !== '';
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += ch;
  }
  return out;
}

/** Levenshtein distance, or `max + 1` as soon as it must exceed `max` (short strings only). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Names longer than this are not compared: no heading or key of the contract comes close. */
const MAX_NAME = 80;

/** A name to compare against, prepared once (many lines may be compared with it). */
interface Target {
  name: string;
  lower: string;
  norm: string;
  compact: string;
  /** The normalized name without its parenthesised qualifier (`spec candidates`), if it has one. */
  bare?: string;
  /** The edit distance still close: 0 below 6 letters, 1 from 6, 2 from 10. */
  max: number;
}

function target(name: string): Target {
  const norm = normalizeName(name);
  const compact = norm.replaceAll(' ', '');
  const paren = name.indexOf(' (');
  const bare = paren > 0 && name.endsWith(')') ? normalizeName(name.slice(0, paren)) : undefined;
  return { name, lower: name.toLowerCase(), norm, compact, bare, max: compact.length >= 10 ? 2 : compact.length >= 6 ? 1 : 0 };
}

function closenessTo(found: string, t: Target): Closeness | undefined {
  if (found === t.name || found.length > MAX_NAME) return undefined;
  if (found.toLowerCase() === t.lower) return 'case';
  const f = normalizeName(found);
  if (f === '') return undefined;
  if (f === t.norm || f.replaceAll(' ', '') === t.compact) return 'punctuation';
  if (t.bare !== undefined && f === t.bare) return 'qualifier';
  return t.max > 0 && editDistance(f, t.norm, t.max) <= t.max ? 'spelling' : undefined;
}

/** How close `found` is to `wanted`, or undefined when it is not close (or is exactly it). */
export function closeness(found: string, wanted: string): Closeness | undefined {
  return closenessTo(found, target(wanted));
}

/**
 * Work done by the near-miss search (names looked at, edit distances computed), counted for the
 * tests that check it grows linearly with the input; nothing reads it otherwise.
 */
export const nearMissWork = { comparisons: 0 };

/**
 * The spelling comparisons one search may make. A repository's schema (named by the snapshot
 * itself) may require thousands of names and the snapshot hold thousands of headings of the same
 * length: past this budget spelling near misses are no longer looked for (the missing names are
 * still reported as missing), so the search stays linear in what it is given.
 */
export const MAX_SPELLING_COMPARISONS = 20_000;

function pushTo<K>(map: Map<K, Target[]>, key: K, t: Target): void {
  const list = map.get(key);
  if (list) list.push(t);
  else map.set(key, [t]);
}

/**
 * The names a written heading or key is compared with, indexed by each form of closeness: the
 * case, punctuation and qualifier forms are looked up, and only names of a length within the
 * edit distance are compared for spelling, within a budget. The answer is what comparing with
 * every name in order gives (the closest kind; the first name of the list among equals).
 */
export class NameIndex {
  private readonly order = new Map<Target, number>();
  private readonly byForm = new Map<string, Target[]>();
  private readonly byLength = new Map<number, Target[]>();
  private spellingBudget = MAX_SPELLING_COMPARISONS;

  constructor(names: readonly string[]) {
    for (const name of names) {
      const t = target(name);
      this.order.set(t, this.order.size);
      // One map, the form's kind as a prefix: `c` case, `p` punctuation (both spellings), `q` qualifier.
      pushTo(this.byForm, 'c' + t.lower, t);
      pushTo(this.byForm, 'p' + t.norm, t);
      if (t.compact !== t.norm) pushTo(this.byForm, 'p' + t.compact, t);
      if (t.bare !== undefined) pushTo(this.byForm, 'q' + t.bare, t);
      if (t.max > 0) pushTo(this.byLength, t.norm.length, t);
    }
  }

  /** The closest name to `found`, if any is close. */
  closest(found: string): { name: string; how: Closeness } | undefined {
    if (found.length > MAX_NAME) return undefined;
    const f = normalizeName(found);
    const byCase = this.first(['c' + found.toLowerCase()], found, 'case');
    if (byCase || f === '') return byCase;
    return (
      this.first(['p' + f, 'p' + f.replaceAll(' ', '')], found, 'punctuation') ??
      this.first(['q' + f], found, 'qualifier') ??
      this.spelling(found, f)
    );
  }

  /** The first name (in list order) of those filed under `keys` that `found` is this close to. */
  private first(keys: string[], found: string, how: Closeness): { name: string; how: Closeness } | undefined {
    let best: Target | undefined;
    for (const key of keys) {
      for (const t of this.byForm.get(key) ?? []) {
        nearMissWork.comparisons++;
        if (closenessTo(found, t) === how && (!best || this.order.get(t)! < this.order.get(best)!)) best = t;
      }
    }
    return best && { name: best.name, how };
  }

  private spelling(found: string, f: string): { name: string; how: Closeness } | undefined {
    let best: Target | undefined;
    for (let len = f.length - 2; len <= f.length + 2; len++) {
      for (const t of this.byLength.get(len) ?? []) {
        if (Math.abs(len - f.length) > t.max || (best && this.order.get(t)! > this.order.get(best)!)) continue;
        if (this.spellingBudget <= 0) return best && { name: best.name, how: 'spelling' };
        this.spellingBudget--;
        nearMissWork.comparisons++;
        if (t.name !== found && editDistance(f, t.norm, t.max) <= t.max) best = t;
      }
    }
    return best && { name: best.name, how: 'spelling' };
  }
}

export function closenessRank(how: Closeness): number {
  return RANK[how];
}

/** What differs in the name, in words (a clause: "the name is spelled differently"). */
export function nameDifference(how: Closeness, wanted: string): string {
  if (how === 'case') return 'the name is in another case (names are case-sensitive)';
  if (how === 'punctuation') return 'the name has other punctuation, spacing or emphasis';
  if (how === 'qualifier') return `the name leaves out "${wanted.slice(wanted.indexOf(' (') + 1)}"`;
  return 'the name is spelled differently';
}

export type HeadingForm = 'atx' | 'no-space' | 'setext';

export interface HeadingNearMiss {
  /** The required section it stands for. */
  name: string;
  line: number;
  /** The lines it spans (two for a setext heading). */
  lastLine: number;
  form: HeadingForm;
  level: number;
  /** The heading's text as written. */
  text: string;
  how?: Closeness;
  range: Range;
  message: string;
  edit: TextEdit;
  /** Whether the rewrite guesses nothing (a spelling might have meant another section). */
  safe: boolean;
}

interface HeadingLike {
  line: number;
  lastLine: number;
  form: HeadingForm;
  level: number;
  text: string;
}

/** `##Findings`: hashes and text with no space between (CommonMark reads a paragraph). */
function noSpaceHeading(t: string): { level: number; text: string } | undefined {
  let i = 0;
  while (i < 3 && t.charCodeAt(i) === Char.Space) i++;
  let j = i;
  while (j < t.length && t.charCodeAt(j) === Char.Hash) j++;
  const level = j - i;
  if (level === 0 || level > 6 || j >= t.length || t.charCodeAt(j) === Char.Space || t.charCodeAt(j) === Char.Tab) return undefined;
  return { level, text: t.slice(j).trim() };
}

/** A setext underline (`---`, `===`, up to three spaces first): its level, or 0. */
function setextLevel(t: string): number {
  const s = t.trim();
  if (s === '' || t.length - t.trimStart().length > 3) return 0;
  const c = s.charCodeAt(0);
  if (c !== Char.Equals && c !== Char.Dash) return 0;
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) !== c) return 0;
  return c === Char.Equals ? 1 : 2;
}

function fenceMask(model: SnapshotModel): Uint8Array {
  const mask = new Uint8Array(model.text.lineCount);
  for (const f of model.fences) mask.fill(1, f.openLine, (f.closeLine ?? model.text.lineCount - 1) + 1);
  return mask;
}

/** Every line that reads as a heading in some form, outside fences (one pass over the lines). */
function headingLikes(model: SnapshotModel): HeadingLike[] {
  const out: HeadingLike[] = model.headings.map((h) => ({ line: h.line, lastLine: h.line, form: 'atx', level: h.level, text: h.text }));
  const { text } = model;
  const mask = fenceMask(model);
  for (let i = 0; i < text.lineCount; i++) {
    if (mask[i]) continue;
    const c = text.firstNonSpace(i);
    if (c === Char.Hash) {
      const t = text.lineText(i);
      const h = parseAtx(t) ? undefined : noSpaceHeading(t);
      if (h) out.push({ line: i, lastLine: i, form: 'no-space', ...h });
    } else if ((c === Char.Dash || c === Char.Equals) && i > 0 && !mask[i - 1]) {
      const level = setextLevel(text.lineText(i));
      const above = text.lineText(i - 1);
      const para = above.trim() !== '' && (i < 2 || text.lineText(i - 2).trim() === '');
      if (level && para && !parseBullet(above) && !above.includes('|') && !parseAtx(above)) {
        out.push({ line: i - 1, lastLine: i, form: 'setext', level, text: above.trim() });
      }
    }
  }
  return out;
}

function headingMessage(h: HeadingLike, name: string, how: Closeness | undefined, written: string): string {
  const parts: string[] = [];
  if (h.form === 'no-space') parts.push(`there is no space after the "${'#'.repeat(h.level)}", so it is not a heading`);
  if (h.form === 'setext') parts.push(`it is a setext heading (underlined with "${h.level === 1 ? '===' : '---'}")`);
  else if (h.level !== 2) parts.push(`it is a level-${h.level} heading`);
  if (how) parts.push(nameDifference(how, name));
  return `"${written}" — ${parts.join(', and ')}; the contract requires "## ${name}".`;
}

function toNearMiss(model: SnapshotModel, h: HeadingLike, name: string, how: Closeness | undefined): HeadingNearMiss {
  const t = model.text.lineText(h.line);
  const start = t.length - t.trimStart().length;
  const written = t.trim();
  const lastText = model.text.lineText(h.lastLine);
  return {
    name,
    line: h.line,
    lastLine: h.lastLine,
    form: h.form,
    level: h.level,
    text: h.text,
    how,
    range: lineSpan(h.line, start, t.trimEnd().length),
    message: headingMessage(h, name, how, written),
    edit: { range: range(h.line, 0, h.lastLine, lastText.length), newText: `## ${name}` },
    safe: how !== 'spelling',
  };
}

/**
 * For each required section that is missing: the heading-like line closest to it, if any. A
 * line stands for at most one section (the one it is closest to).
 */
export function sectionNearMisses(model: SnapshotModel, required: readonly string[]): Map<string, HeadingNearMiss> {
  const present = new Set(model.sections.map((s) => s.name));
  const missing = required.filter((n) => !present.has(n));
  const out = new Map<string, HeadingNearMiss>();
  if (missing.length === 0) return out;
  const best = new Map<string, { h: HeadingLike; how?: Closeness; rank: number }>();
  // Sets and an index, not lists: the schema may require thousands of names (see NameIndex).
  const requiredSet = new Set(required);
  const missingSet = new Set(missing);
  const index = new NameIndex(missing);
  for (const h of headingLikes(model)) {
    // A `## ` heading that is exactly a required section is that section, not a near miss.
    if (h.form === 'atx' && h.level === 2 && requiredSet.has(h.text)) continue;
    const near = missingSet.has(h.text) ? { name: h.text, how: undefined } : index.closest(h.text);
    if (!near) continue;
    const rank = near.how ? closenessRank(near.how) + 1 : 0;
    const prev = best.get(near.name);
    if (!prev || rank < prev.rank) best.set(near.name, { h, how: near.how, rank });
  }
  for (const [name, b] of best) out.set(name, toNearMiss(model, b.h, name, b.how));
  return out;
}

export interface KeyNearMiss {
  /** The required key it stands for. */
  key: string;
  line: number;
  /** The key as written, with what surrounds it up to the value (`**Date:**`, `- date:`). */
  written: string;
  range: Range;
  message: string;
  edit: TextEdit;
  safe: boolean;
}

/** A line of the metadata block read loosely: a bullet, emphasis or a blank before the colon allowed. */
interface LooseKey {
  key: string;
  /** Where the key part starts and the value starts. */
  start: number;
  valueStart: number;
  bullet: boolean;
  emphasis: boolean;
  spaceBeforeColon: boolean;
  colon: boolean;
}

const EMPHASIS = new Set([Char.Star, Char.Underscore, Char.Backtick]); // * _ `

function skipEmphasis(t: string, i: number): number {
  while (i < t.length && EMPHASIS.has(t.charCodeAt(i))) i++;
  return i;
}

/**
 * The required keys by their lower case, to find the one a line starts with (then a blank) by
 * looking up the line's first words: a schema may require thousands of keys.
 */
class KeyPrefixes {
  private readonly byLower = new Map<string, { key: string; order: number }>();
  constructor(keys: readonly string[]) {
    keys.forEach((key, order) => {
      if (!this.byLower.has(key.toLowerCase())) this.byLower.set(key.toLowerCase(), { key, order });
    });
  }

  /** The first required key (in list order) `rest` starts with, then a blank. */
  startOf(rest: string): string | undefined {
    const lower = rest.slice(0, MAX_NAME + 1).toLowerCase();
    let best: { key: string; order: number } | undefined;
    for (let sp = lower.indexOf(' '); sp > 0; sp = lower.indexOf(' ', sp + 1)) {
      nearMissWork.comparisons++;
      const hit = this.byLower.get(lower.slice(0, sp));
      if (hit && (!best || hit.order < best.order)) best = hit;
    }
    return best?.key;
  }
}

function looseKey(t: string, keys: KeyPrefixes): LooseKey | undefined {
  const b = parseBullet(t);
  const start = b ? b.indent : t.length - t.trimStart().length;
  const from = b ? b.start : start;
  const k0 = skipEmphasis(t, from);
  const emphasis = k0 > from;
  const colon = t.indexOf(':', k0);
  if (colon > k0 && colon - k0 <= MAX_NAME) {
    let kEnd = colon;
    while (kEnd > k0 && EMPHASIS.has(t.charCodeAt(kEnd - 1))) kEnd--;
    const raw = t.slice(k0, kEnd);
    const after = skipEmphasis(t, colon + 1);
    let valueStart = after;
    while (valueStart < t.length && (t.charCodeAt(valueStart) === Char.Space || t.charCodeAt(valueStart) === Char.Tab)) valueStart++;
    const key = raw.trim();
    return {
      key,
      start,
      valueStart,
      bullet: !!b,
      emphasis: emphasis || kEnd < colon || after > colon + 1,
      spaceBeforeColon: raw !== raw.trimEnd(),
      colon: true,
    };
  }
  // No colon: `Date 2026-02-19` (a key the line starts with, then a blank).
  const key = keys.startOf(t.slice(k0));
  if (!key) return undefined;
  let valueStart = k0 + key.length;
  while (valueStart < t.length && t.charCodeAt(valueStart) === Char.Space) valueStart++;
  return { key: t.slice(k0, k0 + key.length), start, valueStart, bullet: !!b, emphasis, spaceBeforeColon: false, colon: false };
}

function keyDifferences(k: LooseKey, how: Closeness | undefined, wanted: string): string {
  const parts: string[] = [];
  if (k.bullet) parts.push('it is a list item');
  if (k.emphasis) parts.push('the key has emphasis around it');
  if (k.spaceBeforeColon) parts.push('there is a blank before the colon');
  if (!k.colon) parts.push('there is no colon after the key');
  if (how === 'case') parts.push('metadata keys are case-sensitive');
  else if (how) parts.push(nameDifference(how, wanted));
  return parts.join(', and ');
}

/** A metadata block is a few dozen lines: a near miss is not looked for further into a text without sections. */
const MAX_KEY_LINES = 400;

/** The metadata lines a near miss is looked for in: the block, minus the exact entries of required keys. */
function keyLines(model: SnapshotModel, required: ReadonlySet<string>): number[] {
  const exact = new Set<number>();
  for (const e of model.metadata) {
    if (required.has(e.key) && model.text.lineText(e.line).startsWith(e.key + ':')) exact.add(e.line);
  }
  const mask = fenceMask(model);
  const from = model.title ? model.title.line + 1 : 0;
  const lines: number[] = [];
  const to = Math.min(model.headerEnd, from + MAX_KEY_LINES);
  for (let i = from; i < to; i++) if (!mask[i] && !exact.has(i) && model.text.lineText(i).trim() !== '') lines.push(i);
  return lines;
}

/**
 * For each required metadata key that is not written exactly (`Key:` at the start of a line of
 * the metadata block): the line of the block closest to it, if any.
 */
export function metadataNearMisses(model: SnapshotModel, required: readonly string[]): Map<string, KeyNearMiss> {
  const present = new Set(model.metadata.filter((e) => model.text.lineText(e.line).startsWith(e.key + ':')).map((e) => e.key));
  const missing = required.filter((k) => !present.has(k));
  const out = new Map<string, KeyNearMiss>();
  if (missing.length === 0) return out;
  const requiredSet = new Set(required);
  const missingSet = new Set(missing);
  const index = new NameIndex(missing);
  const prefixes = new KeyPrefixes(missing);
  for (const line of keyLines(model, requiredSet)) {
    const t = model.text.lineText(line);
    const k = looseKey(t, prefixes);
    // A line that is another required key (written loosely, say twice) stands for that key.
    if (!k || (requiredSet.has(k.key) && !missingSet.has(k.key))) continue;
    const exact = missingSet.has(k.key) ? k.key : undefined;
    const near = exact ? { name: exact, how: undefined } : index.closest(k.key);
    if (!near || out.has(near.name) || (!near.how && !k.bullet && !k.emphasis && !k.spaceBeforeColon && k.colon)) continue;
    const written = t.slice(k.start, k.valueStart).trimEnd();
    out.set(near.name, {
      key: near.name,
      line,
      written,
      range: lineSpan(line, k.start, k.start + written.length),
      message: `"${written}" — ${keyDifferences(k, near.how, near.name)}; the contract requires "${near.name}:".`,
      edit: { range: lineSpan(line, 0, k.valueStart), newText: k.valueStart < t.length ? `${near.name}: ` : `${near.name}:` },
      safe: near.how !== 'spelling',
    });
  }
  return out;
}
