// The rule registry's shape. A rule module declares the ids it emits — each with its class
// (a contract violation, always an error; or a check stricter than the contract, a warning),
// a one-line description and whether it offers a fix — and reports through `report`, which
// fills in the severity and refuses an id the module did not declare. rules/index.ts lists the
// modules; a unit test checks the declarations against what the rules emit and the README.
import type { Range } from 'vscode-languageserver-types';
import type { EngineCaches } from '../caches';
import type { UncheckedCandidate } from '../model/candidates';
import type { Conventions } from '../contract/conventions';
import type { Finding, Fix, Related, Severity } from '../findings';
import type { HeadingNearMiss, KeyNearMiss } from '../model/nearMiss';
import type { ResolvedRef } from '../model/refs';
import type { Schema } from '../contract/schema';
import type { Section, SnapshotModel, Table, TableRow } from '../model/snapshot';

export interface RuleDecl {
  /** `<family>/<name>`, stable: it is the diagnostic's code and the documentation page's name. */
  id: string;
  /** A violation of the contract (an error) or a check stricter than the contract (a warning). */
  contract: boolean;
  description: string;
  /** The default severity when it is neither an error nor a warning (freshness: information). */
  severity?: Severity;
  /** Whether findings of this id can carry quick fixes. */
  fixable: boolean;
  /**
   * It checks a value against the conventions (a lane, a status, a level): while the repository
   * declares none of its own (configuration, template), its findings are information, not
   * warnings — the bundled conventions are one repository's habits, not the contract.
   */
  convention?: boolean;
}

export interface RuleContext {
  model: SnapshotModel;
  schema: Schema;
  conventions: Conventions;
  /** ISO date that fixes inserting a Date write (today). */
  today: string;
  /** Every path the snapshot names, resolved against the workspace folder (empty without one). */
  refs: ResolvedRef[];
  /** The service's caches, for checks that memoize per distinct text. */
  caches: EngineCaches;
  /** Warn about missing paths and lines past the end (the links.validate setting). */
  validateLinks: boolean;
  /** Why the schema that was named could not be used. */
  schemaProblem?: { message: string; range: Range };
  /** The snapshot is a template: placeholders are accepted where values go. */
  template: boolean;
  /** The file being checked: its path from the repository root, when it is a file. */
  file?: string;
  /** Required sections and metadata keys that are missing while something close is written, by name. */
  nearMisses: { sections: Map<string, HeadingNearMiss>; metadata: Map<string, KeyNearMiss> };
  /** Spec candidates written where the checker does not read them. */
  unchecked: UncheckedCandidate[];
}

export type Report = (id: string, range: Range, message: string, extra?: { fixes?: Fix[]; related?: Related[] }) => void;

/**
 * A kind of edit the incremental check (incremental.ts) tells apart: `row`, the text of table
 * body rows changed (each still a row of the same table, the line count unchanged); `code`, the
 * text of lines inside a top-level fenced block other than the candidates block (each still a
 * line of that block). Anything else is checked in full.
 */
export type EditKind = 'row' | 'code';

/** A body row of a table, with where it is. */
export interface RowAt {
  section: Section;
  table: Table;
  row: TableRow;
}

type Steps = void | Generator<void, void>;

export interface RuleModule {
  /** The family every declared id starts with, e.g. `metadata`. */
  family: string;
  rules: readonly RuleDecl[];
  /** Reports what it finds; a generator when the check pauses inside long loops. */
  check(ctx: RuleContext, report: Report): Steps;
  /**
   * Edits that cannot change what `check` reports (it reads nothing they change, and no finding
   * of it lies on a line they change): after one, its findings are kept. Undeclared: every edit
   * re-runs it. The property test (incremental = full) holds every declaration.
   */
  unaffectedBy?: readonly EditKind[];
  /**
   * The module split in two, with `check` = `rest` then `rows` of every body row of every table:
   * `rows` reports on each row's own line, from that row, its table's header and the context
   * alone; `rest` reads no table body row. After a `row` edit only the changed rows are asked again.
   */
  rowLocal?: {
    rest(ctx: RuleContext, report: Report): Steps;
    rows(ctx: RuleContext, report: Report, rows: readonly RowAt[]): Steps;
  };
}

export function severityOf(decl: RuleDecl): Severity {
  return decl.severity ?? (decl.contract ? 'error' : 'warning');
}

/** Checks a module's shape when it is loaded: ids unique, each `<family>/<name>`. */
export function defineRules(m: RuleModule): RuleModule {
  const seen = new Set<string>();
  for (const r of m.rules) {
    if (!r.id.startsWith(m.family + '/') || r.id.length <= m.family.length + 1) {
      throw new Error(`rule id "${r.id}" must start with "${m.family}/"`);
    }
    if (seen.has(r.id)) throw new Error(`rule id "${r.id}" is declared twice`);
    seen.add(r.id);
  }
  return m;
}

/** The `report` a module's check receives: findings of its declared ids, with their severity. */
export function reporterFor(m: RuleModule, out: Finding[]): Report {
  const decls = new Map(m.rules.map((r) => [r.id, r]));
  return (id, range, message, extra) => {
    const decl = decls.get(id);
    if (!decl) throw new Error(`rule module "${m.family}" reported "${id}", which it does not declare`);
    if (extra?.fixes?.length && !decl.fixable) throw new Error(`rule "${id}" is declared without fixes but reported one`);
    const f: Finding = { rule: id, severity: severityOf(decl), message, range };
    if (extra?.fixes?.length) f.fixes = extra.fixes;
    if (extra?.related?.length) f.related = extra.related;
    out.push(f);
  };
}
