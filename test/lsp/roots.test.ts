// The root of a file above every workspace folder (lsp/folders.ts rootOf): the root decides what
// a document may read, so only a configuration file of a workspace folder's own repository is
// rooted at that repository (found by an adversarial review of the watcher change).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp';
import { TempWorkspace, VALID_TEXT } from '../support/workspace';

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
