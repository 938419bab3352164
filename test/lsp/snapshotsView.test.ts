// The Snapshots view's data through the real server: every snapshot and template with its
// verdict and counts (first level, one request), and what expanding one shows: its Findings rows
// by severity, its candidates with their journey (only in the snapshot, in a pending spec,
// promoted into a spec) and the gate results its Command Execution Log recorded.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  SnapshotDetailsRequest,
  SnapshotsViewChangedNotification,
  SnapshotsViewRequest,
  type SnapshotsViewItem,
  type SnapshotsViewResult,
  type ViewDetails,
} from '../../server/src/protocol';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const OTHER_REL = 'docs/reviews/snapshots/2026-03-01_broken.md';
const TEMPLATE_REL = 'docs/reviews/templates/review_snapshot.md';
/** An error (a bad date), a severity word instead of a level, a second Findings row, a second candidate. */
const BROKEN = VALID_TEXT.replace('Date: 2026-02-19', 'Date: soon')
  .replace('| P2 | Verified |', '| High | Verified |')
  .replace(
    '\n\n## Synthesis',
    '\n| P0 | Hypothesis | docs/book/80_troubleshooting.md:1 | Troubleshooting omits exit 137. | Users retry blindly. | Always. | Document it. |\n\n## Synthesis',
  )
  .replace(
    '```yaml\n- id: SELFHEAL-RUN-001',
    '```yaml\n- id: BROKEN-RUN-002\n  title: Document exit 137\n  type: docs\n  class: SHOULD\n  target_area: docs\n  acceptance_criteria:\n  - the page names exit 137.\n  affected_paths:\n  - /docs/book/80_troubleshooting.md\n  risk: low\n- id: SELFHEAL-RUN-001',
  )
  .replace('- `SELFHEAL-RUN-001`: behavior', '- `SELFHEAL-RUN-001`: behavior\n- `BROKEN-RUN-002`: docs');

const PENDING = `id: CK-REVIEW-20260219
title: Review-Derived Spec Candidates
priority: P1
source_snapshot: ${SNAPSHOT_REL}
candidates:
  - id: SELFHEAL-RUN-001
    title: Improve rust governance command failure diagnostics and retry behavior
`;

const items = (r: SnapshotsViewResult) => r.groups.flatMap((g) => g.items);
const byRel = (r: SnapshotsViewResult, rel: string): SnapshotsViewItem => {
  const it = items(r).find((i) => i.rel === rel);
  assert.ok(it, `${rel} is listed: ${items(r).map((i) => i.rel)}`);
  return it;
};

/** Asks until every verdict is worked out (the server says when, with snapshotsViewChanged). */
async function settled(lsp: LspSession, groupBy?: 'folder' | 'date'): Promise<SnapshotsViewResult> {
  let changed = 0;
  lsp.conn.onNotification(SnapshotsViewChangedNotification, () => changed++);
  for (let i = 0; i < 100; i++) {
    const r = await lsp.request(SnapshotsViewRequest, { groupBy });
    if (r.unchecked === 0) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`verdicts never settled (${changed} change notifications)`);
}

describe('Snapshots view: the data request', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let lsp: LspSession | undefined;
  beforeEach(() => {
    ws = new TempWorkspace('rs-view-').withExampleRepo();
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    ws.write(OTHER_REL, BROKEN);
    ws.write(TEMPLATE_REL, VALID_TEXT.replace('Date: 2026-02-19', 'Date: TODO'));
    ws.write('specs/governance/pending/2026-02-19_self-heal-run-pending.yaml', PENDING);
  });
  afterEach(async () => {
    await lsp?.stop();
    lsp = undefined;
    ws.dispose();
  });

  it('lists every snapshot and template with its verdict and counts, grouped by folder or by month', async () => {
    lsp = await LspSession.start({ folders: [ws.root] });
    const r = await settled(lsp);
    assert.deepEqual(
      r.groups.map((g) => [g.label, g.items.map((i) => i.rel)]),
      [
        ['docs/reviews/snapshots', [OTHER_REL, SNAPSHOT_REL]],
        ['docs/reviews/templates', [TEMPLATE_REL]],
      ],
    );
    const good = byRel(r, SNAPSHOT_REL);
    assert.equal(good.verdict, 'conforms');
    assert.deepEqual([good.errors, good.findings, good.candidates, good.date], [0, 1, 1, '2026-02-19']);
    const bad = byRel(r, OTHER_REL);
    assert.equal(bad.verdict, 'errors');
    assert.deepEqual([bad.errors, bad.findings, bad.candidates], [1, 2, 2]);
    assert.ok(bad.warnings + bad.infos >= 1, 'the severity word is reported too');
    assert.equal(byRel(r, TEMPLATE_REL).verdict, 'template');
    const byDate = await settled(lsp, 'date');
    assert.deepEqual(
      byDate.groups.map((g) => g.label),
      ['2026-03', '2026-02', 'undated'],
      'newest month first; the broken snapshot has no valid Date, its name says 2026-03; the template has none',
    );
  });

  it('a snapshot expanded: its findings by severity, its candidates with their journey, the recorded gate results', async () => {
    ws.write('specs/contract/40_exit_codes.md', '# Exit codes\n\nFrom review: BROKEN-RUN-002 (documented).\n');
    lsp = await LspSession.start({ folders: [ws.root] });
    await settled(lsp);
    const d = (await lsp.request(SnapshotDetailsRequest, { uri: ws.uri(OTHER_REL) })) as ViewDetails;
    assert.deepEqual(
      d.findings.map((f) => [f.severity, f.location]),
      [
        ['P0', 'docs/book/80_troubleshooting.md:1'],
        ['High', 'dc%2Drunner%2Drust/runner_adapter.sh:138'],
      ],
      'most severe first (High is a severity word for P1, still after P0)',
    );
    const journey = Object.fromEntries(d.candidates.map((c) => [c.id, [c.journey, c.label, [...c.pending, ...c.specs].map((p) => p.rel)]]));
    assert.deepEqual(journey, {
      'BROKEN-RUN-002': ['promoted', 'docs', ['specs/contract/40_exit_codes.md']],
      'SELFHEAL-RUN-001': ['pending', 'behavior', ['specs/governance/pending/2026-02-19_self-heal-run-pending.yaml']],
    });
    assert.equal(d.gates.length, 8);
    assert.deepEqual(
      d.gates.filter((g) => g.outcome !== 'pass').map((g) => [g.outcome, g.exitCode]),
      [['fail', '137']],
    );
    const lonely = (await lsp.request(SnapshotDetailsRequest, { uri: ws.uri(SNAPSHOT_REL) })) as ViewDetails;
    assert.deepEqual(
      lonely.candidates.map((c) => c.journey),
      ['pending'],
    );
  });

  it('a candidate named nowhere else is only in the snapshot; asked for freshness in an untrusted workspace, it says why none', async () => {
    ws.write('specs/governance/pending/2026-02-19_self-heal-run-pending.yaml', PENDING.replace(/SELFHEAL-RUN-001/g, 'OTHER-RUN-009'));
    lsp = await LspSession.start({ folders: [ws.root] });
    await settled(lsp);
    const d = await lsp.request(SnapshotDetailsRequest, { uri: ws.uri(SNAPSHOT_REL), freshness: true });
    assert.ok(!('error' in d));
    assert.deepEqual(
      d.candidates.map((c) => [c.id, c.journey]),
      [['SELFHEAL-RUN-001', 'snapshot']],
    );
    assert.match(d.freshnessNote ?? '', /trusted workspace/);
    assert.equal(d.findings[0].freshness, undefined);
  });

  it('a verdict follows the file: fixed on disk, the view is told and shows it conforming', async () => {
    lsp = await LspSession.start({ folders: [ws.root] });
    assert.equal(byRel(await settled(lsp), OTHER_REL).verdict, 'errors');
    let told = 0;
    lsp.conn.onNotification(SnapshotsViewChangedNotification, () => told++);
    ws.write(OTHER_REL, VALID_TEXT.replace('Date: 2026-02-19', 'Date: 2026-03-01'));
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri(OTHER_REL), type: 2 }] });
    await lsp.until('the view is told', () => told > 0);
    for (let i = 0; i < 50; i++) {
      const it = byRel(await settled(lsp), OTHER_REL);
      if (it.verdict === 'conforms') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail('the fixed snapshot never showed as conforming');
  });

  it("a file created elsewhere changes a snapshot's verdict: the cited file that was missing appears, and its warning goes", async () => {
    const cited = 'dc-runner-rust/runner_adapter.sh';
    const text = ws.read(cited);
    fs.rmSync(ws.path(cited));
    lsp = await LspSession.start({ folders: [ws.root] });
    const before = byRel(await settled(lsp), SNAPSHOT_REL);
    assert.equal(before.verdict, 'conforms');
    assert.ok(before.warnings >= 1, 'the missing cited file is a warning');
    ws.write(cited, text);
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri(cited), type: 1 }] });
    for (let i = 0; i < 50; i++) {
      if (byRel(await settled(lsp), SNAPSHOT_REL).warnings === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail('the snapshot still shows the warning of a cited file that exists');
  });
});
