// What the Snapshots view shows, as plain data: a snapshot's verdict and counts (its first level),
// and, when it is expanded, its Findings rows by severity, its candidates and where each is in its
// journey (only in the snapshot, in a pending spec, promoted into a spec), and the gate results
// its Command Execution Log last recorded. Read from a check; nothing here reads a file: where a
// candidate's id appears elsewhere is asked of the caller.
import { META, COMMAND_COLUMN, TABLE } from '../contract/contract';
import type { Conventions } from '../contract/conventions';
import { counts, type CheckResult } from '../engine';
import type { Finding } from '../findings';
import type { FreshnessStatus } from '../freshness/types';
import { tableKeyOf } from '../contract/schema';
import { cellValue } from '../model/table';
import { commandText } from '../features/gates';
import { readFindings, readReviewCandidates } from './reviewItems';

/** A snapshot's verdict: no errors, N errors, a template, or not known (yet, or ever). */
export type ViewVerdict = 'conforms' | 'errors' | 'template' | 'unchecked' | 'unreadable';

export interface ViewCounts {
  verdict: ViewVerdict;
  /** The check's findings (the Problems panel's), by severity. */
  errors: number;
  warnings: number;
  infos: number;
  /** Rows of the Findings table, and spec candidates. */
  findings: number;
  candidates: number;
  /** The `Date` metadata as written (the view groups by it). */
  date?: string;
}

/** The first-level data of one checked snapshot. */
export function viewCounts(result: CheckResult): ViewCounts {
  const c = counts(result.findings);
  const date = result.model.metadata.find((m) => m.key === META.date)?.value.trim();
  // Fail closed: a rule module that could not run leaves the verdict unknown, never "conforms".
  const incomplete = result.failures.length > 0 && c.errors === 0;
  const verdict: ViewVerdict = c.errors > 0 || incomplete ? 'errors' : result.template ? 'template' : 'conforms';
  return {
    verdict,
    errors: c.errors + (incomplete ? 1 : 0),
    warnings: c.warnings,
    infos: c.infos,
    findings: readFindings(result.model).length,
    candidates: readReviewCandidates(result.model).length,
    ...(date ? { date } : {}),
  };
}

/**
 * The counts with the findings told across snapshots added (as the Problems panel and the CLI
 * count them): an error among them makes the verdict `errors`.
 */
export function withAcross(own: ViewCounts, across: readonly Finding[]): ViewCounts {
  if (!across.length) return own;
  const c = counts([...across]);
  const errors = own.errors + c.errors;
  const verdict = errors > 0 && own.verdict !== 'unreadable' ? 'errors' : own.verdict;
  return { ...own, verdict, errors, warnings: own.warnings + c.warnings, infos: own.infos + c.infos };
}

export interface ViewFinding {
  severity: string;
  /** Sort key: the severity's place among the conventions' severities (P0 first); unknown ones last. */
  rank: number;
  what: string;
  /** The File:Line cell as written. */
  location: string;
  /** The row's line in the snapshot (0-based, as LSP positions). */
  line: number;
  /** Where the cited code is now, when finding freshness was worked out. */
  freshness?: FreshnessStatus;
  freshnessReason?: string;
}

export type Journey = 'snapshot' | 'pending' | 'promoted';

/** A place an id is named in: a pending spec or a spec. */
export interface IdPlace {
  /** Absolute path. */
  abs: string;
  /** Repository path. */
  rel: string;
  /** 0-based. */
  line: number;
}

export interface ViewCandidate {
  id?: string;
  title?: string;
  label?: string;
  /** The candidate's first line (0-based). */
  line: number;
  /** The furthest it got: promoted (a spec names it), in a pending spec, or only in the snapshot. */
  journey: Journey;
  pending: IdPlace[];
  specs: IdPlace[];
}

export type GateOutcome = 'pass' | 'fail' | 'skipped' | 'unrecorded';

export interface ViewGate {
  command: string;
  status: string;
  exitCode: string;
  outcome: GateOutcome;
  /** The row's line (0-based). */
  line: number;
}

export interface ViewDetails {
  findings: ViewFinding[];
  candidates: ViewCandidate[];
  gates: ViewGate[];
}

/** Where else an id is named (pending specs, specs), asked of the caller. */
export interface IdLookup {
  pending(id: string): IdPlace[];
  specs(id: string): IdPlace[];
}

/** The Findings rows, most severe first (the table's order within a severity). */
export function viewFindings(result: CheckResult): ViewFinding[] {
  const order = [...result.conventions.severities.keys()];
  const words = result.conventions.severityWords;
  const rankOf = (s: string) => {
    const key = order.includes(s) ? s : (words.get(s.toLowerCase()) ?? '');
    const i = order.indexOf(key);
    return i < 0 ? order.length : i;
  };
  const rows = readFindings(result.model).map((f) => ({
    severity: f.severity,
    rank: rankOf(f.severity),
    what: f.what,
    location: f.location,
    line: f.row - 1,
  }));
  return rows.sort((a, b) => a.rank - b.rank || a.line - b.line);
}

export function viewCandidates(result: CheckResult, lookup: IdLookup): ViewCandidate[] {
  const labels = new Map(result.model.labels.map((l) => [l.id, l.label]));
  return readReviewCandidates(result.model).map((c) => {
    const pending = c.id ? lookup.pending(c.id) : [];
    const specs = c.id ? lookup.specs(c.id) : [];
    const journey: Journey = specs.length ? 'promoted' : pending.length ? 'pending' : 'snapshot';
    const label = c.id ? labels.get(c.id) : undefined;
    return { id: c.id, title: c.title, ...(label ? { label } : {}), line: c.row - 1, journey, pending, specs };
  });
}

function outcomeOf(status: string, exitCode: string, conv: Conventions): GateOutcome {
  const s = status.trim().toLowerCase();
  const has = (words: string[]) => words.some((w) => w.toLowerCase() === s);
  if (s && has(conv.statuses.fail)) return 'fail';
  if (s && has(conv.statuses.skipped)) return 'skipped';
  if (s && has(conv.statuses.pass)) return exitCode.trim() && exitCode.trim() !== '0' ? 'fail' : 'pass';
  if (/^\d+$/.test(exitCode.trim())) return exitCode.trim() === '0' ? 'pass' : 'fail';
  return 'unrecorded';
}

/** The Command Execution Log's rows as recorded: each command's status and exit code. */
export function viewGates(result: CheckResult): ViewGate[] {
  const section = result.model.sections.find((x) => tableKeyOf(x.name) === TABLE.log);
  const table = section ? result.model.tables.get(section)?.[0] : undefined;
  if (!table) return [];
  const names = table.header.cells.map((c) => c.text);
  const conv = result.conventions;
  const at = (name: string) => names.indexOf(name);
  const [iCmd, iStatus, iExit] = [at(COMMAND_COLUMN), at(conv.columns.status), at(conv.columns.exitCode)];
  if (iCmd < 0) return [];
  const cell = (cells: { text: string }[], i: number) => (i >= 0 && cells[i] ? cellValue(cells[i].text).trim() : '');
  return table.rows
    .map((r) => {
      const status = cell(r.cells, iStatus);
      const exitCode = cell(r.cells, iExit);
      const command = r.cells[iCmd] ? commandText(r.cells[iCmd].text) : '';
      return { command, status, exitCode, outcome: outcomeOf(status, exitCode, conv), line: r.line };
    })
    .filter((g) => g.command !== '');
}

export function viewDetails(result: CheckResult, lookup: IdLookup): ViewDetails {
  return { findings: viewFindings(result), candidates: viewCandidates(result, lookup), gates: viewGates(result) };
}

export interface GroupItem {
  /** Repository path of the snapshot. */
  rel: string;
  date?: string;
}

/** The group a snapshot falls in: its folder, or its month (from `Date`, else from a date in its name). */
export function groupKey(item: GroupItem, by: 'folder' | 'date'): string {
  if (by === 'folder') {
    const slash = item.rel.lastIndexOf('/');
    return slash < 0 ? '.' : item.rel.slice(0, slash);
  }
  const m = /^(\d{4}-\d{2})-\d{2}/.exec(item.date ?? '') ?? /(\d{4}-\d{2})-\d{2}/.exec(item.rel);
  return m ? m[1] : 'undated';
}
