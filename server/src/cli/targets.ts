// Which files a `validate` run checks: files named on the command line (whatever their name),
// and the Markdown files of the directories and globs it names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { cliRoot } from '../node/repoRoot';
import { walk } from '../node/walk';
import { UsageError } from './args';

export interface Target {
  file: string;
  /** Named directly: checked whatever its name. */
  explicit: boolean;
  /** Found in this folder (a directory or a glob's base): read only if its real path is inside. */
  scope?: string;
  /** `-`: the text is read from standard input; `file` is the name it is checked under. */
  stdin?: boolean;
}

/** The name stdin's text has without --stdin-filename (in the current folder). */
export const STDIN_NAME = '<stdin>';

/** The root a file in `start` is judged against: its repository, else the current folder (see `cliRoot`). */
export function findRoot(start: string): string {
  return cliRoot(start, process.cwd());
}

const MAGIC = /[*?[\]{}]/;

function directoryTargets(a: string): Target[] {
  const files = walk(a);
  const md = files.filter((f) => f.toLowerCase().endsWith('.md'));
  if (md.length === 0) throw new UsageError(`${a}: directory holds no Markdown files`);
  return md.map((file) => ({ file, explicit: false, scope: path.resolve(a) }));
}

function globTargets(a: string): Target[] {
  const baseParts: string[] = [];
  for (const p of a.split(/[\\/]/)) {
    if (MAGIC.test(p)) break;
    baseParts.push(p);
  }
  const base = baseParts.join('/') || '.';
  const isMatch = picomatch(a.replace(/^\.\//, ''), { dot: false });
  const files = fs.existsSync(base) ? walk(base) : [];
  const hits = files.filter((f) => isMatch(path.relative('.', f).split(path.sep).join('/')) || isMatch(f));
  if (hits.length === 0) throw new UsageError(`${a}: no files match`);
  return hits.map((file) => ({ file, explicit: false, scope: path.resolve(base) }));
}

export function expandTargets(args: string[], stdinName?: string): Target[] {
  const out: Target[] = [];
  if (stdinName !== undefined && !args.includes('-')) throw new UsageError('option "--stdin-filename" needs "-" among the files');
  if (args.filter((a) => a === '-').length > 1) throw new UsageError('"-" (standard input) can be named once');
  for (const a of args) {
    if (a === '-') {
      // Judged by its name like a file found in a folder (the name decides whether it is a snapshot).
      out.push({ file: stdinName ?? STDIN_NAME, explicit: false, stdin: true });
      continue;
    }
    if (fs.existsSync(a)) {
      if (fs.statSync(a).isDirectory()) out.push(...directoryTargets(a));
      else out.push({ file: a, explicit: true });
      continue;
    }
    if (!MAGIC.test(a)) throw new UsageError(`${a}: no such file or directory`);
    out.push(...globTargets(a));
  }
  return out;
}
