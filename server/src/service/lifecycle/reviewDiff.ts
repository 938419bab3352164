// What changed between two reviews (findings and candidates), and that report as JSON
// (version 1), text for a terminal, and Markdown for a pull request comment or
// $GITHUB_STEP_SUMMARY. Pure: the CLI reads the files and prints.
import { META } from '../contract/contract';
import { parseSnapshot } from '../model/snapshot';
import { matchCandidates, matchFindings, type DiffState, type Matched } from './match';
import { readFindings, readReviewCandidates, type ReviewCandidate, type ReviewFinding } from './reviewItems';

export interface ReviewDiff {
  version: 1;
  older: string;
  newer: string;
  /** Whether renames git knows of between the two reviews' revisions were followed, and if not why. */
  renames: RenamesFollowed;
  findings: Matched<ReviewFinding>[];
  candidates: Matched<ReviewCandidate>[];
}

/**
 * Renames between the two reviews' `Repo revision`s: followed (git was asked; `renamed` files
 * between them), or not, and why (a finding whose path was rewritten is then matched by file
 * name only, uncertain).
 */
export type RenamesFollowed =
  { followed: true; olderRevision: string; newerRevision: string; renamed: number } | { followed: false; reason: string };

/** What the caller learnt from git (or why it did not ask), with the old → new paths when it did. */
export interface RenameInfo {
  followed: RenamesFollowed;
  paths: ReadonlyMap<string, string>;
}

/** One review read for comparing: its name, `Repo revision` as written, findings and candidates. */
export interface ReviewSide {
  name: string;
  revision: string | null;
  findings: ReviewFinding[];
  candidates: ReviewCandidate[];
}

export function readReview(name: string, text: string): ReviewSide {
  const model = parseSnapshot(text);
  const revision = model.metadata.find((e) => e.key === META.repoRevision)?.value.trim() || null;
  return { name, revision, findings: readFindings(model), candidates: readReviewCandidates(model) };
}

/** Without git (the engine alone, a test): renames are not followed. */
export const NO_RENAMES: RenameInfo = { followed: { followed: false, reason: 'git was not asked' }, paths: new Map() };

export function compareReviews(a: ReviewSide, b: ReviewSide, renames: RenameInfo = NO_RENAMES): ReviewDiff {
  return {
    version: 1,
    older: a.name,
    newer: b.name,
    renames: renames.followed,
    findings: matchFindings(a.findings, b.findings, renames.paths),
    candidates: matchCandidates(a.candidates, b.candidates),
  };
}

export function diffReviews(
  older: { name: string; text: string },
  newer: { name: string; text: string },
  renames?: RenameInfo,
): ReviewDiff {
  return compareReviews(readReview(older.name, older.text), readReview(newer.name, newer.text), renames);
}

/** One line on renames: which were followed, or why none were (a rewritten path is then uncertain). */
export function renamesLine(r: RenamesFollowed): string {
  return r.followed
    ? `Renames: followed with git between ${r.olderRevision.slice(0, 7)} and ${r.newerRevision.slice(0, 7)} (${r.renamed} renamed file${r.renamed === 1 ? '' : 's'})`
    : `Renames: not followed (${r.reason}); a rewritten path is matched by file name only (uncertain)`;
}

const STATES: readonly DiffState[] = ['new', 'updated', 'absent', 'unchanged'];

function counts(items: readonly Matched<unknown>[]): string {
  return STATES.map((s) => `${items.filter((i) => i.state === s).length} ${s}`).join(', ');
}

function side<T>(m: Matched<T>): T {
  return (m.newer ?? m.older)!;
}

function findingLine(f: ReviewFinding): string {
  return `${f.severity} ${f.location} \u2014 ${f.what}`;
}

function candidateLine(c: ReviewCandidate): string {
  return `${c.id ?? '(no id)'} \u2014 ${c.title ?? ''}`;
}

function mark(m: Matched<unknown>): string {
  return m.uncertain ? ` (uncertain: matched by ${m.by}, confidence ${m.confidence})` : '';
}

/** One line per finding and candidate that is not unchanged, under a summary of the counts. */
export function diffText(d: ReviewDiff): string {
  const lines = [`Comparing ${d.older} \u2192 ${d.newer}`, renamesLine(d.renames), `Findings: ${counts(d.findings)}`];
  for (const m of d.findings) {
    if (m.state !== 'unchanged' || m.uncertain) lines.push(`  ${m.state.padEnd(9)} ${findingLine(side(m))}${mark(m)}`);
  }
  lines.push(`Candidates: ${counts(d.candidates)}`);
  for (const m of d.candidates) {
    if (m.state !== 'unchanged' || m.uncertain) lines.push(`  ${m.state.padEnd(9)} ${candidateLine(side(m))}${mark(m)}`);
  }
  return lines.join('\n') + '\n';
}

/** Text made safe for a GFM table cell: no HTML, no pipe that splits the row, no line break. */
export function mdCell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/`/g, '\\`');
}

function severityCell(m: Matched<ReviewFinding>): string {
  const a = m.older?.severity;
  const b = m.newer?.severity;
  return mdCell(a !== undefined && b !== undefined && a !== b ? `${a} \u2192 ${b}` : (b ?? a ?? ''));
}

/** A PR comment / step summary: counts, then a table of what changed (unchanged rows are left out). */
export function diffMarkdown(d: ReviewDiff): string {
  const out = [`### Review comparison`, '', `${mdCell(d.older)} \u2192 ${mdCell(d.newer)}`, ''];
  out.push(`**Findings:** ${counts(d.findings)}  `, `**Candidates:** ${counts(d.candidates)}  `, mdCell(renamesLine(d.renames)), '');
  const f = d.findings.filter((m) => m.state !== 'unchanged' || m.uncertain);
  if (f.length) {
    out.push('| State | Severity | File:Line | What |', '|---|---|---|---|');
    for (const m of f) {
      const x = side(m);
      out.push(`| ${m.state}${m.uncertain ? ' (uncertain)' : ''} | ${severityCell(m)} | ${mdCell(x.location)} | ${mdCell(x.what)} |`);
    }
    out.push('');
  }
  const c = d.candidates.filter((m) => m.state !== 'unchanged' || m.uncertain);
  if (c.length) {
    out.push('| State | Id | Title |', '|---|---|---|');
    for (const m of c) {
      out.push(`| ${m.state}${m.uncertain ? ' (uncertain)' : ''} | ${mdCell(side(m).id ?? '')} | ${mdCell(side(m).title ?? '')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
