// Which Markdown files are snapshots: those matching the `files` globs, or whose first non-blank
// line is `# Review Snapshot`. Every other file gets no diagnostics at all.
import { TITLE } from './contract';
import { compileGlob } from './glob';
import { parseAtx } from './lines';

/** Compiled globs (a glob that cannot be compiled matches nothing; the configuration check says why). */
const matchers = new Map<string, (p: string) => boolean>();
function matcher(glob: string): (p: string) => boolean {
  let m = matchers.get(glob);
  if (!m) {
    try {
      m = compileGlob(glob);
    } catch {
      m = () => false;
    }
    matchers.set(glob, m);
  }
  return m;
}

/** `relPath` is relative to the workspace folder, with `/` separators. */
export function matchesFiles(relPath: string, patterns: readonly string[]): boolean {
  const p = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  return patterns.some((g) => matcher(g)(p));
}

export function hasSnapshotTitle(text: string): boolean {
  // Only the head of the text is read: the title is the first non-blank line.
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const first = head.split('\n').find((l) => l.trim() !== '') ?? '';
  const h = parseAtx(first.replace(/\r$/, ''));
  return !!h && h.level === 1 && h.text === TITLE;
}

/** Whether a file is left out of checking entirely (the `ignores` globs), whatever its title. */
export function isIgnored(relPath: string | undefined, ignores: readonly string[]): boolean {
  return relPath !== undefined && ignores.length > 0 && matchesFiles(relPath, ignores);
}

/** A snapshot: not ignored, and matching the `files` globs or titled `# Review Snapshot`. */
export function isSnapshot(
  relPath: string | undefined,
  text: string,
  settings: { files: readonly string[]; ignores?: readonly string[] },
): boolean {
  if (isIgnored(relPath, settings.ignores ?? [])) return false;
  if (relPath !== undefined && relPath.toLowerCase().endsWith('.md') && matchesFiles(relPath, settings.files)) return true;
  return hasSnapshotTitle(text);
}
