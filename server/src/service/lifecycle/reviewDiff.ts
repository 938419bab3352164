// What changed between two reviews (findings and candidates), and that report as JSON
// (version 1), text for a terminal, and Markdown for a pull request comment or
// $GITHUB_STEP_SUMMARY. Pure: the CLI reads the files and prints.
import { parseSnapshot } from '../model/snapshot';
import { matchCandidates, matchFindings, type DiffState, type Matched } from './match';
import { readFindings, readReviewCandidates, type ReviewCandidate, type ReviewFinding } from './reviewItems';

export interface ReviewDiff {
  version: 1;
  older: string;
  newer: string;
  findings: Matched<ReviewFinding>[];
  candidates: Matched<ReviewCandidate>[];
}

export function diffReviews(older: { name: string; text: string }, newer: { name: string; text: string }): ReviewDiff {
  const a = parseSnapshot(older.text);
  const b = parseSnapshot(newer.text);
  return {
    version: 1,
    older: older.name,
    newer: newer.name,
    findings: matchFindings(readFindings(a), readFindings(b)),
    candidates: matchCandidates(readReviewCandidates(a), readReviewCandidates(b)),
  };
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
  const lines = [`Comparing ${d.older} \u2192 ${d.newer}`, `Findings: ${counts(d.findings)}`];
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
  out.push(`**Findings:** ${counts(d.findings)}  `, `**Candidates:** ${counts(d.candidates)}`, '');
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
