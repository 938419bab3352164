// A snapshot's Findings rows and spec candidates as plain data, read through the snapshot model
// (the same tables and candidates block the rules check), for comparing two reviews and for
// exporting the findings to code scanning. Nothing here reads a file.
import { candidateValue, readCandidates } from '../model/candidates';
import { CANDIDATE, SECTION } from '../contract/contract';
import type { SnapshotModel } from '../model/snapshot';
import { cellValue } from '../model/table';

/** One row of the Findings table, by column (the schema's header names). */
export interface ReviewFinding {
  severity: string;
  verification: string;
  /** The File:Line cell as written. */
  location: string;
  /** The path of File:Line, normalized (see `normalizePath`); empty when the cell names none. */
  file: string;
  /** The line of File:Line (1-based), when it names one. */
  line?: number;
  what: string;
  why: string;
  when: string;
  fix: string;
  /** The row's line in the snapshot (1-based). */
  row: number;
}

export interface ReviewCandidate {
  id?: string;
  title?: string;
  /** Every key's value as text (lists joined by newlines), for telling an edit apart. */
  values: Record<string, string>;
  /** The candidate's first line in the snapshot (1-based). */
  row: number;
}

type TextColumn = 'severity' | 'verification' | 'location' | 'what' | 'why' | 'when' | 'fix';

const COLUMNS: Record<string, TextColumn> = {
  severity: 'severity',
  'verified/hypothesis': 'verification',
  'file:line': 'location',
  what: 'what',
  why: 'why',
  when: 'when',
  'proposed fix': 'fix',
};

/** A File:Line path as a repository path: decoded, `/` separators, no `./` or leading `/`, no backticks. */
export function normalizePath(p: string): string {
  let s = trimTicks(p).replace(/\\/g, '/');
  try {
    s = decodeURIComponent(s);
  } catch {
    // not percent-encoded text: kept as written
  }
  return s.replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
}

/** The text without blanks and backticks around it (a loop: a regex here would be quadratic). */
function trimTicks(cell: string): string {
  let a = 0;
  let b = cell.length;
  while (a < b && (cell[a] === '`' || cell[a] === ' ' || cell[a] === '\t')) a++;
  while (b > a && (cell[b - 1] === '`' || cell[b - 1] === ' ' || cell[b - 1] === '\t')) b--;
  return cell.slice(a, b);
}

const LINE_SUFFIX = /^:(\d+)(?:[-\u2013:]\d+)*$/;
const GITHUB_LINES = /^#L(\d+)(?:-L?\d+)?$/;
const NO_PATH = /^(?:n\/?a|none|-|\u2014)?$/i;

/** Where the `:12`, `:12-14` or `:12:3` suffix starts (the trailing run of digits, `:`, `-`), if any. */
function lineSuffix(s: string): { at: number; line: number } | undefined {
  const hash = s.lastIndexOf('#L');
  const gh = hash < 0 ? null : GITHUB_LINES.exec(s.slice(hash));
  if (gh) return { at: hash, line: Number(gh[1]) };
  let i = s.length;
  while (i > 0 && /[\d:\-\u2013]/.test(s[i - 1])) i--;
  const colon = s.indexOf(':', i);
  const m = colon < 0 ? null : LINE_SUFFIX.exec(s.slice(colon));
  return m ? { at: colon, line: Number(m[1]) } : undefined;
}

/** Splits `path:12`, `path:12-14`, `path:12:3` and `path#L12` into the path and its first line. */
export function splitLocation(cell: string): { file: string; line?: number } {
  const s = trimTicks(cell);
  const suffix = lineSuffix(s);
  const rawPath = suffix ? s.slice(0, suffix.at) : s;
  const file = NO_PATH.test(rawPath.trim()) ? '' : normalizePath(rawPath);
  return { file, line: suffix && suffix.line > 0 ? suffix.line : undefined };
}

/** The Findings rows of a snapshot, in order; empty when it has no Findings table. */
export function readFindings(model: SnapshotModel): ReviewFinding[] {
  const section = model.sections.find((s) => s.name === SECTION.findings);
  const out: ReviewFinding[] = [];
  for (const table of section ? (model.tables.get(section) ?? []) : []) {
    const keys = table.header.cells.map((c) =>
      Object.hasOwn(COLUMNS, c.text.trim().toLowerCase()) ? COLUMNS[c.text.trim().toLowerCase()] : undefined,
    );
    for (const row of table.rows) {
      const f: ReviewFinding = {
        severity: '',
        verification: '',
        location: '',
        file: '',
        what: '',
        why: '',
        when: '',
        fix: '',
        row: row.line + 1,
      };
      row.cells.forEach((c, i) => {
        const key = keys[i];
        if (key) f[key] = cellValue(c.text);
      });
      const loc = splitLocation(f.location);
      f.file = loc.file;
      if (loc.line !== undefined) f.line = loc.line;
      out.push(f);
    }
  }
  return out;
}

/** The spec candidates of a snapshot (the items of its YAML block that are mappings). */
export function readReviewCandidates(model: SnapshotModel): ReviewCandidate[] {
  return readCandidates(model).map((c) => {
    const values: Record<string, string> = {};
    for (const pair of c.node.items) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? '');
      const v = candidateValue(model, c, key);
      if (key && v !== undefined) values[key] = Array.isArray(v) ? v.join('\n') : v;
    }
    const title = values[CANDIDATE.title];
    return { id: c.id, title, values, row: c.range.start.line + 1 };
  });
}
