// Roots, one answer for the CLI and the editor (SECURITY.md, principle "Roots"):
// - what a file is judged against (`gitRoot`): the nearest folder holding `.git` from the file's
//   folder up — a repository the folder is part of by its own checkout —, but never a repository
//   at or above the user's home folder for a folder below it (a dotfiles `~/.git` holds every
//   downloaded folder: rooted there, a folder's configuration could write into `~/.bashrc.d` and its
//   links show `~/.ssh`); such a folder is judged against itself;
// - where a write may go: `writeRoot` (service/repo/paths.ts), inside both that root and the folder the
//   user opened (the workspace folder; in the CLI the folder it was started in, or --root).
import * as fs from 'node:fs';
import type * as Os from 'node:os';
import * as path from 'node:path';
import { isInside } from '../service/shared';

/** Answers by starting folder: a run over 1,000 snapshots in one folder looks once. */
const found = new Map<string, string | null>();

let homeFolder: string | undefined;

/** The user's home folder (`$HOME` when set; node:os is loaded only when it is not). */
function home(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  homeFolder ??= path.resolve(process.env.HOME || (require('node:os') as typeof Os).homedir());
  return homeFolder;
}

/**
 * The repository `start` is part of: the nearest folder holding `.git` from `start` up, or
 * undefined when there is none — or when that folder is the home folder or one above it, `start`
 * lies in the home folder and is not that folder itself (an enclosing home-directory repository
 * roots nothing in the home folder).
 */
export function gitRoot(start: string): string | undefined {
  const known = found.get(start);
  if (known !== undefined) return known ?? undefined;
  let dir = start;
  let root: string | null = null;
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      root = dir;
      break;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  // Only for what lies in the home folder: a checkout elsewhere below a repository that happens to
  // enclose the home folder too (a scratch folder, a container's `/`) is that repository's.
  if (root !== null && root !== start && isInside(root, home()) && isInside(home(), start)) root = null;
  found.set(start, root);
  return root ?? undefined;
}

/** Forget what was found (a `.git` came or went). */
export function forgetGitRoots(): void {
  found.clear();
  homeFolder = undefined;
}

/**
 * The root the CLI judges a file in `start` against: its repository (`gitRoot`), else the folder
 * the CLI was started in (`opened`) — but not when that is the home folder or above and the file
 * lies below it (a folder downloaded into the home folder is judged against itself).
 */
export function cliRoot(start: string, opened: string): string {
  const repo = gitRoot(start);
  if (repo) return repo;
  return start !== opened && isInside(opened, home()) ? start : opened;
}
