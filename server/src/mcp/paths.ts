// Which files an MCP tool call names. An agent's paths are untrusted: each is resolved from the
// root, must lie in it as written and once every link is resolved, and is read or listed only
// through the guarded functions of node/safeFs.ts. A path that leads out — `..`, an absolute
// path elsewhere, a link to a folder or file outside — gets the same refusal whether or not
// anything is there, so a call cannot probe the disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { locate, realRoot, safeList } from '../node/safeFs';
import { isInside } from '../service/core';

/** Paths (or globs) one call may name. */
export const MAX_PATHS = 100;
/** Files one call checks or fixes at most (the rest are left out, and the result says so). */
export const MAX_FILES = 500;
/** Entries a walk of the repository looks at, at most. */
const MAX_WALKED = 50_000;
/** The longest path or glob taken. */
export const MAX_PATH_LENGTH = 1024;

export class PathRefused extends Error {}

/** The refusal every path that leads out of the root gets (nothing about what is there). */
export function outsideMessage(given: string): string {
  return `${JSON.stringify(given)} is not a path inside the repository`;
}

/** The absolute path `given` names in `root` (lexically inside it), or a refusal. */
function lexical(root: string, given: string): string {
  if (!given || given.length > MAX_PATH_LENGTH || given.includes('\0')) throw new PathRefused(`${JSON.stringify(given)} is not a path`);
  const abs = path.resolve(root, given);
  if (!isInside(root, abs)) throw new PathRefused(outsideMessage(given));
  return abs;
}

/**
 * Whether the path, as far as it exists, really lies in `root`. A path that does not exist is
 * judged by its nearest existing folder: `link-out/secret` is refused whether or not `secret`
 * is there.
 */
function reallyInside(root: string, abs: string): boolean {
  for (let p = abs; isInside(root, p); p = path.dirname(p)) {
    const at = locate(root, p);
    if (at.ok) return true;
    if (at.reason === 'outside') return false;
    if (p === root) return true;
  }
  return false;
}

/** `given` resolved in `root`: the absolute path and the repository-relative one; refused when it leads out. */
export function insidePath(root: string, given: string): { abs: string; rel: string } {
  const abs = lexical(root, given);
  if (!reallyInside(root, abs)) throw new PathRefused(outsideMessage(given));
  return { abs, rel: relOf(root, abs) };
}

export function relOf(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/') || '.';
}

/** A file one call works on. */
export interface Named {
  abs: string;
  rel: string;
  /** Named by its own path (checked whatever its name), not found in a folder or by a glob. */
  explicit: boolean;
}

export interface Selection {
  files: Named[];
  /** More files matched than one call takes (MAX_FILES). */
  truncated: boolean;
}

const MAGIC = /[*?[\]{}]/;

/**
 * The Markdown files under `dir` (inside `root`): sorted, never through a link that leads out
 * (safeList leaves those out), never into a linked folder (no loops), skipping node_modules and .git.
 */
function walkInside(root: string, dir: string, budget: { left: number }, out: string[]): void {
  const entries = safeList(root, dir, Math.max(budget.left, 0), true);
  if (!entries) return;
  budget.left -= entries.length;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const p = path.join(dir, e.name);
    if (e.kind === 'dir' && !e.link && budget.left > 0) walkInside(root, p, budget, out);
    else if (e.kind === 'file' && e.name.toLowerCase().endsWith('.md')) out.push(p);
  }
}

/** The Markdown files under a folder of the repository. */
export function markdownUnder(root: string, dir: string): string[] {
  const out: string[] = [];
  walkInside(root, dir, { left: MAX_WALKED }, out);
  return out;
}

function globbed(root: string, glob: string): string[] {
  if (glob.length > MAX_PATH_LENGTH) throw new PathRefused(`${JSON.stringify(glob)} is too long`);
  const pattern = glob.replace(/^\.\//, '');
  if (pattern.startsWith('/') || pattern.split('/').includes('..')) throw new PathRefused(outsideMessage(glob));
  const isMatch = picomatch(pattern, { dot: false });
  return markdownUnder(root, root).filter((abs) => isMatch(relOf(root, abs)));
}

/**
 * The files `given` names (paths, folders or globs, relative to the root), each once, at most
 * MAX_FILES; none given: every Markdown file of the repository (the caller keeps the snapshots).
 */
export function selectFiles(root: string, given: readonly string[] | undefined): Selection {
  if (given && given.length > MAX_PATHS) throw new PathRefused(`at most ${MAX_PATHS} paths at once`);
  const seen = new Set<string>();
  const files: Named[] = [];
  let truncated = false;
  const add = (abs: string, explicit: boolean) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    if (files.length >= MAX_FILES) truncated = true;
    else files.push({ abs, rel: relOf(root, abs), explicit });
  };
  for (const g of given?.length ? given : ['.']) {
    if (MAGIC.test(g)) {
      const hits = globbed(root, g);
      if (!hits.length) throw new PathRefused(`${JSON.stringify(g)}: no Markdown files match`);
      for (const abs of hits) add(abs, false);
      continue;
    }
    const { abs } = insidePath(root, g);
    const at = locate(root, abs);
    if (!at.ok) throw new PathRefused(`${JSON.stringify(g)}: no such file or folder in the repository`);
    if (fs.statSync(at.real).isDirectory()) for (const f of markdownUnder(root, abs)) add(f, false);
    else add(abs, true);
  }
  return { files, truncated };
}

/** The root as given: an existing folder, its real path (the guarded functions compare real paths). */
export function rootFolder(given: string): string {
  const abs = path.resolve(given);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new PathRefused(`${given}: no such directory`);
  return realRoot(abs);
}
