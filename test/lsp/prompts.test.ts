// Review prompts in the real language server over stdio: a prompt gets the prompt rules'
// diagnostics and their quick fixes; hovering `Prompt:` in a snapshot says whether the prompt
// it names conforms (from its open document when it is open, else from disk).
import * as assert from 'node:assert/strict';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { applyEdits, colOf, lineOf } from '../support/engine';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const PROMPT_REL = 'docs/reviews/prompts/self_healing.md';

describe('review prompts over stdio', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let lsp: LspSession;
  beforeEach(async () => {
    ws = new TempWorkspace('rs-lsp-prompts-').withExampleRepo();
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    lsp = await LspSession.start({ folders: [ws.root] });
  });
  afterEach(async () => {
    await lsp.stop();
    ws.dispose();
  });

  it('publishes the prompt rules on a prompt, and its quick fixes make it conform', async () => {
    const uri = ws.uri(PROMPT_REL);
    const text = ws.read(PROMPT_REL).replace('5. `## Spec Candidates (YAML)`\n', '');
    lsp.open(uri, text);
    const d = await lsp.diagnosticsFor(uri, 1);
    assert.deepEqual(
      d.diagnostics.map((x) => [x.code, x.severity, x.range.start.line]),
      [['prompt/section-missing', 2, lineOf(text, '4. `## Synthesis`')]],
    );
    assert.match(String(d.diagnostics[0].codeDescription?.href), /docs\/rules\/prompt\/section-missing\.md$/);
    const actions = (await lsp.request('textDocument/codeAction', {
      textDocument: { uri },
      range: d.diagnostics[0].range,
      context: { diagnostics: d.diagnostics },
    })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix');
    assert.equal(fix?.title, 'Insert `## Spec Candidates (YAML)`');
    const fixedText = applyEdits(text, fix!.edit!.changes![uri]);
    assert.equal(fixedText, ws.read(PROMPT_REL));
    lsp.change(uri, [{ text: fixedText }]);
    assert.deepEqual((await lsp.diagnosticsFor(uri, 2)).diagnostics, []);
  });

  it("hovering a snapshot's Prompt: says whether its prompt conforms, and what it lacks", async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT);
    await lsp.diagnosticsFor(uri, 1);
    const line = lineOf(VALID_TEXT, 'Prompt:');
    const position = { line, character: colOf(VALID_TEXT, line, 'self_healing') };
    const ok = (await lsp.request('textDocument/hover', { textDocument: { uri }, position })) as Hover;
    assert.match((ok.contents as { value: string }).value, /conforms to the contract/);
    // The prompt open with a section left out: the hover reads the open text.
    lsp.open(ws.uri(PROMPT_REL), ws.read(PROMPT_REL).replace('3. `## Findings`\n', ''));
    const bad = (await lsp.request('textDocument/hover', { textDocument: { uri }, position })) as Hover;
    const value = (bad.contents as { value: string }).value;
    assert.match(value, /does not conform to the contract/);
    // Escaped Markdown (the section names are the repository's text): it renders as written.
    assert.match(value, /\\#\\# Findings.*prompt\/section-missing/);
  });

  it('a Markdown file outside the prompts globs gets nothing', async () => {
    const uri = ws.uri('docs/notes.md');
    lsp.open(uri, '# Notes\n\nNothing to see.\n');
    lsp.open(ws.uri(SNAPSHOT_REL), VALID_TEXT);
    await lsp.diagnosticsFor(ws.uri(SNAPSHOT_REL), 1);
    assert.equal(lsp.last(uri), undefined);
  });
});
