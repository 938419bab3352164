// The CLI reads the repository's templates only when the verdict could depend on them
// (CheckInput.templatesWhenNeeded): a snapshot whose lane, statuses, severities, verification
// words and candidate values are all conventional already is checked without walking the
// repository for templates; one with a value outside them is checked with what the templates
// offer — the same findings, at the same severities, as a check that always reads them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskWorkspace } from '../../server/src/node/diskWorkspace';
import { createSnapshotService } from '../../server/src/service/index';
import { templateWork } from '../../server/src/service/repo/repoTemplates';
import { cli } from '../support/cli';
import { VALID, edit, fixture } from '../support/engine';

const TEMPLATE_REL = 'docs/reviews/templates/review_snapshot.md';
const SNAPSHOT_REL = 'docs/reviews/snapshots/2026-02-19_x.md';

describe("the CLI's check reads the repository's templates only when the verdict could depend on them", function () {
  this.timeout(30000);
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-templates-needed-')));
    fs.mkdirSync(path.join(root, '.git'));
    fs.mkdirSync(path.join(root, 'specs', 'schema'), { recursive: true });
    fs.copyFileSync('server/src/schema/review_snapshot_schema_v1.yaml', path.join(root, 'specs/schema/review_snapshot_schema_v1.yaml'));
    fs.mkdirSync(path.dirname(path.join(root, TEMPLATE_REL)), { recursive: true });
    fs.writeFileSync(path.join(root, TEMPLATE_REL), fixture('templates/review_snapshot.md'));
    // A repository with folders of its own: the default `**/templates/**` glob walks them all.
    for (let i = 0; i < 20; i++) fs.mkdirSync(path.join(root, 'src', `part${i}`, 'inner'), { recursive: true });
    fs.mkdirSync(path.join(root, path.dirname(SNAPSHOT_REL)), { recursive: true });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  /** The findings (`rule severity`) and the folders the templates walk listed, with or without the CLI's option. */
  function check(text: string, whenNeeded: boolean) {
    const service = createSnapshotService({ workspace: new DiskWorkspace() });
    const file = path.join(root, SNAPSHOT_REL);
    const before = templateWork.listed;
    const r = service
      .fileCheck({ file, root, explicit: true, options: { templatesWhenNeeded: whenNeeded, today: '2026-02-20' } }, text)
      .check();
    return { findings: r.findings.map((f) => `${f.range.start.line}:${f.rule} ${f.severity}`), listed: templateWork.listed - before };
  }

  const conventional = () => VALID();
  const templateLane = () => edit(VALID(), 'Runner lane: rust|required', 'Runner lane: governance');
  const oddLane = () => edit(VALID(), 'Runner lane: rust|required', 'Runner lane: cobol');

  it('all values conventional: no folder is listed for templates, and the findings are those of a check that reads them', () => {
    const lazy = check(conventional(), true);
    const always = check(conventional(), false);
    assert.ok(always.listed > 20, `a check that reads the templates lists the repository's folders (${always.listed})`);
    assert.equal(lazy.listed, 0, `${lazy.listed} folders listed for templates`);
    assert.deepEqual(lazy.findings, always.findings);
  });

  it("a lane only the repository's template offers: read, and conventional as before", () => {
    const lazy = check(templateLane(), true);
    assert.ok(lazy.listed > 0);
    assert.deepEqual(lazy.findings, check(templateLane(), false).findings);
    assert.ok(!lazy.findings.some((f) => f.includes('metadata/runner-lane')), lazy.findings.join('\n'));
  });

  it('a lane no one offers: a warning (the template declares conventions), not information, as before', () => {
    const lazy = check(oddLane(), true);
    assert.deepEqual(lazy.findings, check(oddLane(), false).findings);
    assert.ok(
      lazy.findings.some((f) => /metadata\/runner-lane warning$/.test(f)),
      lazy.findings.join('\n'),
    );
  });

  it("the real CLI: --strict passes the template's lane and fails a lane no one offers", () => {
    const file = path.join(root, SNAPSHOT_REL);
    for (const [text, code] of [
      [conventional(), 0],
      [templateLane(), 0],
      [oddLane(), 1],
    ] as const) {
      fs.writeFileSync(file, text);
      // Without link checks: VALID cites files this repository does not hold.
      const r = cli(['validate', '--strict', '--no-links', SNAPSHOT_REL], root);
      assert.equal(r.code, code, r.out + r.err);
      assert.equal(r.out.includes('[metadata/runner-lane]'), code === 1, r.out);
    }
  });
});
