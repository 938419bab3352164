// `npm test` (test/run-all.mjs) fails closed: a suite, or a part of one, that ran no test does not
// pass. Each test builds a small project as run-all.mjs expects it (lint, the four mocha folders,
// an e2e runner) and runs it there; the first shows that such a project passes when all is well.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const FOLDERS = ['unit', 'lsp', 'cli', 'parity'];
const E2E_OK = "console.log('e2e: 3 passed, 0 failed, 0 skipped');\n";

/** Runs run-all.mjs in a project holding `files` (path → text; undefined leaves one out). */
function runAll(files: Record<string, string | undefined>): { status: number | null; out: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-runall-')));
  try {
    const all: Record<string, string | undefined> = {
      'package.json': JSON.stringify({ name: 'x', private: true, scripts: { lint: 'node -e 0' } }),
      'test/.mocharc.json': JSON.stringify({ ui: 'bdd', reporter: 'spec' }),
      ...Object.fromEntries(FOLDERS.map((f) => [`out/test/${f}/a.test.js`, "it('passes', () => {});\n"])),
      'test/e2e/run.mjs': E2E_OK,
      ...files,
    };
    for (const [rel, text] of Object.entries(all)) {
      if (text === undefined) continue;
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    fs.symlinkSync(path.join(process.cwd(), 'node_modules'), path.join(dir, 'node_modules'));
    const r = spawnSync(process.execPath, [path.join(process.cwd(), 'test', 'run-all.mjs')], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm test fails closed (test/run-all.mjs)', function () {
  this.timeout(60000);

  it('a project whose every suite ran its tests passes, and the counts are summed', () => {
    const r = runAll({});
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /^7 passed, 0 failed, 0 skipped$/m);
  });

  it('a test folder of the mocha suite that matched no file (out/test/lsp not built) fails the run', () => {
    // mocha only warns of a pattern that matches nothing, and exits 0.
    const r = runAll({ 'out/test/lsp/a.test.js': undefined });
    assert.match(r.out, /Cannot find any files matching pattern "out\/test\/lsp/);
    assert.notEqual(r.status, 0, `the protocol tests ran none, and npm test passed:\n${r.out.slice(-600)}`);
    assert.match(r.out, /no test in out\/test\/lsp/);
  });

  it('a pass of a multi-pass suite (the e2e host runs four) that ran no test fails the run', () => {
    const r = runAll({ 'test/e2e/run.mjs': E2E_OK + "console.log('e2e: 0 passed, 0 failed, 0 skipped');\n" });
    assert.notEqual(r.status, 0, `a pass that ran no test, and npm test passed:\n${r.out.slice(-600)}`);
    assert.match(r.out, /1 of its parts ran no test/);
  });

  it('a suite that ran nothing at all fails the run', () => {
    const r = runAll({ 'test/e2e/run.mjs': "console.log('starting');\n" });
    assert.notEqual(r.status, 0, r.out);
    assert.match(r.out, /real VS Code \(e2e\) \(exit 0 but no test ran\)/);
  });
});
