// Candidates across snapshots (issue 25, item 4): the same id used for different candidates in
// two snapshots (they collide in the pending specs and in the specs that name the id), and a
// candidate that nearly repeats one of another snapshot under another id. Pure: the caller gives
// every snapshot's candidates (the editor from its workspace index, the CLI from the files of its
// run), so both report the same for the same files.
//
// The rule, as the rule pages say it:
// - Same id, different candidates → `candidates/duplicate-across-snapshots` (warning) on the id,
//   in each of the two, with the other as related information. Two candidates are the same one
//   (no report) when their titles are equal once normalized (case, whitespace, backticks), or —
//   two runs of the same review, i.e. the same `Prompt:` — when their title and acceptance
//   criteria share at least half their words (an edited version of the same candidate).
// - Another id, nearly the same candidate → `candidates/similar-across-snapshots` (information):
//   title and acceptance criteria share at least 80% of their words (Jaccard of the normalized
//   word sets, words of 3 letters or more, at least 3 each); the most similar one is linked.
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../findings';
import { normalizeText } from './match';
import { defineRules, type RuleModule } from '../rules/registry';

/** The rules told across snapshots (not by a file's own check: see the engine's `outsideFindings`). */
export const CROSS_RULES: ReadonlySet<string> = new Set(['candidates/duplicate-across-snapshots', 'candidates/similar-across-snapshots']);

/** Same prompt: a candidate whose words overlap this much with one of the same id is an edited version of it. */
export const SAME_CANDIDATE = 0.5;
/** Another id: words overlapping this much make it nearly the same candidate. */
export const SIMILAR_CANDIDATE = 0.8;
/** Fewer words than this say too little to call two candidates similar. */
const MIN_WORDS = 3;

export interface CrossCandidate {
  id: string;
  /** The id's range in its file. */
  range: Range;
  title?: string;
  /** The acceptance criteria, joined by newlines. */
  acceptance?: string;
}

export interface CrossSnapshot {
  abs: string;
  /** How the file is named in a message (its repository path). */
  rel: string;
  prompt?: string;
  candidates: readonly CrossCandidate[];
}

/** A `Prompt:` value compared loosely: no backticks, no leading `./` or `/`, `\` as `/`, lower case. */
export function promptKey(p: string | undefined): string {
  return (p ?? '')
    .replace(/`/g, '')
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/|\/)+/, '')
    .toLowerCase();
}

const WORDS = new WeakMap<CrossCandidate, Set<string>>();

function words(c: CrossCandidate): Set<string> {
  let w = WORDS.get(c);
  if (!w) {
    w = new Set(
      normalizeText(`${c.title ?? ''} ${c.acceptance ?? ''}`)
        .split(/[^\p{L}\p{N}_]+/u)
        .filter((t) => t.length >= 3),
    );
    WORDS.set(c, w);
  }
  return w;
}

function jaccard(x: Set<string>, y: Set<string>): number {
  if (!x.size && !y.size) return 1;
  let both = 0;
  for (const t of x) if (y.has(t)) both++;
  return both / (x.size + y.size - both);
}

const TITLES = new WeakMap<CrossCandidate, string>();

/** The normalized title, worked out once per candidate. */
function titleOf(c: CrossCandidate): string {
  let t = TITLES.get(c);
  if (t === undefined) TITLES.set(c, (t = normalizeText(c.title ?? '')));
  return t;
}

function sameCandidate(a: CrossCandidate, aPrompt: string, b: CrossCandidate, bPrompt: string): boolean {
  if (titleOf(a) === titleOf(b)) return true;
  return !!aPrompt && aPrompt === bPrompt && jaccard(words(a), words(b)) >= SAME_CANDIDATE;
}

interface Placed {
  snap: CrossSnapshot;
  c: CrossCandidate;
}

/**
 * The workspace's candidates, by id and by word, built once; `findings(snapshot)` then answers
 * for one file. A candidate repeated word for word in many snapshots (the versions of a review)
 * is compared once per distinct text.
 */
export class CrossIndex {
  /** By id, the distinct candidates under it (title, prompt and words), each with up to two places (one in another file is enough). */
  private readonly byId = new Map<string, Map<string, Placed[]>>();
  /** Distinct candidate texts (id and words) by word, each with every place it is written. */
  private readonly byWord = new Map<string, Placed[][]>();
  private readonly byText = new Map<string, Placed[]>();

  constructor(snapshots: Iterable<CrossSnapshot>) {
    for (const snap of snapshots) for (const c of snap.candidates) this.add(snap, c);
  }

  private add(snap: CrossSnapshot, c: CrossCandidate): void {
    const p = { snap, c };
    let kinds = this.byId.get(c.id);
    if (!kinds) this.byId.set(c.id, (kinds = new Map()));
    const w = words(c);
    const sorted = [...w].sort().join(' ');
    const kind = `${titleOf(c)}\u0000${promptKey(snap.prompt)}\u0000${sorted}`;
    const same = kinds.get(kind);
    if (!same) kinds.set(kind, [p]);
    else if (same.length < 2) same.push(p);
    if (w.size < MIN_WORDS) return;
    const key = `${c.id}\u0000${sorted}`;
    const places = this.byText.get(key);
    if (places) {
      if (places.length < 2) places.push(p);
      return;
    }
    const group = [p];
    this.byText.set(key, group);
    for (const t of w) {
      const l = this.byWord.get(t);
      if (l) l.push(group);
      else this.byWord.set(t, [group]);
    }
  }

  /** The cross-snapshot findings of one snapshot (which may or may not be among those indexed). */
  findings(snap: CrossSnapshot): Finding[] {
    const out: Finding[] = [];
    const prompt = promptKey(snap.prompt);
    for (const c of snap.candidates) {
      let dup: Placed | undefined;
      for (const places of this.byId.get(c.id)?.values() ?? []) {
        const o = places.find((x) => x.snap.abs !== snap.abs);
        if (o && !sameCandidate(c, prompt, o.c, promptKey(o.snap.prompt))) {
          dup = o;
          break;
        }
      }
      if (dup) {
        out.push(duplicate(c, dup));
        continue;
      }
      const near = this.similar(snap, c);
      if (near) out.push(similar(c, near.p, near.score));
    }
    return out;
  }

  private similar(snap: CrossSnapshot, c: CrossCandidate): { p: Placed; score: number } | undefined {
    const w = words(c);
    if (w.size < MIN_WORDS) return undefined;
    const shared = new Map<Placed[], number>();
    for (const t of w) for (const g of this.byWord.get(t) ?? []) shared.set(g, (shared.get(g) ?? 0) + 1);
    let best: { p: Placed; score: number } | undefined;
    for (const [g, n] of shared) {
      const p = g.find((x) => x.snap.abs !== snap.abs);
      if (!p || p.c.id === c.id) continue;
      const score = n / (w.size + words(p.c).size - n);
      const better = !best || score > best.score || (score === best.score && p.snap.rel < best.p.snap.rel);
      if (score >= SIMILAR_CANDIDATE && better) best = { p, score };
    }
    return best;
  }
}

function where(p: Placed): string {
  return `${p.snap.rel}:${p.c.range.start.line + 1}`;
}

function duplicate(c: CrossCandidate, o: Placed): Finding {
  return {
    rule: 'candidates/duplicate-across-snapshots',
    severity: 'warning',
    message: `Candidate id "${c.id}" is also used in ${where(o)} for another candidate ("${o.c.title ?? ''}"); pending specs and specs are keyed by id, so the two would collide: give this one its own id.`,
    range: c.range,
    related: [{ message: `the other candidate "${c.id}"`, range: o.c.range, file: o.snap.abs }],
  };
}

function similar(c: CrossCandidate, o: Placed, score: number): Finding {
  return {
    rule: 'candidates/similar-across-snapshots',
    severity: 'info',
    message: `Candidate "${c.id}" nearly repeats "${o.c.id}" of ${where(o)} (${Math.round(score * 100)}% of the words of title and acceptance criteria): the same candidate under two ids?`,
    range: c.range,
    related: [{ message: `the similar candidate "${o.c.id}"`, range: o.c.range, file: o.snap.abs }],
  };
}

/** The two rule ids, registered with the engine's (levels, rule pages); reported by `CrossIndex`, not by a file's check. */
export const crossSnapshotRules: RuleModule = defineRules({
  family: 'candidates',
  rules: [
    {
      id: 'candidates/duplicate-across-snapshots',
      contract: false,
      severity: 'warning',
      fixable: false,
      description:
        'The same candidate id is used for a different candidate in another snapshot (they would collide in the pending specs); the same candidate repeated by another run of the same prompt is not a duplicate.',
    },
    {
      id: 'candidates/similar-across-snapshots',
      contract: false,
      severity: 'info',
      fixable: false,
      description:
        'A candidate nearly repeats one of another snapshot under another id (at least 80% of the words of title and acceptance criteria); the message links it.',
    },
  ],
  check: () => undefined,
});
