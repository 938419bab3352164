// The service facade: everything the language server and the CLI ask of the engine, built on
// one Workspace port (in the spirit of vscode-markdown-languageservice's createLanguageService).
// Each feature is a module of its own under features/; this object owns the caches, so a fresh
// service is a cold start and nothing cached can be missed when it is dropped.
import * as path from 'node:path';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  Range,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver-types';
import { EngineCaches } from './caches';
import { ConfigLoader, type ConfigProblem } from './config';
import { checkSteps, type CheckInput, type CheckResult } from './engine';
import { fixAllAction, pendingActions, quickFixes, FIX_ALL_KIND } from './features/actions';
import { completionsAt, type CompletionQuery } from './features/completion';
import type { AuthoringContext, AuthoringRequest } from './features/context';
import { foldingRanges } from './features/folding';
import { gatesOf, recordResultsEdits, type Gate, type GateResult } from './features/gates';
import { hoverAt } from './features/hover';
import { authoringHover } from './features/hoverInfo';
import { codeLenses } from './features/lenses';
import { documentLinks } from './features/links';
import {
  definitionAt,
  definitionOf,
  highlightsAt,
  pendingIdAt,
  prepareRenameAt,
  referencesAt,
  referencesOf,
  renameAt,
  renameOf,
  type RenameOutcome,
} from './features/navigation';
import { textOf } from './features/pendingFiles';
import { planPending, type PendingPlanInput, type PendingPlan } from './features/pending';
import { newSnapshotText, type NewSnapshotInput } from './features/skeleton';
import { classifyFile, isSnapshot, type ClassifyOptions, type FileRole } from './files';
import { TemplateFinder } from './repoTemplates';
import { documentSymbols } from './features/symbols';
import { snapshotEntry, WorkspaceIndex, type IndexEntry } from './features/workspaceIndex';
import { todayIso } from './clock';
import type { RuleModule } from './rules/registry';
import { SchemaLoader } from './schemaSource';
import { withConfig, type SnapshotSettings } from './settings';
import { drain } from './steps';
import type { Workspace } from './workspace';

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

export interface CodeActionRequest {
  uri: string;
  range: Range;
  diagnostics: Diagnostic[];
  /** The kinds the editor asked for (all when absent). */
  only?: string[];
}

export class SnapshotService {
  private readonly caches = new EngineCaches();
  private readonly schemas: SchemaLoader;
  private readonly configs: ConfigLoader;
  private readonly templates: TemplateFinder;
  /** Candidate ids and titles of every snapshot and pending spec in the workspace folders. */
  readonly index: WorkspaceIndex;

  constructor(private readonly init: ServiceInit) {
    this.schemas = new SchemaLoader(init.workspace);
    this.configs = new ConfigLoader(init.workspace);
    this.templates = new TemplateFinder(init.workspace);
    this.index = new WorkspaceIndex(init.workspace);
  }

  get workspace(): Workspace {
    return this.init.workspace;
  }

  /** Whether a Markdown file is a snapshot (by the `files` globs or its title, unless `ignores` says no). */
  isSnapshot(relPath: string | undefined, text: string, settings: Pick<SnapshotSettings, 'files' | 'ignores'>): boolean {
    return isSnapshot(relPath, text, settings);
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
    return classifyFile(relPath, text, settings, opts);
  }

  /** The check as resumable steps (the server slices them; `check` runs them through). */
  checkSteps(doc: SnapshotDocument, settings: SnapshotSettings, extra: Partial<CheckInput> = {}): Generator<void, CheckResult> {
    const input: CheckInput = {
      text: doc.text,
      root: doc.root,
      schemaPath: settings.schemaPath || undefined,
      conventions: settings.conventions,
      validateLinks: settings.links.validate,
      externalLinks: settings.links.external,
      ruleLevels: settings.rules,
      config: settings.config?.problems.length ? settings.config : undefined,
      template: doc.template === true,
      templates: { templates: settings.templates, files: settings.files, ignores: settings.ignores },
      ...extra,
    };
    const onRuleError = (rule: string, e: unknown) =>
      this.init.log?.(`rule "${rule}" failed (its findings are dropped for this run): ${(e as Error)?.stack ?? e}`);
    const deps = { workspace: this.init.workspace, caches: this.caches, schemas: this.schemas, templates: this.templates, onRuleError };
    return checkSteps(input, deps, this.init.rules);
  }

  check(doc: SnapshotDocument, settings: SnapshotSettings, extra: Partial<CheckInput> = {}): CheckResult {
    return drain(this.checkSteps(doc, settings, extra));
  }

  codeActions(result: CheckResult, req: CodeActionRequest): CodeAction[] {
    const wants = (kind: string) => !req.only || req.only.some((k) => kind === k || kind.startsWith(k + '.'));
    const out: CodeAction[] = [];
    if (wants('quickfix')) {
      out.push(...quickFixes(req.uri, result.model, result.findings, req.diagnostics));
      out.push(...pendingActions(req.uri, result.model, result.findings, req.range));
    }
    const all = wants(FIX_ALL_KIND) ? fixAllAction(req.uri, result.findings) : undefined;
    if (all) out.push(all);
    return out;
  }

  /** Exit codes and severities; with a request, also ids, File:Line cells, keys, headings and labels. */
  hover(result: CheckResult, position: Position, req?: AuthoringRequest): Hover | undefined {
    return hoverAt(result.model, result.conventions, position) ?? (req ? authoringHover(result, position, this.authoring(req)) : undefined);
  }

  private authoring(req: AuthoringRequest): AuthoringContext {
    return { ...req, workspace: this.init.workspace, today: req.today ?? todayIso(), index: this.index };
  }

  completion(result: CheckResult, req: AuthoringRequest, query: CompletionQuery): CompletionList {
    return completionsAt(result, this.authoring(req), query);
  }

  documentSymbols(result: CheckResult): DocumentSymbol[] {
    return documentSymbols(result);
  }

  foldingRanges(result: CheckResult): FoldingRange[] {
    return foldingRanges(result);
  }

  codeLenses(result: CheckResult, req: AuthoringRequest): CodeLens[] {
    return codeLenses(result, this.authoring(req));
  }

  definition(result: CheckResult, position: Position, req: AuthoringRequest): Location[] {
    return definitionAt(result, position, req.uri);
  }

  references(result: CheckResult, position: Position, req: AuthoringRequest, includeDeclaration: boolean): Location[] {
    return referencesAt(result, position, this.authoring(req), includeDeclaration);
  }

  highlights(result: CheckResult, position: Position): DocumentHighlight[] {
    return highlightsAt(result, position);
  }

  prepareRename(result: CheckResult, position: Position): { range: Range; placeholder: string } | null {
    return prepareRenameAt(result, position);
  }

  /** The edit renaming the id at `position`, or why it is refused; undefined where no id is. */
  rename(result: CheckResult, position: Position, newName: string, req: AuthoringRequest): RenameOutcome | undefined {
    return renameAt(result, position, newName, this.authoring(req));
  }

  /** Candidates across the workspace; `open` holds the entries of open snapshots (newer than the disk). */
  workspaceSymbols(query: string, open?: ReadonlyMap<string, IndexEntry>): SymbolInformation[] {
    return this.index.symbols(query, open);
  }

  /** An open snapshot's index entry, from its check. */
  indexEntry(root: string, file: string, result: CheckResult): IndexEntry {
    return snapshotEntry(root, file, result.model);
  }

  /** In a pending spec: the candidate id at `position`, and the snapshot it came from. */
  pendingIdAt(
    text: string,
    file: string,
    position: Position,
    root: string | undefined,
  ): { id: string; range: Range; snapshot?: string } | undefined {
    return pendingIdAt(text, file, position, { root, index: this.index });
  }

  /** Navigation by id, once a request in a pending spec has found its snapshot's check. */
  byId(result: CheckResult, id: string, req: AuthoringRequest) {
    const ctx = this.authoring(req);
    return {
      /** Whether the snapshot still has a candidate with this id (else nothing follows from it). */
      known: definitionOf(result, id, req.uri).length > 0,
      definition: () => definitionOf(result, id, req.uri),
      references: (includeDeclaration: boolean) => referencesOf(result, id, ctx, includeDeclaration),
      rename: (newName: string) => renameOf(result, id, newName, ctx),
    };
  }

  /** A snapshot's check from its text (open in the editor, else on disk inside the folder). */
  checkFile(
    file: string,
    root: string,
    settings: SnapshotSettings,
    openText?: (abs: string) => string | undefined,
  ): CheckResult | undefined {
    const text = textOf(this.init.workspace, root, file, openText);
    return text === undefined ? undefined : this.check({ text, root }, settings);
  }

  documentLinks(result: CheckResult): DocumentLink[] {
    return documentLinks(result.refs);
  }

  gates(result: CheckResult): Gate[] {
    return gatesOf(result.model);
  }

  recordResults(result: CheckResult, results: GateResult[]): TextEdit[] {
    return recordResultsEdits(result.model, result.conventions, results);
  }

  /** The text of a new snapshot in a folder, following the folder's schema when it has one. */
  newSnapshot(root: string | undefined, settings: SnapshotSettings, input: NewSnapshotInput): string {
    return newSnapshotText(this.init.workspace, root, settings, input, this.templates);
  }

  /** What converting a snapshot's candidates would write, and where; nothing is written. */
  pending(input: PendingPlanInput): PendingPlan {
    return planPending(this.init.workspace, input);
  }

  /** A file changed on disk: forget what was read from it (schemas, configuration files, templates), and index it again. */
  invalidate(abs?: string): void {
    this.schemas.invalidate(abs);
    this.configs.invalidate(abs);
    this.templates.invalidate(abs);
    this.index.touch(abs);
  }

  /** Forgets every cached row, path and parsed block: the next check is from cold. */
  clearCaches(): void {
    this.caches.clear();
    this.schemas.invalidate();
    this.configs.invalidate();
    this.templates.invalidate();
  }
}

export function createSnapshotService(init: ServiceInit): SnapshotService {
  return new SnapshotService(init);
}

export type { FileRole };
export type { CheckResult, Gate, GateResult, PendingPlan, PendingPlanInput, NewSnapshotInput, AuthoringRequest, IndexEntry, RenameOutcome };
