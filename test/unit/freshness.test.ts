// Finding freshness, the engine: the line mapping against git's own histogram hunks (properties
// over random edits), and `checkFreshness(root, snapshot)` — the entry other front ends (an MCP
// tool) call — on a real repository.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkFreshness } from '../../server/src/node/freshnessRun';
import { mapLine, parseHunks } from '../../server/src/service/freshness/map';
import { numbered, SNAPSHOT, snapshotText, TempRepo } from '../support/gitRepos';

/** git's zero-context histogram hunks between two texts (written to files outside any repository). */
function gitHunks(dir: string, a: string, b: string) {
  fs.writeFileSync(path.join(dir, 'a'), a);
  fs.writeFileSync(path.join(dir, 'b'), b);
  const r = spawnSync('git', ['diff', '--no-index', '-U0', '--diff-algorithm=histogram', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
  return parseHunks(r.stdout);
}

describe('finding freshness: line mapping over git hunks', function () {
  this.timeout(60000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-fresh-map-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const old = numbered(30).split('\n').slice(0, 30);

  it('lines inserted or removed elsewhere: every untouched line is found at its new place, with its text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 29 }), fc.boolean()), { maxLength: 6 }), (ops) => {
        const now = [...old];
        ops.forEach(([at, insert], k) => {
          const i = Math.min(at, now.length - 1);
          if (insert) now.splice(i, 0, `new line ${k} inserted`);
          else now.splice(i, 1);
        });
        const hunks = gitHunks(dir, old.join('\n') + '\n', now.join('\n') + '\n');
        for (let l = 1; l <= old.length; l++) {
          const m = mapLine(old, now, hunks, l);
          if (now.includes(old[l - 1])) {
            assert.ok(m.status === 'unchanged' || m.status === 'moved', `line ${l}: ${m.status}`);
            assert.equal(now[m.line! - 1], old[l - 1], `line ${l} maps to a line with its text`);
          } else assert.equal(m.status, 'deleted', `line ${l} was removed`);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('an edit is changed (at the edited line); an edit two lines away is mentioned on an unchanged cite', () => {
    const now = [...old];
    now[9] = old[9].replace(';', ' + 1;');
    const hunks = gitHunks(dir, old.join('\n') + '\n', now.join('\n') + '\n');
    assert.deepEqual(mapLine(old, now, hunks, 10), { status: 'changed', line: 10 });
    assert.deepEqual(mapLine(old, now, hunks, 12), { status: 'unchanged', line: 12, nearby: true });
    assert.deepEqual(mapLine(old, now, hunks, 20), { status: 'unchanged', line: 20 });
  });
});

describe('checkFreshness(root, snapshot): one file as JSON, for other front ends', function () {
  this.timeout(30000);

  it('reports the base, HEAD and each cite; a missing snapshot is an error, not an exception', async () => {
    const repo = new TempRepo();
    const r = repo.commit({ 'src/a.ts': numbered(20) });
    repo.commit({ [SNAPSHOT]: snapshotText(r, ['src/a.ts:5']) });
    const head = repo.commit({ 'src/a.ts': 'first;\n' + numbered(20) });
    const got = await checkFreshness(repo.dir, SNAPSHOT);
    assert.deepEqual([got.revision, got.head, got.approximate, got.error], [r, head, false, undefined]);
    assert.deepEqual(
      got.cites.map((c) => [c.cite, c.status, c.now]),
      [['src/a.ts:5', 'moved', { path: 'src/a.ts', line: 6 }]],
    );
    const missing = await checkFreshness(repo.dir, 'reviews/none.md');
    assert.match(missing.error!, /cannot read reviews\/none\.md: missing/);
  });
});
