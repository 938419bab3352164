// Comparing two reviews: findings matched by what they say (moved lines, rewritten paths,
// reordered rows), edits reported as updated, uncertain matches marked, candidates by id/title.
import * as assert from 'node:assert/strict';
import { diffMarkdown, diffReviews } from '../../server/src/service/lifecycle/reviewDiff';
import { normalizeText } from '../../server/src/service/lifecycle/match';
import { splitLocation } from '../../server/src/service/lifecycle/reviewItems';
import { candidate, review, row } from '../support/reviews';

function diff(older: string, newer: string) {
  return diffReviews({ name: 'old.md', text: older }, { name: 'new.md', text: newer });
}

function states(d: ReturnType<typeof diff>['findings']) {
  return d.map((m) => `${m.state}:${(m.newer ?? m.older)!.what}${m.uncertain ? '?' : ''}`);
}

const A = row('P1', 'src/a.ts:10', 'The parser drops the last row.');
const B = row('P2', 'src/b.ts:20', 'Retries are not logged.');

describe('review diff: findings', () => {
  it('a finding whose line moved (and whose text names the line) is unchanged, not new + absent', () => {
    const older = review([row('P1', 'src/a.ts:10', 'The parser drops the last row at line 10.')]);
    const newer = review([row('P1', 'src/a.ts:42', 'The parser drops the last row at line 42.')]);
    assert.deepEqual(states(diff(older, newer).findings), ['unchanged:The parser drops the last row at line 42.']);
  });

  it('reordered rows match each other', () => {
    const d = diff(review([A, B]), review([B, A]));
    assert.deepEqual(
      d.findings.map((m) => [m.state, m.uncertain]),
      [
        ['unchanged', false],
        ['unchanged', false],
      ],
    );
  });

  it('a path rewritten after a folder move matches by file name and text, marked uncertain', () => {
    const d = diff(review([A]), review([row('P1', 'packages/core/src/a.ts:12', 'The parser drops the last row.')]));
    assert.equal(d.findings.length, 1);
    assert.equal(d.findings[0].state, 'unchanged');
    assert.equal(d.findings[0].uncertain, true);
    assert.equal(d.findings[0].by, 'basename');
    assert.equal(d.findings[0].older!.file, 'src/a.ts');
  });

  it('an edited text or a changed severity is updated; an edit of a few words is still the same finding (uncertain)', () => {
    const sev = diff(review([A]), review([row('P3', 'src/a.ts:10', 'The parser drops the last row.')]));
    assert.deepEqual([sev.findings[0].state, sev.findings[0].uncertain], ['updated', false]);
    const edited = diff(review([A]), review([row('P1', 'src/a.ts:10', 'The parser silently drops the last table row.')]));
    assert.equal(edited.findings.length, 1);
    assert.equal(edited.findings[0].state, 'updated');
    assert.equal(edited.findings[0].uncertain, true);
    assert.ok(edited.findings[0].confidence! < 1 && edited.findings[0].confidence! >= 0.5);
  });

  it('a dropped row is absent, an added row new, and different findings of one file are not merged', () => {
    const c = row('P2', 'src/a.ts:99', 'Timeouts are hard-coded in the client.');
    assert.deepEqual(states(diff(review([A, B]), review([B, c])).findings), [
      'unchanged:Retries are not logged.',
      'new:Timeouts are hard-coded in the client.',
      'absent:The parser drops the last row.',
    ]);
  });

  it('File:Line cells: the path (decoded, no ./ or backticks) and the first line, in the forms reviews write', () => {
    assert.deepEqual(splitLocation('`./dc%2Drunner/a-1.sh:138`'), { file: 'dc-runner/a-1.sh', line: 138 });
    assert.deepEqual(splitLocation('src/a.ts:12-14'), { file: 'src/a.ts', line: 12 });
    assert.deepEqual(splitLocation('/src/a.ts:7:3'), { file: 'src/a.ts', line: 7 });
    assert.deepEqual(splitLocation('src/a.ts#L5-L9'), { file: 'src/a.ts', line: 5 });
    assert.deepEqual(splitLocation('docs/README.md'), { file: 'docs/README.md', line: undefined });
    assert.deepEqual(splitLocation('n/a'), { file: '', line: undefined });
  });

  it('normalized text: case, whitespace, backticks and line numbers do not count', () => {
    assert.equal(
      normalizeText('The  `Parser`\tfails at src/a.ts:12 (line 12)'),
      normalizeText('the parser fails at src/a.ts:30 (line 31)'),
    );
  });
});

describe('review diff: candidates and Markdown', () => {
  it('candidates match by id (edited: updated), then by title when the id changed (uncertain, updated: the id is part of it)', () => {
    const older = review(
      [A],
      [candidate('RUN-001', 'Log retries'), candidate('RUN-002', 'Check the parser'), candidate('RUN-003', 'Drop this')],
    );
    const newer = review(
      [A],
      [candidate('RUN-001', 'Log retries', 'tooling'), candidate('RUN-200', 'Check the Parser'), candidate('RUN-004', 'New one')],
    );
    const got = diff(older, newer).candidates.map((m) => `${m.state}:${(m.newer ?? m.older)!.id}${m.uncertain ? '?' : ''}`);
    assert.deepEqual(got, ['updated:RUN-001', 'updated:RUN-200?', 'new:RUN-004', 'absent:RUN-003']);
  });

  it('Markdown escapes cell text: a pipe, a newline or HTML in a finding cannot break the table', () => {
    const hostile = row('P1', 'src/x.ts:1', 'a \\| b <img src=x onerror=alert(1)> `c`');
    const md = diffMarkdown(diff(review([]), review([hostile])));
    const line = md.split('\n').find((l) => l.startsWith('| new'))!;
    assert.ok(!line.includes('<img'), line);
    assert.match(line, /a \\\| b &lt;img/);
    assert.equal(line.split(/(?<!\\)\|/).length, 6, `four cells: ${line}`);
  });
});
