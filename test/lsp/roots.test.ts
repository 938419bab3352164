// The root of a file above every workspace folder (lsp/folders.ts rootOf): the root decides what
// a document may read, so only a configuration file of a workspace folder's own repository is
// rooted at that repository (found by an adversarial review of the watcher change).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Diagnostic, DocumentLink, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { PendingRequest } from '../../server/src/protocol';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));

describe('the root of a file outside every workspace folder', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let lsp: LspSession | undefined;
  beforeEach(() => (ws = new TempWorkspace('rs-lsp-roots-')));
  afterEach(async () => {
    await lsp?.stop();
    lsp = undefined;
    ws.dispose();
  });

  it('a file in an outer repository (a dotfiles repository in the home folder) that merely holds the workspace folder’s own repository is not checked from that outer root', async () => {
    // ~/.git (dotfiles), ~/projects/app/.git (the workspace folder, a repository of its own),
    // ~/Downloads/untrusted.md opened from outside the workspace, citing a file of ~.
    fs.mkdirSync(ws.path('.git'));
    ws.write('private/notes.md', '# private\n'.repeat(3));
    fs.mkdirSync(ws.path('projects/app/.git'), { recursive: true });
    ws.write('projects/app/README.md', '# app\n');
    const text = VALID_TEXT.replace('- /specs/schema/schema_v1.md', '- /private/notes.md');
    ws.write('Downloads/untrusted.md', text);
    lsp = await LspSession.start({ folders: [ws.path('projects/app')] });
    const uri = ws.uri('Downloads/untrusted.md');
    const d = await lsp.diagnosticsFor(uri, lsp.open(uri, text));
    const onNotes = d.diagnostics.filter((x) => x.message.includes('private/notes.md'));
    // The home folder is not the workspace folder's repository: the file there must not be found
    // (the root is the workspace folder's, and the cited file is not read).
    assert.deepEqual(
      codes(onNotes),
      ['links/missing'],
      `the root of the untrusted file was the outer repository: ${JSON.stringify(d.diagnostics.map((x) => x.message))}`,
    );
  });
});

describe('the root of a workspace folder under a home folder kept in git, and where the server plans writes', function () {
  this.timeout(30000);
  const PR = 'Downloads/pr';
  let home: TempWorkspace;
  let lsp: LspSession | undefined;
  beforeEach(() => {
    home = new TempWorkspace('rs-lsp-home-').withExampleRepo(PR);
    fs.mkdirSync(home.path('.git'));
    home.write('private/notes.md', '# private\n'.repeat(3));
  });
  afterEach(async () => {
    await lsp?.stop();
    lsp = undefined;
    home.dispose();
  });

  /** The snapshot of the folder `folder` opened alone, as the server plans its pending spec. */
  async function openAndPlan(folder: string, text = VALID_TEXT) {
    lsp = await LspSession.start({ folders: [home.path(folder)], env: { HOME: home.root } });
    const uri = home.uri(`${folder}/${SNAPSHOT_REL}`);
    home.write(`${folder}/${SNAPSHOT_REL}`, text);
    const d = await lsp.diagnosticsFor(uri, lsp.open(uri, text));
    return { diagnostics: d.diagnostics, plan: await lsp.request(PendingRequest, { uri }) };
  }

  it('a folder without its own .git is judged against itself: a file of the home folder is not found, and the configuration cannot plan a pending spec into the home folder', async () => {
    home.write(`${PR}/.review-snapshot.yaml`, 'pending:\n  directory: ../../.bashrc.d\n');
    const { diagnostics, plan } = await openAndPlan(PR, VALID_TEXT.replace('- /specs/schema/schema_v1.md', '- /private/notes.md'));
    const onNotes = diagnostics.filter((x) => x.message.includes('private/notes.md'));
    assert.deepEqual(codes(onNotes), ['links/missing'], `rooted at the home folder: ${JSON.stringify(diagnostics.map((x) => x.message))}`);
    const links = await lsp!.request<DocumentLink[]>('textDocument/documentLink', {
      textDocument: { uri: home.uri(`${PR}/${SNAPSHOT_REL}`) },
    });
    assert.ok(links.length > 0, "the folder's own files are linked");
    assert.deepEqual(
      links.map((l) => l.target).filter((t) => t?.startsWith(home.uri('private'))),
      [],
      'a link shows a file of the home folder',
    );
    assert.equal(plan.ok, false, `a write into the home folder was planned: ${JSON.stringify(plan)}`);
    assert.match(!plan.ok ? plan.errors[0].message : '', /outside/);
  });

  it('a package opened alone inside its repository: a pending spec planned outside the opened folder is refused, one inside it is planned', async () => {
    fs.mkdirSync(home.path('mono/.git'), { recursive: true });
    home.withExampleRepo('mono/pkg');
    home.write('mono/pkg/.review-snapshot.yaml', 'pending:\n  directory: ../pending\n');
    const { plan } = await openAndPlan('mono/pkg');
    assert.equal(plan.ok, false, `a write outside the opened folder was planned: ${JSON.stringify(plan)}`);
    assert.match(!plan.ok ? plan.errors[0].message : '', /outside the folder you opened/);
    home.write('mono/pkg/.review-snapshot.yaml', 'pending:\n  directory: pending\n');
    await lsp!.stop();
    const again = await openAndPlan('mono/pkg');
    assert.equal(again.plan.ok, true, JSON.stringify(again.plan));
  });

  it("a package opened alone: its configuration's pending directory means the same place whether the workspace index or a check read the file first", async () => {
    // The index reads the configuration from the opened folder, a check from the repository's
    // root: one reading of the file must not leave the other with its paths rebased wrongly
    // (the plan went to the repository's root and was refused when the index came first).
    fs.mkdirSync(home.path('mono/.git'), { recursive: true });
    home.withExampleRepo('mono/pkg');
    home.write('mono/pkg/.review-snapshot.yaml', 'pending:\n  directory: pending\n');
    lsp = await LspSession.start({ folders: [home.path('mono/pkg')], env: { HOME: home.root } });
    await lsp.request('workspace/symbol', { query: 'SELFHEAL' }); // answered once the index is built
    const uri = home.uri(`mono/pkg/${SNAPSHOT_REL}`);
    await lsp.diagnosticsFor(uri, lsp.open(uri, VALID_TEXT));
    const plan = await lsp.request(PendingRequest, { uri });
    assert.equal(plan.ok, true, JSON.stringify(plan));
    assert.ok(plan.ok && plan.pendingUri.startsWith(home.uri('mono/pkg/pending/')), JSON.stringify(plan));
  });

  it('a package opened alone: a configuration linked from elsewhere in the repository is read by the check even when the index (which may not read it) came first', async () => {
    // The index reads from the opened folder, where a link to the repository's shared file leads
    // outside; a check reads from the repository's root, where it does not. The index's refusal
    // must not become the check's (an error the CLI never reports).
    fs.mkdirSync(home.path('mono/.git'), { recursive: true });
    home.withExampleRepo('mono/pkg');
    home.write('mono/shared/review.yaml', 'pending:\n  format: markdown\n');
    fs.symlinkSync(home.path('mono/shared/review.yaml'), home.path('mono/pkg/.review-snapshot.yaml'));
    lsp = await LspSession.start({ folders: [home.path('mono/pkg')], env: { HOME: home.root } });
    await lsp.request('workspace/symbol', { query: 'SELFHEAL' }); // answered once the index is built
    const uri = home.uri(`mono/pkg/${SNAPSHOT_REL}`);
    const d = await lsp.diagnosticsFor(uri, lsp.open(uri, VALID_TEXT));
    const config = d.diagnostics.filter((x) => /configuration/i.test(x.message));
    assert.deepEqual(
      config.map((x) => x.message),
      [],
      'the check could not read the configuration',
    );
  });

  it('a package opened alone: a rename does not edit a pending spec of its repository outside the opened folder', async () => {
    fs.mkdirSync(home.path('mono/.git'), { recursive: true });
    home.withExampleRepo('mono/pkg');
    // Where the pending directory (the default, from the repository's root) puts the snapshot's spec.
    home.write(
      'mono/specs/governance/pending/2026-02-19_self-heal-run-pending.yaml',
      'candidates:\n  - id: SELFHEAL-RUN-001\n    title: t\n',
    );
    await openAndPlan('mono/pkg');
    const uri = home.uri(`mono/pkg/${SNAPSHOT_REL}`);
    const line = VALID_TEXT.split('\n').findIndex((l) => l.startsWith('- id: SELFHEAL-RUN-001'));
    const edit = await lsp!.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position: { line, character: 8 },
      newName: 'SELFHEAL-RUN-010',
    });
    assert.deepEqual(Object.keys(edit.changes ?? {}), [uri], `a file outside the opened folder was edited: ${JSON.stringify(edit)}`);
  });
});
