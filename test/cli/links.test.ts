// Writes and reads through links, in the CLI (SECURITY.md, "Links"): the same guarded place check
// as the server's plans refuses a pending spec through a link that leads nowhere (the folder or
// the file), and a link to `/` cannot tell which files exist outside. Issue 23.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/cli';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const PENDING_DIR = 'specs/governance/pending';
const PENDING_REL = `${PENDING_DIR}/2026-02-19_self-heal-run-pending.yaml`;

describe('CLI: writes and reads through links', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let outside: string;
  beforeEach(() => {
    ws = new TempWorkspace('rs-cli-links-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-out-')));
  });
  afterEach(() => {
    ws.dispose();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('to-pending through a link that leads nowhere (outside) writes nothing: not through the folder, not through the file', () => {
    fs.mkdirSync(ws.path('specs/governance'), { recursive: true });
    fs.symlinkSync(path.join(outside, 'not-yet'), ws.path(PENDING_DIR));
    const viaFolder = cli(['to-pending', SNAPSHOT_REL], ws.root);
    assert.equal(viaFolder.code, 2, viaFolder.out + viaFolder.err);
    assert.match(viaFolder.err, /leads nowhere/);
    fs.rmSync(ws.path(PENDING_DIR));
    fs.mkdirSync(ws.path(PENDING_DIR));
    fs.symlinkSync(path.join(outside, 'profile'), ws.path(PENDING_REL));
    const viaFile = cli(['to-pending', SNAPSHOT_REL], ws.root);
    assert.equal(viaFile.code, 2, viaFile.out + viaFile.err);
    assert.match(viaFile.err, /is a symbolic link; it is not followed/);
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing was made outside');
  });

  it('a link to / tells nothing about what exists outside: a file that is there and one that is not are both outside', () => {
    fs.symlinkSync('/', ws.path('rootlink'));
    fs.writeFileSync(path.join(outside, 'there'), 'x\n');
    ws.write(
      SNAPSHOT_REL,
      VALID_TEXT.replace('- /specs/schema/schema_v1.md', `- /rootlink${outside}/there\n- /rootlink${outside}/not-there`),
    );
    const r = cli(['validate', SNAPSHOT_REL], ws.root);
    const rules = (name: string) =>
      r.out
        .split('\n')
        .filter((l) => l.includes(`/${name}"`))
        .map((l) => /\[([^\]]+)\]$/.exec(l)?.[1]);
    assert.deepEqual(rules('there'), ['links/outside'], r.out);
    assert.deepEqual(rules('not-there'), ['links/outside'], `a missing outside file is told apart from one that exists: ${r.out}`);
  });
});
