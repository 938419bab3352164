// The project's own GitHub Actions workflows (.github/workflows/): each is valid for GitHub, as
// checked by action-validator (from the npm registry, GitHub's workflow schema), and does what
// the release checklist in CONTRIBUTING.md relies on.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = process.cwd();
const VALIDATOR = path.join(ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

function validate(file: string) {
  const r = spawnSync(process.execPath, [VALIDATOR, file], { encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

function workflow(name: string) {
  return parse(fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8'));
}

/** Every `run:` line of a job. */
function runs(job: { steps: { run?: string }[] }): string {
  return job.steps.map((s) => s.run ?? '').join('\n');
}

describe('.github/workflows', function () {
  this.timeout(60000);

  for (const name of ['ci.yml', 'release.yml']) {
    it(`${name} is a valid workflow (action-validator)`, () => {
      const r = validate(path.join(ROOT, '.github', 'workflows', name));
      assert.equal(r.code, 0, r.out);
    });
  }

  it('the validator catches a broken workflow (so the checks above can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-wf-'));
    const bad = path.join(dir, 'bad.yml');
    fs.writeFileSync(bad, 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo\n');
    const r = validate(bad);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(r.code, 1);
    assert.match(r.out, /Additional property 'step' is not allowed/);
  });

  it('ci.yml runs npm test on Linux, Windows and macOS with Node 20 and 22', () => {
    const test = workflow('ci.yml').jobs.test;
    assert.deepEqual(test.strategy.matrix.os, ['ubuntu-latest', 'windows-latest', 'macos-latest']);
    assert.deepEqual(test.strategy.matrix.node, [20, 22]);
    assert.match(runs(test), /npm ci/);
    assert.match(runs(test), /npm test/);
  });

  it('release.yml, on a version tag: tests, then vsce publish, ovsx publish and npm publish --provenance', () => {
    const wf = workflow('release.yml');
    assert.deepEqual(wf.on.push.tags, ['v*.*.*']);
    const job = wf.jobs.release;
    assert.equal(job.permissions['id-token'], 'write', 'npm provenance needs an OIDC token');
    const lines = runs(job);
    const order = ['npm test', 'npm run package', 'vsce publish', 'ovsx publish', 'npm publish --provenance'].map((s) => lines.indexOf(s));
    assert.ok(
      order.every((i) => i >= 0),
      `every step is there: ${order}`,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'tested before anything is published',
    );
  });
});
