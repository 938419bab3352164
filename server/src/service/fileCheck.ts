// One file's check, the same recipe for every front end (the language server's open documents
// and its workspace check, the CLI's validate, --fix and to-pending, so the tasks too): the
// settings that apply to the file (its repository's configuration file over the editor settings
// over the defaults: settings.ts `withConfig`, the one place the precedence is written), its role
// (ignored, not a snapshot, a snapshot, a template: files.ts), its identity (the file the rules
// are told they check) and the check input built from them. A front end says only what it alone
// knows — where the file is, its editor settings, what its command line asks — so a setting or
// an input added here reaches the editor and CI alike: parity by construction.
import * as path from 'node:path';
import type { CheckInput, CheckResult } from './engine';
import type { FileRole } from './repo/files';
import { toRepoPath } from './repo/paths';
import { DEFAULT_SETTINGS, type SnapshotSettings } from './config/settings';
import { drain } from './steps';

/** What a front end knows of one file. */
export interface FileRequest {
  /** Absolute path of the file; none for a buffer that is no file (an untitled document). */
  file?: string;
  /** The repository root the file is checked from (refs, links and globs are relative to it). */
  root?: string;
  /** The editor's `reviewSnapshot` settings for the file; the CLI has none (the defaults). */
  editor?: SnapshotSettings;
  /** The CLI's `--config FILE` (that file instead of the nearest). */
  configFile?: string;
  /** The CLI's `--no-config`. */
  noConfig?: boolean;
  /** Named on a command line: checked whatever its name or title (unless ignored). */
  explicit?: boolean;
  /**
   * What only the front end can say and no setting does: the other workspace folders (the
   * server), a schema file named on the command line, --no-links, the date of the run (the CLI);
   * an open document's key, so its next version is checked from this check (the server).
   */
  options?: Pick<CheckInput, 'siblings' | 'schemaFile' | 'links' | 'today' | 'incremental' | 'templatesWhenNeeded'>;
}

/** The file's recipe: what applies to it and what it is; its check, of its text or of a fixed one. */
export interface FileCheck {
  /** The settings that apply (with the configuration file they came from and its problems). */
  readonly settings: SnapshotSettings;
  /** The path the globs see: from the root, `/`-separated (the file name when outside the root). */
  readonly relPath?: string;
  /** Whether it is checked, and as what. */
  readonly role: FileRole;
  /** Whether it is checked at all (a snapshot or a template). */
  readonly checked: boolean;
  /**
   * The check of the file's text (as classified), or of a text a fix made of it, as resumable
   * steps (the server slices them). Only for a file that is `checked`.
   */
  steps(text?: string): Generator<void, CheckResult>;
  /** The same, run through (the CLI). */
  check(text?: string): CheckResult;
}

/** What the core decides for the recipe: the settings (their precedence), the role, the engine. */
export interface FileCheckDeps {
  settingsOf(req: FileRequest & { editor: SnapshotSettings }): SnapshotSettings;
  classify(relPath: string | undefined, text: string, settings: SnapshotSettings, explicit: boolean): FileRole;
  run(input: CheckInput): Generator<void, CheckResult>;
}

/** The path of `file` the globs see (see `FileCheck.relPath`). */
export function relPathOf(root: string | undefined, file: string | undefined): string | undefined {
  if (!file) return undefined;
  return (root && toRepoPath(root, file)) ?? path.basename(file);
}

/** The check input of a file's text under its settings and role. */
export function checkInputOf(
  req: FileRequest,
  settings: SnapshotSettings,
  role: FileRole,
  text: string,
  relPath = relPathOf(req.root, req.file),
): CheckInput {
  return {
    text,
    root: req.root,
    file: relPath,
    schemaPath: settings.schemaPath || undefined,
    conventions: settings.conventions,
    validateLinks: settings.links.validate,
    externalLinks: settings.links.external,
    ruleLevels: settings.rules,
    config: settings.config?.problems.length ? settings.config : undefined,
    template: role === 'template',
    templates: { templates: settings.templates, files: settings.files, ignores: settings.ignores },
    ...req.options,
  };
}

/** Makes the recipe of one file from its request and its text. */
export function fileCheckOf(req: FileRequest, text: string, deps: FileCheckDeps): FileCheck {
  const settings = deps.settingsOf({ ...req, editor: req.editor ?? DEFAULT_SETTINGS });
  const relPath = relPathOf(req.root, req.file);
  const role = deps.classify(relPath, text, settings, req.explicit === true);
  const steps = (t = text) => deps.run(checkInputOf(req, settings, role, t, relPath));
  return {
    settings,
    relPath,
    role,
    checked: role === 'snapshot' || role === 'template',
    steps,
    check: (t?: string) => drain(steps(t)),
  };
}
