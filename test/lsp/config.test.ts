// The configuration file over LSP: it applies to open snapshots, edits to it take effect without a
// reload (file events), its own problems are published on it at their lines.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
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

describe("the configuration file in the editor's other requests", function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let lsp: LspSession | undefined;
  beforeEach(() => (ws = new TempWorkspace('rs-lsp-cfg-req-').withExampleRepo()));
  afterEach(async () => {
    await lsp?.stop();
    ws.dispose();
  });

  it("a pending spec in the configuration's pending directory navigates to its snapshot's candidate (the editor settings say another)", async () => {
    const pendingRel = 'reviews/pending/2026-02-19_self-heal-run-pending.yaml';
    const pending = `id: CK\ntitle: T\npriority: P1\nsource_snapshot: ${SNAPSHOT_REL}\ncandidates:\n  - id: SELFHEAL-RUN-001\n    title: t\n`;
    ws.write('.review-snapshot.yaml', 'pending:\n  directory: reviews/pending\n');
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    ws.write(pendingRel, pending);
    lsp = await LspSession.start({ folders: [ws.root], settings: { pending: { directory: 'elsewhere' } } });
    lsp.open(ws.uri(pendingRel), pending, 'yaml');
    const locs = await lsp.request<{ uri: string; range: Diagnostic['range'] }[]>('textDocument/definition', {
      textDocument: { uri: ws.uri(pendingRel) },
      position: { line: 5, character: 10 },
    });
    const line = VALID_TEXT.split('\n').findIndex((l) => l.startsWith('- id: SELFHEAL-RUN-001'));
    assert.deepEqual(
      locs.map((l) => [l.uri, l.range.start.line]),
      [[ws.uri(SNAPSHOT_REL), line]],
    );
  });
});

describe('configuration file above the workspace folder (a package of a monorepo opened alone)', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let lsp: LspSession | undefined;
  beforeEach(() => (ws = new TempWorkspace('rs-lsp-cfg-above-')));
  afterEach(async () => {
    await lsp?.stop();
    ws.dispose();
  });

  it('is watched (one watcher per folder between the root and the workspace folder), and its change re-checks at once', async () => {
    fs.mkdirSync(ws.path('.git'));
    ws.write('.review-snapshot.yaml', 'rules:\n  table/severity: off\n');
    const folder = ws.path('packages/app');
    ws.write('packages/app/' + SNAPSHOT_REL, VALID_TEXT.replace('| P2 | Verified |', '| High | Verified |'));
    lsp = await LspSession.start({ folders: [folder], settings: { links: { validate: false } } });
    const session = lsp;
    const uri = ws.uri('packages/app/' + SNAPSHOT_REL);
    const first = await session.diagnosticsFor(uri, session.open(uri, ws.read('packages/app/' + SNAPSHOT_REL)));
    assert.ok(!codes(first.diagnostics).includes('table/severity'), 'turned off by the file at the repository root');
    type Watcher = { globPattern: string | { baseUri: string; pattern: string } };
    const above = await session.until('watchers for the folders above the workspace folder', () => {
      const w = session.registrations
        .filter((r) => r.method === 'workspace/didChangeWatchedFiles')
        .flatMap((r) => (r.registerOptions as { watchers: Watcher[] }).watchers)
        .filter((x) => typeof x.globPattern !== 'string');
      return w.length ? w : undefined;
    });
    assert.deepEqual(
      above.map((x) => x.globPattern),
      [ws.path('packages'), ws.root].map((dir) => ({
        baseUri: pathToFileURL(dir).toString(),
        pattern: '{.review-snapshot.yaml,.review-snapshot.yml,.review-snapshot.json}',
      })),
    );
    // The event such a watcher sends: the rule comes back, and a problem in the file is shown in it.
    ws.write('.review-snapshot.yaml', 'rules:\n  table/severity: error\n  metadata/date: off\n');
    session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.review-snapshot.yaml'), type: 2 }] });
    await session.until('the rule back as an error', () =>
      session.last(uri)!.diagnostics.some((d) => String(d.code) === 'table/severity' && d.severity === 1),
    );
    const inFile = await session.until('the problem in the file above the folder', () => {
      const d = session.last(ws.uri('.review-snapshot.yaml'))?.diagnostics;
      return d?.length ? d : undefined;
    });
    assert.match(inFile[0].message, /"metadata\/date" is a contract rule/);
    // Opening another snapshot of the same package registers nothing more.
    const before = session.registrations.length;
    const other = ws.uri('packages/app/docs/reviews/snapshots/2026-02-20_other.md');
    await session.diagnosticsFor(other, session.open(other, VALID_TEXT));
    assert.equal(session.registrations.length, before);
  });
});
