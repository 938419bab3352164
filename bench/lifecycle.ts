// The review-lifecycle commands as processes (issue 25's targets): `diff` of two typical
// snapshots against `node -e 0` (in a real git repository, the two at different commits, so the
// rename lookup runs as it does for a user), and `findings --format sarif` over 1,000 snapshots.
// Wall-time medians, the commands interleaved so a busy machine slows them alike; CPU time beside.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { interleaved } from './measure';

const CLI_JS = path.join(process.cwd(), 'dist', 'cli.js');

function git(cwd: string, ...args: string[]): string {
  const who = { GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' };
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...who } }).trim();
}

export interface LifecycleFigures {
  diff: { node: number; diff: number; ratio: number; nodeCpu: number; diffCpu: number; ok: boolean };
  findings: { ms: number; cpu: number; ok: boolean; snapshots: number };
}

export function lifecycleFigures(typical: string, quick: boolean): LifecycleFigures {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-bench-lifecycle-')));
  try {
    git(dir, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a = 1;\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'one');
    const first = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'mv', 'a.ts', 'b.ts');
    git(dir, 'commit', '-qm', 'two');
    const second = git(dir, 'rev-parse', 'HEAD');
    const snaps = path.join(dir, 'docs', 'reviews', 'snapshots');
    fs.mkdirSync(snaps, { recursive: true });
    const at = (rev: string) => typical.replace(/^Repo revision: .*$/m, `Repo revision: ${rev}`);
    fs.writeFileSync(path.join(snaps, 'old.md'), at(first));
    // The newer run: one finding fewer, the rest as they were.
    fs.writeFileSync(path.join(snaps, 'new.md'), at(second).replace(/^\| P\d \|.*\n/m, ''));
    const diff = interleaved(
      {
        node: { args: ['-e', '0'] },
        diff: { args: [CLI_JS, 'diff', '--format', 'json', 'docs/reviews/snapshots/old.md', 'docs/reviews/snapshots/new.md'] },
      },
      dir,
      quick ? 10 : 30,
    );
    const many = path.join(dir, 'many');
    fs.mkdirSync(many);
    for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(many, `2026-02-19_run-${i}.md`), at(first));
    const findings = interleaved(
      { findings: { args: [CLI_JS, 'findings', '--format', 'sarif', '--root', dir, many] } },
      dir,
      quick ? 1 : 5,
    );
    return {
      diff: {
        node: diff.node.median,
        diff: diff.diff.median,
        ratio: diff.diff.median / diff.node.median,
        nodeCpu: diff.node.cpu,
        diffCpu: diff.diff.cpu,
        ok: diff.diff.status === 0,
      },
      findings: { ms: findings.findings.median, cpu: findings.findings.cpu, ok: findings.findings.status === 0, snapshots: 1000 },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
