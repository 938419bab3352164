// Conversion writes the format the repository already uses: the pending spec it has for the
// snapshot (an older tree keeps `<stem>-pending.md`), else the format most of its pending specs
// use, else the configured one; and says which. Through the real CLI (to-pending) and the real
// server (reviewSnapshot/pending), on a copy of a repository laid out as the contract's home is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { PendingRequest } from '../../server/src/protocol';
import { cli } from '../support/cli';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const DIR = 'specs/governance/pending';
const MD = `${DIR}/2026-02-19_self-heal-run-pending.md`;
const YAML = `${DIR}/2026-02-19_self-heal-run-pending.yaml`;
/** A Markdown pending spec as the earlier converter wrote it, with a hand edit. */
const OLD_MD =
  '# Pending spec\n\nSource: `docs/reviews/snapshots/2026-02-19_self-heal-run.md`\n\n### SELFHEAL-RUN-001\n\n- note: kept by hand\n';

describe('conversion writes the repository’s own pending-spec format', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-pfmt-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(SNAPSHOT_REL, VALID_TEXT);
  });
  afterEach(() => ws.dispose());

  it('to-pending: the snapshot’s existing <stem>-pending.md is updated (with --force), no YAML spec written beside it', () => {
    ws.write(MD, OLD_MD);
    const refused = cli(['to-pending', SNAPSHOT_REL], ws.root);
    assert.equal(refused.code, 2, 'it exists: --force is needed, as for the YAML form');
    assert.match(refused.err, /pending\.md: exists; use --force/);
    const r = cli(['to-pending', '--force', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /pending\.md: 1 candidate written \(markdown: the repository already has specs\/governance\/pending\/2026-02-19_self-heal-run-pending\.md\)/,
    );
    assert.equal(ws.exists(YAML), false, 'no second pending spec');
    assert.match(ws.read(MD), /### SELFHEAL-RUN-001/);
  });

  it('to-pending: with none for this snapshot, the format most of the pending specs use; --format still wins', () => {
    ws.write(`${DIR}/2026-01-01_a-pending.md`, '# a\n');
    ws.write(`${DIR}/2026-01-02_b-pending.md`, '# b\n');
    ws.write(`${DIR}/2026-01-03_c-pending.yaml`, 'candidates: []\n');
    const r = cli(['to-pending', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /written \(markdown: as 2 of the repository's 3 pending specs\)/);
    assert.ok(ws.exists(MD));
    fs.rmSync(ws.path(MD));
    const asked = cli(['to-pending', '--format', 'yaml', SNAPSHOT_REL], ws.root);
    assert.match(asked.out, /written \(yaml: as asked\)/);
    assert.ok(ws.exists(YAML));
  });

  it('to-pending: a repository with no pending spec gets the configured format, and is told so', () => {
    const r = cli(['to-pending', SNAPSHOT_REL], ws.root);
    assert.match(r.out, /written \(yaml: the configured format\)/);
  });

  it('the server’s conversion (Convert Candidates to Pending Spec) targets the existing .md and says why', async () => {
    ws.write(MD, OLD_MD);
    const lsp = await LspSession.start({ folders: [ws.root] });
    try {
      const uri = ws.uri(SNAPSHOT_REL);
      lsp.open(uri, VALID_TEXT);
      await lsp.diagnosticsFor(uri, 1);
      const res = await lsp.request(PendingRequest, { uri });
      assert.ok(res.ok);
      assert.equal(res.pendingUri, ws.uri(MD));
      assert.equal(res.exists, true);
      assert.equal(res.format, 'markdown');
      assert.equal(res.formatWhy, `the repository already has ${MD}`);
      assert.match(res.after, /### SELFHEAL-RUN-001/);
    } finally {
      await lsp.stop();
    }
  });
});
