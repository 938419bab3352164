// Whether a path lies inside a folder, and how a path written in a snapshot maps into the
// repository. Every containment judgement in the product is made here, once: a lexical check
// (this module) and, where files are touched, a real-path check with the same function on
// resolved paths (node/safeFs.ts).
import * as nodePath from 'node:path';
import { Char } from '../text/chars';

/** The path functions of one platform (`path.win32` in the tests of Windows paths). */
export type PathFlavor = Pick<typeof nodePath, 'relative' | 'isAbsolute' | 'resolve' | 'normalize' | 'sep'>;

/**
 * `p` is `root` or below it. A folder named `..foo` is inside (only `..` as a whole segment
 * leaves); a path on another drive is outside (`relative` returns it absolute).
 */
export function isInside(root: string, p: string, flavor: PathFlavor = nodePath): boolean {
  const rel = plainRelative(root, p, flavor);
  return rel !== undefined ? rel !== OUTSIDE : relativeInside(flavor.relative(root, p), flavor);
}

/** What `plainRelative` says of a path that is not in the folder. */
const OUTSIDE = '\0outside';

/**
 * Whether `p` is an absolute POSIX path as `path.normalize` leaves it: no empty, `.` or `..`
 * segment, no trailing slash (but `/`).
 */
function isNormalAbsolute(p: string): boolean {
  if (p.charCodeAt(0) !== Char.Slash) return false;
  if (p.length === 1) return true;
  if (p.endsWith('/') || p.endsWith('/.') || p.endsWith('/..')) return false;
  return !p.includes('//') && !p.includes('/./') && !p.includes('/../');
}

/**
 * `relative(root, p)` for normalized absolute POSIX paths, as a string operation (every file a
 * check touches is asked about); `OUTSIDE` when `p` is not in `root`; undefined when the path
 * functions must answer (another platform, a path not normalized).
 */
function plainRelative(root: string, p: string, flavor: PathFlavor): string | undefined {
  if (flavor !== nodePath || nodePath.sep !== '/' || !isNormalAbsolute(root) || !isNormalAbsolute(p)) return undefined;
  if (p === root) return '';
  if (root === '/') return p.slice(1);
  return p.startsWith(root) && p.charCodeAt(root.length) === Char.Slash ? p.slice(root.length + 1) : OUTSIDE;
}

/** Whether a path relative to a folder (as `relative` gives it) stays in the folder. */
function relativeInside(rel: string, flavor: PathFlavor): boolean {
  if (rel === '') return true;
  if (flavor.isAbsolute(rel)) return false;
  return rel !== '..' && !rel.startsWith('..' + flavor.sep);
}

/**
 * The folder every write, planned or made, must stay in (SECURITY.md, "Roots"): the inner of the
 * judging `root` and the folder the user `opened` (the workspace folder; in the CLI the folder it
 * was started in, or --root); undefined when neither holds the other (nothing may be written).
 */
export function writeRoot(root: string, opened: string): string | undefined {
  if (isInside(opened, root)) return root;
  if (isInside(root, opened)) return opened;
  return undefined;
}

/** `abs` as a repository path (`/`-separated, relative to `root`), or undefined when outside. */
export function toRepoPath(root: string, abs: string, flavor: PathFlavor = nodePath): string | undefined {
  // One `relative` for both the judgement and the result: a snapshot may cite thousands of paths.
  const plain = plainRelative(root, abs, flavor);
  if (plain !== undefined) return plain === OUTSIDE ? undefined : plain;
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

/**
 * Whether `p` is `/`-separated segments of only ASCII letters, digits, `_`, `-` and `.`: none
 * empty, none `.` or `..`, no backslash. Such a path means the same to every path function as it
 * is written, so it can be joined and compared as a string (what most cited paths are).
 */
export function isPlainPath(p: string): boolean {
  let seg = 0;
  let dots = 0;
  for (let i = 0; i <= p.length; i++) {
    const c = i < p.length ? p.charCodeAt(i) : Char.Slash;
    if (c === Char.Slash) {
      if (seg === 0 || seg === dots) return false; // empty, `.` or `..` (or `...`: kept on the slow path)
      seg = 0;
      dots = 0;
      continue;
    }
    seg++;
    if (c === Char.Dot) dots++;
    else if (!(
      (c >= Char.LowerA && c <= Char.LowerZ) ||
      (c >= Char.UpperA && c <= Char.UpperZ) ||
      (c >= Char.Digit0 && c <= Char.Digit9) ||
      c === Char.Underscore ||
      c === Char.Dash
    )) {
      return false;
    }
  }
  return true;
}

/** The last root judged by `plainRoot`: a check cites its paths from one root. */
let lastRoot: { root: string; plain: boolean } | undefined;

/** A POSIX root that paths can be joined to as strings: absolute, normalized, not `/`. */
function plainRoot(root: string, flavor: PathFlavor): boolean {
  if (flavor !== nodePath || nodePath.sep !== '/') return false;
  if (lastRoot?.root !== root) {
    lastRoot = {
      root,
      plain: root.length > 1 && root.charCodeAt(0) === Char.Slash && nodePath.normalize(root) === root && !root.endsWith('/'),
    };
  }
  return lastRoot.plain;
}

/**
 * `resolveWritten`, with the repository path of the result (`toRepoPath`, empty when outside). A
 * plain path (`src/a.ts`, `/src/a.ts`; see `isPlainPath`) below a plain POSIX root is joined as a
 * string: what the path functions would give, without them (a snapshot may cite thousands).
 */
export function resolveCited(
  root: string,
  written: string,
  flavor: PathFlavor = nodePath,
): { abs: string; outside: boolean; shown: string } {
  if (plainRoot(root, flavor)) {
    let start = 0;
    while (written.charCodeAt(start) === Char.Slash) start++;
    // An absolute path already in the folder is taken as it is (the slow path says so too).
    const inRoot = start > 0 && (written === root || written.startsWith(root + '/'));
    const rel = start ? written.slice(start) : written;
    if (!inRoot && rel && isPlainPath(rel)) return { abs: root + '/' + rel, outside: false, shown: rel };
  }
  const { abs, outside } = resolveWritten(root, written, flavor);
  return { abs, outside, shown: outside ? '' : toRepoPath(root, abs, flavor) || '.' };
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
