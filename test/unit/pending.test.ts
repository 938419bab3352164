// Pending specs: YAML that reads back as the same data, merges that keep hand edits, and the
// Markdown form byte for byte as the earlier converter wrote it.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { parseSnapshot } from '../../server/src/service/model/snapshot';
import { convertToPending, pendingPath } from '../../server/src/service/features/pending';
import { VALID, DIALECT, edit, fixture } from '../support/engine';

const SOURCE = 'docs/reviews/snapshots/2026-02-19_self-heal-run.md';

function yamlOf(text: string, existing?: string, ids?: string[]): string {
  const r = convertToPending(parseSnapshot(text), { sourcePath: SOURCE, format: 'yaml', existing, ids });
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

describe('pending spec (YAML)', () => {
  it('has the documented shape, stamped with the snapshot Date', () => {
    const data = parse(yamlOf(VALID()));
    assert.equal(data.id, 'CK-REVIEW-20260219');
    assert.equal(data.title, 'Review-Derived Spec Candidates');
    assert.equal(data.priority, 'P1');
    assert.equal(data.source_snapshot, SOURCE);
    assert.deepEqual(Object.keys(data.candidates[0]), [
      'id',
      'title',
      'type',
      'class',
      'target_area',
      'risk',
      'classification',
      'acceptance_criteria',
      'affected_paths',
    ]);
    assert.equal(data.candidates[0].classification, 'behavior');
    assert.deepEqual(data.candidates[0].affected_paths, ['/dc%2Drunner%2Drust/runner_adapter.sh', '/docs/book/80_troubleshooting.md']);
  });
  it('a candidate without a label is "unclassified"', () => {
    const data = parse(yamlOf(edit(VALID(), '- `SELFHEAL-RUN-001`: behavior\n', '')));
    assert.equal(data.candidates[0].classification, 'unclassified');
  });
  it('round-trips awkward strings: colons, quotes, #, leading dashes, unicode, multi-line', () => {
    const awkward = [
      'key: value with: colons',
      `it's "quoted" and 'single'`,
      'has # a hash and #no-space',
      '- leading dash',
      '? question',
      'ünïcödé — 漢字 — 🚀',
      '@at and `backtick` and %percent',
      'yes',
      '0123',
    ];
    const items = awkward.map((a) => `  - ${JSON.stringify(a)}`).join('\n');
    const t = VALID().replace(
      / {2}acceptance_criteria:\n( {2}- .*\n)+/,
      `  acceptance_criteria:\n${items}\n  - |\n    line one\n    line two\n`,
    );
    const data = parse(yamlOf(t));
    assert.deepEqual(data.candidates[0].acceptance_criteria, [...awkward, 'line one\nline two\n']);
  });
  it('converting twice gives identical bytes', () => {
    const once = yamlOf(VALID());
    assert.equal(yamlOf(VALID(), once), once);
    assert.equal(yamlOf(VALID()), once);
  });
  it('merging keeps other entries, comments and hand edits, and replaces the converted entry by id', () => {
    const first = yamlOf(VALID());
    const handEdited = first
      .replace('priority: P1', 'priority: P0 # raised by the team')
      .replace('candidates:\n', 'candidates:\n  # written by hand\n  - id: HAND-1\n    title: kept as written\n    note: keep me\n');
    const changed = edit(VALID(), 'risk: moderate', 'risk: high');
    const merged = yamlOf(changed, handEdited);
    assert.match(merged, /priority: P0 # raised by the team/);
    assert.match(merged, /# written by hand/);
    const data = parse(merged);
    assert.deepEqual(
      data.candidates.map((c: { id: string }) => c.id),
      ['HAND-1', 'SELFHEAL-RUN-001'],
    );
    assert.equal(data.candidates[0].note, 'keep me');
    assert.equal(data.candidates[1].risk, 'high');
  });
  it('one candidate alone converts only that one', () => {
    const r = convertToPending(parseSnapshot(DIALECT()), { sourcePath: 'x.md', format: 'yaml', ids: ['DOCS-PASS-002'] });
    assert.ok(r.ok);
    const data = parse(r.text);
    assert.deepEqual(
      data.candidates.map((c: { id: string }) => c.id),
      ['DOCS-PASS-002'],
    );
  });
  it('an unknown id and an unreadable existing file are refused with a reason', () => {
    const r1 = convertToPending(parseSnapshot(VALID()), { sourcePath: SOURCE, format: 'yaml', ids: ['NOPE'] });
    assert.equal(r1.ok, false);
    const r2 = convertToPending(parseSnapshot(VALID()), { sourcePath: SOURCE, format: 'yaml', existing: 'candidates: [\n' });
    assert.ok(!r2.ok && /not valid YAML/.test(r2.error));
  });
  it('the path is <dir>/<snapshot-stem>-pending.<ext>', () => {
    assert.equal(pendingPath(SOURCE, 'specs/governance/pending', 'yaml'), 'specs/governance/pending/2026-02-19_self-heal-run-pending.yaml');
    assert.equal(pendingPath(SOURCE, 'out/', 'markdown'), 'out/2026-02-19_self-heal-run-pending.md');
  });
});

describe('pending spec (Markdown, the earlier converter form)', () => {
  it('matches the earlier tool output for the example snapshot byte for byte', () => {
    const r = convertToPending(parseSnapshot(VALID()), { sourcePath: SOURCE, format: 'markdown' });
    assert.ok(r.ok);
    assert.equal(r.text, fixture('pending/2026-02-19_self-heal-run-pending.md'));
  });
  it('merging replaces the block of the converted id and keeps the rest', () => {
    const first = (convertToPending(parseSnapshot(VALID()), { sourcePath: SOURCE, format: 'markdown' }) as { text: string }).text;
    const hand = first + '\n### HAND-1\n\n- title: mine\n';
    const r = convertToPending(parseSnapshot(edit(VALID(), 'risk: moderate', 'risk: high')), {
      sourcePath: SOURCE,
      format: 'markdown',
      existing: hand,
    });
    assert.ok(r.ok);
    assert.match(r.text, /- risk: `high`/);
    assert.doesNotMatch(r.text, /- risk: `moderate`/);
    assert.match(r.text, /### HAND-1\n\n- title: mine\n$/);
    assert.equal((r.text.match(/### SELFHEAL-RUN-001/g) ?? []).length, 1);
  });
});

describe('pending spec (YAML): merging beside anchors and aliases', () => {
  const model = () => parseSnapshot(VALID());
  const existing = (entry: string, other: string) =>
    `id: X\ntitle: T\npriority: P1\ncandidates:\n- id: SELFHEAL-RUN-001\n${entry}\n- id: OTHER-001\n${other}\n`;

  it('an entry to replace holds an anchor another entry uses: refused, naming both (not "internal error: Unresolved alias")', () => {
    const r = convertToPending(model(), {
      sourcePath: SOURCE,
      format: 'yaml',
      existing: existing('  affected_paths: &paths\n  - /a\n  title: old', '  affected_paths: *paths\n  title: other'),
    });
    assert.equal(r.ok, false);
    assert.match(
      !r.ok ? r.error : '',
      /the entry "SELFHEAL-RUN-001" holds the anchor &paths, which another part of the file uses \(\*paths\)/,
    );
  });

  it('anchors used only inside the entry, or aliases to anchors that stay, merge as before', () => {
    const inside = convertToPending(model(), {
      sourcePath: SOURCE,
      format: 'yaml',
      existing: existing('  affected_paths: &p [/a]\n  target_area: *p', '  title: other'),
    });
    assert.ok(inside.ok);
    const kept = convertToPending(model(), {
      sourcePath: SOURCE,
      format: 'yaml',
      existing: `defaults: &d [/x]\n${existing('  title: old', '  affected_paths: *d')}`,
    });
    assert.ok(kept.ok);
    assert.deepEqual(parse(kept.ok ? kept.text : '').candidates[1].affected_paths, ['/x']);
  });
});
