// What rules report: a stable rule id, a severity, an exact range and, where a fix is
// known, the edits that make it. Code actions turn these into LSP code actions as they
// are; they never re-derive a fix from the text.
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { SnapshotModel } from './snapshot';
import type { Conventions, Schema } from './schema';

export type Severity = 'error' | 'warning' | 'info';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes go into the fix-all action: they guess nothing the author must decide. */
  safe: boolean;
  /** The preferred fix of a finding is shown first and bound to the quick-fix shortcut. */
  preferred?: boolean;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}

export interface RuleOptions {
  /** ISO date used by fixes that insert a date (today, in the editor). */
  today: string;
}

export interface RuleContext {
  model: SnapshotModel;
  schema: Schema;
  conventions: Conventions;
  options: RuleOptions;
}

export interface Rule {
  /** The rule family, e.g. `metadata`; each finding's id starts with it. */
  name: string;
  run(ctx: RuleContext): Finding[];
}

export function todayIso(d = new Date()): string {
  return d.toISOString().slice(0, 10);
}
