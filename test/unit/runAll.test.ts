// `npm test` (test/run-all.mjs) fails closed: a suite, or a part of one, that ran no test does not
// pass. Each test builds a small project as run-all.mjs expects it and runs it there.
import * as assert from 'node:assert/strict';
import fsModule from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

describe('npm test fails closed (test/run-all.mjs)', function () {
  this.timeout(60000);
  it('a test folder of the mocha suite that matched no file (out/test/lsp not built) fails the run', () => {
    const dir = fsModule.realpathSync(fsModule.mkdtempSync(path.join(os.tmpdir(), 'rs-runall-')));
    try {
      const write = (rel: string, text: string) => {
        fsModule.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fsModule.writeFileSync(path.join(dir, rel), text);
      };
      write('package.json', JSON.stringify({ name: 'x', private: true, scripts: { lint: 'node -e 0' } }));
      write('test/.mocharc.json', JSON.stringify({ ui: 'bdd', reporter: 'spec' }));
      // Only the unit tests were built: mocha warns of the three other patterns and exits 0.
      write('out/test/unit/a.test.js', "it('passes', () => {});\n");
      write('test/e2e/run.mjs', "console.log('e2e: 3 passed, 0 failed, 0 skipped');\n");
      fsModule.symlinkSync(path.join(process.cwd(), 'node_modules'), path.join(dir, 'node_modules'));
      const r = spawnSync(process.execPath, [path.join(process.cwd(), 'test', 'run-all.mjs')], { cwd: dir, encoding: 'utf8' });
      assert.match(r.stderr, /Cannot find any files matching pattern "out\/test\/lsp/, r.stdout + r.stderr);
      assert.notEqual(r.status, 0, `the protocol, CLI and parity tests ran none, and npm test passed:\n${r.stdout.slice(-600)}`);
    } finally {
      fsModule.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a pass of a multi-pass suite (the e2e host runs four) that ran no test fails the run', () => {
    const dir = fsModule.realpathSync(fsModule.mkdtempSync(path.join(os.tmpdir(), 'rs-runall-')));
    try {
      // A project as run-all.mjs expects it: lint clean, one mocha test, and an e2e runner whose
      // second pass matched no test file (it prints its line, `0 passed`, and exits 0, as
      // test/e2e/suite/index.ts does when no *.test.js is beside it).
      const write = (rel: string, text: string) => {
        fsModule.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fsModule.writeFileSync(path.join(dir, rel), text);
      };
      write('package.json', JSON.stringify({ name: 'x', private: true, scripts: { lint: 'node -e 0' } }));
      write('test/.mocharc.json', JSON.stringify({ ui: 'bdd', reporter: 'spec' }));
      write('out/test/unit/a.test.js', "it('passes', () => {});\n");
      write('test/e2e/run.mjs', "console.log('e2e: 3 passed, 0 failed, 0 skipped');\nconsole.log('e2e: 0 passed, 0 failed, 0 skipped');\n");
      fsModule.symlinkSync(path.join(process.cwd(), 'node_modules'), path.join(dir, 'node_modules'));
      const r = spawnSync(process.execPath, [path.join(process.cwd(), 'test', 'run-all.mjs')], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.stdout.includes('1 passed, 0 failed'), true, r.stdout + r.stderr);
      assert.notEqual(r.status, 0, `a pass that ran no test, and npm test passed:\n${r.stdout.slice(-600)}`);
    } finally {
      fsModule.rmSync(dir, { recursive: true, force: true });
    }
  });
});
