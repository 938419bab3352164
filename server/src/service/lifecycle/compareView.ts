// The editor's side of comparing two reviews: which review is "the previous one" of a snapshot,
// and the comparison as a Markdown page (shown in VS Code's Markdown preview) that lists every
// finding and candidate by state, uncertain matches marked, each entry linking to its row in
// the snapshot and to its File:Line in the code. The data is the CLI's (reviewDiff.ts); only the
// page differs. Snapshot text is untrusted: every piece of it is escaped for Markdown.
import { escapeMarkdown } from '../text/escape';
import { promptKey } from './crossSnapshot';
import type { DiffState, Matched } from './match';
import type { ReviewCandidate, ReviewFinding } from './reviewItems';
import { renamesLine, type ReviewDiff } from './reviewDiff';

/** A snapshot of the workspace as the index knows it. */
export interface ReviewRef {
  abs: string;
  rel: string;
  prompt?: string;
  date?: string;
}

function basename(p: string): string {
  return p.slice(p.replace(/\\/g, '/').lastIndexOf('/') + 1);
}

/** Reviews sort by `Date:` (ISO dates sort as text), then file name, then path. */
function order(a: ReviewRef, b: ReviewRef): number {
  const k = (r: ReviewRef) => [r.date ?? '', basename(r.rel), r.rel];
  const x = k(a);
  const y = k(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/**
 * The previous review of `of`: among the snapshots with the same `Prompt:` (see `promptKey`),
 * the last that sorts before it by Date, then file name. Undefined when it names no prompt or
 * is the first run of its prompt.
 */
export function previousReview(of: ReviewRef, all: readonly ReviewRef[]): ReviewRef | undefined {
  const key = promptKey(of.prompt);
  if (!key) return undefined;
  let best: ReviewRef | undefined;
  for (const r of all) {
    if (r.abs === of.abs || promptKey(r.prompt) !== key || order(r, of) >= 0) continue;
    if (!best || order(r, best) > 0) best = r;
  }
  return best;
}

/** Where links go: a line of either snapshot, and a repository path (with a line) in the code. */
export interface CompareLinks {
  older: (line?: number) => string;
  newer: (line?: number) => string;
  code: (file: string, line?: number) => string | undefined;
}

const TITLES: Record<DiffState, string> = {
  new: 'New',
  updated: 'Updated',
  absent: 'Absent (resolved or dropped)',
  unchanged: 'Unchanged',
};
const ORDER: readonly DiffState[] = ['new', 'updated', 'absent', 'unchanged'];

/** A link whose target is ours (a URI we built) and whose text is escaped snapshot text. */
function link(text: string, target: string | undefined): string {
  return target ? `[${escapeMarkdown(text)}](<${target.replace(/[<>\s]/g, encodeURIComponent)}>)` : escapeMarkdown(text);
}

function rowLink(l: CompareLinks, row: (side: 'older' | 'newer') => number | undefined): string {
  const parts: string[] = [];
  const o = row('older');
  const n = row('newer');
  if (o !== undefined) parts.push(link(`older row ${o}`, l.older(o)));
  if (n !== undefined) parts.push(link(`newer row ${n}`, l.newer(n)));
  return parts.join(' · ');
}

function uncertainty(m: Matched<unknown>): string {
  return m.uncertain ? ` _(uncertain: matched by ${m.by}, confidence ${m.confidence})_` : '';
}

function findingEntry(m: Matched<ReviewFinding>, l: CompareLinks): string {
  const f = (m.newer ?? m.older)!;
  const a = m.older?.severity;
  const b = m.newer?.severity;
  const severity =
    a !== undefined && b !== undefined && a !== b ? `${escapeMarkdown(a)} → ${escapeMarkdown(b)}` : escapeMarkdown(f.severity);
  const moved = m.older && m.newer && m.older.location !== m.newer.location ? ` (was ${escapeMarkdown(m.older.location)})` : '';
  const where = f.file ? link(f.location, l.code(f.file, f.line)) : escapeMarkdown(f.location || '(no File:Line)');
  const rows = rowLink(l, (s) => m[s]?.row);
  return `- **${severity}** ${where}${moved} — ${escapeMarkdown(f.what)}${uncertainty(m)}  \n  ${rows}`;
}

function candidateEntry(m: Matched<ReviewCandidate>, l: CompareLinks): string {
  const c = (m.newer ?? m.older)!;
  const rows = rowLink(l, (s) => m[s]?.row);
  const renamed = m.older?.id && m.newer?.id && m.older.id !== m.newer.id ? ` (was ${escapeMarkdown(m.older.id)})` : '';
  return `- **${escapeMarkdown(c.id ?? '(no id)')}**${renamed} — ${escapeMarkdown(c.title ?? '')}${uncertainty(m)}  \n  ${rows}`;
}

function section<T>(title: string, items: readonly Matched<T>[], entry: (m: Matched<T>) => string): string[] {
  const out = [`## ${title}`, ''];
  if (!items.length) out.push('_None in either review._', '');
  for (const state of ORDER) {
    const of = items.filter((m) => m.state === state);
    if (!of.length) continue;
    out.push(`### ${TITLES[state]} (${of.length})`, '', ...of.map(entry), '');
  }
  return out;
}

/** The comparison page: both reviews linked, how renames were followed, then findings and candidates by state. */
export function compareMarkdown(d: ReviewDiff, l: CompareLinks): string {
  const out = [
    '# Review comparison',
    '',
    `Older: ${link(d.older, l.older())}  `,
    `Newer: ${link(d.newer, l.newer())}`,
    '',
    `_${escapeMarkdown(renamesLine(d.renames))}_`,
    '',
    ...section('Findings', d.findings, (m) => findingEntry(m, l)),
    ...section('Spec candidates', d.candidates, (m) => candidateEntry(m, l)),
  ];
  return out.join('\n');
}
