// Whether a path lies inside a folder, and how a path written in a snapshot maps into the
// repository. Every containment judgement in the product is made here, once: a lexical check
// (this module) and, where files are touched, a real-path check with the same function on
// resolved paths (node/safeFs.ts).
import * as nodePath from 'node:path';

/** The path functions of one platform (`path.win32` in the tests of Windows paths). */
export type PathFlavor = Pick<typeof nodePath, 'relative' | 'isAbsolute' | 'resolve' | 'normalize' | 'sep'>;

/**
 * `p` is `root` or below it. A folder named `..foo` is inside (only `..` as a whole segment
 * leaves); a path on another drive is outside (`relative` returns it absolute).
 */
export function isInside(root: string, p: string, flavor: PathFlavor = nodePath): boolean {
  return relativeInside(flavor.relative(root, p), flavor);
}

/** Whether a path relative to a folder (as `relative` gives it) stays in the folder. */
function relativeInside(rel: string, flavor: PathFlavor): boolean {
  if (rel === '') return true;
  if (flavor.isAbsolute(rel)) return false;
  return rel !== '..' && !rel.startsWith('..' + flavor.sep);
}

/** `abs` as a repository path (`/`-separated, relative to `root`), or undefined when outside. */
export function toRepoPath(root: string, abs: string, flavor: PathFlavor = nodePath): string | undefined {
  // One `relative` for both the judgement and the result: a snapshot may cite thousands of paths.
  const rel = flavor.relative(root, abs);
  if (!relativeInside(rel, flavor)) return undefined;
  return flavor.sep === '/' ? rel : rel.split(flavor.sep).join('/');
}

/**
 * A path as a snapshot writes it — repository-root relative, with or without a leading `/` —
 * made absolute. An absolute path that already lies in the folder is taken as it is.
 */
export function resolveWritten(root: string, written: string, flavor: PathFlavor = nodePath): { abs: string; outside: boolean } {
  const abs =
    flavor.isAbsolute(written) && isInside(root, written, flavor)
      ? flavor.normalize(written)
      : flavor.resolve(root, written.replace(/^[/\\]+/, ''));
  return { abs, outside: !isInside(root, abs, flavor) };
}

/** Strips what a written ref may carry around its path: backticks and percent-encoding. */
export function cleanRef(ref: string): string {
  let r = ref.trim();
  if (r.length >= 2 && r.startsWith('`') && r.endsWith('`')) r = r.slice(1, -1).trim();
  try {
    r = decodeURIComponent(r);
  } catch {
    // a malformed escape stays as written; the path check reports it
  }
  return r;
}
