// The configuration file over LSP: it applies to open snapshots, edits to it take effect without a
// reload (file events), its own problems are published on it at their lines.
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));

describe('configuration file over LSP', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let lsp: LspSession;
  beforeEach(async () => {
    ws = new TempWorkspace('rs-lsp-cfg-').withExampleRepo();
    lsp = await LspSession.start({ folders: [ws.root] });
  });
  afterEach(async () => {
    await lsp.stop();
    ws.dispose();
  });

  it('a rule turned off in the file takes effect at once; a problem in the file is shown in it, at its line', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT.replace('| P2 | Verified |', '| High | Verified |'));
    assert.deepEqual(codes((await lsp.diagnosticsFor(uri, 1)).diagnostics), ['table/severity']);
    ws.write('.review-snapshot.yaml', 'rules:\n  table/severity: off\n');
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.review-snapshot.yaml'), type: 1 }] });
    await lsp.until('the warning to go', () => lsp.last(uri)!.diagnostics.length === 0);
    ws.write('.review-snapshot.yaml', 'rules:\n  table/severity: off\n  metadata/date: off\n');
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.review-snapshot.yaml'), type: 2 }] });
    const inFile = await lsp.until('the problem in the file', () => {
      const d = lsp.last(ws.uri('.review-snapshot.yaml'))?.diagnostics;
      return d?.length ? d : undefined;
    });
    assert.equal(inFile[0].range.start.line, 2);
    assert.match(inFile[0].message, /"metadata\/date" is a contract rule/);
    await lsp.until('config/invalid on the snapshot', () => codes(lsp.last(uri)!.diagnostics).includes('config/invalid'));
  });
});
