// The real CLI, run as a process on files in temporary folders.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { spawn } from 'node:child_process';
import { CLI, cli } from '../support/cli';
import { colOf, lineOf } from '../support/engine';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

/** "line:column" as the CLI prints it (1-based): `token` in the `nth` line of `text` holding `needle`. */
function place(text: string, needle: string, token = needle, nth = 0): string {
  const l = lineOf(text, needle, nth);
  return `${l + 1}:${colOf(text, l, token) + 1}`;
}

describe('CLI: validate', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-cli-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
  });
  afterEach(() => ws.dispose());

  it('exits 0 on a valid snapshot, with a summary', () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    const r = cli(['validate', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(r.out, '1 snapshot checked: 0 errors, 0 warnings; all conform\n');
  });

  // Each case: the break, and the expected output line computed from the broken text.
  const broken: [string, (t: string) => string, (b: string) => string][] = [
    [
      'missing metadata key',
      (t) => t.replace('Model: gpt-5-codex\n', ''),
      (b) => `${SNAPSHOT_REL}:${place(b, 'Prompt:', 'Prompt')}: error Missing metadata key "Model". [metadata/missing]`,
    ],
    [
      'bad date',
      (t) => t.replace('Date: 2026-02-19', 'Date: 2026-13-01'),
      (b) =>
        `${SNAPSHOT_REL}:${place(b, 'Date: 2026-13-01', '2026-13-01')}: error Date "2026-13-01" is not a day of the calendar; write the review's day as YYYY-MM-DD. [metadata/date]`,
    ],
    [
      'section out of order',
      (t) => t.replace('## Synthesis', '## Synthesis-x').replace('## Scope Notes', '## Synthesis\n\n- moved\n\n## Scope Notes'),
      () => `error Section "Synthesis" is out of order`,
    ],
    [
      'wrong header',
      (t) => t.replace('| command | status |', '| cmd | status |'),
      (b) => `${SNAPSHOT_REL}:${place(b, '| cmd | status |')}: error The first table of "Command Execution Log" must have the header`,
    ],
    [
      'extra cell',
      (t) => t.replace('(`Killed: 9`)', '(`a | b`)'),
      (b) => `${SNAPSHOT_REL}:${place(b, '(`a | b`)', '| ./runners/')}: error Row has 5 cells; the header has 4`,
    ],
    ['yaml syntax', (t) => t.replace('  class: MUST', '  class: [MUST'), () => `error YAML: `],
    [
      'missing candidate key',
      (t) => t.replace('  risk: moderate\n', ''),
      (b) =>
        `${SNAPSHOT_REL}:${place(b, '- id: SELFHEAL-RUN-001', 'SELFHEAL-RUN-001')}: error Candidate SELFHEAL-RUN-001 is missing required key: risk. [candidates/missing-key]`,
    ],
    [
      'unlabelled candidate',
      (t) => t.replace('- `SELFHEAL-RUN-001`: behavior\n', ''),
      (b) =>
        `${SNAPSHOT_REL}:${place(b, '- id: SELFHEAL-RUN-001', 'SELFHEAL-RUN-001')}: error Candidate "SELFHEAL-RUN-001" has no classification label`,
    ],
    [
      'disallowed label',
      (t) => t.replace(': behavior', ': feature'),
      (b) => `${SNAPSHOT_REL}:${place(b, '`SELFHEAL-RUN-001`: feature', 'feature')}: error Label "feature" is not allowed`,
    ],
    ['unclosed fence', (t) => t.replace('```\n\n## Classification', '\n## Classification'), () => `error This code fence is never closed`],
  ];
  for (const [name, breakIt, expectedIn] of broken) {
    it(`exits 1 with a located error: ${name}`, () => {
      const b = breakIt(VALID_TEXT);
      const expected = expectedIn(b);
      ws.write(SNAPSHOT_REL, b);
      const r = cli(['validate', SNAPSHOT_REL], ws.root);
      assert.equal(r.code, 1, r.out + r.err);
      assert.ok(r.out.includes(expected), `expected ${JSON.stringify(expected)} in:\n${r.out}`);
      assert.match(r.out, /^[^\n]+:\d+:\d+: error .+ \[[a-z]+\/[a-z-]+\]$/m);
    });
  }

  it('a reader that goes away (| head) stops the run with one line and exit 2, never a stack trace or a pass', async () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    const p = spawn(process.execPath, [CLI, 'validate', '--format', 'sarif', SNAPSHOT_REL], { cwd: ws.root });
    p.stdout.destroy(); // closed before the CLI writes its report
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => p.on('close', resolve));
    assert.equal(code, 2, err);
    assert.equal(err, 'review-snapshot: standard output was closed before the report was written; stopped\n');
  });

  it('a convention-only problem passes, but fails with --strict once the repository declares conventions', () => {
    const t = VALID_TEXT.replace('| ./scripts/local_ci_parity.sh | pass |', '| ./scripts/local_ci_parity.sh | ok |');
    ws.write(SNAPSHOT_REL, t);
    const row = lineOf(t, '| ./scripts/local_ci_parity.sh | ok |') + 1;
    // The bundled conventions only: information, and --strict passes.
    const hint = cli(['validate', '--strict', SNAPSHOT_REL], ws.root);
    assert.equal(hint.code, 0, hint.out);
    assert.match(hint.out, new RegExp(`:${row}:\\d+: info Status "ok" is not one of`));
    ws.write('.review-snapshot.yaml', 'conventions:\n  statuses: { skipped: [n/a] }\n');
    const r = cli(['validate', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 0);
    assert.match(r.out, new RegExp(`:${row}:\\d+: warning Status "ok" is not one of`));
    assert.equal(cli(['validate', '--strict', SNAPSHOT_REL], ws.root).code, 1);
    fs.rmSync(ws.path('.review-snapshot.yaml'), { force: true });
  });

  it('--format json is machine-readable', () => {
    const t = VALID_TEXT.replace('Model: gpt-5-codex\n', '');
    ws.write(SNAPSHOT_REL, t);
    const r = cli(['validate', '--format', 'json', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out);
    assert.equal(j.ok, false);
    assert.equal(j.errors, 1);
    // On the "Prompt" key (1-based), which now stands where "Model" was.
    const l = lineOf(t, 'Prompt:');
    const c = colOf(t, l, 'Prompt');
    assert.equal(j.version, 1);
    const { docs, fixes, ...finding } = j.files[0].findings[0];
    assert.deepEqual(finding, {
      rule: 'metadata/missing',
      severity: 'error',
      message: 'Missing metadata key "Model".',
      line: l + 1,
      column: c + 1,
      endLine: l + 1,
      endColumn: c + 1 + 'Prompt'.length,
    });
    assert.match(docs, /\/docs\/rules\/metadata\/missing\.md$/);
    // The fix as a text edit: inserted before the "Prompt" line.
    assert.deepEqual(fixes[0].edits, [{ line: l + 1, column: 1, endLine: l + 1, endColumn: 1, newText: 'Model: TODO\n' }]);
    assert.equal(fixes[0].safe, true);
  });

  it('usage errors exit 2 with a one-line reason', () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    ws.write('empty/readme.txt', 'no markdown here');
    ws.write('plain/README.md', '# Readme\n');
    const cases: [string[], RegExp][] = [
      [['validate', '--bogus', SNAPSHOT_REL], /unknown option "--bogus"/],
      [[], /Usage:/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['validate', 'nope.md'], /nope\.md: no such file or directory/],
      [['validate', 'empty'], /empty: directory holds no Markdown files/],
      [['validate', 'plain'], /no review snapshots found in plain/],
      [['validate', '--format', 'xml', SNAPSHOT_REL], /--format must be one of text, json, sarif, github, junit/],
      [['validate'], /needs at least one file/],
    ];
    for (const [args, re] of cases) {
      const r = cli(args, ws.root);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.err + r.out, re, args.join(' '));
      if (args.length) assert.equal(r.err.trim().split('\n')[0].length > 0, true);
    }
  });

  it('an unreadable file exits 2 naming it', function () {
    if (process.getuid?.() === 0) this.skip(); // root reads a chmod 000 file anyway
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    fs.chmodSync(ws.path(SNAPSHOT_REL), 0o000);
    const r = cli(['validate', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot read: permission denied/);
  });

  it('a directory selects snapshots by path and by title, not other Markdown', () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    const titled = VALID_TEXT.replace('Model: gpt-5-codex\n', '');
    ws.write('notes/titled.md', titled);
    ws.write('notes/README.md', '# Readme\n\n## Findings\n');
    const r = cli(['validate', '.'], ws.root);
    assert.equal(r.code, 1);
    // The repository's review prompt (docs/reviews/prompts/) is checked too, and conforms.
    assert.match(r.out, /^2 snapshots and 1 prompt checked: 1 error/m);
    assert.match(r.out, new RegExp(`notes/titled\\.md:${place(titled, 'Prompt:', 'Prompt')}: error`));
    assert.ok(!r.out.includes('README'));
  });

  it('a glob selects files; a symlink loop does not hang the walk', () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    ws.write('docs/reviews/snapshots/2026-02-20_other.md', VALID_TEXT);
    fs.symlinkSync(ws.path('docs'), ws.path('docs/reviews/loop'));
    const r = cli(['validate', 'docs/reviews/snapshots/*.md'], ws.root, 15000);
    assert.equal(r.signal, null, 'finished');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^2 snapshots checked/m);
    const d = cli(['validate', 'docs'], ws.root, 15000);
    assert.equal(d.signal, null);
    assert.equal(d.code, 0, d.out + d.err);
  });

  it('NUL bytes and invalid UTF-8 are reported with the file name and place', () => {
    ws.write(
      'docs/reviews/snapshots/nul.md',
      Buffer.concat([Buffer.from('# Review Snapshot\n\nDate: 2026'), Buffer.from([0]), Buffer.from('\n')]),
    );
    ws.write(
      'docs/reviews/snapshots/latin1.md',
      Buffer.concat([Buffer.from('# Review Snapshot\n\nModel: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    const r = cli(['validate', 'docs/reviews/snapshots/nul.md', 'docs/reviews/snapshots/latin1.md'], ws.root);
    assert.equal(r.code, 1);
    assert.match(r.out, /docs\/reviews\/snapshots\/nul\.md:3:11: error The file holds a NUL byte/);
    assert.match(r.out, /docs\/reviews\/snapshots\/latin1\.md:3:11: error The file is not valid UTF-8 \(byte \d+ is 0xe9\)/);
  });

  it('a UTF-8 BOM and CRLF line endings validate, with exact positions', () => {
    ws.write(SNAPSHOT_REL, '\uFEFF' + VALID_TEXT.replace(/\n/g, '\r\n'));
    assert.equal(cli(['validate', SNAPSHOT_REL], ws.root).code, 0);
    const crlf = VALID_TEXT.replace('Date: 2026-02-19', 'Date: 19.02.2026').replace(/\n/g, '\r\n');
    ws.write(SNAPSHOT_REL, crlf);
    const at = place(crlf, 'Date: 19.02.2026', '19.02.2026');
    assert.match(cli(['validate', SNAPSHOT_REL], ws.root).out, new RegExp(`:${at}: error Date "19\\.02\\.2026"`));
  });
});

describe('CLI: to-pending', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  const OUT = 'specs/governance/pending/2026-02-19_self-heal-run-pending.yaml';
  beforeEach(() => {
    ws = new TempWorkspace('rs-pend-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(SNAPSHOT_REL, VALID_TEXT);
  });
  afterEach(() => ws.dispose());

  it('writes the YAML pending spec; twice gives identical bytes; it never overwrites without --force', () => {
    const r = cli(['to-pending', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 0, r.err);
    const first = ws.read(OUT);
    assert.equal(parse(first).candidates[0].id, 'SELFHEAL-RUN-001');
    const again = cli(['to-pending', SNAPSHOT_REL], ws.root);
    assert.equal(again.code, 2);
    assert.match(again.err, /exists; use --force/);
    assert.equal(cli(['to-pending', '--force', SNAPSHOT_REL], ws.root).code, 0);
    assert.equal(ws.read(OUT), first);
    assert.deepEqual(fs.readdirSync(path.dirname(ws.path(OUT))), [path.basename(OUT)], 'no temporary file left behind');
  });

  it('--force keeps hand-added entries and comments', () => {
    cli(['to-pending', SNAPSHOT_REL], ws.root);
    ws.write(OUT, ws.read(OUT).replace('candidates:\n', 'candidates:\n  # by hand\n  - id: HAND-1\n    title: mine\n'));
    ws.write(SNAPSHOT_REL, VALID_TEXT.replace('risk: moderate', 'risk: high'));
    assert.equal(cli(['to-pending', '--force', SNAPSHOT_REL], ws.root).code, 0);
    const text = ws.read(OUT);
    assert.match(text, /# by hand/);
    const data = parse(text);
    assert.deepEqual(
      data.candidates.map((c: { id: string }) => c.id),
      ['HAND-1', 'SELFHEAL-RUN-001'],
    );
    assert.equal(data.candidates[1].risk, 'high');
  });

  it('refuses an invalid snapshot with its errors and writes nothing', () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT.replace(': behavior', ': nope'));
    const r = cli(['to-pending', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 1);
    assert.match(r.err, /error Label "nope" is not allowed/);
    assert.match(r.err, /nothing written/);
    assert.equal(ws.exists(OUT), false);
  });

  it('--format markdown writes the earlier converter form; --out chooses the place', () => {
    const r = cli(['to-pending', '--format', 'markdown', '--out', 'out/p.md', SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.equal(
      ws.read('out/p.md'),
      fs.readFileSync(path.join(process.cwd(), 'test/fixtures/pending/2026-02-19_self-heal-run-pending.md'), 'utf8'),
    );
  });
});
