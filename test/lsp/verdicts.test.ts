// Issue 15 over the protocol, with the bundled server: the status says "template" for a
// template, `ignores` silences a file, and a near miss's quick fix rewrites it in place, after
// which the candidates are checked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { CheckWorkspaceRequest } from '../../server/src/protocol';
import { applyEdits, lineOf } from '../support/engine';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const TEMPLATE = fs.readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'templates', 'review_snapshot.md'), 'utf8');
const codes = (d: Diagnostic[]) => d.map((x) => x.code).sort();

describe('language server: templates, ignores, near misses', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let lsp: LspSession | undefined;

  beforeEach(() => {
    ws = new TempWorkspace().withExampleRepo();
  });
  afterEach(async () => {
    await lsp?.stop();
    ws.dispose();
  });

  it('a template gets no diagnostics for its placeholders, and its status says template', async () => {
    lsp = await LspSession.start({ folders: [ws.root] });
    const uri = ws.uri('docs/reviews/templates/review_snapshot.md');
    lsp.open(uri, TEMPLATE);
    assert.deepEqual((await lsp.diagnosticsFor(uri, 1)).diagnostics, []);
    const status = await lsp.until('the status', () => lsp!.statuses.find((s) => s.uri === uri));
    assert.deepEqual([status.snapshot, status.template, status.errors], [true, true, 0]);
    const snap = ws.uri('docs/reviews/snapshots/2026-11-24_copied.md');
    lsp.open(snap, TEMPLATE);
    const d = (await lsp.diagnosticsFor(snap, 1)).diagnostics;
    assert.equal(d.length, 37);
    assert.deepEqual([...new Set(codes(d))], ['placeholder/unfilled']);
    const s2 = await lsp.until('the status', () => lsp!.statuses.find((s) => s.uri === snap));
    assert.equal(s2.template, false);
  });

  it('Check Workspace reports a snapshot it could not decode (not UTF-8) where it is, as the CLI does, and counts it', async () => {
    const bad = 'docs/reviews/snapshots/2026-03-02_latin1.md';
    fs.mkdirSync(path.dirname(ws.path(bad)), { recursive: true });
    fs.writeFileSync(
      ws.path(bad),
      Buffer.concat([Buffer.from('# Review Snapshot\n\nDate: 2026-03-02\nModel: caf'), Buffer.from([0xe9, 0x0a])]),
    );
    fs.writeFileSync(ws.path('docs/notes-latin1.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])); // not a snapshot by name
    lsp = await LspSession.start({ folders: [ws.root] });
    const r = await lsp.request(CheckWorkspaceRequest, {});
    const d = lsp.last(ws.uri(bad))?.diagnostics ?? [];
    assert.deepEqual(codes(d), ['file/encoding']);
    assert.deepEqual(d[0].range.start, { line: 3, character: 10 });
    assert.equal(lsp.last(ws.uri('docs/notes-latin1.md')), undefined);
    assert.deepEqual([r.snapshots, r.errors], [1, 1], JSON.stringify(r));
  });

  it('a file matching the ignores setting gets no diagnostics and no status', async () => {
    lsp = await LspSession.start({ folders: [ws.root], settings: { ignores: ['docs/reviews/snapshots/old/**'] } });
    const broken = VALID_TEXT.replace('Model: gpt-5-codex\n', '');
    const ignored = ws.uri('docs/reviews/snapshots/old/2020-01-01_old.md');
    const checked = ws.uri(SNAPSHOT_REL);
    lsp.open(ignored, broken);
    lsp.open(checked, broken);
    assert.deepEqual(codes((await lsp.diagnosticsFor(checked, 1)).diagnostics), ['metadata/missing']);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(lsp.diagnostics.get(ignored), undefined);
    assert.ok(!lsp.statuses.some((s) => s.uri === ignored));
  });

  it('"## Spec candidates (YAML)": one error on the heading; its quick fix renames it; then the candidates are checked', async () => {
    lsp = await LspSession.start({ folders: [ws.root] });
    const uri = ws.uri(SNAPSHOT_REL);
    // A candidate with an unconventional risk: only a check that reads the candidates says so.
    const text = VALID_TEXT.replace('## Spec Candidates (YAML)', '## Spec candidates (YAML)').replace('  risk: moderate', '  risk: severe');
    lsp.open(uri, text);
    const d = (await lsp.diagnosticsFor(uri, 1)).diagnostics;
    assert.deepEqual(codes(d), ['labels/unchecked', 'section/near-miss']);
    const near = d.find((x) => x.code === 'section/near-miss')!;
    assert.equal(near.range.start.line, lineOf(text, '## Spec candidates (YAML)'));
    assert.equal(near.relatedInformation, undefined);
    const unchecked = d.find((x) => x.code === 'labels/unchecked')!;
    assert.equal(unchecked.relatedInformation?.[0].location.range.start.line, lineOf(text, '- id: SELFHEAL-RUN-001'));
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: near.range,
      context: { diagnostics: [near], only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Rewrite as "## Spec Candidates (YAML)"'],
    );
    const fixed = applyEdits(text, actions[0].edit!.changes![uri] as TextEdit[]);
    const v2 = lsp.change(uri, [{ text: fixed }]);
    const after = (await lsp.diagnosticsFor(uri, v2)).diagnostics;
    assert.deepEqual(codes(after), ['candidates/convention']);
    assert.equal(after[0].range.start.line, lineOf(fixed, '  risk: severe'));
  });
});
