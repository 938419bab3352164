// One check from text to findings, used alike by the language server and the CLI (through the
// service facade, index.ts), so the editor and CI can never disagree. The work is a sequence of
// resumable steps: the CLI runs them straight through, the server in time slices, and drops a
// run as soon as a newer version of the document makes it stale.
import type { EngineCaches } from './caches';
import { uncheckedCandidates } from './model/candidates';
import { todayIso } from './text/clock';
import { SECTION } from './contract/contract';
import { conventions, withOffered, type Conventions, type ConventionsSetting } from './contract/conventions';
import type { TemplateGlobs } from './repo/files';
import type { Finding } from './findings';
import { metadataNearMisses, sectionNearMisses } from './model/nearMiss';
import { resolveRefSteps, writtenRefSteps, type ResolvedRef } from './model/refs';
import type { RuleLevel } from './config/config';
import { toRepoPath } from './repo/paths';
import { judgedValuesConventional, type TemplateFinder } from './repo/repoTemplates';
import { ALL_RULES, RULE_MODULES } from './rules/index';
import { applySuppressions } from './config/suppressions';
import { reporterFor, type RuleContext, type RuleModule } from './rules/registry';
import type { Schema } from './contract/schema';
import { chooseSchema, type SchemaLoader } from './contract/schemaSource';
import { parseSnapshotSteps, type SnapshotModel } from './model/snapshot';
import type { Workspace } from './repo/workspace';

export interface CheckInput {
  text: string;
  /** Absolute path of the workspace folder (repository root) the snapshot belongs to. */
  root?: string;
  /** Which file this is: its path from `root` (`/`-separated), when it is a file (fileCheck.ts). */
  file?: string;
  /** The schemaPath setting: a path in the workspace folder. */
  schemaPath?: string;
  /** A schema file the user named on a command line (read wherever it is). */
  schemaFile?: string;
  conventions?: ConventionsSetting | null;
  /** Resolve the paths the snapshot names (links and link checks); default true. */
  links?: boolean;
  /** Warn about missing paths and lines past the end (the links.validate setting); default true. */
  validateLinks?: boolean;
  /** Cited paths that live in other repositories: neither checked nor warned about. */
  externalLinks?: string[];
  /** Other open workspace folders by name: an external path whose first segment names one links into it. */
  siblings?: ReadonlyMap<string, string>;
  /** Levels for rules stricter than the contract (`off`, `warning`, `error`). */
  ruleLevels?: ReadonlyMap<string, RuleLevel>;
  /** The configuration file that governs the snapshot, when it has problems. */
  config?: { file: string; problems: { message: string }[]; applied?: boolean };
  today?: string;
  /** The snapshot is a template: placeholders are accepted where values go (files.ts decides). */
  template?: boolean;
  /**
   * The globs that say which files are the repository's templates (files.ts `isTemplatePath`):
   * the alternatives they offer are conventional values.
   */
  templates?: TemplateGlobs;
  /**
   * Read the repository's templates only when the verdict could depend on them (the CLI, which
   * shows nothing else they feed: hovers, completions): a check whose judged values are all
   * conventional already, and that reports nothing under a convention rule, is the same with them
   * or without. Otherwise the check is made again with them.
   */
  templatesWhenNeeded?: boolean;
}

export interface CheckResult {
  model: SnapshotModel;
  schema: Schema;
  conventions: Conventions;
  findings: Finding[];
  /** Every path the snapshot names, resolved (empty without a workspace folder). */
  refs: ResolvedRef[];
  /**
   * Rule modules that threw, and the engine's own steps for the rules that did (`templates`, the
   * repository's templates; `near-misses`): their findings are missing from this result.
   */
  failures: { rule: string; error: unknown }[];
  /** Checked as a template (placeholders accepted). */
  template: boolean;
}

export interface EngineDeps {
  workspace: Workspace;
  caches: EngineCaches;
  schemas: SchemaLoader;
  /** The repository's templates (their alternatives extend the conventions). */
  templates?: TemplateFinder;
  onRuleError?: (rule: string, error: unknown) => void;
}

export function compareFindings(a: Finding, b: Finding): number {
  // Rule ids are ASCII: compared by code unit (localeCompare would load the ICU collator, about
  // 15 ms of a short CLI run, to order the same way).
  const byRule = a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || byRule;
}

export function* checkSteps(
  input: CheckInput,
  deps: EngineDeps,
  modules: readonly RuleModule[] = RULE_MODULES,
): Generator<void, CheckResult> {
  if (input.templatesWhenNeeded && input.root && deps.templates && input.templates?.templates.length) {
    // First without them (the walk of a whole repository is most of a short run's work): kept
    // only when they could change nothing (see `templatesWhenNeeded`).
    const bare = yield* checkOnce({ ...input, templates: undefined }, deps, modules);
    const convention = bare.findings.some((f) => ALL_RULES.get(f.rule)?.convention);
    if (!convention && judgedValuesConventional(bare.model, bare.conventions)) return bare;
  }
  return yield* checkOnce(input, deps, modules);
}

function* checkOnce(input: CheckInput, deps: EngineDeps, modules: readonly RuleModule[]): Generator<void, CheckResult> {
  const model = yield* parseSnapshotSteps(input.text, deps.caches);
  const loaded = deps.schemas.load(chooseSchema(model, input.root, input.schemaPath, input.schemaFile), model, input.root);
  const early: Failure[] = [];
  const conv = yield* repoConventions(input, deps, early);
  let refs: ResolvedRef[] = [];
  if (input.root && input.links !== false) {
    const written = yield* writtenRefSteps(model, conv.columns.location, deps.caches);
    refs = yield* resolveRefSteps(written, {
      root: input.root,
      workspace: deps.workspace,
      caches: deps.caches,
      countLines: input.validateLinks !== false,
      external: input.externalLinks ?? [],
      siblings: input.siblings,
    });
  }
  const ctx: RuleContext = {
    model,
    schema: loaded.schema,
    conventions: conv,
    today: input.today ?? todayIso(),
    refs,
    caches: deps.caches,
    validateLinks: input.validateLinks !== false,
    schemaProblem: loaded.problem,
    template: input.template === true,
    file: input.file,
    ...nearMissesOf(model, loaded.schema, early),
  };
  for (const f of early) deps.onRuleError?.(f.rule, f.error);
  const { findings, failures: ruleFailures } = yield* runRuleSteps(ctx, modules, deps.onRuleError);
  const failures = [...early, ...ruleFailures];
  // Rules that did not report this time (links without a folder or with links off, a rule that
  // failed): a suppression of theirs is not "unused".
  const linksOff = !input.root || input.links === false;
  const failed = new Set(ruleFailures.map((f) => f.rule));
  const notRun = (rule: string) => (linksOff && rule.startsWith('links/')) || failed.has(rule.slice(0, rule.indexOf('/')));
  const softened = conv.declared ? findings : asInformation(findings, input.ruleLevels);
  const out = withLevels(applySuppressions(model, softened, notRun), input.ruleLevels);
  if (input.config?.problems.length) out.push(configInvalid(model, input.config, input.root));
  // Fail closed: a rule that could not run leaves the verdict incomplete, never a pass.
  if (failures.length) out.push(incomplete(model, failures));
  return { model, schema: loaded.schema, conventions: conv, findings: out.sort(compareFindings), refs, failures, template: ctx.template };
}

/**
 * While the repository declares no conventions of its own, a value outside the bundled ones is
 * information: the bundled lists are one repository's habits, and another's own lane must not
 * fail its `--strict` CI out of the box. A rule with a configured level is left to it (withLevels),
 * and its message does not say otherwise.
 */
function asInformation(findings: Finding[], levels: ReadonlyMap<string, RuleLevel> | undefined): Finding[] {
  return findings.map((f) =>
    ALL_RULES.get(f.rule)?.convention && f.severity === 'warning' && !levels?.has(f.rule)
      ? { ...f, severity: 'info', message: `${f.message} (The repository declares no conventions of its own: information only.)` }
      : f,
  );
}

/** The configured levels of convention rules: `off` drops a finding, `warning`/`error` set its severity. */
function withLevels(findings: Finding[], levels: ReadonlyMap<string, RuleLevel> | undefined): Finding[] {
  if (!levels?.size) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    // Contract rules are never lowered, whatever asked (the settings and the file refuse them too).
    const level = ALL_RULES.get(f.rule)?.contract ? undefined : levels.get(f.rule);
    if (level === 'off') continue;
    out.push(level ? { ...f, severity: level } : f);
  }
  return out;
}

function configInvalid(model: SnapshotModel, config: NonNullable<CheckInput['config']>, root: string | undefined): Finding {
  const name = (root && toRepoPath(root, config.file)) || config.file;
  const n = config.problems.length;
  // A file that does not parse (or cannot be read) configures nothing: the defaults are in force.
  const until =
    config.applied === false
      ? 'Nothing of it is applied until it parses: the defaults are in force.'
      : 'Until then the rest of the file is applied.';
  return {
    rule: 'config/invalid',
    severity: 'error',
    message: `The configuration file ${name} has ${n} problem${n > 1 ? 's' : ''} (first: ${config.problems[0].message}); fix ${n > 1 ? 'them' : 'it'} there. ${until}`,
    range: model.text.lineRange(0),
  };
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function incomplete(model: SnapshotModel, failures: { rule: string; error: unknown }[]): Finding {
  const what = failures.map((f) => `rule ${f.rule} failed (${reasonOf(f.error)})`).join('; ');
  return {
    rule: 'check/incomplete',
    severity: 'error',
    message: `The check is incomplete: ${what}. Its findings are missing, so this snapshot cannot be said to conform.`,
    range: model.text.lineRange(0),
  };
}

type Failure = { rule: string; error: unknown };

/**
 * The conventions in force: bundled, the setting's, and what the repository's templates offer.
 * Fail closed: when the templates cannot be read, the check goes on without what they offer and
 * is recorded as incomplete (`check/incomplete`), never an exception out of the check.
 */
function* repoConventions(input: CheckInput, deps: EngineDeps, failures: Failure[]): Generator<void, Conventions> {
  const conv = conventions(input.conventions);
  if (!input.root || !deps.templates || !input.templates?.templates.length) return conv;
  try {
    return withOffered(conv, yield* deps.templates.offeredValuesSteps(input.root, input.templates, conv));
  } catch (e) {
    failures.push({ rule: 'templates', error: e });
    return conv;
  }
}

/** Near misses of required headings and keys, and the candidates written where they are not read; fail closed, as above. */
function nearMissesOf(model: SnapshotModel, schema: Schema, failures: Failure[]): Pick<RuleContext, 'nearMisses' | 'unchecked'> {
  try {
    return findNearMisses(model, schema);
  } catch (e) {
    failures.push({ rule: 'near-misses', error: e });
    return { nearMisses: { sections: new Map(), metadata: new Map() }, unchecked: [] };
  }
}

function findNearMisses(model: SnapshotModel, schema: Schema): Pick<RuleContext, 'nearMisses' | 'unchecked'> {
  const sections = sectionNearMisses(model, schema.requiredSections);
  const metadata = metadataNearMisses(model, schema.requiredMetadata);
  const near = sections.get(SECTION.candidates);
  const next = near && model.headings.find((h) => h.line > near.lastLine && h.level <= 2);
  const region = near && {
    from: near.lastLine + 1,
    to: next ? next.line : model.text.lineCount,
    heading: model.text.lineText(near.line).trim(),
    line: near.line,
  };
  const unchecked = uncheckedCandidates(model, schema.candidates.requiredKeys, SECTION.candidates, SECTION.rawOutput, region);
  return { nearMisses: { sections, metadata }, unchecked };
}

/**
 * The rules, a pause after each. Each runs on its own: a rule that throws is reported to
 * `onRuleError` and its findings are dropped for this run; the others stand.
 */
export function* runRuleSteps(
  ctx: RuleContext,
  modules: readonly RuleModule[],
  onRuleError?: (rule: string, error: unknown) => void,
): Generator<void, { findings: Finding[]; failures: { rule: string; error: unknown }[] }> {
  const findings: Finding[] = [];
  const failures: { rule: string; error: unknown }[] = [];
  for (const m of modules) {
    const own: Finding[] = [];
    try {
      const r = m.check(ctx, reporterFor(m, own));
      if (r) yield* r;
      findings.push(...own);
    } catch (e) {
      failures.push({ rule: m.family, error: e });
      onRuleError?.(m.family, e);
    }
    yield;
  }
  return { findings: findings.sort(compareFindings), failures };
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
