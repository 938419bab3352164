// `review-snapshot freshness` through the built CLI, on real git repositories built commit by
// commit: what a reviewer acting on a cite would find — the same code (unchanged), the same code
// elsewhere (moved, with the line), edited, gone, renamed (followed) or unknown (with the fix) —
// and the exit code CI reads (0 only when every cite is unchanged or moved).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freshnessRules } from '../../server/src/service/freshness/rules';
import { cli } from '../support/cli';
import { git, identity, numbered, SNAPSHOT, snapshotText, TempRepo } from '../support/gitRepos';

interface JsonCite {
  cite: string;
  status: string;
  now: { path: string; line: number | null; endLine?: number } | null;
  reason: string;
  fix?: string;
  approximate?: boolean;
  repository?: string;
  nearby?: boolean;
  at: { line: number; column: number };
}
interface JsonFile {
  file: string;
  revision: string | null;
  approximate: boolean;
  cites: JsonCite[];
  error?: string;
}

function freshness(cwd: string, ...args: string[]): { code: number | null; json: { version: number; files: JsonFile[] }; err: string } {
  const r = cli(['freshness', '--format', 'json', ...args], cwd);
  assert.ok(r.out, `no output (exit ${r.code}): ${r.err}`);
  return { code: r.code, json: JSON.parse(r.out), err: r.err };
}

/** A repository whose first commit holds `files`; the snapshot citing `cites` is committed on top. */
function reviewed(files: Record<string, string>, cites: string[]): { repo: TempRepo; r: string } {
  const repo = new TempRepo();
  const r = repo.commit(files, 'reviewed code');
  repo.commit({ [SNAPSHOT]: snapshotText(r, cites) }, 'the review');
  return { repo, r };
}

const A = numbered(40);

describe('CLI freshness (real git repositories)', function () {
  this.timeout(30000);

  it('a line with lines inserted above is moved, with its line now; exit 0 (the cite still holds at R)', () => {
    const { repo, r } = reviewed({ 'src/a.ts': A }, ['src/a.ts:10', 'src/a.ts:3']);
    const lines = A.split('\n');
    repo.commit({ 'src/a.ts': [...lines.slice(0, 5), 'inserted one;', 'inserted two;', ...lines.slice(5)].join('\n') });
    const { code, json } = freshness(repo.dir, SNAPSHOT);
    assert.equal(json.version, 1);
    assert.equal(json.files[0].revision, r);
    assert.equal(json.files[0].approximate, false);
    const [ten, three] = json.files[0].cites;
    assert.deepEqual([ten.cite, ten.status, ten.now], ['src/a.ts:10', 'moved', { path: 'src/a.ts', line: 12 }]);
    assert.equal(three.status, 'unchanged');
    assert.deepEqual(ten.at, { line: 14, column: 19 });
    assert.equal(code, 0);
  });

  it('a block moved further down is found there (moved), not called deleted', () => {
    const { repo } = reviewed({ 'src/a.ts': A }, ['src/a.ts:5-7']);
    const l = A.split('\n');
    const moved = [...l.slice(0, 4), ...l.slice(7, 30), ...l.slice(4, 7), ...l.slice(30)].join('\n');
    repo.commit({ 'src/a.ts': moved });
    const c = freshness(repo.dir, SNAPSHOT).json.files[0].cites[0];
    assert.equal(c.status, 'moved');
    assert.deepEqual(c.now, { path: 'src/a.ts', line: 28, endLine: 30 });
  });

  it('an edited line is changed (where the edit is now), a removed one deleted; exit 1, and the text report says so', () => {
    const { repo } = reviewed({ 'src/a.ts': A }, ['src/a.ts:20', 'src/a.ts:30']);
    const edited = A.replace('code statement number 20;', 'code statement number 20 + 1;').replace('code statement number 30;\n', '');
    repo.commit({ 'src/a.ts': edited });
    const { code, json } = freshness(repo.dir, SNAPSHOT);
    const [c20, c30] = json.files[0].cites;
    assert.deepEqual([c20.status, c20.now], ['changed', { path: 'src/a.ts', line: 20 }]);
    assert.deepEqual([c30.status, c30.now], ['deleted', null]);
    assert.equal(code, 1);
    const text = cli(['freshness', SNAPSHOT], repo.dir);
    assert.equal(text.code, 1);
    assert.match(text.out, /:14:19: changed src\/a\.ts:20 → now src\/a\.ts:20: the cited line was edited/);
    assert.match(text.out, /deleted src\/a\.ts:30 → nowhere now: the cited line is gone/);
  });

  it('a deleted file is deleted, naming the commit that deleted it', () => {
    const { repo } = reviewed({ 'src/a.ts': A, 'src/b.ts': A }, ['src/b.ts:4']);
    const gone = repo.commit({ 'src/b.ts': null });
    const c = freshness(repo.dir, SNAPSHOT).json.files[0].cites[0];
    assert.equal(c.status, 'deleted');
    assert.equal(c.now, null);
    assert.match(c.reason, new RegExp(`deleted \\(in ${gone.slice(0, 7)}\\)`));
  });

  it('a renamed file is followed to its new path and line (renamed); exit 1', () => {
    const { repo } = reviewed({ 'src/old.ts': A }, ['src/old.ts:12']);
    repo.move('src/old.ts', 'lib/new.ts');
    repo.commit({ 'lib/new.ts': 'header;\n' + repo.read('lib/new.ts') });
    const { code, json } = freshness(repo.dir, SNAPSHOT);
    const c = json.files[0].cites[0];
    assert.deepEqual([c.status, c.now], ['renamed', { path: 'lib/new.ts', line: 13 }]);
    assert.match(c.reason, /renamed to lib\/new\.ts/);
    assert.equal(code, 1);
  });

  it('a rename then a rewrite (which an endpoint diff calls a deletion) is followed through the commit that renamed it', () => {
    const { repo } = reviewed({ 'src/old.ts': A }, ['src/old.ts:12']);
    repo.move('src/old.ts', 'lib/new.ts');
    // Most lines rewritten: R..HEAD no longer pairs the two files.
    const rewritten = A.split('\n').map((l, i) => (i === 11 || l === '' ? l : `rewritten ${i} entirely different text`));
    repo.commit({ 'lib/new.ts': rewritten.join('\n') });
    const c = freshness(repo.dir, SNAPSHOT).json.files[0].cites[0];
    assert.equal(c.status, 'renamed');
    assert.deepEqual(c.now, { path: 'lib/new.ts', line: 12 });
  });

  it('a re-indented line is the same code: unchanged or moved, never changed; exit 0', () => {
    const { repo } = reviewed({ 'src/a.py': A }, ['src/a.py:8', 'src/a.py:9']);
    const l = A.split('\n');
    repo.commit({ 'src/a.py': [...l.slice(0, 6), 'if cond:', ...l.slice(6, 10).map((x) => '    ' + x), ...l.slice(10)].join('\n') });
    const { code, json } = freshness(repo.dir, SNAPSHOT);
    assert.deepEqual(
      json.files[0].cites.map((c) => [c.status, c.now?.line]),
      [
        ['moved', 9],
        ['moved', 10],
      ],
    );
    assert.match(json.files[0].cites[0].reason, /only whitespace changed/);
    assert.equal(code, 0);
  });

  it('in a depth-1 clone the cites are unknown, with the fix (fetch-depth: 0), never deleted', () => {
    const { repo } = reviewed({ 'src/a.ts': A }, ['src/a.ts:10']);
    repo.commit({ 'src/a.ts': 'x;\n' + A });
    const shallow = path.join(path.dirname(repo.dir), 'shallow');
    git(path.dirname(repo.dir), 'clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow);
    const { code, json } = freshness(shallow, SNAPSHOT);
    const c = json.files[0].cites[0];
    assert.equal(c.status, 'unknown');
    assert.match(c.reason, /shallow clone/);
    assert.match(c.fix!, /fetch-depth: 0/);
    assert.equal(code, 1);
  });

  it('in a partial clone lacking the file at R the cite is unknown, with the fix, and git fetches nothing', () => {
    const { repo } = reviewed({ 'src/a.ts': A }, ['src/a.ts:10', 'src/a.ts:12']);
    repo.commit({ 'src/a.ts': 'x;\n' + A });
    git(repo.dir, 'config', 'uploadpack.allowFilter', 'true');
    const partial = path.join(path.dirname(repo.dir), 'partial');
    git(path.dirname(repo.dir), 'clone', '-q', '--filter=blob:none', `file://${repo.dir}`, partial);
    const { code, json } = freshness(partial, SNAPSHOT);
    for (const c of json.files[0].cites) {
      assert.equal(c.status, 'unknown');
      assert.match(c.reason, /partial clone/);
      assert.match(c.fix!, /without `--filter`/);
    }
    assert.equal(code, 1);
  });

  it('a Repo revision not in the history falls back to the commit that last wrote the snapshot, said to be approximate', () => {
    const repo = new TempRepo();
    repo.commit({ 'src/a.ts': A });
    const wrote = repo.commit({ [SNAPSHOT]: snapshotText('1234567', ['src/a.ts:10']) }, 'the review');
    repo.commit({ 'src/a.ts': 'x;\n' + A });
    const { code, json } = freshness(repo.dir, SNAPSHOT);
    const f = json.files[0];
    assert.deepEqual([f.revision, f.approximate], [wrote, true]);
    assert.deepEqual([f.cites[0].status, f.cites[0].now], ['moved', { path: 'src/a.ts', line: 11 }]);
    assert.equal(code, 0);
    assert.match(cli(['freshness', SNAPSHOT], repo.dir).out, /approximate: Repo revision 1234567 is not a commit here/);
  });

  it('a Repo revision that is no commit of a snapshot never committed leaves every cite unknown', () => {
    const repo = new TempRepo();
    repo.commit({ 'src/a.ts': A });
    fs.mkdirSync(path.join(repo.dir, path.dirname(SNAPSHOT)), { recursive: true });
    fs.writeFileSync(path.join(repo.dir, SNAPSHOT), snapshotText('example', ['src/a.ts:10']));
    const { code, json } = freshness(repo.dir, SNAPSHOT);
    assert.equal(json.files[0].cites[0].status, 'unknown');
    assert.match(json.files[0].cites[0].reason, /not a commit of this history/);
    assert.equal(code, 1);
  });

  it('a cite into a sibling repository is followed there when `repositories` says where it is; unknown when it does not', () => {
    const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-fresh-')));
    const sibling = new TempRepo(parent, 'dc-runner-rust');
    sibling.commit({ 'runner_adapter.sh': numbered(50, 'echo') });
    const main = new TempRepo(parent, 'main');
    const r = main.commit({ 'src/a.ts': A });
    main.commit({ [SNAPSHOT]: snapshotText(r, ['dc%2Drunner%2Drust/runner_adapter.sh:20']) });
    sibling.commit({ 'runner_adapter.sh': 'set -e\n' + numbered(50, 'echo') });
    // Not configured (only known as another repository's path): unknown, with the fix.
    main.commit({ '.review-snapshot.yaml': 'links:\n  external: ["dc-runner-rust/**"]\n' });
    let c = freshness(main.dir, SNAPSHOT).json.files[0].cites[0];
    assert.deepEqual([c.status, c.repository], ['unknown', 'dc-runner-rust']);
    assert.match(c.fix!, /repositories:/);
    main.commit({ '.review-snapshot.yaml': 'repositories:\n  dc-runner-rust: ../dc-runner-rust\n' });
    c = freshness(main.dir, SNAPSHOT).json.files[0].cites[0];
    assert.deepEqual([c.status, c.repository, c.now], ['moved', 'dc-runner-rust', { path: 'runner_adapter.sh', line: 21 }]);
    assert.equal(c.approximate, true, "the sibling's base is its commit of the day the review was made");
  });

  it('outside a git repository: exit 2, with the reason', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-fresh-nogit-')));
    fs.writeFileSync(path.join(dir, 's.md'), snapshotText('abc1234', ['a.ts:1']));
    const r = cli(['freshness', 's.md'], dir, 20000, { GIT_CEILING_DIRECTORIES: path.dirname(dir) });
    assert.equal(r.code, 2);
    assert.match(r.err, /could not check the freshness of s\.md: not in a git repository/);
  });

  it('--format sarif puts a stale cite at the code it cites now, the snapshot cell related', () => {
    const { repo } = reviewed({ 'src/a.ts': A }, ['src/a.ts:10']);
    repo.commit({ 'src/a.ts': 'x;\n' + A.replace('number 10;', 'number 10 changed;') });
    const r = cli(['freshness', '--format', 'sarif', SNAPSHOT], repo.dir);
    assert.equal(r.code, 1);
    const run = JSON.parse(r.out).runs[0];
    assert.equal(run.results.length, 1);
    const res = run.results[0];
    assert.equal(res.ruleId, 'freshness/changed');
    assert.equal(res.level, 'note');
    assert.deepEqual(res.locations[0].physicalLocation, {
      artifactLocation: { uri: 'src/a.ts', uriBaseId: 'SRCROOT' },
      region: { startLine: 11 },
    });
    assert.equal(res.relatedLocations[0].physicalLocation.artifactLocation.uri, 'reviews/snapshots/2026-02-19_review.md');
  });

  it('a rule level of off leaves that status out of the report and the verdict', () => {
    const { repo } = reviewed({ 'src/a.ts': A }, ['src/a.ts:10']);
    repo.commit({
      'src/a.ts': A.replace('number 10;', 'number 10 changed;'),
      '.review-snapshot.yaml': 'rules:\n  freshness/changed: off\n',
    });
    const { code, json } = freshness(repo.dir, SNAPSHOT);
    assert.deepEqual(json.files[0].cites, []);
    assert.equal(code, 0);
  });

  it('snapshot text never becomes a git option, and no program the repository configures runs', () => {
    const { repo } = reviewed({ 'src/a.ts': A, '.gitattributes': '*.ts diff=conv filter=conv\n' }, ['src/a.ts:10']);
    repo.commit({ [SNAPSHOT]: snapshotText('--output=pwned', ['src/a.ts:10']) });
    repo.commit({ 'src/a.ts': 'x;\n' + A });
    const marker = path.join(path.dirname(repo.dir), 'ran');
    const script = path.join(path.dirname(repo.dir), 'run.sh');
    fs.writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat\n`, { mode: 0o755 });
    for (const [k, v] of [
      ['core.fsmonitor', script],
      ['diff.external', script],
      ['diff.conv.textconv', script],
      ['filter.conv.clean', script],
      ['filter.conv.smudge', script],
      ['core.pager', script],
      ['log.showSignature', 'true'],
      ['gpg.program', script],
    ]) {
      git(repo.dir, 'config', k, v);
    }
    const { code, json } = freshness(repo.dir, SNAPSHOT);
    assert.equal(fs.existsSync(path.join(repo.dir, 'pwned')), false, 'the revision was taken as an option');
    assert.equal(fs.existsSync(marker), false, `a configured program ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
    assert.equal(json.files[0].approximate, true, 'the revision is no commit: the approximate base is used');
    assert.deepEqual(json.files[0].cites[0].now, { path: 'src/a.ts', line: 11 });
    assert.equal(code, 0);
  });
});

/** `review CITE…`: commits a snapshot whose Repo revision is HEAD, citing each CITE (what the rule pages' examples use). */
const REVIEW_FN = `review() {
  rev=$(git rev-parse HEAD); mkdir -p reviews/snapshots
  { printf '# Review Snapshot\n\nDate: 2026-02-19\nModel: m\nPrompt: a.ts\nPrompt revision: %s\nRepo revision: %s\nRunner lane: rust|required\n\n## Findings\n\n' "$rev" "$rev"
    printf '| Severity | Verified/Hypothesis | File:Line | What | Why | When | Proposed fix |\n|---|---|---|---|---|---|---|\n'
    for c in "$@"; do printf '| P2 | Verified | %s | w | w | w | w |\n' "$c"; done; } > reviews/snapshots/review.md
  git add reviews && git commit -qm review
}`;

/** The first ```sh block of a page's section. */
function shOf(page: string, section: string): string {
  const body = page.slice(page.indexOf(`\n## ${section}\n`));
  const m = /```sh\n([\s\S]*?)\n```/.exec(body);
  assert.ok(m, `"${section}" has a sh block`);
  return m[1];
}

function runExample(script: string): { code: number | null; json: { files: JsonFile[] } } {
  const repo = new TempRepo();
  execFileSync('sh', ['-c', `set -e\n${REVIEW_FN}\n${script}`], {
    cwd: repo.dir,
    env: identity(),
  });
  const r = freshness(repo.dir, 'reviews/snapshots/review.md');
  return { code: r.code, json: r.json };
}

describe('freshness rule pages (docs/rules/freshness/*.md): their git histories do what they say', function () {
  this.timeout(30000);
  for (const id of freshnessRules.rules.map((r) => r.id)) {
    const status = id.slice('freshness/'.length);
    const page = fs.readFileSync(path.join(process.cwd(), 'docs', 'rules', 'freshness', `${status}.md`), 'utf8');
    it(`${id}: the failing example gives that status; the passing example leaves every cite unchanged`, () => {
      const failing = runExample(shOf(page, 'Failing example'));
      assert.deepEqual(
        failing.json.files[0].cites.map((c) => c.status),
        [status],
      );
      const passing = runExample(shOf(page, 'Passing example'));
      assert.deepEqual(
        passing.json.files[0].cites.map((c) => c.status),
        ['unchanged'],
      );
      assert.equal(passing.code, 0);
    });
  }
});
