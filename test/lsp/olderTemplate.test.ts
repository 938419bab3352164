// The real server over LSP on a snapshot copied from the older template layout (issue 22,
// item 3): the same diagnostics as the CLI gives (rule, range, severity), one at each
// placeholder; the template itself gets none.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { jsonFindings } from '../support/cli';
import { LspSession } from '../support/lsp';
import { FROM_OLDER_REL, OLDER_TEMPLATE, OLDER_TEMPLATE_REL, olderPlaceholders } from '../support/olderTemplate';
import { TempWorkspace } from '../support/workspace';

describe('language server: the older template layout, as the CLI sees it', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let lsp: LspSession | undefined;
  beforeEach(() => {
    ws = new TempWorkspace('rs-lsp-older-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(OLDER_TEMPLATE_REL, OLDER_TEMPLATE);
    ws.write(FROM_OLDER_REL, OLDER_TEMPLATE);
  });
  afterEach(async () => {
    await lsp?.stop();
    ws.dispose();
  });

  it('the copied snapshot gets the CLI findings, one error at each placeholder; the template none', async () => {
    const fromCli = jsonFindings(FROM_OLDER_REL, ws.root).found.map((f) => [
      f.rule,
      f.severity === 'error' ? 1 : 2,
      f.line - 1,
      f.column - 1,
      f.endLine - 1,
      f.endColumn - 1,
    ]);
    lsp = await LspSession.start({ folders: [ws.root] });
    const template = ws.uri(OLDER_TEMPLATE_REL);
    const snapshot = ws.uri(FROM_OLDER_REL);
    lsp.open(template, OLDER_TEMPLATE);
    lsp.open(snapshot, OLDER_TEMPLATE);
    assert.deepEqual((await lsp.diagnosticsFor(template, 1)).diagnostics, []);
    const fromServer = (await lsp.diagnosticsFor(snapshot, 1)).diagnostics.map((d) => [
      d.code,
      d.severity,
      d.range.start.line,
      d.range.start.character,
      d.range.end.line,
      d.range.end.character,
    ]);
    assert.deepEqual(fromServer, fromCli);
    assert.deepEqual(
      fromServer,
      olderPlaceholders().map((p) => ['placeholder/unfilled', 1, p.line, p.start, p.line, p.end]),
    );
  });
});
