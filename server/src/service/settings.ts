// The settings a check reads, in one normalized shape, for the server (per resource, from the
// editor's `reviewSnapshot` section) and the CLI alike. Anything malformed falls back to the
// default of that one setting.
import { DEFAULTS } from './contract';
import type { ConventionsSetting } from './conventions';
import type { PendingFormat } from './features/pending';

export interface SnapshotSettings {
  /** Globs (from the workspace folder) of the Markdown files that are snapshots. */
  files: string[];
  /** Globs of the snapshots that are templates: placeholders accepted, structure still checked. */
  templates: string[];
  /** Globs of the files taken out of checking entirely. */
  ignores: string[];
  /** The schema file, relative to the workspace folder; empty: the snapshot's own ref, else bundled. */
  schemaPath: string;
  links: { validate: boolean };
  pending: { directory: string; format: PendingFormat };
  conventions: ConventionsSetting | null;
}

export const DEFAULT_SETTINGS: SnapshotSettings = {
  files: [...DEFAULTS.files],
  templates: [...DEFAULTS.templates],
  ignores: [],
  schemaPath: '',
  links: { validate: true },
  pending: { directory: DEFAULTS.pendingDirectory, format: DEFAULTS.pendingFormat },
  conventions: null,
};

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function globs(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

export function normalizeSettings(raw: unknown): SnapshotSettings {
  const r = record(raw);
  const files = globs(r.files)?.length ? (r.files as string[]) : DEFAULT_SETTINGS.files;
  const pending = record(r.pending);
  const links = record(r.links);
  const dir = typeof pending.directory === 'string' && pending.directory.trim() ? pending.directory : DEFAULT_SETTINGS.pending.directory;
  return {
    files,
    // An empty list is a choice here (no templates, nothing ignored), not a malformed value.
    templates: globs(r.templates) ?? DEFAULT_SETTINGS.templates,
    ignores: globs(r.ignores) ?? DEFAULT_SETTINGS.ignores,
    schemaPath: typeof r.schemaPath === 'string' ? r.schemaPath : '',
    links: { validate: links.validate !== false },
    pending: { directory: dir, format: pending.format === 'markdown' ? 'markdown' : 'yaml' },
    conventions: r.conventions && typeof r.conventions === 'object' ? (r.conventions as ConventionsSetting) : null,
  };
}
