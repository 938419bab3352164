// Globs from settings and configuration files (`**/reviews/snapshots/**/*.md`), matched in time
// linear in the path: a glob becomes a small automaton (Thompson's construction) that is run with
// a set of states, never by backtracking. A glob library that compiles to a regular expression
// lets a hostile glob such as `*a*a*a*a*a*a*b` take exponential time on a long path, and globs
// arrive from repositories (.vscode/settings.json, the configuration file).
//
// Syntax: `*` (any characters but `/`), `?` (one character but `/`), `**` as a whole segment (any
// number of folders, none included), `[abc]`, `[a-z]`, `[!x]`/`[^x]`, `{a,b}` (alternatives,
// nested), `\` escapes the next character. Dotfiles match like other files.
import { Char } from '../text/chars';

/** Longer globs, and more alternatives than this, are refused (a clear error, not a slow match). */
export const MAX_GLOB_LENGTH = 512;
const MAX_ALTERNATIVES = 64;

type Test = (c: number) => boolean;

/** An automaton state: consumes one character (`test`), or is free (`next` only, or a split). */
interface State {
  test?: Test;
  next: number[];
}

export class GlobError extends Error {}

/** `{a,b}c` → [`ac`, `bc`]: braces expanded, nested ones too, at most MAX_ALTERNATIVES variants. */
function expandBraces(glob: string): string[] {
  let depth = 0;
  let open = -1;
  let commas: number[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') {
      if (depth++ === 0) [open, commas] = [i, []];
    } else if (c === ',' && depth === 1) commas.push(i);
    else if (c === '}' && depth > 0 && --depth === 0 && commas.length) return expandGroup(glob, open, commas, i);
  }
  return [glob];
}

/** The variants of `prefix{a,b,…}rest` for the group from `open` to `close`. */
function expandGroup(glob: string, open: number, commas: number[], close: number): string[] {
  const bounds = [open, ...commas, close];
  const rest = expandBraces(glob.slice(close + 1));
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    for (const head of expandBraces(glob.slice(0, open) + glob.slice(bounds[k] + 1, bounds[k + 1]))) {
      for (const tail of rest) out.push(head + tail);
    }
    if (out.length > MAX_ALTERNATIVES) throw new GlobError(`more than ${MAX_ALTERNATIVES} alternatives`);
  }
  return out;
}

/** `[a-z]`, `[!x]` at `i` (just after `[`): its test and where it ends, or undefined when unclosed. */
function parseClass(g: string, i: number): { test: Test; end: number } | undefined {
  const negate = g[i] === '!' || g[i] === '^';
  let j = negate ? i + 1 : i;
  const ranges: [number, number][] = [];
  for (let first = true; j < g.length && (g[j] !== ']' || first); first = false) {
    const a = g[j] === '\\' ? g.charCodeAt(++j) : g.charCodeAt(j);
    j++;
    if (g[j] === '-' && g[j + 1] !== ']' && j + 1 < g.length) {
      const b = g[j + 1] === '\\' ? g.charCodeAt((j += 2)) : g.charCodeAt(++j);
      j++;
      ranges.push([a, b]);
    } else ranges.push([a, a]);
  }
  if (j >= g.length) return undefined;
  const inSet = (c: number) => ranges.some(([a, b]) => c >= a && c <= b);
  return { test: (c) => c !== Char.Slash && inSet(c) !== negate, end: j + 1 };
}

class Builder {
  readonly states: State[] = [];
  add(s: State): number {
    this.states.push(s);
    return this.states.length - 1;
  }
  /** A state that consumes one character passing `test`, then goes on to the next state added. */
  one(test: Test): void {
    this.add({ test, next: [this.states.length + 1] });
  }
  /** Any number of characters passing `test`. */
  many(test: Test): void {
    const at = this.states.length;
    this.add({ next: [at + 1, at + 2] });
    this.add({ test, next: [at] });
  }
  /** Optionally: a slash, then any characters (a final globstar segment, which also matches the folder itself). */
  optionalRest(): void {
    const at = this.states.length;
    this.add({ next: [at + 1, at + 4] });
    this.add({ test: (c) => c === Char.Slash, next: [at + 2] });
    this.add({ next: [at + 3, at + 4] });
    this.add({ test: () => true, next: [at + 2] });
  }
  /** Optionally: any characters, then a slash (a globstar segment followed by more of the glob). */
  folders(): void {
    const at = this.states.length;
    this.add({ next: [at + 1, at + 4] });
    this.add({ next: [at + 2, at + 3] });
    this.add({ test: () => true, next: [at + 1] });
    this.add({ test: (c) => c === Char.Slash, next: [at + 4] });
  }
}

// Consecutive globstar segments mean what one means (a, then two globstar segments, then b, is a,
// one globstar segment, b).
function collapseGlobstars(g: string): string {
  let prev = '';
  while (prev !== g) {
    prev = g;
    g = g.split('/**/**/').join('/**/');
    if (g.startsWith('**/**/')) g = g.slice(3);
    if (g.endsWith('/**/**')) g = g.slice(0, -3);
    if (g === '**/**') g = '**';
  }
  return g;
}

/** One brace-free variant into the builder; returns nothing, the next state added follows it. */
function compileVariant(glob: string, b: Builder): void {
  const g = collapseGlobstars(glob);
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    const segStart = i === 0 || g[i - 1] === '/';
    if (c === '/' && g.slice(i + 1) === '**') {
      b.optionalRest();
      break;
    }
    if (c === '*' && g[i + 1] === '*' && segStart && (g[i + 2] === '/' || i + 2 === g.length)) {
      if (i + 2 === g.length) b.many(() => true);
      else b.folders();
      i += 2;
    } else if (c === '*') {
      while (g[i + 1] === '*') i++;
      b.many((x) => x !== Char.Slash);
    } else if (c === '?') b.one((x) => x !== Char.Slash);
    else if (c === '[' && parseClass(g, i + 1)) {
      const cls = parseClass(g, i + 1)!;
      b.one(cls.test);
      i = cls.end - 1;
    } else {
      const lit = c === '\\' && i + 1 < g.length ? g.charCodeAt(++i) : g.charCodeAt(i);
      b.one((x) => x === lit);
    }
  }
}

/** Compiles a glob; throws GlobError for one that is too long or has too many alternatives. */
export function compileGlob(glob: string): CompiledGlob {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`longer than ${MAX_GLOB_LENGTH} characters`);
  const b = new Builder();
  const start = b.add({ next: [] });
  const ends: number[] = [];
  for (const v of expandBraces(glob.startsWith('./') ? glob.slice(2) : glob)) {
    b.states[start].next.push(b.states.length);
    compileVariant(v, b);
    ends.push(b.add({ next: [] }));
  }
  const dfa = new LazyDfa(b.states, start, new Set(ends));
  const match = (p: string) => dfa.match(p.startsWith('./') ? p.slice(2) : p);
  return Object.assign(match, { under: (folder: string) => dfa.alive(`${folder}/`) });
}

/**
 * A compiled glob; `under(folder)` says whether a path in that folder (`/`-separated, from where
 * the glob is, no trailing slash) could match: false only when none can (a walk need not enter it).
 */
export type CompiledGlob = ((path: string) => boolean) & { under(folder: string): boolean };

/** A set of automaton states, as met while matching: where each next character leads, once worked out. */
interface DfaState {
  states: number[];
  accept: boolean;
  next: Map<number, DfaState>;
}

/** The transitions of a set that is not remembered: none are kept (it is always empty). */
const NOT_KEPT: Map<number, DfaState> = new Map();

/** What the lazy DFA of one glob keeps: sets, their automaton states in all, and transitions; past any, steps are worked out anew (still linear). */
const MAX_DFA_SETS = 1000;
const MAX_DFA_SET_STATES = 100_000;
const MAX_DFA_TRANSITIONS = 100_000;

/**
 * Runs the automaton with a set of current states: O(path length × states) per character the
 * first time a set meets it. Each set, and where a character takes it, is remembered (a DFA
 * built lazily, bounded), so matching the thousands of paths of a repository is a lookup per
 * character; a glob that would need more sets than the bound is matched without remembering.
 */
class LazyDfa {
  private readonly sets = new Map<string, DfaState>();
  private readonly start: DfaState;
  /** One marks array for every step (a new generation per step): `seen[x] === gen` marks a state already in the list. */
  private readonly seen: Uint32Array;
  private gen = 0;
  /** Automaton states held by the remembered sets, and transitions remembered. */
  private held = 0;
  private transitions = 0;

  constructor(
    private readonly nfa: State[],
    start: number,
    private readonly accept: Set<number>,
  ) {
    this.seen = new Uint32Array(nfa.length);
    const list: number[] = [];
    close(nfa, start, this.seen, this.nextGen(), list);
    this.start = this.stateOf(list);
  }

  match(path: string): boolean {
    let d = this.start;
    for (let i = 0; i < path.length && d.states.length; i++) {
      const c = path.charCodeAt(i);
      d = d.next.get(c) ?? this.step(d, c);
    }
    return d.accept;
  }

  /** Whether some path that begins with `prefix` could still match (the automaton is not stuck after it). */
  alive(prefix: string): boolean {
    let d = this.start;
    for (let i = 0; i < prefix.length && d.states.length; i++) {
      const c = prefix.charCodeAt(i);
      d = d.next.get(c) ?? this.step(d, c);
    }
    return d.states.length > 0;
  }

  private step(d: DfaState, c: number): DfaState {
    const list: number[] = [];
    const gen = this.nextGen();
    for (const s of d.states) if (this.nfa[s].test?.(c)) for (const n of this.nfa[s].next) close(this.nfa, n, this.seen, gen, list);
    const to = this.stateOf(list);
    if (to.next !== NOT_KEPT && d.next !== NOT_KEPT && this.transitions < MAX_DFA_TRANSITIONS) {
      d.next.set(c, to);
      this.transitions++;
    }
    return to;
  }

  private nextGen(): number {
    if (this.gen === 0xffffffff) {
      this.seen.fill(0);
      this.gen = 0;
    }
    return ++this.gen;
  }

  /** The remembered set of these states, or a new one (remembered while within the bounds). */
  private stateOf(list: number[]): DfaState {
    const key = list.sort((x, y) => x - y).join(',');
    const hit = this.sets.get(key);
    if (hit) return hit;
    const keep = this.sets.size < MAX_DFA_SETS && this.held + list.length <= MAX_DFA_SET_STATES;
    const d = { states: list, accept: list.some((x) => this.accept.has(x)), next: keep ? new Map<number, DfaState>() : NOT_KEPT };
    if (keep) {
      this.sets.set(key, d);
      this.held += list.length;
    }
    return d;
  }
}

/** Adds `s` and the states it reaches without reading a character; `seen[x] === gen` marks a state already in `list`. */
function close(states: State[], s: number, seen: Uint32Array, gen: number, list: number[]): void {
  const stack = [s];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen[x] === gen) continue;
    seen[x] = gen;
    list.push(x);
    if (!states[x].test) for (const n of states[x].next) stack.push(n);
  }
}
