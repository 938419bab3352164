// The authoring requests of the bundled server over stdio, at positions found from markers in the
// text; bad positions (past the end, inside fences, in a broken table) answer empty, never an error.
import * as assert from 'node:assert/strict';
import type {
  CodeLens,
  CompletionList,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  Range,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';
import { applyEdits, colOf, edit, lineOf } from '../support/engine';

const ID = 'SELFHEAL-RUN-001';
const PENDING_REL = 'specs/governance/pending/2026-02-19_self-heal-run-pending.yaml';
const PENDING = `id: CK-REVIEW-20260219\ntitle: Review-Derived Spec Candidates\npriority: P1\nsource_snapshot: ${SNAPSHOT_REL}\ncandidates:\n  - id: ${ID}\n    title: Improve it\n`;
/** The fixture with an unlabelled second candidate and a mention of the first in Synthesis. */
const TEXT = edit(
  edit(
    VALID_TEXT,
    '  risk: moderate\n',
    '  risk: moderate\n- id: SELFHEAL-RUN-002\n  title: Second\n  type: docs\n  class: docs\n  target_area: docs\n  acceptance_criteria:\n  - c\n  affected_paths:\n  - /docs/book/80_troubleshooting.md\n  risk: low\n',
  ),
  '- Top risks:',
  `- Top risks (${ID}):`,
);

function at(text: string, needle: string, offset = 0, nth = 0): Position {
  const line = lineOf(text, needle, nth);
  return { line, character: colOf(text, line, needle) + offset };
}

describe('authoring requests over stdio', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let lsp: LspSession;
  let uri: string;

  beforeEach(async () => {
    ws = new TempWorkspace().withExampleRepo();
    ws.write(SNAPSHOT_REL, TEXT);
    ws.write(PENDING_REL, PENDING);
    ws.write('src/a.ts', 'export const one = 1;\nexport const two = 2;\nexport const three = 3;\n');
    lsp = await LspSession.start({ folders: [ws.root] });
    uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, TEXT);
    await lsp.diagnosticsFor(uri, 1);
  });
  afterEach(async () => {
    await lsp.stop();
    ws.dispose();
  });

  const doc = () => ({ textDocument: { uri } });

  it('advertises completion with its trigger characters, symbols, navigation, rename, folding and lenses', () => {
    const c = lsp.capabilities;
    assert.deepEqual(c.completionProvider?.triggerCharacters, ['`', ':', '|', '-', '/', ' ']);
    assert.deepEqual(c.documentSymbolProvider, { label: 'Review Snapshot' });
    for (const k of [
      'workspaceSymbolProvider',
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'foldingRangeProvider',
    ] as const) {
      assert.ok(c[k], k);
    }
    assert.deepEqual(c.renameProvider, { prepareProvider: true });
    assert.ok(c.codeLensProvider);
  });

  it('completion: after - ` in Classification Labels the unlabelled id comes first', async () => {
    const labels = lineOf(TEXT, '- `SELFHEAL-RUN-001`: behavior');
    const v = lsp.change(uri, [
      { range: { start: { line: labels + 1, character: 0 }, end: { line: labels + 1, character: 0 } }, text: '- `\n' },
    ]);
    await lsp.diagnosticsFor(uri, v);
    const list = await lsp.request<CompletionList>('textDocument/completion', {
      ...doc(),
      position: { line: labels + 1, character: 3 },
      context: { triggerKind: 2, triggerCharacter: '`' },
    });
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['SELFHEAL-RUN-002', ID],
    );
  });

  it('completion: a severity cell, a File:Line path, a metadata value', async () => {
    const ask = (position: Position, triggerCharacter?: string) =>
      lsp.request<CompletionList>('textDocument/completion', {
        ...doc(),
        position,
        context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
      });
    const sev = await ask(at(TEXT, '| P2 | Verified', 2));
    assert.deepEqual(
      sev.items.map((i) => i.label),
      ['P0', 'P1', 'P2', 'P3'],
    );
    const path = await ask(at(TEXT, 'dc%2Drunner%2Drust/', 'dc%2Drunner%2Drust/'.length), '/');
    assert.deepEqual(
      path.items.map((i) => i.label),
      ['runner_adapter.sh'],
    );
    const date = await ask(at(TEXT, 'Date: ', 'Date: '.length));
    assert.match(date.items[0].label, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('document symbols: the contract outline, hierarchical', async () => {
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', doc());
    assert.equal(symbols[0].name, 'Metadata');
    const cand = symbols.find((s) => s.name === 'Spec Candidates (YAML)')!;
    assert.deepEqual(
      cand.children!.map((c) => [c.name, c.detail]),
      [
        [`${ID} — Improve rust governance command failure diagnostics and retry behavior`, 'behavior'],
        ['SELFHEAL-RUN-002 — Second', 'no label'],
      ],
    );
    const findings = symbols.find((s) => s.name === 'Findings')!;
    assert.equal(findings.children![0].name, 'P2');
    assert.equal(findings.children![0].children![0].name, 'dc-runner-rust/runner_adapter.sh:138');
  });

  it('workspace symbols: candidates of every snapshot and pending spec, from the background index', async () => {
    ws.write('docs/reviews/snapshots/2026-03-01_other.md', VALID_TEXT.replace(/SELFHEAL-RUN-001/g, 'OTHER-7'));
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('docs/reviews/snapshots/2026-03-01_other.md'), type: 1 }] });
    // The file event is picked up in the background: ask until the index has it.
    let all: SymbolInformation[] = [];
    for (let i = 0; i < 50; i++) {
      all = await lsp.request<SymbolInformation[]>('workspace/symbol', { query: '' });
      if (all.some((s) => s.name.startsWith('OTHER-7'))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const names = all.map((s) => `${s.name.split(' ')[0]} ${s.containerName}`).sort();
    assert.deepEqual(names, [
      `OTHER-7 docs/reviews/snapshots/2026-03-01_other.md`,
      `${ID} docs/reviews/snapshots/2026-02-19_self-heal-run.md`,
      `${ID} pending spec ${PENDING_REL}`,
      `SELFHEAL-RUN-002 docs/reviews/snapshots/2026-02-19_self-heal-run.md`,
    ]);
    const q = await lsp.request<SymbolInformation[]>('workspace/symbol', { query: 'second' });
    assert.deepEqual(
      q.map((s) => s.name),
      ['SELFHEAL-RUN-002 — Second'],
    );
  });

  it('definition from a label and a mention; references with the pending spec; highlights', async () => {
    const def = at(TEXT, `- id: ${ID}`, 6);
    for (const from of [at(TEXT, `\`${ID}\``, 3), at(TEXT, `(${ID})`, 4)]) {
      const locs = await lsp.request<Location[]>('textDocument/definition', { ...doc(), position: from });
      assert.deepEqual(
        locs.map((l) => [l.uri, l.range.start]),
        [[uri, def]],
      );
    }
    const refs = await lsp.request<Location[]>('textDocument/references', {
      ...doc(),
      position: def,
      context: { includeDeclaration: true },
    });
    assert.equal(refs.filter((r) => r.uri === uri).length, 3);
    assert.deepEqual(
      refs.filter((r) => r.uri !== uri).map((r) => [r.uri, r.range.start.line]),
      [[ws.uri(PENDING_REL), lineOf(PENDING, `- id: ${ID}`)]],
    );
    const hl = await lsp.request<DocumentHighlight[]>('textDocument/documentHighlight', { ...doc(), position: def });
    assert.equal(hl.length, 3);
  });

  it('definition from the pending spec lands on the candidate in the snapshot', async () => {
    const pendingUri = ws.uri(PENDING_REL);
    lsp.open(pendingUri, PENDING, 'yaml');
    const locs = await lsp.request<Location[]>('textDocument/definition', {
      textDocument: { uri: pendingUri },
      position: at(PENDING, `- id: ${ID}`, 8),
    });
    assert.deepEqual(
      locs.map((l) => [l.uri, l.range.start]),
      [[uri, at(TEXT, `- id: ${ID}`, 6)]],
    );
  });

  it('rename: prepareRename, then one WorkspaceEdit over the snapshot and the pending spec; a taken id is refused', async () => {
    const pos = at(TEXT, `\`${ID}\``, 3);
    const prep = await lsp.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { ...doc(), position: pos });
    assert.equal(prep.placeholder, ID);
    const edit = await lsp.request<WorkspaceEdit>('textDocument/rename', { ...doc(), position: pos, newName: 'SELFHEAL-RUN-010' });
    const after = applyEdits(TEXT, edit.changes![uri] as TextEdit[]);
    assert.equal(after.split(ID).length, 1);
    assert.equal(after.split('SELFHEAL-RUN-010').length - 1, 3);
    assert.match(applyEdits(PENDING, edit.changes![ws.uri(PENDING_REL)] as TextEdit[]), /- id: SELFHEAL-RUN-010/);
    await assert.rejects(
      lsp.request('textDocument/rename', { ...doc(), position: pos, newName: 'SELFHEAL-RUN-002' }),
      /already the id of a candidate in this snapshot/,
    );
  });

  it('folding ranges and code lenses', async () => {
    const folds = await lsp.request<FoldingRange[]>('textDocument/foldingRange', doc());
    assert.ok(folds.some((f) => f.startLine === lineOf(TEXT, '## Raw Output')));
    assert.ok(folds.some((f) => f.startLine === lineOf(TEXT, '- id: SELFHEAL-RUN-002')));
    const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', doc());
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['label: behavior', 'pending spec: yes', 'label: none', 'pending spec: no — create'],
    );
  });

  it('hovers: a candidate id, a File:Line cell with the cited lines, a heading', async () => {
    const hover = async (p: Position) =>
      ((await lsp.request<Hover | null>('textDocument/hover', { ...doc(), position: p }))?.contents as { value: string } | undefined)
        ?.value ?? '';
    assert.match(await hover(at(TEXT, `- id: ${ID}`, 8)), /pending spec: \[/);
    const cited = await hover(at(TEXT, 'runner_adapter.sh:138', 3));
    assert.match(cited, /line 138/);
    assert.match(cited, /```shellscript\n {2}136 \| echo\n[\s\S]*^> 138 \| echo\n/m);
    assert.match(await hover(at(TEXT, '## Synthesis', 4)), /required section 4 of 8/);
  });

  it('bad positions answer empty, never an error: past the end, inside a fence, in a broken table', async () => {
    const broken = TEXT.replace('## Raw Output\n', '## Raw Output\n\n```text\n| P2 | x |\n- `SELFHEAL-RUN-001`\n```\n').replace(
      '| P2 | Verified |',
      '| P2 | Verified | a | b | c | d | e | f | g |',
    );
    const v = lsp.change(uri, [{ text: broken }]);
    await lsp.diagnosticsFor(uri, v);
    const positions: Position[] = [
      { line: 10000, character: 0 },
      { line: 0, character: 10000 },
      at(broken, '| P2 | x |', 6),
      at(broken, '- `SELFHEAL-RUN-001`\n```'.split('\n')[0], 4, 1),
      at(broken, '| e | f | g |', 3),
    ];
    for (const position of positions) {
      const p = { ...doc(), position };
      const completion = await lsp.request<CompletionList | null>('textDocument/completion', {
        ...p,
        context: { triggerKind: 2, triggerCharacter: ' ' },
      });
      assert.deepEqual(completion?.items ?? [], [], JSON.stringify(position));
      assert.deepEqual(await lsp.request('textDocument/definition', p), []);
      assert.deepEqual(await lsp.request('textDocument/references', { ...p, context: { includeDeclaration: true } }), []);
      assert.deepEqual(await lsp.request('textDocument/documentHighlight', p), []);
      assert.equal(await lsp.request('textDocument/prepareRename', p), null);
      assert.equal(await lsp.request('textDocument/rename', { ...p, newName: 'X-1' }), null);
      assert.equal(await lsp.request('textDocument/hover', p), null);
    }
    // A document that is not a snapshot gets empty answers to every request.
    const plain = ws.uri('docs/notes.md');
    lsp.open(plain, '# Notes\n\n- `SELFHEAL-RUN-001`: behavior\n');
    const q = { textDocument: { uri: plain } };
    assert.deepEqual(await lsp.request('textDocument/documentSymbol', q), []);
    assert.deepEqual(await lsp.request('textDocument/foldingRange', q), []);
    assert.deepEqual(await lsp.request('textDocument/codeLens', q), []);
    assert.equal(await lsp.request('textDocument/completion', { ...q, position: { line: 2, character: 3 } }), null);
  });
});
