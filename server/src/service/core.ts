// The core of the service facade (index.ts): checks, the settings and role of a file, new
// snapshots and pending-spec plans — what the CLI asks. The editor's features (completion,
// hover, navigation, symbols, the workspace index, …) are SnapshotService's, in index.ts, on top
// of this: the CLI's bundle carries none of them. This module is the door of the CLI, the MCP
// server and the node adapters into the engine (lint allows them no other); the language
// server's door is index.ts, which passes all of this on.
import * as path from 'node:path';
import { EngineCaches } from './caches';
import { ConfigLoader, type ConfigProblem } from './config/config';
import { checkSteps, type CheckInput, type CheckResult, type EngineDeps } from './engine';
import { incrementalSteps } from './incremental';
import { isReviewPrompt, RULE_MODULES } from './rules/index';
import { planPending, type PendingPlanInput, type PendingPlan } from './features/pending';
import { choosePendingFormat } from './features/pendingFormat';
import { newSnapshotText, type NewSnapshotInput } from './features/skeleton';
import { checkInputOf, fileCheckOf, type FileCheck, type FileRequest } from './fileCheck';
import { classifyFile, isSnapshot, type ClassifyOptions, type FileRole } from './repo/files';
import { TemplateFinder } from './repo/repoTemplates';
import type { RuleModule } from './rules/registry';
import { SchemaLoader } from './contract/schemaSource';
import { withConfig, type SnapshotSettings } from './config/settings';
import { drain } from './steps';
import type { Workspace } from './repo/workspace';

export interface ServiceInit {
  workspace: Workspace;
  /** Where the service reports what went wrong inside it (a rule that threw, say). */
  log?: (message: string) => void;
  /** The rule modules to run (all of them unless a test chooses). */
  rules?: readonly RuleModule[];
}

/** A document to check: its text, and where it is (the workspace folder decides refs and links). */
export interface SnapshotDocument {
  text: string;
  /** Absolute path of the workspace folder (repository root), when the file is in one. */
  root?: string;
  /** A template (see `classify`): placeholders are accepted where values go. */
  template?: boolean;
}

export class SnapshotCore {
  protected readonly caches = new EngineCaches();
  protected readonly schemas: SchemaLoader;
  protected readonly configs: ConfigLoader;
  protected readonly templates: TemplateFinder;

  constructor(protected readonly init: ServiceInit) {
    this.schemas = new SchemaLoader(init.workspace);
    this.configs = new ConfigLoader(init.workspace);
    this.templates = new TemplateFinder(init.workspace, this.caches.fileGlobs);
  }

  get workspace(): Workspace {
    return this.init.workspace;
  }

  /** Whether a Markdown file is a snapshot (by the `files` globs or its title, unless `ignores` says no). */
  isSnapshot(relPath: string | undefined, text: string, settings: Pick<SnapshotSettings, 'files' | 'ignores'>): boolean {
    return isSnapshot(relPath, text, settings, this.caches.fileGlobs);
  }

  /** Whether a file is a review prompt: Markdown, matched by the `prompts` globs, neither ignored nor a snapshot. */
  isReviewPrompt(relPath: string | undefined, text: string, settings: Pick<SnapshotSettings, 'files' | 'ignores' | 'prompts'>): boolean {
    return isReviewPrompt(relPath, text, settings, this.caches.fileGlobs);
  }

  /**
   * The settings that apply to a file: the repository's configuration file (the nearest from the
   * file's folder up to `root`, or `configFile` when given; none with `noConfig`) over the editor
   * settings (see settings.ts for the precedence).
   */
  settingsFor(
    root: string | undefined,
    file: string | undefined,
    editor: SnapshotSettings,
    opts: { configFile?: string; noConfig?: boolean } = {},
  ): SnapshotSettings {
    if (opts.noConfig || !root) return editor;
    const found = opts.configFile ?? (file ? this.configs.nearest(root, file) : undefined);
    if (!found) return editor;
    const scope = opts.configFile ? path.dirname(found) : root;
    const { loaded, rebased } = this.configs.load(scope, found, opts.configFile ? path.dirname(found) : root);
    return withConfig(editor, loaded, rebased);
  }

  /** The configuration file's own problems (for the editor to show in the file, the CLI to print). */
  configProblems(scope: string, file: string): ConfigProblem[] {
    return this.configs.load(scope, file, scope).loaded.problems;
  }

  /**
   * Whether a file is checked, and as what: `ignored` (the `ignores` globs), `other` (not a
   * snapshot), `snapshot`, or `template` (a snapshot matching the `templates` globs). The server
   * and the CLI both ask here, so they never disagree about a file.
   */
  classify(
    relPath: string | undefined,
    text: string,
    settings: Pick<SnapshotSettings, 'files' | 'templates' | 'ignores'>,
    opts?: ClassifyOptions,
  ): FileRole {
    return classifyFile(relPath, text, settings, this.caches.fileGlobs, opts);
  }

  /**
   * The one per-file check every front end calls (see fileCheck.ts): the settings that apply to
   * the file, its role, its check. The server, the CLI (validate, --fix, to-pending), the
   * workspace check and the tasks all come through here, so they cannot disagree about a file.
   */
  fileCheck(req: FileRequest, text: string): FileCheck {
    return fileCheckOf(req, text, {
      settingsOf: (r) => this.settingsFor(r.root, r.file, r.editor, r),
      classify: (relPath, t, settings, explicit) => this.classify(relPath, t, settings, { explicit }),
      run: (input) => this.steps(input),
    });
  }

  /** A text checked under settings the caller holds, outside any file's recipe (tests, a pending spec's snapshot). */
  checkSteps(doc: SnapshotDocument, settings: SnapshotSettings, extra: Partial<CheckInput> = {}): Generator<void, CheckResult> {
    const input = checkInputOf({ root: doc.root }, settings, doc.template === true ? 'template' : 'snapshot', doc.text, undefined);
    return this.steps({ ...input, ...extra });
  }

  private steps(input: CheckInput): Generator<void, CheckResult> {
    const onRuleError = (rule: string, e: unknown) =>
      this.init.log?.(`rule "${rule}" failed (its findings are dropped for this run): ${(e as Error)?.stack ?? e}`);
    const deps = { workspace: this.init.workspace, caches: this.caches, schemas: this.schemas, templates: this.templates, onRuleError };
    if (input.incremental) return this.incrementalSteps(input.incremental, input, deps);
    return checkSteps(input, deps, this.init.rules);
  }

  /** A check that starts from the last one of the same document (incremental.ts) and is kept for the next. */
  private *incrementalSteps(key: string, input: CheckInput, deps: EngineDeps): Generator<void, CheckResult> {
    const modules = this.init.rules ?? RULE_MODULES;
    const { check, prior } = yield* incrementalSteps(this.caches.priorCheck(key), input, deps, modules);
    this.caches.keepCheck(key, check.result.failures.length ? undefined : prior);
    return check.result;
  }

  /** A document was closed: its last check is no longer kept. */
  forget(key: string): void {
    this.caches.keepCheck(key, undefined);
  }

  check(doc: SnapshotDocument, settings: SnapshotSettings, extra: Partial<CheckInput> = {}): CheckResult {
    return drain(this.checkSteps(doc, settings, extra));
  }

  /** The text of a new snapshot in a folder, following the folder's schema when it has one. */
  newSnapshot(root: string | undefined, settings: SnapshotSettings, input: NewSnapshotInput): string {
    return newSnapshotText(this.init.workspace, root, settings, input, this.templates);
  }

  /** What converting a snapshot's candidates would write, and where; nothing is written. */
  pending(input: PendingPlanInput): PendingPlan {
    const { workspace } = this.init;
    const { root, file, directory, format: configured, explicitFormat: explicit } = input;
    const choice =
      root && file
        ? choosePendingFormat({ workspace, root, snapshot: file, directory, configured, explicit })
        : { format: explicit ?? configured, why: explicit ? 'as asked' : 'the configured format' };
    const plan = planPending(workspace, { ...input, format: choice.format });
    return plan.ok ? { ...plan, format: choice.format, formatWhy: choice.why } : plan;
  }

  /** A file changed on disk: forget what was read from it (schemas, configuration files, templates). */
  invalidate(abs?: string): void {
    // What a check found on disk may no longer hold: the next check of each document is a full one.
    this.caches.forgetChecks();
    this.schemas.invalidate(abs);
    this.configs.invalidate(abs);
    this.templates.invalidate(abs);
  }

  /** Forgets every cached row, path and parsed block: the next check is from cold. */
  clearCaches(): void {
    this.caches.clear();
    this.schemas.invalidate();
    this.configs.invalidate();
    this.templates.invalidate();
  }
}

export function createSnapshotCore(init: ServiceInit): SnapshotCore {
  return new SnapshotCore(init);
}

export type { CheckResult, FileCheck, FileRequest, FileRole, NewSnapshotInput, PendingPlan, PendingPlanInput };

// What the CLI, the MCP server and the node adapters take from the engine besides the core.
export * from './shared';
export { DEFAULT_SETTINGS, type SnapshotSettings } from './config/settings';
export { BUNDLED_SCHEMA_TEXT } from './contract/schema';
export { promptContract, writeSnapshotPrompt } from './contract/promptContract';
export { counts, outsideFindings } from './engine';
export type { Finding, Fix, Related } from './findings';
export { fixAll } from './features/actions';
export { convertToPending, pendingPath, type PendingFormat } from './features/pending';
export { choosePendingFormat, type FormatChoice } from './features/pendingFormat';
export {
  citesOf,
  isFresh,
  STATUSES,
  UNKNOWN,
  writtenRevision,
  type CiteFreshness,
  type CiteInput,
  type FileFreshness,
  type FreshnessStatus,
  type Now,
} from './freshness/types';
export { freshnessRule, freshnessRules } from './freshness/rules';
export { nowText } from './freshness/present';
export { mapRange, parseHunks, splitLines, type Hunk, type LineMapping } from './freshness/map';
export { exportFindings, findingsSarif } from './lifecycle/findingsExport';
export { findingFingerprint } from './lifecycle/match';
export { compareReviews, diffMarkdown, diffText, readReview, type RenameInfo } from './lifecycle/reviewDiff';
export { CrossIndex } from './lifecycle/crossSnapshot';
export { snapshotEntry, type IndexEntry } from './features/workspaceIndex';
export type { SnapshotModel } from './model/snapshot';
export { applyTextEdits } from './model/text';
export {
  describeDenied,
  MAX_DIR_ENTRIES,
  MAX_READ_BYTES,
  type Denied,
  type DirEntry,
  type FileKind,
  type ListOptions,
  type ReadResult,
  type Workspace,
} from './repo/workspace';
export { ALL_RULES, checkPrompt, RULE_MODULES, severityOf } from './rules/index';
export type { RuleModule } from './rules/registry';
export { decodeText } from './text/encoding';
