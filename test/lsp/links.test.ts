// Writes and reads through links, in the language server (SECURITY.md, "Links"): a pending spec
// is never planned through a symbolic link that leads nowhere (a plain LSP client would create the
// file where it points, outside), a rename edits only pending specs by their real path, and a link
// to `/` cannot tell which files exist outside. Found by the third security review (issue 23).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { PendingRequest } from '../../server/src/protocol';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const PENDING_DIR = 'specs/governance/pending';
const PENDING_REL = `${PENDING_DIR}/2026-02-19_self-heal-run-pending.yaml`;
const ID = 'SELFHEAL-RUN-001';

describe('language server: writes and reads through links', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let outside: string;
  let lsp: LspSession;
  beforeEach(() => {
    ws = new TempWorkspace('rs-lsp-links-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-out-')));
  });
  afterEach(async () => {
    await lsp?.stop();
    ws.dispose();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  async function openSnapshot(text = VALID_TEXT): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    ws.write(SNAPSHOT_REL, text);
    lsp = await LspSession.start({ folders: [ws.root] });
    const uri = ws.uri(SNAPSHOT_REL);
    const d = await lsp.diagnosticsFor(uri, lsp.open(uri, text));
    return { uri, diagnostics: d.diagnostics };
  }

  it('no pending spec is planned through a link that leads nowhere (outside): not for the folder, not for the file', async () => {
    fs.mkdirSync(ws.path('specs/governance'), { recursive: true });
    fs.symlinkSync(path.join(outside, 'not-yet'), ws.path(PENDING_DIR));
    const { uri } = await openSnapshot();
    const viaFolder = await lsp.request(PendingRequest, { uri });
    assert.equal(viaFolder.ok, false, `a create through a dangling folder link was planned: ${JSON.stringify(viaFolder)}`);
    assert.match(!viaFolder.ok ? viaFolder.errors[0].message : '', /leads nowhere/);
    fs.rmSync(ws.path(PENDING_DIR));
    fs.mkdirSync(ws.path(PENDING_DIR));
    fs.symlinkSync(path.join(outside, 'profile'), ws.path(PENDING_REL));
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri(PENDING_DIR), type: 1 }] });
    const viaFile = await lsp.request(PendingRequest, { uri });
    assert.equal(viaFile.ok, false, `a create through a dangling file link was planned: ${JSON.stringify(viaFile)}`);
    assert.match(!viaFile.ok ? viaFile.errors[0].message : '', /is a symbolic link; it is not followed/);
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing was made outside');
  });

  it('a rename does not edit a *-pending.yaml link to an unrelated file that holds the id; a real pending spec is edited', async () => {
    const unrelated = `deploy:\ncandidates:\n  - id: ${ID}\n    title: production switch\n`;
    ws.write('config/deploy.yaml', unrelated);
    fs.mkdirSync(ws.path(PENDING_DIR), { recursive: true });
    fs.symlinkSync(ws.path('config/deploy.yaml'), ws.path(PENDING_REL));
    const { uri } = await openSnapshot();
    const line = VALID_TEXT.split('\n').findIndex((l) => l.startsWith(`- id: ${ID}`));
    const position: Position = { line, character: 8 };
    const linked = await lsp.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position,
      newName: 'SELFHEAL-RUN-010',
    });
    assert.deepEqual(Object.keys(linked.changes ?? {}), [uri], `the link was edited: ${JSON.stringify(linked)}`);
    fs.rmSync(ws.path(PENDING_REL));
    ws.write(PENDING_REL, unrelated);
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri(PENDING_REL), type: 1 }] });
    const real = await lsp.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'SELFHEAL-RUN-010' });
    assert.deepEqual(Object.keys(real.changes ?? {}).sort(), [uri, ws.uri(PENDING_REL)].sort());
  });

  it('a link to / tells nothing about what exists outside: a file that is there and one that is not are both outside', async () => {
    fs.symlinkSync('/', ws.path('rootlink'));
    fs.writeFileSync(path.join(outside, 'there'), 'x\n');
    const text = VALID_TEXT.replace('- /specs/schema/schema_v1.md', `- /rootlink${outside}/there\n- /rootlink${outside}/not-there`);
    const { diagnostics } = await openSnapshot(text);
    const on = (name: string) => diagnostics.filter((d) => d.message.includes(`/${name}"`)).map((d) => String(d.code));
    assert.deepEqual(on('there'), ['links/outside']);
    assert.deepEqual(on('not-there'), ['links/outside'], 'a missing outside file is told apart from one that exists');
  });
});
