// The CLI as CI and agents use it, run as a process: --fix and --fix-dry-run, standard input,
// the output formats (SARIF checked against the official 2.1.0 schema), --output-file, help and
// usage errors, explain, new.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { fixAllEdits } from '../../server/src/service/features/actions';
import { cli, cliStdin } from '../support/cli';
import { applyEdits, lineOf, run } from '../support/engine';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

/** The valid snapshot with four problems that have safe fixes (and nothing else wrong). */
const FIXABLE = VALID_TEXT.replace('Model: gpt-5-codex\n', '')
  .replace('| P2 | Verified |', '| High | verified |')
  .replace('  risk: moderate\n', '');

function repo(prefix: string): TempWorkspace {
  const ws = new TempWorkspace(prefix).withExampleRepo();
  fs.mkdirSync(ws.path('.git'));
  return ws;
}

describe('CLI: --fix and --fix-dry-run', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => (ws = repo('rs-fix-')));
  afterEach(() => ws.dispose());

  it('--fix writes what the editor fix-all gives, says what it fixed, and a second --fix changes nothing', () => {
    ws.write(SNAPSHOT_REL, FIXABLE);
    fs.chmodSync(ws.path(SNAPSHOT_REL), 0o640);
    const r = cli(['validate', '--fix', SNAPSHOT_REL], ws.root);
    // What the fixes could not know is left as placeholders, and reported: exit 1 until filled in.
    assert.equal(r.code, 1, r.out + r.err);
    assert.equal(r.out.match(/: fixed /g)?.length, 4, r.out);
    assert.deepEqual(
      [...r.out.matchAll(/error Fill in (\w+): `TODO`/g)].map((m) => m[1]),
      ['Model', 'risk'],
    );
    assert.match(
      r.out,
      new RegExp(
        `^${SNAPSHOT_REL}:${lineOf(FIXABLE, 'Prompt:') + 1}:1: fixed Missing metadata key "Model"\\. \\[metadata/missing\\]$`,
        'm',
      ),
    );
    assert.match(r.out, /2 errors, 0 warnings; 1 failed\n$/);
    // The same code path as the editor: the engine's fix-all edits, applied until none is left.
    let expected = FIXABLE;
    for (let edits = fixAllEdits(run(expected).findings); edits.length; edits = fixAllEdits(run(expected).findings)) {
      expected = applyEdits(expected, edits);
    }
    const fixed = ws.read(SNAPSHOT_REL);
    assert.equal(fixed, expected);
    assert.equal(fs.statSync(ws.path(SNAPSHOT_REL)).mode & 0o777, 0o640, 'permissions kept');
    assert.deepEqual(fs.readdirSync(path.dirname(ws.path(SNAPSHOT_REL))), [path.basename(SNAPSHOT_REL)], 'no temporary or lock file left');
    const again = cli(['validate', '--fix', SNAPSHOT_REL], ws.root);
    assert.equal(again.code, 1, 'the placeholders remain');
    assert.ok(!again.out.includes('fixed'), again.out);
    assert.equal(ws.read(SNAPSHOT_REL), fixed, 'a second --fix changes nothing');
  });

  it('the exit code says what remains after --fix; a BOM and CRLF line endings are kept', () => {
    const broken = '\uFEFF' + FIXABLE.replace(': behavior', ': nope').replace(/\n/g, '\r\n');
    ws.write(SNAPSHOT_REL, broken);
    const r = cli(['validate', '--fix', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 1, 'labels/value has no safe fix: an error remains');
    assert.match(r.out, /error Label "nope" is not allowed/);
    const fixed = fs.readFileSync(ws.path(SNAPSHOT_REL), 'utf8');
    assert.ok(fixed.startsWith('\uFEFF# Review Snapshot\r\n'));
    assert.ok(!/[^\r]\n/.test(fixed), 'every line break is still CRLF');
    assert.match(fixed, /\r\nModel: TODO\r\n/);
  });

  it('--fix-dry-run prints a unified diff and writes nothing; the exit code is what would remain', () => {
    ws.write(SNAPSHOT_REL, FIXABLE);
    const r = cli(['validate', '--fix-dry-run', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 1, 'the placeholders the fixes write would remain');
    assert.ok(r.out.startsWith(`--- a/${SNAPSHOT_REL}\n+++ b/${SNAPSHOT_REL}\n@@ -`), r.out);
    assert.match(r.out, /^\+Model: TODO$/m);
    assert.match(r.out, /^-\| High \| verified \|/m);
    assert.match(r.out, /^\+\| P1 \| Verified \|/m);
    assert.match(r.err, /^4 fixes would be applied to 1 snapshot; nothing written/);
    assert.equal(ws.read(SNAPSHOT_REL), FIXABLE, 'nothing written');
    // The diff applies: patch(1) turns the file into what --fix writes.
    fs.writeFileSync(path.join(ws.root, 'fix.patch'), r.out);
    execFileSync('patch', ['-s', '-p1', '-i', 'fix.patch'], { cwd: ws.root });
    const patched = ws.read(SNAPSHOT_REL);
    ws.write(SNAPSHOT_REL, FIXABLE);
    cli(['validate', '--fix', SNAPSHOT_REL], ws.root);
    assert.equal(patched, ws.read(SNAPSHOT_REL));
  });

  it('--fix refuses a snapshot whose check did not run to its end, and a symlinked snapshot', () => {
    ws.write(SNAPSHOT_REL, FIXABLE);
    const failed = cli(['validate', '--fix', SNAPSHOT_REL], ws.root, 20000, { REVIEW_SNAPSHOT_FAILPOINT: 'rule:table' });
    assert.equal(failed.code, 2);
    assert.match(failed.err, /could not check/);
    assert.ok(!failed.out.includes('fixed'));
    assert.equal(ws.read(SNAPSHOT_REL), FIXABLE, 'nothing written');
    ws.write('real/snap.md', FIXABLE);
    fs.symlinkSync(ws.path('real/snap.md'), ws.path('docs/reviews/snapshots/linked.md'));
    const linked = cli(['validate', '--fix', 'docs/reviews/snapshots/linked.md'], ws.root);
    assert.equal(linked.code, 2);
    assert.match(linked.err, /symbolic link; it is not followed/);
    assert.equal(ws.read('real/snap.md'), FIXABLE);
  });

  it('--fix writes file after file as if one by one: a file named twice (through a linked folder) is fixed once', () => {
    ws.write(SNAPSHOT_REL, FIXABLE);
    const dir = path.dirname(SNAPSHOT_REL);
    fs.symlinkSync(ws.path(dir), ws.path('alias'));
    const alias = path.join('alias', path.basename(SNAPSHOT_REL));
    const r = cli(['validate', '--fix', SNAPSHOT_REL, alias], ws.root);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err, '', 'the second name is read once the first write is done: no refusal, no lock wait');
    assert.equal(r.out.match(/: fixed /g)?.length, 4, 'fixed once');
    assert.match(r.out, /2 snapshots checked: 4 errors, 0 warnings; 2 failed\n$/);
    assert.deepEqual(fs.readdirSync(ws.path(dir)), [path.basename(SNAPSHOT_REL)], 'no temporary or lock file left');
  });

  it('--fix: what a file that could not be written says comes in the order of the files, and its report is what it still holds', () => {
    ws.write('real/one.md', FIXABLE);
    ws.write('real/two.md', FIXABLE);
    ws.write('docs/reviews/snapshots/b.md', FIXABLE);
    fs.symlinkSync(ws.path('real/one.md'), ws.path('docs/reviews/snapshots/a.md'));
    fs.symlinkSync(ws.path('real/two.md'), ws.path('docs/reviews/snapshots/c.md'));
    const names = ['a', 'b', 'c'].map((n) => `docs/reviews/snapshots/${n}.md`);
    const r = cli(['validate', '--fix', ...names], ws.root);
    assert.equal(r.code, 2, 'two files could not be written');
    const refused = r.err.split('\n').filter(Boolean);
    assert.equal(refused.length, 2, r.err);
    assert.match(refused[0], /a\.md is a symbolic link; it is not followed/);
    assert.match(refused[1], /c\.md is a symbolic link; it is not followed/);
    assert.equal(r.out.match(/b\.md:\d+:\d+: fixed /g)?.length, 4, r.out);
    assert.ok(!/[ac]\.md:\d+:\d+: fixed /.test(r.out), 'nothing reported fixed in a file not written');
    assert.ok(r.out.includes('a.md:') && /a\.md:\d+:\d+: error Missing metadata key "Model"/.test(r.out), 'a.md reported as it is');
    assert.equal(ws.read('real/one.md'), FIXABLE);
    assert.equal(ws.read('real/two.md'), FIXABLE);
  });

  it('usage: --fix with standard input, --fix with --fix-dry-run, --fix-dry-run with --format json', () => {
    for (const args of [
      ['--fix', '-'],
      ['--fix', '--fix-dry-run', SNAPSHOT_REL],
      ['--fix-dry-run', '--format', 'json', SNAPSHOT_REL],
    ]) {
      const r = cliStdin(['validate', ...args], ws.root, FIXABLE);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /option "--fix/);
      assert.match(r.err, /Usage: review-snapshot validate /);
    }
  });
});

describe('CLI: standard input', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => (ws = repo('rs-stdin-')));
  afterEach(() => ws.dispose());

  it('validate - --stdin-filename: the name decides the root, the links and the path shown', () => {
    const text = VALID_TEXT.replace('runner_adapter.sh:138', 'runner_adapter.sh:999');
    const sub = ws.path('docs');
    const r = cliStdin(['validate', '-', '--stdin-filename', 'reviews/snapshots/x.md'], sub, text);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      new RegExp(`^reviews/snapshots/x\\.md:${lineOf(text, ':999') + 1}:\\d+: warning .*line 999 is outside it\\. \\[links/line\\]$`, 'm'),
    );
    assert.equal(ws.exists('docs/reviews/snapshots/x.md'), false, 'the name is only a name');
    const plain = cliStdin(['validate', '-', '--stdin-filename', 'notes/readme.md'], ws.root, '# Readme\n');
    assert.equal(plain.code, 2, 'not a snapshot by its name or title');
    assert.match(plain.err, /no review snapshots found in -/);
    const titled = cliStdin(['validate', '-'], ws.root, VALID_TEXT.replace('Model: gpt-5-codex\n', ''));
    assert.equal(titled.code, 1);
    assert.match(titled.out, /^<stdin>:\d+:\d+: error Missing metadata key "Model"/m);
  });

  it('--fix-dry-run on standard input prints the diff under the given name', () => {
    const r = cliStdin(['validate', '--fix-dry-run', '-', '--stdin-filename', SNAPSHOT_REL], ws.root, FIXABLE);
    assert.equal(r.code, 1, 'placeholders would remain');
    assert.ok(r.out.startsWith(`--- a/${SNAPSHOT_REL}\n`));
  });

  it('a path outside the current folder is shown absolute, never as ../../..', () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT.replace('Model: gpt-5-codex\n', ''));
    const r = cli(['validate', ws.path(SNAPSHOT_REL)], ws.path('specs'));
    assert.match(r.out, new RegExp(`^${ws.path(SNAPSHOT_REL).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error`, 'm'));
    const dev = cliStdin(['validate', '/dev/stdin'], ws.root, VALID_TEXT);
    assert.ok(!(dev.out + dev.err).includes('../'), dev.out + dev.err);
  });

  it('to-pending - --stdin-filename --out -: the pending spec on standard output, nothing written', () => {
    const r = cliStdin(['to-pending', '-', '--stdin-filename', SNAPSHOT_REL, '--out', '-'], ws.root, VALID_TEXT);
    assert.equal(r.code, 0, r.err);
    const spec = parse(r.out);
    assert.equal(spec.candidates[0].id, 'SELFHEAL-RUN-001');
    assert.match(r.out, /2026-02-19_self-heal-run\.md/);
    assert.equal(ws.exists('specs/governance/pending'), false);
  });

  it('to-pending takes --root like validate', () => {
    ws.write('nested/' + SNAPSHOT_REL, VALID_TEXT);
    const r = cli(['to-pending', '--root', 'nested', 'nested/' + SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.ok(ws.exists('nested/specs/governance/pending/2026-02-19_self-heal-run-pending.yaml'));
  });
});

describe('CLI: help and usage', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => (ws = repo('rs-help-')));
  afterEach(() => ws.dispose());

  it('every command has --help (exit 0, its usage on stdout)', () => {
    for (const command of ['validate', 'to-pending', 'explain', 'new']) {
      for (const flag of ['--help', '-h']) {
        const r = cli([command, flag], ws.root);
        assert.equal(r.code, 0, `${command} ${flag}: ${r.err}`);
        assert.match(r.out, new RegExp(`^  review-snapshot ${command} `, 'm'));
      }
    }
    assert.equal(cli(['--help'], ws.root).code, 0);
  });

  it('a usage error names the flag and shows the command usage', () => {
    const r = cli(['to-pending', '--outt', 'x', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'review-snapshot: unknown option "--outt" for to-pending\nUsage: review-snapshot to-pending [options] <snapshot|->\nRun "review-snapshot to-pending --help" for the options.\n',
    );
    const v = cli(['validate', '--format'], ws.root);
    assert.match(v.err, /option "--format" needs a value\nUsage: review-snapshot validate/);
  });
});

describe('CLI: explain and new', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => (ws = repo('rs-new-')));
  afterEach(() => ws.dispose());

  it('explain prints the rule page and its URL; an unknown rule suggests the near ones', () => {
    const r = cli(['explain', 'metadata/missing'], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith('# metadata/missing\n'));
    assert.match(r.out, /## Failing example/);
    assert.match(r.out, /^file:\/\/.*\/docs\/rules\/metadata\/missing\.md$/m);
    const bad = cli(['explain', 'missing'], ws.root);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown rule "missing"; did you mean .*metadata\/missing/);
    const list = cli(['explain', '--list'], ws.root);
    assert.match(list.out, /^check\/incomplete +error +A rule could not run/m);
  });

  it('new prints a snapshot with the date, the HEAD revision and the repository schema; --out never overwrites without --force', () => {
    fs.rmSync(ws.path('.git'), { recursive: true });
    const git = (...a: string[]) => execFileSync('git', a, { cwd: ws.root, encoding: 'utf8' }).trim();
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'x');
    const head = git('rev-parse', '--short', 'HEAD');
    const r = cli(['new', '--date', '2026-03-01', '--prompt', 'docs/reviews/prompts/self_healing.md'], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith('# Review Snapshot\n'));
    assert.match(r.out, /^Date: 2026-03-01$/m);
    assert.match(r.out, new RegExp(`^Repo revision: ${head}$`, 'm'));
    assert.match(r.out, /^- \/specs\/schema\/review_snapshot_schema_v1\.yaml$/m);
    const out = 'docs/reviews/snapshots/2026-03-01_next.md';
    const w = cli(['new', '--out', out], ws.root);
    assert.equal(w.code, 0, w.err);
    assert.match(ws.read(out), /^# Review Snapshot\n/);
    ws.write(out, 'mine\n');
    const again = cli(['new', '--out', out], ws.root);
    assert.equal(again.code, 2);
    assert.match(again.err, /exists; use --force/);
    assert.equal(ws.read(out), 'mine\n');
    assert.equal(cli(['new', '--out', out, '--force'], ws.root).code, 0);
    assert.match(ws.read(out), /^# Review Snapshot\n/);
  });

  it("new follows the repository's configuration file (its schemaPath and templates), as New Snapshot does; a broken one writes nothing", () => {
    ws.write('specs/schema/team_schema.yaml', fs.readFileSync(ws.path('specs/schema/review_snapshot_schema_v1.yaml'), 'utf8'));
    ws.write('.review-snapshot.yaml', 'schemaPath: specs/schema/team_schema.yaml\n');
    const r = cli(['new', '--date', '2026-03-01'], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^- \/specs\/schema\/team_schema\.yaml$/m);
    assert.match(cli(['new', '--no-config'], ws.root).out, /^- \/specs\/schema\/review_snapshot_schema_v1\.yaml$/m);
    ws.write('.review-snapshot.yaml', 'schemaPath: [1]\n');
    const broken = cli(['new', '--out', 'docs/reviews/snapshots/x.md'], ws.root);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /\.review-snapshot\.yaml:1:\d+: error .*schemaPath/);
    assert.ok(!fs.existsSync(ws.path('docs/reviews/snapshots/x.md')));
  });
});
