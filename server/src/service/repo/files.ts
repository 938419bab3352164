// Which Markdown files are checked, and how: one decision for the server and the CLI alike.
// A file matching the `ignores` globs is not checked at all. Otherwise it is a snapshot when it
// matches the `files` globs or its first non-blank line is `# Review Snapshot`; every other file
// gets no diagnostics. A snapshot matching the `templates` globs is a template: placeholders are
// accepted where values go, the structure is checked as in any snapshot. The template globs
// never make a file a snapshot (a "template moved to …" note in a templates folder is not one),
// and never make a file the `files` globs match a template: what the files globs say is a
// snapshot is checked as one, so templates globs that cover the snapshots folder cannot make
// snapshots with unfilled placeholders conform. A file that is a snapshot only by its
// `# Review Snapshot` title may still be a template.
import { TITLE } from '../contract/contract';
import { compileGlob, type CompiledGlob } from './glob';
import { parseAtx } from '../model/lines';
import type { SnapshotSettings } from '../config/settings';
import type { Memo } from '../model/text';

/** The compiled `files` / `ignores` / `templates` / `prompts` globs: the service's caches hold them (caches.ts). */
export type CompiledGlobs = Memo<CompiledGlob>;

/** A glob that cannot be compiled matches nothing (the configuration check says why). */
const NOTHING: CompiledGlob = Object.assign(() => false, { under: () => false });

/** A glob compiled once per service. */
function matcher(glob: string, compiled: CompiledGlobs): CompiledGlob {
  return compiled.get(glob, () => {
    try {
      return compileGlob(glob);
    } catch {
      return NOTHING;
    }
  });
}

/**
 * Whether a walk for templates need enter a folder (from the workspace folder, `/`-separated):
 * some `templates` glob could match a file in it, and no `ignores` glob leaves out all of it
 * (`X/**` where X matches the folder). False only when no template can lie there.
 */
export function templatesCouldBeUnder(relFolder: string, globs: TemplateGlobs, compiled: CompiledGlobs): boolean {
  if (!globs.templates.some((g) => matcher(g, compiled).under(relFolder))) return false;
  return !globs.ignores.some((g) => g.endsWith('/**') && matcher(g.slice(0, -3), compiled)(relFolder));
}

/** `relPath` is relative to the workspace folder, with `/` separators. */
export function matchesFiles(relPath: string, patterns: readonly string[], compiled: CompiledGlobs): boolean {
  const p = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  return patterns.some((g) => matcher(g, compiled)(p));
}

export function hasSnapshotTitle(text: string): boolean {
  // Only the head of the text is read: the title is the first non-blank line.
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const first = head.split('\n').find((l) => l.trim() !== '') ?? '';
  const h = parseAtx(first.replace(/\r$/, ''));
  return !!h && h.level === 1 && h.text === TITLE;
}

/** Whether a file is left out of checking entirely (the `ignores` globs), whatever its title. */
export function isIgnored(relPath: string | undefined, ignores: readonly string[], compiled: CompiledGlobs): boolean {
  return relPath !== undefined && ignores.length > 0 && matchesFiles(relPath, ignores, compiled);
}

/** Whether the `files` globs make a file a snapshot (a Markdown file they match). */
function matchesSnapshotGlobs(relPath: string, files: readonly string[], compiled: CompiledGlobs): boolean {
  return relPath.toLowerCase().endsWith('.md') && matchesFiles(relPath, files, compiled);
}

/** A snapshot: not ignored, and matching the `files` globs or titled `# Review Snapshot`. */
export function isSnapshot(
  relPath: string | undefined,
  text: string,
  settings: { files: readonly string[]; ignores?: readonly string[] },
  compiled: CompiledGlobs,
): boolean {
  if (isIgnored(relPath, settings.ignores ?? [], compiled)) return false;
  if (relPath !== undefined && matchesSnapshotGlobs(relPath, settings.files, compiled)) return true;
  return hasSnapshotTitle(text);
}

/** The globs that decide which files are templates. */
export interface TemplateGlobs {
  files: readonly string[];
  templates: readonly string[];
  ignores: readonly string[];
}

/**
 * Whether a path is a template's (if the file is a snapshot at all): matched by the `templates`
 * globs, not left out by the `ignores` globs, and not a snapshot by the `files` globs.
 */
export function isTemplatePath(relPath: string, globs: TemplateGlobs, compiled: CompiledGlobs): boolean {
  if (!globs.templates.length || !matchesFiles(relPath, globs.templates, compiled)) return false;
  return !isIgnored(relPath, globs.ignores, compiled) && !matchesSnapshotGlobs(relPath, globs.files, compiled);
}

/** What a file is to the checker: not checked (`ignored`, `other`), or checked as a snapshot or a template. */
export type FileRole = 'ignored' | 'other' | 'snapshot' | 'template';

export interface ClassifyOptions {
  /** Named on a command line: checked whatever its name or title (unless ignored). */
  explicit?: boolean;
}

/** The one decision "is this file checked, a snapshot, a template" (`relPath` from the workspace folder). */
export function classifyFile(
  relPath: string | undefined,
  text: string,
  settings: Pick<SnapshotSettings, 'files' | 'templates' | 'ignores'>,
  compiled: CompiledGlobs,
  opts: ClassifyOptions = {},
): FileRole {
  if (relPath !== undefined && settings.ignores.length && matchesFiles(relPath, settings.ignores, compiled)) return 'ignored';
  if (!opts.explicit && !isSnapshot(relPath, text, settings, compiled)) return 'other';
  return relPath !== undefined && isTemplatePath(relPath, settings, compiled) ? 'template' : 'snapshot';
}
