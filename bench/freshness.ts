// Finding freshness figures for `npm run bench`: a generated repository (files, a history of
// inserts, edits, moves and renames), a snapshot of 50 cites at an early revision, and the time
// to follow every cite to HEAD from cold (no git process, nothing kept) and warm (the editor's
// second look), with the git processes started per cite.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkCites } from '../server/src/node/freshness';
import { gitStats } from '../server/src/node/git';
import { closeGitRepos } from '../server/src/node/gitRepo';
import type { CiteInput } from '../server/src/service/freshness/types';

const FILES = 200;
const LINES = 300;
const COMMITS = 60;
const CITES = 50;

function gitIn(cwd: string, args: string[], input?: string): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
  return execFileSync('git', args, { cwd, env, input, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();
}

const fileName = (i: number) => `src/mod${Math.floor(i / 20)}/file${i}.ts`;
const body = (i: number, salt = '') =>
  Array.from({ length: LINES }, (_, l) => `export const v${i}_${l} = ${l}; // ${salt}`).join('\n') + '\n';

/** The repository: FILES files, then COMMITS commits each inserting, editing or renaming in a few files. Returns R (the first commit). */
function buildRepo(dir: string): string {
  gitIn(dir, ['init', '-q', '-b', 'main']);
  for (let i = 0; i < FILES; i++) {
    fs.mkdirSync(path.join(dir, path.dirname(fileName(i))), { recursive: true });
    fs.writeFileSync(path.join(dir, fileName(i)), body(i));
  }
  gitIn(dir, ['add', '-A']);
  gitIn(dir, ['commit', '-qm', 'base']);
  const r = gitIn(dir, ['rev-parse', 'HEAD']);
  const names = Array.from({ length: FILES }, (_, i) => fileName(i));
  for (let c = 0; c < COMMITS; c++) {
    for (let k = 0; k < 5; k++) {
      const i = (c * 7 + k * 13) % FILES;
      const abs = path.join(dir, names[i]);
      const lines = fs.readFileSync(abs, 'utf8').split('\n');
      lines.splice((c * 11 + k) % LINES, 0, `// inserted in commit ${c}`);
      lines[(c * 17 + k) % LINES] += ` // edited ${c}`;
      fs.writeFileSync(abs, lines.join('\n'));
    }
    if (c % 10 === 5) {
      const i = c % FILES;
      const to = names[i].replace('.ts', `_r${c}.ts`);
      gitIn(dir, ['mv', names[i], to]);
      names[i] = to;
    }
    gitIn(dir, ['add', '-A']);
    gitIn(dir, ['commit', '-qm', `change ${c}`]);
  }
  return r;
}

function cites(): CiteInput[] {
  return Array.from({ length: CITES }, (_, k) => {
    const line = 1 + ((k * 37) % LINES);
    const file = fileName((k * 3) % FILES);
    return {
      cite: `${file}:${line}`,
      range: { start: { line: k, character: 0 }, end: { line: k, character: 10 } },
      path: file,
      line,
      kind: 'repo',
    };
  });
}

export interface FreshnessFigures {
  files: number;
  commits: number;
  cites: number;
  coldMs: number;
  warmMs: number;
  processesPerCiteCold: number;
  processesPerCiteWarm: number;
  statuses: Record<string, number>;
}

export async function freshnessFigures(): Promise<FreshnessFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-bench-fresh-'));
  try {
    const r = buildRepo(dir);
    const req = { root: dir, snapshot: 'reviews/s.md', file: 's.md', written: r, cites: cites() };
    const cold: number[] = [];
    const warm: number[] = [];
    let procCold = 0;
    let procWarm = 0;
    let statuses: Record<string, number> = {};
    for (let run = 0; run < 5; run++) {
      closeGitRepos();
      let p0 = gitStats.processes;
      let t0 = performance.now();
      const res = await checkCites(req);
      cold.push(performance.now() - t0);
      procCold = gitStats.processes - p0;
      p0 = gitStats.processes;
      t0 = performance.now();
      await checkCites(req);
      warm.push(performance.now() - t0);
      procWarm = gitStats.processes - p0;
      statuses = {};
      for (const c of res.cites) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
    }
    closeGitRepos();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return {
      files: FILES,
      commits: COMMITS + 1,
      cites: CITES,
      coldMs: median(cold),
      warmMs: median(warm),
      processesPerCiteCold: procCold / CITES,
      processesPerCiteWarm: procWarm / CITES,
      statuses,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
