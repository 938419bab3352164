// Where a cited line went: the cited file at the snapshot's revision (R), the file now, and the
// hunks of a zero-context diff between them (git's histogram diff). A line outside every hunk is
// the same line, shifted by the hunks above it (unchanged, or moved). A line inside a hunk was
// removed or rewritten: the same line, whitespace-normalized, is looked for in the file now and
// scored by its context (found: moved, as when a block is moved); else a similar line among the
// hunk's new lines (changed); else it is gone (deleted). Pure: no git, no file system.

/** One hunk, 0-based: old lines [o, o+oc) became new lines [n, n+nc); `oc = 0` inserts before old line `o`. */
export interface Hunk {
  o: number;
  oc: number;
  n: number;
  nc: number;
}

export type LineStatus = 'unchanged' | 'moved' | 'changed' | 'deleted';

export interface LineMapping {
  status: LineStatus;
  /** 1-based line now (null when deleted). */
  line: number | null;
  /** Only whitespace differs between the cited line and the line now. */
  whitespace?: boolean;
  /** An edit lies within NEAR lines of the cited line (it is unchanged itself). */
  nearby?: boolean;
}

/** Lines around an unchanged cite within which an edit is worth a mention. */
export const NEAR = 3;
/** Context lines on each side that score a candidate place. */
const CONTEXT = 3;
/** How alike two lines must be (Dice over character pairs) for one to be the other, edited. */
const SIMILAR = 0.5;

/** `@@ -a,b +c,d @@` headers of a `git diff -U0` (everything else is ignored). */
export function parseHunks(diff: string): Hunk[] {
  const out: Hunk[] = [];
  for (const m of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)) {
    const a = Number(m[1]);
    const oc = m[2] === undefined ? 1 : Number(m[2]);
    const c = Number(m[3]);
    const nc = m[4] === undefined ? 1 : Number(m[4]);
    // With no lines on a side, git names the line *after which* the change goes.
    out.push({ o: oc ? a - 1 : a, oc, n: nc ? c - 1 : c, nc });
  }
  return out;
}

/** A line with its whitespace runs collapsed and trimmed: a re-indented line is the same line. */
export function normalize(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

function pairs(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const p = s.slice(i, i + 2);
    m.set(p, (m.get(p) ?? 0) + 1);
  }
  return m;
}

/** Dice's coefficient over character pairs (1: the same text). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const pa = pairs(a);
  let common = 0;
  for (const [p, n] of pairs(b)) {
    const k = pa.get(p);
    if (k) {
      common += Math.min(k, n);
      pa.set(p, k - Math.min(k, n));
    }
  }
  return (2 * common) / (a.length - 1 + (b.length - 1));
}

/** How many of the normalized, non-blank lines around old line `i` are around new line `j` too. */
function contextScore(old: string[], now: string[], i: number, j: number): number {
  let score = 0;
  for (let d = 1; d <= CONTEXT; d++) {
    for (const s of [-d, d]) {
      const a = old[i + s];
      const b = now[j + s];
      if (a !== undefined && b !== undefined && normalize(a) && normalize(a) === normalize(b)) score++;
    }
  }
  return score;
}

/** The hunk that removed or rewrote old line `i`, if any. */
function hunkOf(hunks: Hunk[], i: number): Hunk | undefined {
  return hunks.find((h) => h.oc > 0 && i >= h.o && i < h.o + h.oc);
}

/** Old line `i`, outside every hunk, in the new file. */
function shifted(hunks: Hunk[], i: number): number {
  let d = 0;
  for (const h of hunks) if (h.o + h.oc <= i) d += h.nc - h.oc;
  return i + d;
}

/** The best place of old line `i`'s normalized text in the file now, scored by context; -1 for none. */
function sameText(old: string[], now: string[], i: number, h: Hunk): number {
  const target = normalize(old[i]);
  if (!target) return -1;
  let best = -1;
  let bestScore = -1;
  for (let j = 0; j < now.length; j++) {
    if (normalize(now[j]) !== target) continue;
    // A place among the hunk's own new lines is where a rewrite would put it: it wins ties.
    const inHunk = j >= h.n && j < h.n + h.nc ? 0.5 : 0;
    const score = contextScore(old, now, i, j) + inHunk;
    if (score > bestScore) {
      best = j;
      bestScore = score;
    }
  }
  // A short line (`}`, `end`) is everywhere: it must bring its context with it.
  if (best >= 0 && target.length < 8 && bestScore < 1) return -1;
  return best;
}

/** The hunk's new line most like old line `i` (an edit of it); -1 for none. */
function similarLine(old: string[], now: string[], i: number, h: Hunk): number {
  const target = normalize(old[i]);
  let best = -1;
  let bestSim = SIMILAR;
  for (let j = h.n; j < h.n + h.nc; j++) {
    const s = similarity(target, normalize(now[j] ?? '')) + contextScore(old, now, i, j) * 0.01;
    if (s >= bestSim) {
      best = j;
      bestSim = s;
    }
  }
  return best;
}

/** Where old line `line` (1-based) is in the file now. */
export function mapLine(old: string[], now: string[], hunks: Hunk[], line: number): LineMapping {
  const i = line - 1;
  const h = hunkOf(hunks, i);
  if (!h) {
    const j = shifted(hunks, i);
    const nearby = hunks.some((k) => k.o - NEAR <= i && i < k.o + k.oc + NEAR);
    return { status: j === i ? 'unchanged' : 'moved', line: j + 1, ...(nearby ? { nearby } : {}) };
  }
  const same = sameText(old, now, i, h);
  if (same >= 0) {
    const whitespace = old[i] !== now[same];
    return { status: same === i ? 'unchanged' : 'moved', line: same + 1, ...(whitespace ? { whitespace } : {}) };
  }
  const edited = similarLine(old, now, i, h);
  return edited >= 0 ? { status: 'changed', line: edited + 1 } : { status: 'deleted', line: null };
}

/** Lines of a range cite mapped one by one, at most this many. */
const MAX_RANGE = 500;

/** A cite of lines `line`–`end` (1-based): unchanged or moved only when every line is. */
export function mapRange(old: string[], now: string[], hunks: Hunk[], line: number, end: number): LineMapping & { endLine?: number } {
  const last = Math.min(end, line + MAX_RANGE - 1);
  const each: LineMapping[] = [];
  for (let l = line; l <= last; l++) each.push(mapLine(old, now, hunks, l));
  const first = each.find((m) => m.line !== null);
  const lastHit = [...each].reverse().find((m) => m.line !== null);
  const nearby = each.some((m) => m.nearby);
  const whitespace = each.some((m) => m.whitespace);
  const extra = { ...(nearby ? { nearby } : {}), ...(whitespace ? { whitespace } : {}) };
  if (!first) return { status: 'deleted', line: null };
  const endLine = lastHit!.line!;
  if (each.every((m) => m.status === 'unchanged')) return { status: 'unchanged', line: first.line, endLine, ...extra };
  if (each.every((m) => m.status === 'unchanged' || m.status === 'moved')) return { status: 'moved', line: first.line, endLine, ...extra };
  return { status: 'changed', line: first.line, endLine, ...extra };
}

/** Text as lines, the way a File:Line number counts them (a final newline ends the last line). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Hunks between two texts computed here (an editor buffer that is not HEAD's): a line diff. */
export function hunksOfLines(
  a: string[],
  b: string[],
  diffArrays: (a: string[], b: string[]) => { count?: number; added?: boolean; removed?: boolean }[],
): Hunk[] {
  const out: Hunk[] = [];
  let o = 0;
  let n = 0;
  let open: Hunk | undefined;
  for (const part of diffArrays(a, b)) {
    const k = part.count ?? 0;
    if (!part.added && !part.removed) {
      open = undefined;
      o += k;
      n += k;
      continue;
    }
    if (!open) {
      open = { o, oc: 0, n, nc: 0 };
      out.push(open);
    }
    if (part.removed) {
      open.oc += k;
      o += k;
    } else {
      open.nc += k;
      n += k;
    }
  }
  return out;
}
