// A cite of another repository's file (links.external) is not a link: the server gives it no
// document link (nothing to follow, no link styling from one), and no hover that would show or
// link it percent-encoded (`dc%2Drunner%2Drust/…`). The grammar does not underline File:Line
// cells either (test/grammar: `string.other.link`, not `markup.underline.link`): it cannot tell
// an external cite from a local one, and the server's links are what can be followed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { DocumentLink, Hover } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const CITE = 'dc%2Drunner%2Drust/runner_adapter.sh:138';

describe('language server: external cites', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let lsp: LspSession | undefined;
  beforeEach(() => {
    ws = new TempWorkspace('rs-lsp-external-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
  });
  afterEach(async () => {
    await lsp?.stop();
    ws.dispose();
  });

  it('a cite under links.external gets no document link, and no hover shows it encoded or links it', async () => {
    ws.write('.review-snapshot.yaml', 'links:\n  external: ["dc-runner-rust/**"]\n');
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    lsp = await LspSession.start({ folders: [ws.root] });
    const uri = ws.uri(SNAPSHOT_REL);
    await lsp.diagnosticsFor(uri, lsp.open(uri, VALID_TEXT));
    const line = VALID_TEXT.split('\n').findIndex((l) => l.includes(CITE));
    const character = VALID_TEXT.split('\n')[line].indexOf(CITE) + 3;
    const links = (await lsp.request<DocumentLink[] | null>('textDocument/documentLink', { textDocument: { uri } })) ?? [];
    assert.ok(links.length > 0, 'the snapshot has links (its own files are linked)');
    const onCite = links.filter((l) => l.range.start.line === line);
    assert.deepEqual(onCite, [], 'no document link on the external cite');
    const hover = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    const text = hover ? JSON.stringify(hover.contents) : '';
    assert.doesNotMatch(text, /%2D/i, `the hover shows no percent-encoding: ${text}`);
    assert.doesNotMatch(text, /file:/, `the hover links no file: ${text}`);
  });
});
