// model + schema + conventions → findings. Each rule runs on its own: a rule that throws
// is reported to `onRuleError` and its findings are dropped for this run, the others stand.
import type { Conventions, Schema } from './schema';
import type { Finding, Rule, RuleContext } from './findings';
import { todayIso } from './findings';
import type { SnapshotModel } from './snapshot';
import { drain } from './steps';
import { markdownRule } from './rules/markdown';
import { sectionsRule } from './rules/sections';
import { metadataRule } from './rules/metadata';
import { tablesRule } from './rules/tables';
import { candidatesRule } from './rules/candidates';
import { labelsRule } from './rules/labels';

export const RULES: readonly Rule[] = [markdownRule, sectionsRule, metadataRule, tablesRule, candidatesRule, labelsRule];

export interface ValidateOptions {
  schema: Schema;
  conventions: Conventions;
  today?: string;
  rules?: readonly Rule[];
  /** Extra findings computed outside the rules (schema problems, links). */
  extra?: Finding[];
  onRuleError?: (rule: string, error: unknown) => void;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule);
}

export function validateModel(model: SnapshotModel, opts: ValidateOptions): Finding[] {
  return drain(validateSteps(model, opts));
}

/** The rules as resumable steps: a pause after each rule. */
export function* validateSteps(model: SnapshotModel, opts: ValidateOptions): Generator<void, Finding[]> {
  const ctx: RuleContext = {
    model,
    schema: opts.schema,
    conventions: opts.conventions,
    options: { today: opts.today ?? todayIso() },
  };
  const out: Finding[] = [...(opts.extra ?? [])];
  for (const rule of opts.rules ?? RULES) {
    try {
      out.push(...rule.run(ctx));
    } catch (e) {
      opts.onRuleError?.(rule.name, e);
    }
    yield;
  }
  return out.sort(compareFindings);
}

export function counts(findings: Finding[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
