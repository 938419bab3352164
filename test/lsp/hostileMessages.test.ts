// JSON-RPC messages whose `id` is not what the protocol allows (a number, a string, or null): a
// deeply nested array or object, a mapping, a boolean, a fraction. Sent raw to the real server
// over stdio; each is refused (answered with an Invalid Request error where it can be, with a
// null id) and the server keeps serving — before, a nested id killed it while it was written
// into a log line or a response.
import * as assert from 'node:assert/strict';
import { frame, stillAnswers } from '../support/hostilePeer';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace } from '../support/workspace';

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

describe('language server: hostile JSON-RPC ids', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let lsp: LspSession;
  beforeEach(async () => {
    ws = new TempWorkspace('rs-lsp-ids-').withExampleRepo();
    lsp = await LspSession.start({ folders: [ws.root] });
  });
  afterEach(async () => {
    await lsp.stop();
    ws.dispose();
  });

  async function stillServes(): Promise<void> {
    await stillAnswers(lsp, ws);
    const uri = ws.uri(SNAPSHOT_REL);
    const symbols = (await lsp.request('textDocument/documentSymbol', { textDocument: { uri } })) as unknown[];
    assert.ok(symbols.length > 0, 'answers a request after the hostile ones');
  }

  const ids: [string, string][] = [
    ['an array nested 100,000 deep', deepArray(100_000)],
    ['an object nested 100,000 deep', deepObject(100_000)],
    ['an object', '{"x":1}'],
    ['a boolean', 'true'],
  ];

  it('requests, cancellations and responses whose id is nested, an object or a boolean: refused, and the server keeps answering', async () => {
    const refusals: unknown[] = [];
    lsp.proc.stdout!.on('data', (b: Buffer) => {
      if (b.includes('Invalid Request: the id must be')) refusals.push(b);
    });
    for (const [, id] of ids) {
      const hover = '{"textDocument":{"uri":"file:///x.md"},"position":{"line":0,"character":0}}';
      lsp.proc.stdin!.write(frame(`{"jsonrpc":"2.0","id":${id},"method":"textDocument/hover","params":${hover}}`));
      lsp.proc.stdin!.write(frame(`{"jsonrpc":"2.0","id":${id},"method":"no/such/method"}`));
      lsp.proc.stdin!.write(frame(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":${id}}}`));
      lsp.proc.stdin!.write(frame(`{"jsonrpc":"2.0","method":"$/progress","params":{"token":${id},"value":{}}}`));
      // A response (to a request the server sent) whose id is hostile, and one with no id and a nested error.
      lsp.proc.stdin!.write(frame(`{"jsonrpc":"2.0","id":${id},"result":null}`));
      lsp.proc.stdin!.write(frame(`{"jsonrpc":"2.0","id":null,"error":{"code":1,"message":"x","data":${deepArray(100_000)}}}`));
      // Neither a request, a notification nor a response.
      lsp.proc.stdin!.write(frame(`{"jsonrpc":"2.0","x":${deepObject(100_000)}}`));
    }
    await stillServes();
    assert.ok(refusals.length > 0, 'a request with a hostile id is answered with Invalid Request');
  });

  it('a request with an ordinary string id is still answered', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    let answered = false;
    lsp.proc.stdout!.on('data', (b: Buffer) => {
      if (b.includes('"id":"my-id"')) answered = true;
    });
    lsp.proc.stdin!.write(
      frame(`{"jsonrpc":"2.0","id":"my-id","method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"${uri}"}}}`),
    );
    await stillServes();
    assert.ok(answered);
  });
});
