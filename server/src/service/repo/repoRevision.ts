// The repository's HEAD revision, for the `Repo revision` completion hint — read, never run: the
// server does not start git (a snapshot's folder is untrusted, and git runs hooks and reads
// config). `.git/HEAD` and the ref it names (a loose ref file, else `packed-refs`) are read
// through the Workspace port, so only files really inside the workspace folder are read. A `.git`
// that is a file (a worktree or a submodule, pointing elsewhere) gives no hint.
import * as path from 'node:path';
import type { Workspace } from './workspace';

/** How git abbreviates a revision by default. */
const SHORT = 7;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function refPath(gitDir: string, ref: string): string | undefined {
  const parts = ref.split('/');
  // A ref names a file under .git/refs; nothing in it may climb out.
  if (parts[0] !== 'refs' || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) return undefined;
  return path.join(gitDir, ...parts);
}

function packedRef(workspace: Workspace, root: string, gitDir: string, ref: string): string | undefined {
  const packed = workspace.readText(root, path.join(gitDir, 'packed-refs'));
  if (!packed.ok) return undefined;
  for (const line of packed.text.split('\n')) {
    const [sha, name] = line.trim().split(' ');
    if (name === ref && SHA.test(sha)) return sha;
  }
  return undefined;
}

/** The short HEAD revision of the git repository at `root`, or undefined when it cannot be read. */
export function headRevision(workspace: Workspace, root: string): string | undefined {
  const gitDir = path.join(root, '.git');
  const head = workspace.readText(root, path.join(gitDir, 'HEAD'), 4096);
  if (!head.ok) return undefined;
  const t = head.text.trim();
  if (SHA.test(t)) return t.slice(0, SHORT);
  if (!t.startsWith('ref:')) return undefined;
  const ref = t.slice(4).trim();
  const file = refPath(gitDir, ref);
  if (!file) return undefined;
  const loose = workspace.readText(root, file, 4096);
  const sha = loose.ok && SHA.test(loose.text.trim()) ? loose.text.trim() : packedRef(workspace, root, gitDir, ref);
  return sha?.slice(0, SHORT);
}
