// Every string the editor shows that is built from document text — diagnostic messages, code-lens
// titles, code-action titles, Outline and workspace symbols — shows bidi controls and invisible
// characters as escapes (escapeEditorText): a right-to-left override in a heading, a label or a
// candidate title cannot make what the editor shows read differently from what is written.
import * as assert from 'node:assert/strict';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const RLO = '\u202e';
const ZWSP = '\u200b';
/** Bidi controls, invisible characters and C0/C1 controls: none may reach the editor raw. */

const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

const TITLE = 'Improve rust governance command failure diagnostics and retry behavior';

function strings(value: unknown, out: string[] = [], key = ''): string[] {
  if (typeof value === 'string' && ['message', 'title', 'name', 'detail', 'containerName'].includes(key)) out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out, key);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'arguments' && k !== 'edit') strings(v, out, k);
  }
  return out;
}

describe('language server: editor strings from document text', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let lsp: LspSession;
  beforeEach(async () => {
    ws = new TempWorkspace('rs-lsp-sinks-').withExampleRepo();
    lsp = await LspSession.start({ folders: [ws.root] });
  });
  afterEach(async () => {
    await lsp.stop();
    ws.dispose();
  });

  it('diagnostics, code lenses, code actions, Outline and workspace symbols show bidi and invisible characters as escapes', async () => {
    const text = VALID_TEXT.replace('## Scope Notes', `## Scope Notes${RLO}`)
      .replace('- `SELFHEAL-RUN-001`: behavior', `- \`SELFHEAL-RUN-001\`: beha${RLO}vior`)
      .replace(`title: ${TITLE}`, `title: Improve${ZWSP} the ${RLO}flow`);
    const uri = ws.uri(SNAPSHOT_REL);
    ws.write(SNAPSHOT_REL, text);
    lsp.open(uri, text);
    const diags = (await lsp.diagnosticsFor(uri, 1)).diagnostics;
    const doc = { textDocument: { uri } };
    const all = { start: { line: 0, character: 0 }, end: { line: 400, character: 0 } };
    const answers = {
      diagnostics: diags,
      lenses: await lsp.request('textDocument/codeLens', doc),
      actions: await lsp.request('textDocument/codeAction', { ...doc, range: all, context: { diagnostics: diags } }),
      outline: await lsp.request('textDocument/documentSymbol', doc),
      workspace: await lsp.request('workspace/symbol', { query: 'flow' }),
    };
    for (const [what, answer] of Object.entries(answers)) {
      const shown = strings(answer);
      assert.ok(shown.length > 0, `${what}: some strings`);
      for (const s of shown) assert.ok(!HIDDEN.test(s), `${what}: ${JSON.stringify(s)} holds a hidden character raw`);
    }
    // Each place shows the escape where the document has the character.
    assert.ok(
      strings(answers.diagnostics).some((m) => m.includes('Scope Notes\\u202e')),
      'the near-miss message',
    );
    assert.ok(
      strings(answers.lenses).some((t) => t === 'label: beha\\u202evior'),
      'the label lens',
    );
    assert.ok(
      strings(answers.outline).some((n) => n.includes('Improve\\u200b the \\u202eflow')),
      'the candidate in the Outline',
    );
    assert.ok(
      strings(answers.workspace).some((n) => n.includes('\\u202eflow')),
      'the workspace symbol',
    );
  });

  it('a quick fix still applies to a diagnostic whose message was escaped', async () => {
    const text = VALID_TEXT.replace('## Scope Notes', `## Scope Notes${RLO}`);
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, text);
    const diags = (await lsp.diagnosticsFor(uri, 1)).diagnostics.filter((d) => d.code === 'section/near-miss');
    assert.equal(diags.length, 1);
    const actions = (await lsp.request('textDocument/codeAction', {
      textDocument: { uri },
      range: diags[0].range,
      context: { diagnostics: diags },
    })) as { title: string }[];
    assert.ok(
      actions.some((a) => /Scope Notes/.test(a.title)),
      JSON.stringify(actions.map((a) => a.title)),
    );
  });
});
