// Which finding of an older review is which of a newer one, by what it says rather than where
// (lines move, paths are rewritten after folder moves). Modelled on SARIF result matching: a
// fingerprint of the normalized path and text (no line numbers) first, then passes that accept
// less and say so (`uncertain`, a `confidence` below 1). Candidates are matched by id, then title.
import type { ReviewCandidate, ReviewFinding } from './reviewItems';

export type DiffState = 'new' | 'unchanged' | 'updated' | 'absent';

export interface Matched<T> {
  state: DiffState;
  older: T | null;
  newer: T | null;
  /** The pair was matched on less than the fingerprint or id: a person should look. */
  uncertain: boolean;
  /** How sure the match is, 0–1 (1 for an exact fingerprint or id; absent for new/absent). */
  confidence?: number;
  /** How the pair was matched. */
  by?: 'fingerprint' | 'git-rename' | 'basename' | 'similar-text' | 'id' | 'title';
}

/** Lower case, whitespace folded, backticks dropped, line numbers (`:12`, `line 12`, `#L12`) removed. */
export function normalizeText(s: string): string {
  return s
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/#l\d+(?:-l?\d+)?/g, '')
    .replace(/\blines?\s+\d+(?:\s*[-\u2013]\s*\d+)?/g, 'line')
    .replace(/:\d+(?:[-\u2013:]\d+)*\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 64 bits of two FNV-1a hashes as hex: a stable fingerprint (not a secret, so no crypto). */
export function hash64(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The line-independent fingerprint of a finding: its normalized path and What text. */
export function findingFingerprint(f: ReviewFinding): string {
  let h = FINGERPRINTS.get(f);
  if (h === undefined) FINGERPRINTS.set(f, (h = hash64(`${f.file}\u0000${normalizeText(f.what)}`)));
  return h;
}

/** Each finding is compared with many: its fingerprint is worked out once. */
const FINGERPRINTS = new WeakMap<ReviewFinding, string>();

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Whether the two say the same in every column but File:Line (a moved line is no change). */
function sameFinding(a: ReviewFinding, b: ReviewFinding): boolean {
  const cols = ['severity', 'verification', 'what', 'why', 'when', 'fix'] as const;
  return cols.every((k) => normalizeText(a[k]) === normalizeText(b[k]));
}

function tokens(s: string): Set<string> {
  return new Set(
    normalizeText(s)
      .split(/[^\p{L}\p{N}_]+/u)
      .filter((t) => t.length > 1),
  );
}

/** Token overlap (Jaccard) of two findings' What and Why texts. */
export function similarity(a: ReviewFinding, b: ReviewFinding): number {
  const x = tokens(`${a.what} ${a.why}`);
  const y = tokens(`${b.what} ${b.why}`);
  if (x.size === 0 && y.size === 0) return 1;
  let both = 0;
  for (const t of x) if (y.has(t)) both++;
  return both / (x.size + y.size - both);
}

/** Below this overlap two findings of one file are different findings. */
export const SIMILAR = 0.5;

type Pass = (a: ReviewFinding, b: ReviewFinding) => { by: Matched<ReviewFinding>['by']; confidence: number } | undefined;

/**
 * The passes, most certain first. `renames` (old path → new path, from git between the two
 * reviews' revisions) makes a finding of a renamed file with the same text a certain match; a
 * path rewritten where git knows of no rename is matched by file name only, and uncertain.
 */
function passes(renames: ReadonlyMap<string, string>): Pass[] {
  const now = (a: ReviewFinding) => renames.get(a.file) ?? a.file;
  return [
    (a, b) => (findingFingerprint(a) === findingFingerprint(b) ? { by: 'fingerprint', confidence: 1 } : undefined),
    (a, b) =>
      a.file && renames.get(a.file) === b.file && normalizeText(a.what) === normalizeText(b.what)
        ? { by: 'git-rename', confidence: 1 }
        : undefined,
    (a, b) =>
      now(a) !== b.file && basename(a.file) === basename(b.file) && normalizeText(a.what) === normalizeText(b.what)
        ? { by: 'basename', confidence: 0.8 }
        : undefined,
    (a, b) => {
      if (now(a) !== b.file) return undefined;
      const s = similarity(a, b);
      return s >= SIMILAR ? { by: 'similar-text', confidence: Math.round(s * 100) / 100 } : undefined;
    },
  ];
}

/** Matches that need no second look. */
const CERTAIN = new Set<Matched<ReviewFinding>['by']>(['fingerprint', 'git-rename']);

/** Pairs the findings of two reviews; the result lists the newer review's order, then what is absent. */
export function matchFindings(
  older: readonly ReviewFinding[],
  newer: readonly ReviewFinding[],
  renames: ReadonlyMap<string, string> = new Map(),
): Matched<ReviewFinding>[] {
  const pairOf = new Map<number, Matched<ReviewFinding>>();
  const usedOld = new Set<number>();
  for (const pass of passes(renames)) {
    newer.forEach((b, j) => {
      if (pairOf.has(j)) return;
      let best: { i: number; by: Matched<ReviewFinding>['by']; confidence: number } | undefined;
      older.forEach((a, i) => {
        if (usedOld.has(i)) return;
        const m = pass(a, b);
        if (m && (!best || m.confidence > best.confidence)) best = { i, ...m };
      });
      if (!best) return;
      usedOld.add(best.i);
      const a = older[best.i];
      const exact = CERTAIN.has(best.by);
      const state: DiffState = sameFinding(a, b) ? 'unchanged' : 'updated';
      pairOf.set(j, { state, older: a, newer: b, uncertain: !exact, confidence: best.confidence, by: best.by });
    });
  }
  const out: Matched<ReviewFinding>[] = newer.map((b, j) => pairOf.get(j) ?? { state: 'new', older: null, newer: b, uncertain: false });
  older.forEach((a, i) => {
    if (!usedOld.has(i)) out.push({ state: 'absent', older: a, newer: null, uncertain: false });
  });
  return out;
}

function sameCandidate(a: ReviewCandidate, b: ReviewCandidate): boolean {
  const keys = new Set([...Object.keys(a.values), ...Object.keys(b.values)]);
  for (const k of keys) if ((a.values[k] ?? '').trim() !== (b.values[k] ?? '').trim()) return false;
  return true;
}

/** Pairs candidates by id, then (an id that changed) by normalized title, which is uncertain. */
export function matchCandidates(older: readonly ReviewCandidate[], newer: readonly ReviewCandidate[]): Matched<ReviewCandidate>[] {
  const usedOld = new Set<number>();
  const pairOf = new Map<number, Matched<ReviewCandidate>>();
  const keys: [(c: ReviewCandidate) => string | undefined, 'id' | 'title'][] = [
    [(c) => c.id, 'id'],
    [(c) => (c.title ? normalizeText(c.title) : undefined), 'title'],
  ];
  for (const [key, by] of keys) {
    newer.forEach((b, j) => {
      const k = key(b);
      if (pairOf.has(j) || !k) return;
      const i = older.findIndex((a, n) => !usedOld.has(n) && key(a) === k);
      if (i < 0) return;
      usedOld.add(i);
      const state: DiffState = sameCandidate(older[i], b) ? 'unchanged' : 'updated';
      pairOf.set(j, { state, older: older[i], newer: b, uncertain: by !== 'id', confidence: by === 'id' ? 1 : 0.8, by });
    });
  }
  const out: Matched<ReviewCandidate>[] = newer.map((b, j) => pairOf.get(j) ?? { state: 'new', older: null, newer: b, uncertain: false });
  older.forEach((a, i) => {
    if (!usedOld.has(i)) out.push({ state: 'absent', older: a, newer: null, uncertain: false });
  });
  return out;
}
