// The real server publishes at most MAX_PUBLISHED diagnostics for one file, however many findings
// a snapshot makes (SECURITY.md, bounded work): errors first, and one diagnostic on the first line
// that says how many are not shown. Doubling the findings past the cap publishes no more.
import * as assert from 'node:assert/strict';
import { MAX_PUBLISHED } from '../../server/src/service/features/diagnostics';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const ROW = '| P2 | Verified | dc%2Drunner%2Drust/runner_adapter.sh:138 |';

/** The example snapshot with `n` more findings rows, each with a severity the bundled conventions do not know (information each, as the repository declares none), and no date (an error). */
function withBadRows(n: number): string {
  const line = VALID_TEXT.split('\n').find((l) => l.startsWith(ROW))!;
  const rows = Array.from({ length: n }, (_, i) => line.replace('| P2 |', `| Q${i} |`)).join('\n');
  return VALID_TEXT.replace(line, `${line}\n${rows}`).replace('Date: 2026-02-19', 'Date: never');
}

describe('language server: diagnostics published for one file are bounded', function () {
  this.timeout(120000);
  let ws: TempWorkspace;
  let lsp: LspSession;
  before(async () => {
    ws = new TempWorkspace('rs-lsp-publish-').withExampleRepo();
    lsp = await LspSession.start({ folders: [ws.root] });
  });
  after(async () => {
    await lsp.stop();
    ws.dispose();
  });

  it(`doubling the findings past ${MAX_PUBLISHED} publishes no more, with a summary of the rest`, async () => {
    const published: number[] = [];
    for (const [i, n] of [1500, 3000].entries()) {
      const uri = ws.uri(SNAPSHOT_REL.replace('.md', `-${i}.md`));
      lsp.open(uri, withBadRows(n));
      const d = (await lsp.diagnosticsFor(uri, 1)).diagnostics;
      published.push(d.length);
      assert.match(
        d[0].message,
        new RegExp(
          `^${n + 1 - MAX_PUBLISHED} more findings are not shown \\(${n + 1 - MAX_PUBLISHED} info findings\\).*review-snapshot validate`,
        ),
      );
      assert.equal(d[0].severity, 3, 'the summary has the severity of the worst it hides (information)');
      assert.ok(
        d.some((x) => x.code === 'metadata/date'),
        'the error is shown',
      );
    }
    assert.deepEqual(published, [MAX_PUBLISHED + 1, MAX_PUBLISHED + 1]);
  });
});
