// Finding freshness in the real server over LSP, on real git repositories: the check's
// diagnostics come first (never delayed by git), then the same version again with a
// `freshness/*` diagnostic on each stale cite; the File:Line hover shows the lines at R beside
// the lines now; an open, unsaved buffer of the cited file is what "now" means; nothing runs
// until the workspace is trusted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover, MarkupContent, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  FileAtRevisionRequest,
  OpenAtRevisionClientCommand,
  TrustedNotification,
  type FileAtRevisionResult,
} from '../../server/src/protocol';
import { git, numbered, SNAPSHOT, snapshotText, TempRepo } from '../support/gitRepos';
import { LspSession } from '../support/lsp';

const A = numbered(40);
const fresh = (d: Diagnostic[]) =>
  d.filter((x) => String(x.code).startsWith('freshness/')).map((x) => [x.code, x.severity, x.range.start.line]);

/** A repository reviewed at R (citing line 10 and line 20 of src/a.ts), then changed: 2 lines inserted above, line 20 edited. */
function staleRepo(): TempRepo {
  const repo = new TempRepo();
  const r = repo.commit({ 'src/a.ts': A });
  repo.commit({ [SNAPSHOT]: snapshotText(r, ['src/a.ts:10', 'src/a.ts:20']) });
  repo.commit({ 'src/a.ts': 'one;\ntwo;\n' + A.replace('number 20;', 'number 20 + 1;') });
  return repo;
}

describe('finding freshness over LSP (real git repositories)', function () {
  this.timeout(30000);
  let lsp: LspSession | undefined;
  afterEach(async () => {
    await lsp?.stop();
    lsp = undefined;
  });

  /** A server on a stale repository (staleRepo) with its snapshot open. */
  async function openStale(initializationOptions: { trusted?: boolean }): Promise<{ repo: TempRepo; uri: string; session: LspSession }> {
    const repo = staleRepo();
    const session = await LspSession.start({ folders: [repo.dir], initializationOptions });
    lsp = session;
    const uri = pathToFileURL(path.join(repo.dir, SNAPSHOT)).toString();
    session.open(uri, repo.read(SNAPSHOT));
    return { repo, uri, session };
  }

  it('publishes the check first, then freshness diagnostics for the same version (information), and the hover shows the lines at R and now', async () => {
    const { uri, session } = await openStale({ trusted: true });
    const first = await session.diagnosticsFor(uri, 1);
    assert.deepEqual(fresh(first.diagnostics), [], 'the check is published without waiting for git');
    const withFreshness = await session.until('freshness diagnostics', () => {
      const d = session.last(uri)!.diagnostics;
      return fresh(d).length ? d : undefined;
    });
    assert.equal(session.last(uri)!.version, 1);
    assert.deepEqual(fresh(withFreshness), [
      ['freshness/moved', 3, 13],
      ['freshness/changed', 3, 14],
    ]);
    assert.match(
      withFreshness.find((d) => d.code === 'freshness/changed')!.message,
      /src\/a\.ts:20 is changed since [0-9a-f]{7}, now src\/a\.ts:22/,
    );
    const hover = (await session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 14, character: 21 } }))!;
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /Freshness: changed/);
    assert.match(text, /As the review saw it[\s\S]*code statement number 20;/);
    assert.match(text, /Now \(\[src\/a\\\.ts:22\]\(file:\/\/[^)]*#L22\)\)[\s\S]*code statement number 20 \+ 1;/);
  });

  it('an edit cancels the work of the old version; the new version gets its own freshness', async () => {
    const { repo, uri, session } = await openStale({ trusted: true });
    // At once, before the background work of version 1 could finish: one more row citing line 30.
    const v2 = session.change(uri, [{ text: repo.read(SNAPSHOT) + '' }]);
    const row = '| P2 | Verified | src/a.ts:30 | w | w | w | w |\n';
    const v3 = session.change(uri, [{ range: { start: { line: 15, character: 0 }, end: { line: 15, character: 0 } }, text: row }]);
    assert.equal(v2 + 1, v3);
    await session.until('freshness of v3', () => session.last(uri)?.version === v3 && fresh(session.last(uri)!.diagnostics).length === 3);
    assert.deepEqual(fresh(session.last(uri)!.diagnostics), [
      ['freshness/moved', 3, 13],
      ['freshness/changed', 3, 14],
      ['freshness/moved', 3, 15],
    ]);
    const published = session.diagnostics.get(uri)!;
    assert.ok(!published.some((p) => p.version !== v3 && fresh(p.diagnostics).length), 'no freshness was published for an older version');
  });

  it("an open, unsaved buffer of the cited file is what the code is now; the level comes from the configuration's rules", async () => {
    const repo = new TempRepo();
    const r = repo.commit({ 'src/a.ts': A });
    repo.commit({ [SNAPSHOT]: snapshotText(r, ['src/a.ts:10']), '.review-snapshot.yaml': 'rules:\n  freshness/moved: warning\n' });
    lsp = await LspSession.start({ folders: [repo.dir], initializationOptions: { trusted: true } });
    const session = lsp;
    session.open(pathToFileURL(path.join(repo.dir, 'src/a.ts')).toString(), 'new first line;\n' + A, 'typescript');
    const uri = pathToFileURL(path.join(repo.dir, SNAPSHOT)).toString();
    session.open(uri, repo.read(SNAPSHOT));
    const d = await session.until('freshness', () =>
      fresh(session.last(uri)?.diagnostics ?? []).length ? session.last(uri)!.diagnostics : undefined,
    );
    assert.deepEqual(fresh(d), [['freshness/moved', 2, 13]]);
    assert.match(d.find((x) => x.code === 'freshness/moved')!.message, /now src\/a\.ts:11/);
  });

  it('a cite into a sibling repository open as a workspace folder of that name is followed there', async () => {
    const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-fresh-')));
    const sibling = new TempRepo(parent, 'dc-runner-rust');
    sibling.commit({ 'runner_adapter.sh': numbered(30, 'echo') });
    const main = new TempRepo(parent, 'main');
    const r = main.commit({ '.review-snapshot.yaml': 'links:\n  external: ["dc-runner-rust/**"]\n' });
    main.commit({ [SNAPSHOT]: snapshotText(r, ['dc%2Drunner%2Drust/runner_adapter.sh:20']) });
    sibling.commit({ 'runner_adapter.sh': 'set -e\n' + numbered(30, 'echo') });
    const session = await LspSession.start({ folders: [main.dir, sibling.dir], initializationOptions: { trusted: true } });
    lsp = session;
    const uri = pathToFileURL(path.join(main.dir, SNAPSHOT)).toString();
    session.open(uri, main.read(SNAPSHOT));
    const d = await session.until('freshness', () => session.last(uri)?.diagnostics.find((x) => x.code === 'freshness/moved'));
    assert.match(d.message, /now dc-runner-rust\/runner_adapter\.sh:21/);
  });

  /** The code actions at the `Repo revision` line (line 6), with the document's freshness/moved diagnostics. */
  async function actionsAt(session: LspSession, uri: string, only?: string[]): Promise<CodeAction[]> {
    const diagnostics = (session.last(uri)?.diagnostics ?? []).filter((x) => x.code === 'freshness/moved');
    const range = { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } };
    return (
      (await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } })) ??
      []
    );
  }
  const rebases = (actions: CodeAction[]) => actions.filter((a) => a.title.startsWith('Re-base this snapshot'));

  it('offers "Re-base this snapshot to HEAD" when every cite is unchanged or moved: one edit of the moved cites and Repo revision', async () => {
    const repo = new TempRepo();
    const r = repo.commit({ 'src/a.ts': A, 'src/b.ts': numbered(10, 'b') });
    repo.commit({ [SNAPSHOT]: snapshotText(r, ['src/a.ts:10', 'src/a.ts:20-21', 'src/b.ts:5']) });
    repo.commit({ 'src/a.ts': 'one;\ntwo;\n' + A });
    const head = git(repo.dir, 'rev-parse', 'HEAD');
    lsp = await LspSession.start({ folders: [repo.dir], initializationOptions: { trusted: true } });
    const session = lsp;
    const uri = pathToFileURL(path.join(repo.dir, SNAPSHOT)).toString();
    const text = repo.read(SNAPSHOT);
    session.open(uri, text);
    await session.until('freshness', () => fresh(session.last(uri)?.diagnostics ?? []).length === 2);
    const [action] = rebases(await actionsAt(session, uri));
    assert.equal(action?.title, `Re-base this snapshot to HEAD ${head.slice(0, 7)}: update 2 moved cites and Repo revision`);
    assert.equal(action.kind, 'quickfix');
    const [change] = action.edit!.documentChanges! as TextDocumentEdit[];
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), change.edits);
    const expected = text
      .replace(`Repo revision: ${r}`, `Repo revision: ${head}`)
      .replace('src/a.ts:10 ', 'src/a.ts:12 ')
      .replace('src/a.ts:20-21 ', 'src/a.ts:22-23 ');
    assert.equal(after, expected);
    assert.deepEqual(rebases(await actionsAt(session, uri, ['source.fixAll'])), [], 'fix-all never re-bases');
    assert.equal(rebases(await actionsAt(session, uri, ['source']))[0]?.kind, 'source.rebase.reviewSnapshot');
  });

  it('does not offer the re-base when one cite is changed, nor before freshness ran (untrusted workspace)', async () => {
    const stale = await openStale({ trusted: true });
    await stale.session.until('freshness', () => fresh(stale.session.last(stale.uri)?.diagnostics ?? []).length === 2);
    assert.deepEqual(rebases(await actionsAt(stale.session, stale.uri)), []);
    await stale.session.stop();
    const untrusted = await openStale({});
    await untrusted.session.diagnosticsFor(untrusted.uri, 1);
    assert.deepEqual(rebases(await actionsAt(untrusted.session, untrusted.uri)), []);
  });

  it('the hover links to the file as it was at R; the server reads it there, and refuses paths outside the repository and non-hex revisions', async () => {
    const { repo, uri, session } = await openStale({ trusted: true });
    await session.until('freshness', () => fresh(session.last(uri)?.diagnostics ?? []).length === 2);
    const hover = (await session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 14, character: 21 } }))!;
    const link = /\[[0-9a-f]{7}, src\/a\\\.ts\]\(command:([\w.]+)\?([^ )]+) "Open the file as it was at [0-9a-f]{7}"\)/.exec(
      (hover.contents as MarkupContent).value,
    );
    assert.ok(link, 'the hover links to the file at R');
    assert.equal(link[1], OpenAtRevisionClientCommand);
    const [args] = JSON.parse(decodeURIComponent(link[2])) as [{ uri: string; path: string; revision: string; line: number }];
    const r = git(repo.dir, 'rev-list', '--max-parents=0', 'HEAD');
    assert.deepEqual(args, { uri, path: 'src/a.ts', revision: r, line: 20 });
    const read = (p: { path: string; revision: string }) =>
      session.request<FileAtRevisionResult>(FileAtRevisionRequest.method, { uri, ...p });
    assert.deepEqual(await read(args), { text: A }, 'the file as it was at R, not as it is now');
    for (const bad of ['../outside.txt', '/etc/passwd', 'src/../../x', '-p']) {
      assert.match(((await read({ path: bad, revision: r })) as { error: string }).error, /is not a path inside the repository/);
    }
    for (const bad of ['HEAD', 'main', `${r}^`, '--output=x']) {
      assert.match(((await read({ path: 'src/a.ts', revision: bad })) as { error: string }).error, /not a hex commit name/);
    }
    assert.match(((await read({ path: 'src/none.ts', revision: r })) as { error: string }).error, /not in the repository at/);
  });

  it('reads no file at a revision in an untrusted workspace', async () => {
    const { repo, uri, session } = await openStale({});
    const r = git(repo.dir, 'rev-list', '--max-parents=0', 'HEAD');
    const res = await session.request<FileAtRevisionResult>(FileAtRevisionRequest.method, { uri, path: 'src/a.ts', revision: r });
    assert.match((res as { error: string }).error, /trusted workspace/);
  });

  it('runs no git until the workspace is trusted', async () => {
    const { uri, session } = await openStale({});
    await session.diagnosticsFor(uri, 1);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(
      session.diagnostics.get(uri)!.flatMap((p) => fresh(p.diagnostics)),
      [],
    );
    session.notify(TrustedNotification, {});
    await session.until('freshness once trusted', () => fresh(session.last(uri)!.diagnostics).length === 2);
  });
});
