// The configuration file in the CLI: found next to the snapshots, chosen with --config, ignored
// with --no-config, shown with --print-config; a malformed one stops the run with its places.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { cli } from '../support/cli';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

describe('CLI: configuration file', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-cli-cfg-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(SNAPSHOT_REL, VALID_TEXT.replace('| P2 | Verified |', '| High | Verified |'));
  });
  afterEach(() => ws.dispose());

  it('a malformed configuration: exit 2, each problem at its file:line:col, never a silent fallback', () => {
    ws.write('.review-snapshot.yaml', 'rules:\n  table/severity: quiet\n  metadata/missing: off\nfilez: []\n');
    const r = cli(['validate', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 2);
    assert.deepEqual(r.err.trim().split('\n'), [
      '.review-snapshot.yaml:2:19: error "table/severity" must be off, warning or error (not "quiet") [config/invalid]',
      '.review-snapshot.yaml:3:21: error "metadata/missing" is a contract rule: a snapshot that violates the contract cannot conform, so it cannot be turned off or lowered [config/invalid]',
      '.review-snapshot.yaml:4:1: error unknown key "filez" (known: files, ignores, templates, prompts, schemaPath, conventions, links, rules, pending, repositories) [config/invalid]',
    ]);
    assert.match(r.out, /the configuration has problems/);
  });

  it('a configuration that does not parse: exit 2 (fails CI), and says nothing of it is applied, as --print-config shows', () => {
    ws.write('.review-snapshot.yaml', 'rules: { table/severity: off\nlinks: [\n');
    const r = cli(['validate', '--format', 'json', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /^\.review-snapshot\.yaml:\d+:\d+: error YAML: /m);
    assert.match(r.err, /^\.review-snapshot\.yaml: nothing of it is applied until it parses \(the defaults are in force\)$/m);
    const invalid = JSON.parse(r.out).files[0].findings.find((f: { rule: string }) => f.rule === 'config/invalid');
    assert.match(invalid.message, /Nothing of it is applied until it parses: the defaults are in force\.$/);
    assert.doesNotMatch(invalid.message, /rest of the file is applied/);
    // True: the rule it turns off is still on.
    const printed = cli(['validate', '--print-config', SNAPSHOT_REL], ws.root);
    assert.deepEqual(JSON.parse(printed.out).rules, {});
    // A file that parses with one bad key: the rest of it is applied, and said so.
    ws.write('.review-snapshot.yaml', 'rules: { table/severity: off }\nfilez: []\n');
    const partial = JSON.parse(cli(['validate', '--format', 'json', SNAPSHOT_REL], ws.root).out);
    assert.match(
      partial.files[0].findings.find((f: { rule: string }) => f.rule === 'config/invalid').message,
      /the rest of the file is applied/,
    );
  });

  it('the nearest file applies; --no-config ignores it; --config names another', () => {
    assert.match(cli(['validate', SNAPSHOT_REL], ws.root).out, /\[table\/severity\]/);
    ws.write('.review-snapshot.yaml', 'rules: { table/severity: off }\n');
    assert.match(cli(['validate', SNAPSHOT_REL], ws.root).out, /0 errors, 0 warnings; all conform/);
    assert.match(cli(['validate', '--no-config', SNAPSHOT_REL], ws.root).out, /\[table\/severity\]/);
    ws.write('ci/strict.yaml', 'rules: { table/severity: error }\n');
    const strict = cli(['validate', '--config', 'ci/strict.yaml', SNAPSHOT_REL], ws.root);
    assert.equal(strict.code, 1);
    assert.match(strict.out, /error Severity "High"/);
    assert.equal(cli(['validate', '--config', 'x.yaml', '--no-config', SNAPSHOT_REL], ws.root).code, 2);
  });

  it('--print-config shows the effective configuration for a file and where it came from', () => {
    ws.write('.review-snapshot.yaml', 'ignores: ["docs/history/**"]\nrules: { links/missing: off }\n');
    const r = cli(['validate', '--print-config', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 0, r.err);
    const c = JSON.parse(r.out);
    assert.equal(c.configFile, '.review-snapshot.yaml');
    assert.deepEqual(c.ignores, ['docs/history/**']);
    assert.deepEqual(c.rules, { 'links/missing': 'off' });
    assert.deepEqual(c.files, ['**/reviews/snapshots/**/*.md'], 'defaults fill what the file leaves out');
  });

  it('directory selection follows files and ignores: a custom glob is found, an ignored archive is not', () => {
    ws.write('notes/review-2026.md', VALID_TEXT.replace('# Review Snapshot', '# Review notes'));
    ws.write('docs/history/old.md', '# Review Snapshot\n\nDate: long ago\n');
    ws.write('.review-snapshot.yaml', 'files: ["notes/review-*.md", "**/reviews/snapshots/**/*.md"]\nignores: ["docs/history/**"]\n');
    const r = cli(['validate', '.'], ws.root);
    assert.match(r.out, /notes\/review-2026\.md:1:3: warning The title should be/);
    assert.doesNotMatch(r.out, /history/);
    assert.match(r.out, /^2 snapshots and 1 prompt checked/m);
  });
});
