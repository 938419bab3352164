// What is reused between versions of a document (row cells, parsed refs, the candidates' YAML)
// must never show through as a stale place or a stale finding: each version is checked as if
// from scratch.
import * as assert from 'node:assert/strict';
import { VALID, lineOf, serviceFor, settingsFor } from '../support/engine';

// One service for the whole suite: its caches carry over from one check to the next, as in the server.
const service = serviceFor();
const findings = (text: string) => service.check({ text }, settingsFor()).findings;

const ROW = '| P2 | Verified | dc%2Drunner%2Drust/runner_adapter.sh:138 |';

describe('reuse across versions', () => {
  it('the same broken row at two places is reported at each, and again after lines are added above', () => {
    const bad = VALID().replace(ROW, '| High | Verified | dc%2Drunner%2Drust/runner_adapter.sh:138 |');
    const row = bad.split('\n').find((l) => l.startsWith('| High |'))!;
    const twice = bad.replace(row, `${row}\n${row}`);
    const at = (t: string) =>
      findings(t)
        .filter((f) => f.rule === 'table/severity')
        .map((f) => [f.range.start.line, f.range.start.character, f.range.end.character]);
    const first = lineOf(twice, '| High |');
    assert.deepEqual(at(twice), [
      [first, 2, 6],
      [first + 1, 2, 6],
    ]);
    // Three lines of scope notes above: the same rows (same text, cells reused) move down by 3.
    const shifted = twice.replace('## Scope Notes\n', '## Scope Notes\n\n- one\n- two\n');
    assert.equal(lineOf(shifted, '| High |'), first + 3);
    assert.deepEqual(at(shifted), [
      [first + 3, 2, 6],
      [first + 4, 2, 6],
    ]);
    // And the fix clears both, although the broken rows were seen before.
    assert.deepEqual(at(shifted.replaceAll('| High |', '| P1 |')), []);
  });

  it('an unchanged candidates block that moved is reported at its new place', () => {
    const broken = VALID().replace('  type: contract.check\n', '');
    const at = (t: string) =>
      findings(t)
        .filter((f) => f.rule === 'candidates/missing-key')
        .map((f) => f.range.start.line);
    const before = at(broken);
    assert.equal(before.length, 1);
    const moved = broken.replace('## Scope Notes\n', '## Scope Notes\n\n- one more note\n');
    assert.deepEqual(at(moved), [before[0] + 2]);
  });

  it('a check with warm caches gives exactly what a check from cold gives', () => {
    const text = VALID().replace(ROW, '| P9 | Maybe | ../../etc/passwd:1 |');
    findings(text); // warm
    const warm = JSON.stringify(findings(text));
    service.clearCaches();
    assert.equal(JSON.stringify(findings(text)), warm);
    assert.ok(JSON.parse(warm).some((f: { rule: string }) => f.rule === 'table/severity'));
  });
});
