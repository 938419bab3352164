// Snapshots of one review run again: the example snapshot with its Findings rows and spec
// candidates replaced, for the comparison and code-scanning tests.
import { VALID_TEXT } from './workspace';

const ROW = /^\| P2 \| Verified \| dc%2Drunner.*\n/m;
const CANDIDATES = /```yaml\n[\s\S]*?```\n/;

/** A findings row: severity, File:Line, What, and optionally Why. */
export function row(severity: string, location: string, what: string, why = 'It costs time.'): string {
  return `| ${severity} | Verified | ${location} | ${what} | ${why} | During the run. | Fix it. |`;
}

/** A candidate item: id, title, and its type. */
export function candidate(id: string, title: string, type = 'contract.check'): string {
  return `- id: ${id}\n  title: ${title}\n  type: ${type}\n  class: MUST\n  risk: low\n`;
}

/** The example snapshot with these Findings rows and candidates (its labels are left as they are). */
export function review(rows: string[], candidates: string[] = []): string {
  return VALID_TEXT.replace(ROW, rows.map((r) => r + '\n').join('')).replace(CANDIDATES, '```yaml\n' + candidates.join('') + '```\n');
}
