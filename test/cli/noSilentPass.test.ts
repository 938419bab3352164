// No silent pass through the real CLI (issue 22): candidates a reader sees beside the checked
// block, in any form or container, and a checked block hidden in an HTML comment, make
// `validate` fail without --strict (candidates/unchecked at their place), and `to-pending`
// refuses, writing nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { cli } from '../support/cli';
import { namedUncheckedCases } from '../support/silentPass';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

describe('CLI: no silent pass for candidates a reader sees but the checker did not read', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-cli-silent-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
  });
  afterEach(() => ws.dispose());

  for (const c of namedUncheckedCases(VALID_TEXT)) {
    it(`${c.name}: validate fails (no --strict) with candidates/unchecked on line ${c.line + 1}; to-pending refuses`, () => {
      ws.write(SNAPSHOT_REL, c.text);
      const r = cli(['validate', '--format', 'json', '--no-links', SNAPSHOT_REL], ws.root);
      assert.equal(r.code, 1, r.err);
      const findings = (JSON.parse(r.out) as { files: { findings: { rule: string; severity: string; line: number }[] }[] }).files[0]
        .findings;
      const hit = findings.filter((f) => f.rule === 'candidates/unchecked');
      assert.deepEqual(
        hit.map((f) => [f.severity, f.line]),
        [['error', c.line + 1]],
        JSON.stringify(findings),
      );
      const p = cli(['to-pending', SNAPSHOT_REL], ws.root);
      assert.equal(p.code, 1, p.err);
      assert.match(p.err, /candidates\/unchecked/);
      assert.match(p.err, /nothing written/);
      assert.equal(fs.existsSync(ws.path('specs/governance/pending/2026-02-19_self-heal-run-pending.yaml')), false);
    });
  }
});
