// The settings a check reads, in one normalized shape, for the server and the CLI alike. They
// come from three places, in this order of precedence (written down once, here):
//   1. the repository's configuration file (config.ts) — every key it sets applies everywhere,
//      in the editor, the CLI and the tasks, so they give the same verdict;
//   2. the editor's `reviewSnapshot.*` settings — a person's own, for the keys the file leaves
//      out (CI never sees them);
//   3. the defaults.
// Anything malformed in the editor settings falls back to the default of that one setting; the
// configuration file is checked strictly instead (its problems are reported, never ignored).
import { DEFAULTS } from '../contract/contract';
import { ALL_RULES } from '../rules/index';
import type { ConventionsSetting } from '../contract/conventions';
import type { PendingFormat } from '../features/pending';
import type { LoadedConfig, RepoConfig, RuleLevel } from './config';

export interface SnapshotSettings {
  /** Globs (from the workspace folder) of the Markdown files that are snapshots. */
  files: string[];
  /** Globs of files never checked, even when titled `# Review Snapshot`. */
  ignores: string[];
  /** Globs of snapshots that are templates (placeholders accepted where values go). */
  templates: string[];
  /** Globs of the review prompts: Markdown files checked for the contract's refs and section list (rules/prompt.ts). */
  prompts: string[];
  /** The schema file, relative to the workspace folder; empty: the snapshot's own ref, else bundled. */
  schemaPath: string;
  links: { validate: boolean; external: string[] };
  pending: { directory: string; format: PendingFormat };
  conventions: ConventionsSetting | null;
  /** Sibling repositories by name → folder relative to the workspace folder (finding freshness follows cites there). */
  repositories: ReadonlyMap<string, string>;
  /** Per-rule levels for rules stricter than the contract. */
  rules: ReadonlyMap<string, RuleLevel>;
  /** The configuration file these settings came from (and what is wrong with it), if any. */
  config?: { file: string; problems: LoadedConfig['problems']; applied?: boolean };
}

export const DEFAULT_SETTINGS: SnapshotSettings = {
  files: [...DEFAULTS.files],
  ignores: [],
  templates: [...DEFAULTS.templates],
  prompts: [...DEFAULTS.prompts],
  schemaPath: '',
  links: { validate: true, external: [] },
  pending: { directory: DEFAULTS.pendingDirectory, format: DEFAULTS.pendingFormat },
  conventions: null,
  repositories: new Map(),
  rules: new Map(),
};

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function stringList(v: unknown, fallback: string[], allowEmpty = false): string[] {
  return Array.isArray(v) && (allowEmpty || v.length) && v.every((x) => typeof x === 'string') ? (v as string[]) : fallback;
}

/**
 * Levels of the rules stricter than the contract. A contract rule is never taken from the editor
 * settings: a repository's `.vscode/settings.json` must not turn a contract violation into a pass
 * (the configuration file refuses them with a problem; here they are dropped, like any malformed
 * setting).
 */
function ruleLevels(v: unknown): Map<string, RuleLevel> {
  const out = new Map<string, RuleLevel>();
  for (const [id, level] of Object.entries(record(v))) {
    const decl = ALL_RULES.get(id);
    if (!decl || decl.contract) continue;
    if (level === 'off' || level === 'warning' || level === 'error') out.set(id, level);
  }
  return out;
}

/** The editor's `reviewSnapshot` section, normalized. */
export function normalizeSettings(raw: unknown): SnapshotSettings {
  const r = record(raw);
  const pending = record(r.pending);
  const links = record(r.links);
  const dir = typeof pending.directory === 'string' && pending.directory.trim() ? pending.directory : DEFAULT_SETTINGS.pending.directory;
  return {
    files: stringList(r.files, DEFAULT_SETTINGS.files),
    ignores: stringList(r.ignores, DEFAULT_SETTINGS.ignores, true),
    templates: stringList(r.templates, DEFAULT_SETTINGS.templates, true),
    prompts: stringList(r.prompts, DEFAULT_SETTINGS.prompts, true),
    schemaPath: typeof r.schemaPath === 'string' ? r.schemaPath : '',
    links: { validate: links.validate !== false, external: stringList(links.external, [], true) },
    pending: { directory: dir, format: pending.format === 'markdown' ? 'markdown' : 'yaml' },
    conventions: r.conventions && typeof r.conventions === 'object' ? (r.conventions as ConventionsSetting) : null,
    repositories: new Map(),
    rules: ruleLevels(r.rules),
  };
}

/** The configuration file's keys over the settings (precedence 1 over 2, see above). */
export function withConfig(settings: SnapshotSettings, loaded: LoadedConfig | undefined, config: RepoConfig | undefined): SnapshotSettings {
  if (!loaded || !config) return settings;
  const c = config;
  return {
    files: c.files ?? settings.files,
    ignores: c.ignores ?? settings.ignores,
    templates: c.templates ?? settings.templates,
    prompts: c.prompts ?? settings.prompts,
    schemaPath: c.schemaPath ?? settings.schemaPath,
    links: { validate: c.links?.validate ?? settings.links.validate, external: c.links?.external ?? settings.links.external },
    pending: { directory: c.pending?.directory ?? settings.pending.directory, format: c.pending?.format ?? settings.pending.format },
    conventions: c.conventions ?? settings.conventions,
    repositories: c.repositories ?? settings.repositories,
    rules: c.rules ?? settings.rules,
    config: { file: loaded.file, problems: loaded.problems, applied: loaded.applied },
  };
}
