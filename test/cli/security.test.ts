// The CLI against hostile repositories built in temporary folders: files it reads or writes that
// lead outside the repository, special files, planted names, concurrent conversions, text that
// would inject into a terminal or a CI log, and a check that cannot run.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cli, cliAsync } from '../support/cli';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const SCHEMA_REF = 'specs/schema/review_snapshot_schema_v1.yaml';
const PENDING_DIR = 'specs/governance/pending';
const PENDING = `${PENDING_DIR}/2026-02-19_self-heal-run-pending.yaml`;

describe('CLI security: hostile repositories', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let outside: string;
  beforeEach(() => {
    ws = new TempWorkspace('rs-sec-').withExampleRepo();
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    fs.mkdirSync(ws.path('.git'));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-outside-')));
    fs.writeFileSync(path.join(outside, 'profile'), 'SECRET-CONTENT-OUTSIDE\n');
  });
  afterEach(() => {
    ws.dispose();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const replaceWithLink = (rel: string, target: string) => {
    fs.rmSync(ws.path(rel), { recursive: true, force: true });
    fs.mkdirSync(path.dirname(ws.path(rel)), { recursive: true });
    fs.symlinkSync(target, ws.path(rel));
  };

  it('a schema ref that is a symlink to a file outside is not read: a warning says so, its content never appears', () => {
    fs.writeFileSync(path.join(outside, 'schema.yaml'), 'required_metadata: [SECRET-CONTENT-OUTSIDE\n');
    replaceWithLink(SCHEMA_REF, path.join(outside, 'schema.yaml'));
    const r = cli(['validate', SNAPSHOT_REL], ws.root);
    assert.match(r.out, /points outside the repository; using the bundled v1 schema\. \[schema\/unreadable\]/);
    assert.ok(!(r.out + r.err).includes('SECRET'));
    assert.equal(r.code, 0);
  });

  it('a schema ref that is a symlink to /dev/zero, or a FIFO, is refused at once', () => {
    replaceWithLink(SCHEMA_REF, '/dev/zero');
    const z = cli(['validate', SNAPSHOT_REL], ws.root, 10000);
    assert.equal(z.signal, null, 'finished');
    assert.match(z.out, /points outside the repository/);
    fs.rmSync(ws.path(SCHEMA_REF));
    execFileSync('mkfifo', [ws.path(SCHEMA_REF)]);
    const f = cli(['validate', SNAPSHOT_REL], ws.root, 10000);
    assert.equal(f.signal, null, 'finished');
    assert.match(f.out, /it is not a regular file/);
  });

  it('a pending folder that is a symlink out of the repository: nothing is written there', () => {
    replaceWithLink(PENDING_DIR, outside);
    const r = cli(['to-pending', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 2);
    assert.match(r.err, /leads outside the folder/);
    assert.deepEqual(fs.readdirSync(outside), ['profile']);
  });

  it('a pending file that is a symlink out (even with --force): refused, the outside file untouched and unread', () => {
    replaceWithLink(PENDING, path.join(outside, 'profile'));
    for (const args of [
      ['to-pending', SNAPSHOT_REL],
      ['to-pending', '--force', SNAPSHOT_REL],
    ]) {
      const r = cli(args, ws.root);
      assert.notEqual(r.code, 0);
      assert.ok(!(r.out + r.err).includes('SECRET'));
    }
    assert.equal(fs.readFileSync(path.join(outside, 'profile'), 'utf8'), 'SECRET-CONTENT-OUTSIDE\n');
    assert.ok(fs.lstatSync(ws.path(PENDING)).isSymbolicLink(), 'the link itself is left alone');
  });

  it('temporary names planted as symlinks are never followed', () => {
    fs.mkdirSync(ws.path(PENDING_DIR), { recursive: true });
    // Every name the earlier converter could have used (`.name.<pid>.tmp`) for a range of pids.
    for (let pid = 1; pid < 2000; pid += 1) {
      fs.symlinkSync(path.join(outside, 'profile'), ws.path(`${PENDING_DIR}/.${path.basename(PENDING)}.${pid}.tmp`));
    }
    const r = cli(['to-pending', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.readFileSync(path.join(outside, 'profile'), 'utf8'), 'SECRET-CONTENT-OUTSIDE\n');
    assert.equal(parse(ws.read(PENDING)).candidates[0].id, 'SELFHEAL-RUN-001');
  });

  it('concurrent conversions: without --force exactly one writes; with --force no entry is lost', async () => {
    const first = await Promise.all([1, 2, 3, 4].map(() => cliAsync(['to-pending', SNAPSHOT_REL], ws.root)));
    assert.deepEqual(first.map((r) => r.code).sort(), [0, 2, 2, 2], first.map((r) => r.err).join('\n'));
    // Four snapshots with different candidates merge into one file at the same moment.
    const ids = ['A-1', 'B-1', 'C-1', 'D-1'];
    ids.forEach((id, i) => ws.write(`docs/reviews/snapshots/2026-02-19_${i}.md`, VALID_TEXT.replaceAll('SELFHEAL-RUN-001', id)));
    const runs = await Promise.all(
      ids.map((_, i) => cliAsync(['to-pending', '--force', '--out', PENDING, `docs/reviews/snapshots/2026-02-19_${i}.md`], ws.root)),
    );
    assert.deepEqual(
      runs.map((r) => r.code),
      [0, 0, 0, 0],
      runs.map((r) => r.err).join('\n'),
    );
    const got = parse(ws.read(PENDING))
      .candidates.map((c: { id: string }) => c.id)
      .sort();
    assert.deepEqual(got, ['A-1', 'B-1', 'C-1', 'D-1', 'SELFHEAL-RUN-001']);
    assert.deepEqual(
      fs.readdirSync(ws.path(PENDING_DIR)).filter((f) => f.startsWith('.')),
      [],
      'no temporary file or lock left',
    );
  });

  it('six conversions at once find the lock of a writer that died: one breaks it, all take turns, no entry is lost', async () => {
    // A conversion killed mid-write a while ago left its lock; six snapshots are converted into
    // the same pending file at the same moment, each process judging that lock stale.
    fs.mkdirSync(ws.path(PENDING_DIR), { recursive: true });
    const lock = ws.path(`${PENDING_DIR}/.${path.basename(PENDING)}.lock`);
    fs.writeFileSync(lock, '');
    const old = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(lock, old, old);
    const ids = ['A-1', 'B-1', 'C-1', 'D-1', 'E-1', 'F-1'];
    ids.forEach((id, i) => ws.write(`docs/reviews/snapshots/2026-02-19_${i}.md`, VALID_TEXT.replaceAll('SELFHEAL-RUN-001', id)));
    const runs = await Promise.all(
      ids.map((_, i) => cliAsync(['to-pending', '--force', '--out', PENDING, `docs/reviews/snapshots/2026-02-19_${i}.md`], ws.root)),
    );
    assert.deepEqual(
      runs.map((r) => r.code),
      ids.map(() => 0),
      runs.map((r) => r.err).join('\n'),
    );
    const got = parse(ws.read(PENDING))
      .candidates.map((c: { id: string }) => c.id)
      .sort();
    assert.deepEqual(got, ids);
    assert.deepEqual(
      fs.readdirSync(ws.path(PENDING_DIR)).filter((f) => f.startsWith('.')),
      [],
      'the dead lock is gone, and no lock, guard or temporary file is left',
    );
  });

  it('a snapshot found in a folder that is a symlink to a file outside is not read', () => {
    fs.writeFileSync(path.join(outside, 'x.md'), '# Review Snapshot\n\nSECRET-CONTENT-OUTSIDE\n');
    fs.symlinkSync(path.join(outside, 'x.md'), ws.path('docs/reviews/snapshots/linked.md'));
    const r = cli(['validate', 'docs/reviews/snapshots'], ws.root);
    assert.equal(r.code, 2);
    assert.match(r.err, /linked\.md: cannot read: it points outside the folder it was found in/);
    assert.ok(!(r.out + r.err).includes('SECRET'));
  });
});

describe('CLI security: output injection', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-inj-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
  });
  afterEach(() => ws.dispose());

  // Printable ASCII in the file; YAML's double-quoted escapes make the values hold ESC, CR and LF.
  const HOSTILE_TYPE =
    '"x\\e]0;pwned\\a\\e[2J\\r\\n::error file=a,line=1::injected\\n::add-mask::x\\ndocs/x.md:1:1: error fake [f]\\n1 snapshot checked: 0 errors, 0 warnings; all conform\\u202e"';

  it('document text reaches the terminal escaped: no escape sequence, no line of its own, in text and JSON', () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT.replace('type: contract.check', `type: ${HOSTILE_TYPE}`));
    const text = cli(['validate', SNAPSHOT_REL], ws.root);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/.test(text.out), JSON.stringify(text.out));
    assert.ok(!/^::/m.test(text.out), 'no workflow command starts a line');
    assert.ok(!/^docs\/x\.md/m.test(text.out), 'no fake finding line');
    assert.equal(text.out.trim().split('\n').length, 2, 'one finding, one summary');
    assert.match(text.out, /\\x1b\]0;pwned\\x07/);
    const json = cli(['validate', '--format', 'json', SNAPSHOT_REL], ws.root);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/.test(json.out));
    assert.match(JSON.parse(json.out).files[0].findings[0].message, /\u001b\]0;pwned/, 'the JSON value is exact');
  });

  it('a file name with a line break and escapes is shown escaped', () => {
    const name = 'docs/reviews/snapshots/evil\n::error::x\u001b[31m.md';
    ws.write(name, VALID_TEXT.replace('Date: 2026-02-19', 'Date: nope'));
    const r = cli(['validate', 'docs/reviews/snapshots'], ws.root);
    assert.ok(!/^::error/m.test(r.out));
    assert.ok(!r.out.includes('\u001b'));
    assert.match(r.out, /evil\\n::error::x\\x1b\[31m\.md:\d+:\d+: error Date/);
  });
});

describe('CLI security: fail closed', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-fc-').withExampleRepo();
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    fs.mkdirSync(ws.path('.git'));
  });
  afterEach(() => ws.dispose());

  it('a rule that cannot run: exit 2, "could not check", never "all conform"; to-pending writes nothing', () => {
    const env = { REVIEW_SNAPSHOT_FAILPOINT: 'rule:candidates' };
    const r = cli(['validate', SNAPSHOT_REL], ws.root, 20000, env);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /could not check docs\/reviews\/snapshots\/2026-02-19_self-heal-run\.md: rule candidates failed: Error: failpoint rule:candidates/,
    );
    assert.doesNotMatch(r.out, /all conform/);
    assert.match(r.out, /could not be checked/);
    const p = cli(['to-pending', SNAPSHOT_REL], ws.root, 20000, env);
    assert.equal(p.code, 2);
    assert.equal(ws.exists(PENDING), false);
  });
});
