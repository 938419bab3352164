// The repository a file belongs to, one answer for the CLI and the editor: the nearest folder
// holding `.git`, from the file's folder up. The editor and CI then read the same configuration
// file and resolve cited paths from the same place (a workspace folder opened inside a monorepo
// included).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Answers by starting folder: a run over 1,000 snapshots in one folder looks once. */
const found = new Map<string, string | null>();

/** The nearest folder holding `.git` from `start` up, or undefined when there is none. */
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
  found.set(start, root);
  return root ?? undefined;
}

/** Forget what was found (a `.git` came or went). */
export function forgetGitRoots(): void {
  found.clear();
}
