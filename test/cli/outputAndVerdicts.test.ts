// Failing CLI tests from an adversarial review: output that a hostile repository can turn into
// lines of its own (SECURITY.md principle 5), a verdict that depends on --no-links, and a hostile
// template that stops CI from checking anything. Each test is named after what a user would
// expect; each failed when it was written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/cli';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

describe('CLI output cannot be given lines of its own', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-adv-cli-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(SNAPSHOT_REL, VALID_TEXT);
  });
  afterEach(() => ws.dispose());

  it("a configuration file's key holding line breaks is printed on one line: no workflow command, no fake summary", () => {
    // Printable ASCII in the file; YAML's double-quoted escapes make the key hold LF.
    ws.write(
      '.review-snapshot.yaml',
      '"x\\n::error file=a.md,line=1::injected\\n1 snapshot checked: 0 errors, 0 warnings; all conform": 1\n',
    );
    const r = cli(['validate', 'docs/reviews/snapshots'], ws.root);
    assert.equal(r.code, 2);
    // Once (fixed since): CliSettings.for (cli/config.ts) writes each problem's message unescaped: writeErr splits on
    // the line breaks and keeps them, so stderr (which GitHub Actions also reads) gets these lines.
    assert.ok(!/^::/m.test(r.err), JSON.stringify(r.err));
    assert.ok(!/^1 snapshot checked/m.test(r.err), JSON.stringify(r.err));
  });

  it('a symbolic link whose name holds a line break is named on one line when it is refused', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-adv-out-'));
    try {
      fs.writeFileSync(path.join(outside, 'x.md'), '# Review Snapshot\n');
      fs.symlinkSync(path.join(outside, 'x.md'), ws.path('docs/reviews/snapshots/evil\n::error file=a.md::injected.md'));
      const r = cli(['validate', 'docs/reviews/snapshots'], ws.root);
      assert.equal(r.code, 2);
      // Once (fixed since): readSnapshot's UsageError names the file raw: "review-snapshot: …/evil" then "::error …".
      assert.ok(!/^::/m.test(r.err), JSON.stringify(r.err));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('CLI verdicts', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-adv-cli-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
  });
  afterEach(() => ws.dispose());

  it('--no-links does not turn a suppression of links/missing into a warning that fails --strict', () => {
    const row = /^\| P2 \| Verified \| dc%2Drunner%2Drust\/runner_adapter\.sh:138 (.*) \|$/m;
    ws.write(
      SNAPSHOT_REL,
      VALID_TEXT.replace(row, '| P2 | Verified | src/removed.ts:3 $1 <!-- review-snapshot-disable-line links/missing --> |'),
    );
    const withLinks = cli(['validate', '--strict', 'docs/reviews/snapshots'], ws.root);
    assert.equal(withLinks.code, 0, withLinks.out + withLinks.err);
    const noLinks = cli(['validate', '--strict', '--no-links', 'docs/reviews/snapshots'], ws.root);
    // Once (fixed since): "suppression/unused" (the links were not checked, so nothing was suppressed) and exit 1.
    assert.equal(noLinks.code, 0, noLinks.out + noLinks.err);
  });

  it('a configuration file that is a symbolic link out of the repository is refused with a problem, not silently skipped', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-adv-cfg-'));
    try {
      fs.writeFileSync(path.join(outside, 'shared.yaml'), 'rules: { table/status: error }\n');
      fs.symlinkSync(path.join(outside, 'shared.yaml'), ws.path('.review-snapshot.yaml'));
      ws.write(SNAPSHOT_REL, VALID_TEXT.replace('| pass | 0 | Critical', '| ok | 0 | Critical'));
      const r = cli(['validate', 'docs/reviews/snapshots'], ws.root);
      // Not read (right), but today not reported either: ConfigLoader.configIn takes only stat === 'file',
      // so the run ignores the team's file and ends "all conform", exit 0.
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, /\.review-snapshot\.yaml.*outside/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a repository template with a candidate key named constructor does not stop CI from checking the snapshots', () => {
    const tpl = fs
      .readFileSync(path.join('test', 'fixtures', 'templates', 'review_snapshot.md'), 'utf8')
      .replace('  risk: <low|moderate|high>', '  risk: <low|moderate|high>\n  constructor: <a|b>');
    ws.write('docs/reviews/templates/review_snapshot.md', tpl);
    ws.write(SNAPSHOT_REL, VALID_TEXT.replace('Date: 2026-02-19', 'Date: soon'));
    const r = cli(['validate', 'docs/reviews/snapshots'], ws.root);
    // Once (fixed since): "review-snapshot: internal error: into.includes is not a function", exit 2, nothing checked.
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /error Date "soon"/);
  });
});
