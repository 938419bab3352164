// Files under a folder, for the CLI's directory and glob selection and the server's workspace
// check: sorted, never following a link to a folder (so link loops cannot hang the walk),
// skipping node_modules and .git.
import * as fs from 'node:fs';
import * as path from 'node:path';

function isFileLink(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false; // a dangling link is no file
  }
}

export function walk(dir: string, out: string[] = [], seen = new Set<string>()): string[] {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return out;
  }
  if (seen.has(real)) return out;
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out, seen);
    else if (e.isFile()) out.push(p);
    else if (e.isSymbolicLink() && isFileLink(p)) out.push(p);
  }
  return out;
}
