// Placeholders: what a template (or a quick fix, or New Snapshot) writes where only the author
// knows the value. One recognizer for every place a value goes, so the value checks can step
// aside (a placeholder is not a wrong date or a wrong integer), templates can accept them, and
// the placeholder rule can report them in a snapshot that is not a template. Each reader is one
// left-to-right scan of the value. Templates are written in more than one way, and each is read
// here: `<…>` (also a bare `<summary>`, which renders as nothing), alternatives `a \| b` or
// `a | b` (a `|` inside a value, as in the lane `rust|required`, does not split it) and `a/b/c`
// where one value of a closed set goes, and the example values `path:line` and `...`.
import { META, PLACEHOLDER } from './contract';
import { bundledConventions } from './conventions';
import { Char } from '../text/chars';

export type PlaceholderKind = 'todo' | 'angle' | 'date' | 'alternatives' | 'example';

export interface Placeholder {
  kind: PlaceholderKind;
  /** Offsets within the value (start inclusive, end exclusive) and the text there. */
  start: number;
  end: number;
  text: string;
  /** The choices a placeholder offers (`<a|b|c>`, `a \| b \| c`), when it offers any. */
  options?: string[];
}

export interface PlaceholderOptions {
  /** Bare alternatives (`a | b | c`, `a \| b`, `a/b/c`) count: the value is one of a closed set (a status, a label, …). */
  alternatives?: boolean;
  /** Values that are real although they hold a `|` (the runner lane `rust|required`): the bundled conventions'. */
  allowed?: readonly string[];
  /**
   * Values conventional here from any source (a repository's conventions, its templates): where
   * one of them is written `a/b`, values there hold slashes and no `a/b` is a slash list. (A
   * spaced ` | ` always separates: only the bundled `allowed` can make such a value real, so no
   * configuration makes a placeholder pass.)
   */
  known?: readonly string[];
  /** Only a placeholder that is the whole value counts (free text, where "returns <none>" is text). */
  whole?: boolean;
  /** The value is a line of prose, where a line that is one HTML tag (`<details>`) is markup, not a value. */
  markup?: boolean;
}

/** The date placeholder templates write for an ISO date. */
export const DATE_PLACEHOLDER = 'YYYY-MM-DD';

/** HTML elements that can appear in a snapshot's text: `<br>` is markup, not a placeholder. */
const HTML_TAGS = new Set(
  'a abbr b br code del details div em hr i img ins kbd li mark ol p pre s samp small span strong sub summary sup table tbody td th thead tr u ul'.split(
    ' ',
  ),
);

function isWordChar(c: number): boolean {
  return (
    (c >= Char.Digit0 && c <= Char.Digit9) ||
    (c >= Char.UpperA && c <= Char.UpperZ) ||
    (c >= Char.LowerA && c <= Char.LowerZ) ||
    c === Char.Underscore
  );
}

function isBlank(c: number): boolean {
  return c === Char.Space || c === Char.Tab;
}

/**
 * Splits alternatives into trimmed parts (empty parts kept, so callers can refuse them). Outside
 * `<…>` only a spaced ` | ` or an escaped `\|` separates: a `|` inside a value is the value's
 * (`rust|required | php|compatibility` is two lanes). Inside `<a|b|c>` every `|` separates.
 */
export function splitAlternatives(s: string, bare = false): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== Char.Pipe) continue;
    const escaped = i > 0 && s.charCodeAt(i - 1) === Char.Backslash;
    const spaced = i > 0 && isBlank(s.charCodeAt(i - 1)) && i + 1 < s.length && isBlank(s.charCodeAt(i + 1));
    if (!bare && !escaped && !spaced) continue;
    parts.push(s.slice(from, escaped ? i - 1 : i).trim());
    from = i + 1;
  }
  parts.push(s.slice(from).trim());
  return parts;
}

/** Choices of an alternatives text: two or more non-empty parts, each a short phrase. */
function choicesOf(s: string, bare = false): string[] | undefined {
  if (!s.includes('|')) return undefined;
  const parts = splitAlternatives(s, bare);
  if (parts.length < 2 || parts.some((p) => p === '' || p.length > 40 || p.includes('<') || p.includes('>'))) return undefined;
  return parts;
}

/** A word of a slash list: `pass`, `P1`, `contract.check`, `MUST_NOT` (two characters at least: `n/a` is no list). */
const SLASH_WORD = /^[a-z][\w.-]+$/i;

/** Choices of `a/b/c` (`pass/fail/skipped`, `Verified / Hypothesis`): two or more words, nothing else. */
function slashChoicesOf(s: string): string[] | undefined {
  if (!s.includes('/')) return undefined;
  const parts = s.split('/').map((p) => p.trim());
  return parts.length >= 2 && parts.every((p) => p.length <= 40 && SLASH_WORD.test(p)) ? parts : undefined;
}

/** What every `path:line`-like example holds: a value (or a line) without it holds none (File:Line cells are asked by the thousand). */
const EXAMPLE_WORD = /path|file/i;

/** Whether values of a place are written with a slash (`ci/linux`): then `a/b` is a value, not alternatives. */
function slashed(known: readonly string[] | undefined): boolean {
  return !!known?.some((k) => k.includes('/'));
}

/** Values templates write as an example of what goes there, not a value: `path:line`, `...`. */
const EXAMPLES = /^(?:\.{3,}|\u2026|(?:path|file|path\/to\/file):(?:line|start-end|line-line|start-line|n))$/i;

/**
 * Whether the inside of `<…>` reads as a placeholder name rather than markup, a link or an
 * operator. A tag's name counts when the `<…>` is a whole value (`| <summary> |`): a lone
 * opening tag renders as nothing, so the value is left unwritten.
 */
function isPlaceholderName(inner: string, wholeValue: boolean): boolean {
  if (inner === '') return false;
  const first = inner.charCodeAt(0);
  const last = inner.charCodeAt(inner.length - 1);
  // `< 5 and > 3`, `<- a ->`, `</p>`, `<!-- -->`, `<?xml`: not a placeholder.
  if (
    isBlank(first) ||
    isBlank(last) ||
    first === Char.Dash ||
    first === Char.Slash ||
    first === Char.Bang ||
    first === Char.Question ||
    last === Char.Dash
  ) {
    return false;
  }
  if (inner.includes('=') || inner.includes('"') || inner.includes('://') || inner.includes('@')) return false;
  if (wholeValue && /^[a-z]\w*$/i.test(inner)) return true;
  const tag = inner.endsWith('/') ? inner.slice(0, -1) : inner;
  return !HTML_TAGS.has(tag.toLowerCase());
}

/** Every `<name>` placeholder in `s` (one scan: each `<` looks ahead only up to the next `<` or `>`); `markup`: a whole `<tag>` is HTML. */
function anglePlaceholders(s: string, out: Placeholder[], markup: boolean): void {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== Char.LessThan) continue;
    // `Vec<T>`, `Option<String>`: a `<` right after a word is a type's, not a placeholder's.
    if (i > 0 && isWordChar(s.charCodeAt(i - 1))) continue;
    let j = i + 1;
    while (j < s.length && s.charCodeAt(j) !== Char.GreaterThan && s.charCodeAt(j) !== Char.LessThan && s.charCodeAt(j) !== Char.LineFeed) {
      j++;
    }
    if (j >= s.length || s.charCodeAt(j) !== Char.GreaterThan) {
      i = j - 1;
      continue;
    }
    const inner = s.slice(i + 1, j);
    const wholeValue = !markup && i === 0 && j === s.length - 1;
    if (isPlaceholderName(inner, wholeValue)) {
      out.push({ kind: 'angle', start: i, end: j + 1, text: s.slice(i, j + 1), options: choicesOf(inner, true) });
    }
    i = j;
  }
}

/** The part of a value placeholders are looked for in: without surrounding backticks. */
function unticked(value: string): { s: string; shift: number } {
  const ticked = value.length >= 2 && value.startsWith('`') && value.endsWith('`') && !value.slice(1, -1).includes('`');
  return ticked ? { s: value.slice(1, -1), shift: 1 } : { s: value, shift: 0 };
}

function isTodo(s: string): boolean {
  return s === PLACEHOLDER || s.startsWith(PLACEHOLDER + ':');
}

/**
 * Whether `value` may hold a placeholder at all (a few native scans, nothing allocated): when
 * not, `placeholdersIn` finds none in it, nor in any part of it.
 */
export function mayHold(value: string, opts: PlaceholderOptions): boolean {
  return (
    value.includes('<') ||
    value.includes(PLACEHOLDER) ||
    value.includes(DATE_PLACEHOLDER) ||
    value.includes('...') ||
    value.includes('\u2026') ||
    (value.includes(':') && EXAMPLE_WORD.test(value)) ||
    (!!opts.alternatives && (value.includes('|') || value.includes('/')))
  );
}

/** The placeholders a value is or holds, in order (offsets within `value`). */
export function placeholdersIn(value: string, opts: PlaceholderOptions = {}): Placeholder[] {
  // Most values hold none: four native scans say so without allocating (every cell of a big table is asked).
  if (!mayHold(value, opts)) return [];
  const t = value.trim();
  const lead = t === '' ? 0 : value.indexOf(t);
  const { s, shift } = unticked(t);
  const at = (p: Placeholder): Placeholder => ({ ...p, start: p.start + shift + lead, end: p.end + shift + lead });
  if (s === '') return [];
  if (isTodo(s)) return [at({ kind: 'todo', start: 0, end: s.length, text: s })];
  if (EXAMPLES.test(s)) return [at({ kind: 'example', start: 0, end: s.length, text: s })];
  const out: Placeholder[] = [];
  anglePlaceholders(s, out, !!opts.markup);
  for (let i = s.indexOf(DATE_PLACEHOLDER); i >= 0; i = s.indexOf(DATE_PLACEHOLDER, i + 1)) {
    out.push({ kind: 'date', start: i, end: i + DATE_PLACEHOLDER.length, text: DATE_PLACEHOLDER });
  }
  if (out.length === 0 && opts.alternatives && !opts.allowed?.includes(s)) {
    const options = choicesOf(s) ?? (slashed(opts.known) ? undefined : slashChoicesOf(s));
    if (options) out.push({ kind: 'alternatives', start: 0, end: s.length, text: s, options });
  }
  const found = opts.whole ? out.filter((p) => p.start === 0 && p.end === s.length) : out;
  return found.sort((a, b) => a.start - b.start).map(at);
}

export function hasPlaceholder(value: string, opts: PlaceholderOptions = {}): boolean {
  return placeholdersIn(value, opts).length > 0;
}

/**
 * The choices a template offers for a value of a closed set (`<a|b|c>`, `a \| b \| c`, `a/b/c`),
 * for conventions: whole values (`rust|required`), never fragments of one.
 */
export function offeredChoices(value: string, allowed: readonly string[] = []): string[] {
  for (const p of placeholdersIn(value, { alternatives: true, allowed, known: allowed })) if (p.options) return p.options;
  return [];
}

/**
 * What counts as a placeholder in a metadata value, for the placeholder rule and the value checks
 * alike: the runner lane is one of a closed set (its alternatives count, a bundled lane is one
 * value, and so is a `known` lane written `a/b`); elsewhere a placeholder may sit inside the value (`prompts/<prompt>.md`).
 */
export function metadataPlaceholderOptions(key: string, known: readonly string[]): PlaceholderOptions {
  return key === META.runnerLane ? { alternatives: true, allowed: bundledConventions().runnerLanes, known } : {};
}
