// Review finding (adversarial pass): the Snapshots view's verdict and counts must be CI's.
// A candidate duplicated across snapshots is a finding of the snapshot in the Problems panel,
// the status item, Check Workspace and `validate` (lsp/crossSnapshot.ts `allFindings`); with the
// configuration's level `error` CI fails the snapshot. The view counted the file's own check only,
// so it showed that failing snapshot as `conforms` with 0 errors (fail open).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SnapshotsViewRequest, type SnapshotsViewItem, type SnapshotsViewResult } from '../../server/src/protocol';
import { cli } from '../support/cli';
import { LspSession } from '../support/lsp';
import { applyExample, diffOf, EXAMPLES, pageOf, section, SNAPSHOT } from '../support/ruleDocs';

const DUP = 'candidates/duplicate-across-snapshots';
const CASE_REL = 'docs/reviews/snapshots/2026-03-01_case.md';
const BASE_REL = path.relative(EXAMPLES, SNAPSHOT).split(path.sep).join('/');

interface Json {
  files: { file: string; findings: { rule: string; severity: string }[] }[];
}

async function settled(lsp: LspSession): Promise<SnapshotsViewResult> {
  for (let i = 0; i < 100; i++) {
    const r = await lsp.request(SnapshotsViewRequest, {});
    if (r.unchecked === 0) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('verdicts never settled');
}

describe('Snapshots view: verdict and counts agree with the CLI for candidates across snapshots', function () {
  this.timeout(60000);
  let root: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-view-cross-')));
    fs.cpSync(EXAMPLES, root, { recursive: true });
    fs.mkdirSync(path.join(root, '.git'));
    // The rule page's failing example beside the example snapshot: the same id, another candidate.
    fs.writeFileSync(path.join(root, CASE_REL), applyExample(diffOf(section(pageOf(DUP), 'Failing example'))!));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const cliCounts = (rel: string) => {
    const r = cli(['validate', '--format', 'json', '.'], root);
    assert.ok(r.code === 0 || r.code === 1, r.err);
    const found = (JSON.parse(r.out) as Json).files.find((f) => f.file === rel)!.findings;
    const n = (s: string) => found.filter((f) => f.severity === s).length;
    return { code: r.code, errors: n('error'), warnings: n('warning') };
  };

  async function viewItem(rel: string): Promise<SnapshotsViewItem> {
    const lsp = await LspSession.start({ folders: [root] });
    try {
      const it = (await settled(lsp)).groups.flatMap((g) => g.items).find((i) => i.rel === rel);
      assert.ok(it, `${rel} is listed`);
      return it;
    } finally {
      await lsp.stop();
    }
  }

  it('configured as error: CI fails the snapshot, and the view does not say it conforms', async () => {
    fs.writeFileSync(path.join(root, '.review-snapshot.json'), JSON.stringify({ rules: { [DUP]: 'error' } }));
    const ci = cliCounts(CASE_REL);
    assert.equal(ci.code, 1, 'CI fails');
    assert.equal(ci.errors, 1);
    const item = await viewItem(CASE_REL);
    assert.equal(item.verdict, 'errors', `the view says ${item.verdict} for a snapshot CI fails`);
    assert.deepEqual({ errors: item.errors, warnings: item.warnings }, { errors: ci.errors, warnings: ci.warnings });
  });

  it("at the default level: the view's warning count is CI's (which --strict fails on)", async () => {
    const ci = cliCounts(CASE_REL);
    assert.equal(ci.warnings, 1);
    const item = await viewItem(CASE_REL);
    assert.deepEqual({ errors: item.errors, warnings: item.warnings }, { errors: ci.errors, warnings: ci.warnings });
  });

  it('another snapshot changed on disk to take the same id: the view follows, as CI does', async () => {
    // The case first names an id of its own: nothing is duplicated.
    const casePath = path.join(root, CASE_REL);
    fs.writeFileSync(casePath, fs.readFileSync(casePath, 'utf8').split('SELFHEAL-RUN-001').join('OTHER-RUN-002'));
    fs.writeFileSync(path.join(root, '.review-snapshot.json'), JSON.stringify({ rules: { [DUP]: 'error' } }));
    assert.equal(cliCounts(CASE_REL).code, 0);
    const lsp = await LspSession.start({ folders: [root] });
    try {
      const first = (await settled(lsp)).groups.flatMap((g) => g.items).find((i) => i.rel === CASE_REL)!;
      assert.equal(first.verdict, 'conforms');
      // The other snapshot (not the case) now names the case's id for its own candidate.
      const basePath = path.join(root, BASE_REL);
      fs.writeFileSync(basePath, fs.readFileSync(basePath, 'utf8').split('SELFHEAL-RUN-001').join('OTHER-RUN-002'));
      const ci = cliCounts(CASE_REL);
      assert.deepEqual([ci.code, ci.errors], [1, 1], 'CI fails the case now');
      lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(basePath).toString(), type: 2 }] });
      let item = first;
      for (let i = 0; i < 50; i++) {
        await new Promise((r) => setTimeout(r, 100));
        item = (await settled(lsp)).groups.flatMap((g) => g.items).find((x) => x.rel === CASE_REL)!;
        if (item.verdict === 'errors') break;
      }
      assert.equal(item.verdict, 'errors', `the view still says ${item.verdict} for the case CI now fails`);
      assert.equal(item.errors, ci.errors);
    } finally {
      await lsp.stop();
    }
  });
});
