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
import { patchedRefSteps, resolveRefSteps, writtenRefSteps, type ResolvedRef } from './model/refs';
import type { RuleLevel } from './config/config';
import { toRepoPath } from './repo/paths';
import { judgedValuesConventional, type TemplateFinder } from './repo/repoTemplates';
import { ALL_RULES, RULE_MODULES } from './rules/index';
import { applySuppressions, outsideSuppressions } from './config/suppressions';
import { CROSS_RULES } from './lifecycle/crossSnapshot';
import { reporterFor, type EditKind, type RowAt, type RuleContext, type RuleModule } from './rules/registry';
import type { Schema } from './contract/schema';
import { chooseSchema, type SchemaLoader } from './contract/schemaSource';
import { allRows, parseSnapshotSteps, type SnapshotModel } from './model/snapshot';
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
   * The document's key (the server's uri) when its next version will be checked too: this check
   * reuses what the last one of the same key found where the edit allows (incremental.ts).
   */
  incremental?: string;
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
  /** The configured levels it was checked under (findings told from outside it get them too: `outsideFindings`). */
  ruleLevels?: ReadonlyMap<string, RuleLevel>;
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
  const model = yield* parseSnapshotSteps(input.text, deps.caches);
  if (input.templatesWhenNeeded && input.root && deps.templates && input.templates?.templates.length) {
    // First without them (the walk of a whole repository is most of a short run's work): kept
    // only when they could change nothing (see `templatesWhenNeeded`).
    const bare = (yield* checkModelSteps(model, { ...input, templates: undefined }, deps, modules)).result;
    const convention = bare.findings.some((f) => ALL_RULES.get(f.rule)?.convention);
    if (!convention && judgedValuesConventional(bare.model, bare.conventions)) return bare;
  }
  return (yield* checkModelSteps(model, input, deps, modules)).result;
}

/** A check of a model, with what each rule module reported (an incremental check keeps it for the next). */
export interface ModelCheck {
  result: CheckResult;
  runs: ModuleRun[];
  /** What the rules' findings depend on besides the model and the schema (the input but its text, the conventions). */
  key: string;
}

/**
 * The check of a parsed model. `reuse` (incremental.ts) says what changed since a previous check
 * of the same file and what each module reported then: modules the edit cannot affect keep their
 * findings when nothing else they depend on changed (`key`).
 */
export function* checkModelSteps(
  model: SnapshotModel,
  input: CheckInput,
  deps: EngineDeps,
  modules: readonly RuleModule[] = RULE_MODULES,
  reuse?: RuleReuse & { key: string; schema: Schema },
): Generator<void, ModelCheck> {
  const loaded = deps.schemas.load(chooseSchema(model, input.root, input.schemaPath, input.schemaFile), model, input.root);
  const early: Failure[] = [];
  const conv = yield* repoConventions(input, deps, early);
  const today = input.today ?? todayIso();
  const key = inputKey(input, today, loaded.problem, conv);
  const same = reuse && reuse.key === key && reuse.schema === loaded.schema && !early.length ? reuse : undefined;
  let refs: ResolvedRef[] = [];
  if (input.root && input.links !== false) {
    const opts = {
      root: input.root,
      workspace: deps.workspace,
      caches: deps.caches,
      countLines: input.validateLinks !== false,
      external: input.externalLinks ?? [],
      siblings: input.siblings,
    };
    const column = conv.columns.location;
    // The disk is as the previous check saw it (`invalidate` lets every kept check go): a code
    // edit names no path, a row edit only those of its rows.
    if (same?.kind === 'code') refs = [...same.refs];
    else if (same?.kind === 'row') refs = yield* patchedRefSteps(same.refs, model, same, column, opts);
    else refs = yield* resolveRefSteps(yield* writtenRefSteps(model, column, deps.caches), opts);
  }
  const ctx: RuleContext = {
    model,
    schema: loaded.schema,
    conventions: conv,
    today,
    refs,
    caches: deps.caches,
    validateLinks: input.validateLinks !== false,
    schemaProblem: loaded.problem,
    template: input.template === true,
    file: input.file,
    ...nearMissesOf(model, loaded.schema, early),
  };
  for (const f of early) deps.onRuleError?.(f.rule, f.error);
  const { findings, failures: ruleFailures, runs } = yield* runRuleSteps(ctx, modules, deps.onRuleError, same);
  const failures = [...early, ...ruleFailures];
  // Rules that did not report this time (links without a folder or with links off, a rule that
  // failed): a suppression of theirs is not "unused".
  const linksOff = !input.root || input.links === false;
  const failed = new Set(ruleFailures.map((f) => f.rule));
  // Candidates across snapshots are told after the check, from the other snapshots (`outsideFindings`).
  const notRun = (rule: string) =>
    (linksOff && rule.startsWith('links/')) || failed.has(rule.slice(0, rule.indexOf('/'))) || CROSS_RULES.has(rule);
  const softened = conv.declared ? findings : asInformation(findings, input.ruleLevels);
  const out = withLevels(applySuppressions(model, softened, notRun), input.ruleLevels);
  if (input.config?.problems.length) out.push(configInvalid(model, input.config, input.root));
  // Fail closed: a rule that could not run leaves the verdict incomplete, never a pass.
  if (failures.length) out.push(incomplete(model, failures));
  const result = {
    model,
    schema: loaded.schema,
    conventions: conv,
    findings: out.sort(compareFindings),
    refs,
    failures,
    template: ctx.template,
    ruleLevels: input.ruleLevels,
  };
  return { result, runs, key };
}

/**
 * Findings of a snapshot told from outside its own check (candidates across snapshots: they depend
 * on the other snapshots), settled as its own are: its suppression comments and its configured
 * levels apply, and a template gets none (its placeholder ids are no candidates). The editor and
 * the CLI both call it, so a level or a directive counts alike in both. Returns a function that
 * keeps only what it needs (the directives and the levels), not the snapshot's model.
 */
export function outsideFindings(result: CheckResult): (findings: Finding[]) => Finding[] {
  if (result.template) return () => [];
  const suppress = outsideSuppressions(result.model);
  const levels = result.ruleLevels;
  return (findings) => (findings.length ? withLevels(suppress(findings), levels) : findings);
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
 * `onRuleError` and its findings are dropped for this run; the others stand. With `reuse`, a
 * module the edit cannot affect keeps what it reported before, and a row-local module is asked
 * only about the changed rows (see `RuleModule.unaffectedBy` and `rowLocal`).
 */
export function* runRuleSteps(
  ctx: RuleContext,
  modules: readonly RuleModule[],
  onRuleError?: (rule: string, error: unknown) => void,
  reuse?: RuleReuse,
): Generator<void, { findings: Finding[]; failures: { rule: string; error: unknown }[]; runs: ModuleRun[] }> {
  const findings: Finding[] = [];
  const failures: { rule: string; error: unknown }[] = [];
  const runs: ModuleRun[] = [];
  for (let k = 0; k < modules.length; k++) {
    const m = modules[k];
    try {
      const run = yield* moduleSteps(ctx, m, reuse && reuse.prior[k]?.module === m ? { ...reuse, prior: reuse.prior[k] } : undefined);
      runs.push(run);
      findings.push(...run.findings);
      if (run.rows) findings.push(...run.rows);
    } catch (e) {
      runs.push({ module: m, findings: [], failed: true });
      failures.push({ rule: m.family, error: e });
      onRuleError?.(m.family, e);
    }
    yield;
  }
  return { findings: findings.sort(compareFindings), failures, runs };
}

/** What one module reports: its findings (with `rowLocal`, those of `rest`, and those of the rows apart). */
export interface ModuleRun {
  module: RuleModule;
  findings: Finding[];
  rows?: Finding[];
  failed?: boolean;
}

/** What changed since the previous check of the same file (incremental.ts), and what each module reported then. */
export interface RuleReuse {
  kind: EditKind;
  /** The lines whose text changed (the line count is the same). */
  lines: ReadonlySet<number>;
  /** For a `row` edit: the changed rows, in the new model. */
  rows: readonly RowAt[];
  /**
   * The paths the previous check resolved: a path written the same at the same place is taken
   * from them (what is on disk has not changed since: `invalidate` lets every previous check go).
   */
  refs: readonly ResolvedRef[];
  prior: readonly ModuleRun[];
}

function* collect(steps: void | Generator<void, void>): Generator<void, void> {
  if (steps) yield* steps;
}

function* moduleSteps(
  ctx: RuleContext,
  m: RuleModule,
  reuse?: Omit<RuleReuse, 'prior'> & { prior: ModuleRun },
): Generator<void, ModuleRun> {
  const prior = reuse && !reuse.prior.failed ? reuse.prior : undefined;
  if (reuse && prior && m.unaffectedBy?.includes(reuse.kind)) return prior;
  const own: Finding[] = [];
  const report = reporterFor(m, own);
  if (!m.rowLocal) {
    yield* collect(m.check(ctx, report));
    return { module: m, findings: own };
  }
  if (reuse && prior?.rows && reuse.kind === 'row') {
    // The rest reads no row: kept. The rows not changed keep their findings; the changed are asked again.
    yield* collect(m.rowLocal.rows(ctx, report, reuse.rows));
    return { module: m, findings: prior.findings, rows: mergeByLine(prior.rows, reuse.lines, own) };
  }
  yield* collect(m.rowLocal.rest(ctx, report));
  const rest = own.splice(0);
  yield* collect(m.rowLocal.rows(ctx, report, allRows(ctx.model)));
  return { module: m, findings: rest, rows: own };
}

/** `kept` (in line order) without the findings on `lines`, and `fresh` (in line order) in their places. */
function mergeByLine(kept: readonly Finding[], lines: ReadonlySet<number>, fresh: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  let j = 0;
  for (const f of kept) {
    if (lines.has(f.range.start.line)) continue;
    while (j < fresh.length && fresh[j].range.start.line < f.range.start.line) out.push(fresh[j++]);
    out.push(f);
  }
  while (j < fresh.length) out.push(fresh[j++]);
  return out;
}

/** What the rules' findings depend on besides the model, the schema and the disk: the input but its text, the day, the conventions. */
function inputKey(input: CheckInput, today: string, schemaProblem: RuleContext['schemaProblem'], conv: Conventions): string {
  const { text: _text, ...rest } = input;
  const plain = (_k: string, v: unknown) => (v instanceof Map || v instanceof Set ? [...v] : v);
  return JSON.stringify([rest, today, schemaProblem, conv], plain);
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
