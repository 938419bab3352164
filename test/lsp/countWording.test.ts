// One count wording in every front end: Check Workspace (the server's counts, worded by the
// client with checkWorkspaceSummary) says what the CLI says of the same repository ("1 snapshot
// and 1 template"), and Run Gates' verdict has its plural forms.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CheckWorkspaceRequest, checkWorkspaceSummary } from '../../server/src/protocol';
import { gatesVerdict } from '../../server/src/service/text/wording';
import { cli } from '../support/cli';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const TEMPLATE = fs.readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'templates', 'review_snapshot.md'), 'utf8');

describe('counts in words, alike in Check Workspace and the CLI', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-count-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    ws.write('docs/reviews/templates/review_snapshot.md', TEMPLATE);
  });
  afterEach(() => ws.dispose());

  it('Check Workspace counts the template and the review prompt apart, in the words the CLI uses', async () => {
    const lsp = await LspSession.start({ folders: [ws.root] });
    try {
      const r = await lsp.request(CheckWorkspaceRequest, {});
      assert.equal(r.templates, 1, JSON.stringify(r));
      const said = checkWorkspaceSummary(r);
      assert.match(said, /^1 snapshot, 1 template and 1 prompt checked \(of \d+ Markdown files\): 0 errors, 0 warnings$/);
      const run = cli(['validate', 'docs/reviews'], ws.root);
      assert.equal(run.code, 0, run.out + run.err);
      assert.match(run.out, /^1 snapshot, 1 template and 1 prompt checked: 0 errors, 0 warnings; all conform$/m);
    } finally {
      await lsp.stop();
    }
  });

  it('Run Gates: "The gate passed" for one, "All 3 gates passed", "1 of 1 gate failed"', () => {
    assert.equal(gatesVerdict(1, 0), 'The gate passed');
    assert.equal(gatesVerdict(3, 0), 'All 3 gates passed');
    assert.equal(gatesVerdict(1, 1), '1 of 1 gate failed');
    assert.equal(gatesVerdict(2, 1), '1 of 2 gates failed');
  });
});
