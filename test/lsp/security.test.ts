// The language server against a hostile peer and a hostile repository: malformed, absurdly nested
// and oversized JSON-RPC messages are refused without killing it; a pending spec whose real
// place is outside the repository is refused, for a new file as for an existing one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PendingRequest } from '../../server/src/protocol';
import { frame, stillAnswers } from '../support/hostilePeer';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

describe('language server security', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let lsp: LspSession;
  beforeEach(async () => {
    ws = new TempWorkspace('rs-lsp-sec-').withExampleRepo();
    lsp = await LspSession.start({ folders: [ws.root] });
  });
  afterEach(async () => {
    await lsp.stop();
    ws.dispose();
  });

  it('absurdly nested, malformed and huge messages are refused; the server keeps answering', async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const messages = [
      `{"jsonrpc":"2.0","id":901,"method":"textDocument/hover","params":${deep(200_000)}}`,
      `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}`,
      `{"jsonrpc":"2.0","id":902,"method":"reviewSnapshot/pending","params":{"uri":${deep(100_000)},"ids":${deep(100_000)}}}`,
      `{"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[{"uri":${deep(50_000)},"type":2}]}}`,
      `{"jsonrpc":"2.0","id":903,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///x.md"},"range":null,"context":${deep(50_000)}}}`,
      '{"jsonrpc":"2.0","id":904,"method":',
      `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///big.md","languageId":"markdown","version":1,"text":"${'x'.repeat(20_000_000)}"}}}`,
    ];
    for (const m of messages) lsp.proc.stdin!.write(frame(m));
    await stillAnswers(lsp, ws);
  });

  it('a pending folder that is a symlink out of the workspace: the server refuses the edit', async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-out-')));
    try {
      fs.mkdirSync(ws.path('specs/governance'), { recursive: true });
      fs.symlinkSync(outside, ws.path('specs/governance/pending'));
      const uri = ws.uri(SNAPSHOT_REL);
      lsp.open(uri, VALID_TEXT);
      await lsp.diagnosticsFor(uri, 1);
      const r = await lsp.request(PendingRequest, { uri });
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.errors[0].message : '', /cannot be written there: .*leads outside the folder/);
      fs.rmSync(ws.path('specs/governance/pending'));
      fs.mkdirSync(ws.path('specs/governance/pending'));
      fs.writeFileSync(path.join(outside, 'p.yaml'), 'SECRET: 1\n');
      fs.symlinkSync(path.join(outside, 'p.yaml'), ws.path('specs/governance/pending/2026-02-19_self-heal-run-pending.yaml'));
      lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('specs/governance/pending'), type: 1 }] });
      const existing = await lsp.request(PendingRequest, { uri });
      assert.equal(existing.ok, false);
      assert.ok(!JSON.stringify(existing).includes('SECRET'));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
