// One repository as finding freshness asks about it, through the git binary (node/git.ts): its
// HEAD and whether it is a shallow or partial clone, a revision resolved to a commit, a file's
// blob at a commit, where files went between two commits (renames, and for a file an endpoint
// diff calls deleted, the commit that deleted it), and the hunks between two blobs. Answers that
// cannot change (a blob, the hunks between two blobs, the renames between two commits) are kept.
import { CatFile, GitError, HEX, isPlainRepoPath, runGit, type CatObject } from './git';
import { parseHunks, type Hunk } from '../service/core';

const FULL = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export interface RepoInfo {
  head: string;
  shallow: boolean;
  partial: boolean;
}

/** Entries a kept-answers map holds before it is emptied (a long editor session). */
const KEEP = 2000;

function keep<K, V>(m: Map<K, V>, k: K, v: V): V {
  if (m.size >= KEEP) m.clear();
  m.set(k, v);
  return v;
}

export class GitRepo {
  readonly cat: CatFile;
  private info?: Promise<RepoInfo>;
  private readonly renames = new Map<string, Promise<Map<string, string>>>();
  private readonly hunks = new Map<string, Promise<Hunk[]>>();
  private readonly blobs = new Map<string, Promise<CatObject>>();

  constructor(readonly root: string) {
    this.cat = new CatFile(root);
  }

  /** HEAD, shallow, partial — asked once per run (`refresh` forgets it). */
  repoInfo(): Promise<RepoInfo> {
    this.info ??= this.readInfo();
    return this.info;
  }

  refresh(): void {
    this.info = undefined;
  }

  private async readInfo(): Promise<RepoInfo> {
    const r = await runGit(this.root, ['rev-parse', '--is-shallow-repository', '--verify', '--end-of-options', 'HEAD^{commit}']);
    if (r.code !== 0) throw new GitError(gitProblem(r.stderr));
    const [shallow, head] = r.stdout.toString('utf8').trim().split('\n');
    // A partial clone names a promisor remote (git sets remote.<name>.promisor; older ones extensions.partialClone).
    const p = await runGit(this.root, ['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$']);
    return { head: head.trim(), shallow: shallow.trim() === 'true', partial: p.code === 0 && p.stdout.length > 0 };
  }

  /** A revision as written (hex only: anything else is no revision) to the full name of its commit. */
  async commit(written: string | null | undefined): Promise<string | undefined> {
    const t = written?.trim().toLowerCase() ?? '';
    if (!HEX.test(t)) return undefined;
    const o = await this.cat.read(`${t}^{commit}`);
    return o?.type === 'commit' ? o.oid : undefined;
  }

  /** The committer time (seconds) of a commit. */
  async commitTime(commit: string): Promise<number | undefined> {
    const o = await this.cat.read(commit);
    const m = o && /^committer .* (\d+) [+-]\d{4}$/m.exec(o.data.toString('utf8'));
    return m ? Number(m[1]) : undefined;
  }

  /** The file at a commit (a blob), or undefined when it is not there. */
  blob(commit: string, file: string): Promise<CatObject> {
    if (!FULL.test(commit) || !isPlainRepoPath(file)) return Promise.resolve(undefined);
    const key = `${commit}:${file}`;
    const hit = this.blobs.get(key);
    if (hit) return hit;
    const p = this.cat.read(key).then((o) => (o?.type === 'blob' ? o : undefined));
    return keep(this.blobs, key, p);
  }

  /** The last commit (from HEAD) that wrote `file`, or undefined. */
  async lastCommitOf(file: string): Promise<string | undefined> {
    if (!isPlainRepoPath(file)) return undefined;
    const r = await runGit(this.root, ['log', '-1', '--no-show-signature', '--format=%H', 'HEAD', '--', file]);
    const sha = r.stdout.toString('utf8').trim();
    return r.code === 0 && FULL.test(sha) ? sha : undefined;
  }

  /** The last commit at or before a time (seconds), from HEAD. */
  async commitAt(time: number): Promise<string | undefined> {
    const r = await runGit(this.root, ['rev-list', '-1', `--before=${Math.floor(time)}`, 'HEAD']);
    const sha = r.stdout.toString('utf8').trim();
    return r.code === 0 && FULL.test(sha) ? sha : undefined;
  }

  /** Old path → new path for the files renamed between two commits (one whole-tree diff, no rename limit). */
  renamesBetween(from: string, to: string): Promise<Map<string, string>> {
    const key = `${from}..${to}`;
    const hit = this.renames.get(key);
    if (hit) return hit;
    const p = (async () => {
      const r = await runGit(this.root, ['diff', '--no-ext-diff', '--no-textconv', '-M', '-l0', '--name-status', '-z', from, to]);
      if (r.code !== 0) throw new GitError(gitProblem(r.stderr));
      return renamePairs(r.stdout.toString('utf8'));
    })();
    return keep(this.renames, key, p);
  }

  /** The first commit after `from` (up to `to`) that deleted `file`. */
  async deletedBy(from: string, to: string, file: string): Promise<string | undefined> {
    if (!isPlainRepoPath(file)) return undefined;
    const range = `${from}..${to}`;
    const args = ['log', '--no-show-signature', '--format=%H', '--diff-filter=D', '--full-history', '--reverse', range, '--', file];
    const r = await runGit(this.root, args);
    const sha = r.stdout.toString('utf8').split('\n')[0].trim();
    return r.code === 0 && FULL.test(sha) ? sha : undefined;
  }

  /** Hunks of the histogram diff between two blobs, without context. */
  hunksBetween(a: string, b: string): Promise<Hunk[]> {
    if (a === b) return Promise.resolve([]);
    const key = `${a}..${b}`;
    const hit = this.hunks.get(key);
    if (hit) return hit;
    const p = (async () => {
      const args = ['diff', '--no-ext-diff', '--no-textconv', '--no-color', '-U0', '--diff-algorithm=histogram', a, b];
      const r = await runGit(this.root, args);
      if (r.code !== 0 && r.code !== 1) throw new GitError(gitProblem(r.stderr));
      return parseHunks(r.stdout.toString('utf8'));
    })();
    return keep(this.hunks, key, p);
  }

  close(): void {
    this.cat.close();
  }
}

/** `R<score>\0old\0new\0` entries of `--name-status -z`. */
function renamePairs(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  const f = raw.split('\0');
  for (let i = 0; i < f.length;) {
    const status = f[i];
    if (!status) break;
    if (status[0] === 'R' || status[0] === 'C') {
      if (status[0] === 'R') out.set(f[i + 1], f[i + 2]);
      i += 3;
    } else i += 2;
  }
  return out;
}

/** git's complaint, in one line a user can act on. */
export function gitProblem(stderr: string): string {
  if (/not a git repository/i.test(stderr)) return 'not in a git repository';
  if (/dubious ownership/i.test(stderr)) return 'git refuses the repository: it is owned by another user (safe.directory)';
  if (/ambiguous argument 'HEAD|unknown revision|Needed a single revision/i.test(stderr)) return 'the repository has no commit yet';
  return `git failed: ${stderr.split('\n')[0] || 'no message'}`;
}

/** Repositories by root, reused across runs (the editor keeps them; the CLI closes them at its end). */
const repos = new Map<string, GitRepo>();

export function gitRepo(root: string): GitRepo {
  let r = repos.get(root);
  if (!r) {
    r = new GitRepo(root);
    repos.set(root, r);
  }
  return r;
}

export function closeGitRepos(): void {
  for (const r of repos.values()) r.close();
  repos.clear();
}
