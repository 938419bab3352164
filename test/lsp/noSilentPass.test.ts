// No silent pass over LSP (issue 22): the real server gives the same candidates/unchecked
// diagnostic as the CLI for each of the cases, and its pending conversion refuses.
import * as assert from 'node:assert/strict';
import { PendingRequest } from '../../server/src/protocol';
import { LspSession } from '../support/lsp';
import { namedUncheckedCases } from '../support/silentPass';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

describe('language server: no silent pass for candidates a reader sees but the checker did not read', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let lsp: LspSession | undefined;
  before(async () => {
    ws = new TempWorkspace().withExampleRepo();
    lsp = await LspSession.start({ folders: [ws.root] });
  });
  after(async () => {
    await lsp?.stop();
    ws.dispose();
  });

  namedUncheckedCases(VALID_TEXT).forEach((c, i) => {
    it(`${c.name}: an error at line ${c.line + 1}, and the pending conversion refuses`, async () => {
      const uri = ws.uri(SNAPSHOT_REL.replace('.md', `-${i}.md`));
      lsp!.open(uri, c.text);
      const d = (await lsp!.diagnosticsFor(uri, 1)).diagnostics.filter((x) => x.code === 'candidates/unchecked');
      assert.deepEqual(
        d.map((x) => [x.severity, x.range.start.line]),
        [[1, c.line]],
      );
      const r = await lsp!.request(PendingRequest, { uri });
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.errors.some((e) => e.rule === 'candidates/unchecked'));
    });
  });
});
