// The verdict text follows the verdict (SECURITY.md, "Verdicts"): one function writes the summary
// line from the exit code, so a --fix that could not write never ends "all conform"; and a lock
// that came with the checkout is judged by what it records, so it does not stop every --fix.
// Found by the third security review (issue 23).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/cli';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

/** The valid snapshot with problems that have safe fixes (the fixes leave placeholders: errors). */
const FIXABLE = VALID_TEXT.replace('Model: gpt-5-codex\n', '').replace('| P2 | Verified |', '| High | verified |');
const LOCK = path
  .join(path.dirname(SNAPSHOT_REL), `.${path.basename(SNAPSHOT_REL)}.lock`)
  .split(path.sep)
  .join('/');

describe('CLI: the verdict text follows the exit code; locks judged by their content', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-verdict-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(SNAPSHOT_REL, FIXABLE);
  });
  afterEach(() => ws.dispose());

  it('a --fix that could not write exits 2 and never says "all conform", in every format with a summary', () => {
    // A folder planted at the lock's name: the write is refused (nothing is moved or followed).
    fs.mkdirSync(ws.path(LOCK));
    const old = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(ws.path(LOCK), old, old);
    for (const format of ['text', 'github']) {
      const r = cli(['validate', '--fix', '--format', format, SNAPSHOT_REL], ws.root);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, /cannot take over the stale lock/);
      assert.ok(!r.out.includes('all conform'), `${format}: ${r.out}`);
      assert.match(r.out, /1 fixed snapshot could not be written \(above\)\n$/);
      assert.equal(ws.read(SNAPSHOT_REL), FIXABLE, 'nothing written');
    }
  });

  for (const [what, text] of [
    ['another machine’s', '4242 ci-runner-elsewhere\n'],
    ['a process of this machine that is not running', `999999999 ${os.hostname()}\n`],
  ]) {
    it(`a lock that came with the checkout (${what}) is stale at once: --fix writes without waiting`, () => {
      ws.write(LOCK, text);
      const started = Date.now();
      const r = cli(['validate', '--fix', SNAPSHOT_REL], ws.root);
      assert.ok(Date.now() - started < 8_000, 'not the 10 s wait for a live writer');
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out, /: fixed /);
      assert.notEqual(ws.read(SNAPSHOT_REL), FIXABLE, 'the fixes were written');
      assert.ok(!ws.exists(LOCK), 'the lock was taken over and removed');
    });
  }
});
