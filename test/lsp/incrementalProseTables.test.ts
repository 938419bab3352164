// Review finding (adversarial pass): incremental = full for a table in a prose section.
// The placeholder rule reads every line of a prose section (Synthesis, Scope Notes, …), a table's
// rows too (`- owner: TODO` is a placeholder, and so is `| lane | owner: TODO`); the incremental
// check told a change to such a row apart as a `row` edit, and kept what the rule's prose part
// reported before ("the rest reads no row"): a placeholder typed into the row was never reported
// in the editor, while the same text opened fresh (and the CLI) report it.
import * as assert from 'node:assert/strict';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';
import { cli } from '../support/cli';

const TABLE = '| Lane | Owner |\n|---|---|\n| rust | owner: ops team |\n';
const TEXT = VALID_TEXT.replace('## Synthesis\n\n', `## Synthesis\n\n${TABLE}\n`);

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${String(d.code)}`).sort();

describe('incremental checking: a table in a prose section', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let lsp: LspSession | undefined;
  afterEach(async () => {
    await lsp?.stop();
    lsp = undefined;
    ws.dispose();
  });

  it('a placeholder typed into such a row is reported as the same text opened fresh (and the CLI) report it', async () => {
    ws = new TempWorkspace().withExampleRepo();
    ws.write(SNAPSHOT_REL, TEXT);
    lsp = await LspSession.start({ folders: [ws.root] });
    const uri = ws.uri(SNAPSHOT_REL);
    const opened = await lsp.diagnosticsFor(uri, lsp.open(uri, TEXT));
    assert.deepEqual(codes(opened.diagnostics), [], 'the snapshot opens clean');
    const line = TEXT.split('\n').indexOf('| rust | owner: ops team |');
    assert.ok(line > 0);
    // `ops team |` becomes `TODO` (the row keeps its `|` start and its line).
    const from = '| rust | owner: '.length;
    const range: Range = { start: { line, character: from }, end: { line, character: '| rust | owner: ops team |'.length } };
    const edited = TEXT.replace('| rust | owner: ops team |', '| rust | owner: TODO');
    const incremental = await lsp.diagnosticsFor(uri, lsp.change(uri, [{ range, text: 'TODO' }]));
    const other = ws.uri('docs/reviews/snapshots/2026-02-19_fresh.md');
    const fresh = await lsp.diagnosticsFor(other, lsp.open(other, edited));
    assert.ok(codes(fresh.diagnostics).includes(`${line}:placeholder/unfilled`), `opened fresh: ${codes(fresh.diagnostics)}`);
    ws.write(SNAPSHOT_REL, edited);
    const r = cli(['validate', '--no-links', SNAPSHOT_REL], ws.root);
    assert.match(r.out, /placeholder\/unfilled/, 'the CLI reports it');
    assert.deepEqual(
      codes(incremental.diagnostics),
      codes(fresh.diagnostics),
      'the edited document has the findings of its text opened fresh',
    );
  });
});
