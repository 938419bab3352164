// Real git repositories built in temporary folders, commit by commit, for the finding freshness
// tests (engine, CLI, server): what a snapshot cited at one commit, and what the code became.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Who commits in the tests (and when, if given). */
export function identity(date?: string): NodeJS.ProcessEnv {
  const who = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  return { ...process.env, ...who, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: identity() }).trim();
}

export class TempRepo {
  readonly dir: string;
  private time = 1_700_000_000;

  constructor(parent?: string, name = 'repo') {
    const base = parent ?? fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-fresh-')));
    this.dir = path.join(base, name);
    fs.mkdirSync(this.dir, { recursive: true });
    git(this.dir, 'init', '-q', '-b', 'main');
    git(this.dir, 'config', 'commit.gpgsign', 'false');
  }

  /** Writes (a string) or deletes (null) files, commits them, returns the commit's full name. */
  commit(files: Record<string, string | null>, message = 'change'): string {
    for (const [rel, body] of Object.entries(files)) {
      const abs = path.join(this.dir, rel);
      if (body === null) fs.rmSync(abs, { force: true });
      else {
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, body);
      }
    }
    git(this.dir, 'add', '-A');
    // Distinct, increasing commit times (a sibling's base is found by time).
    this.time += 3600;
    const date = `${this.time} +0000`;
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: this.dir, env: identity(date) });
    return git(this.dir, 'rev-parse', 'HEAD');
  }

  /** `git mv` then commit. */
  move(from: string, to: string, message = 'move'): string {
    fs.mkdirSync(path.dirname(path.join(this.dir, to)), { recursive: true });
    git(this.dir, 'mv', from, to);
    return this.commit({}, message);
  }

  read(rel: string): string {
    return fs.readFileSync(path.join(this.dir, rel), 'utf8');
  }
}

/** `n` distinct, recognisable lines (`<prefix> line 1` …), as a file's text. */
export function numbered(n: number, prefix = 'code'): string {
  return Array.from({ length: n }, (_, i) => `${prefix} statement number ${i + 1};`).join('\n') + '\n';
}

export const SNAPSHOT = 'reviews/snapshots/2026-02-19_review.md';

/** A snapshot at `revision` citing `cites` (File:Line cells) in its Findings table. */
export function snapshotText(revision: string, cites: string[]): string {
  const rows = cites.map((c, i) => `| P2 | Verified | ${c} | finding ${i + 1} | why | when | fix |`);
  return [
    '# Review Snapshot',
    '',
    'Date: 2026-02-19',
    'Model: gpt-5-codex',
    'Prompt: `docs/prompt.md`',
    `Prompt revision: ${revision}`,
    `Repo revision: ${revision}`,
    'Runner lane: rust|required',
    '',
    '## Findings',
    '',
    '| Severity | Verified/Hypothesis | File:Line | What | Why | When | Proposed fix |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
