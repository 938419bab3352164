// The CLI on issue 15's cases, as a process: the near-miss suite (each deviation an error on its
// own line; each fixed text conforms), templates (a template passes in a templates/ folder and
// the summary says so; the same text as a snapshot fails at each placeholder), and the
// repository's template teaching its conventions.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lineOf } from '../support/engine';
import { NEAR_MISSES } from '../support/nearMisses';
import { TempWorkspace, VALID_TEXT } from '../support/workspace';

const CLI = path.join(process.cwd(), 'dist', 'cli.js');
const TEMPLATE = fs.readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'templates', 'review_snapshot.md'), 'utf8');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  line: number;
}
interface JsonReport {
  files: { file: string; template?: boolean; findings: JsonFinding[] }[];
  errors: number;
  ok: boolean;
}

describe('CLI: near misses, templates, placeholders', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-cli-verdicts-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
  });
  afterEach(() => ws.dispose());

  it(`the near-miss suite (${NEAR_MISSES.length} deviations): each is an error on its own line, and exits 1`, () => {
    const name = (i: number) => `docs/reviews/snapshots/nm-${String(i).padStart(2, '0')}.md`;
    NEAR_MISSES.forEach((nm, i) => ws.write(name(i), nm.text));
    const r = cli(['validate', '--format', 'json', '--no-links', 'docs/reviews/snapshots'], ws.root);
    assert.equal(r.code, 1, r.err);
    const j = JSON.parse(r.out) as JsonReport;
    assert.equal(j.files.length, NEAR_MISSES.length);
    NEAR_MISSES.forEach((nm, i) => {
      const file = j.files.find((f) => f.file === name(i))!;
      const hit = file.findings.filter((f) => f.rule === nm.rule);
      assert.equal(hit.length, 1, `${nm.name}: ${file.findings.map((f) => f.rule).join(', ')}`);
      assert.equal(hit[0].severity, 'error', nm.name);
      assert.equal(hit[0].line, lineOf(nm.text, nm.line) + 1, `${nm.name}: ${hit[0].message}`);
      assert.ok(!file.findings.some((f) => f !== hit[0] && /\/missing$/.test(f.rule)), `${nm.name}: nothing reported as missing`);
    });
  });

  it("each deviation's fixed text conforms (exit 0)", () => {
    const fixed = [...new Set(NEAR_MISSES.map((nm) => nm.fixed))];
    fixed.forEach((t, i) => ws.write(`docs/reviews/snapshots/fixed-${i}.md`, t));
    const r = cli(['validate', '--no-links', 'docs/reviews/snapshots'], ws.root);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(r.out, `${fixed.length} snapshots checked: 0 errors, 0 warnings; all conform\n`);
  });

  it('a template in a templates/ folder passes, and the summary and the JSON say "template"; a "moved to" note is not checked', () => {
    ws.write('docs/reviews/templates/review_snapshot.md', TEMPLATE);
    ws.write('docs/reviews/templates/README.md', 'The template moved to docs/reviews/templates/review_snapshot.md.\n');
    ws.write('docs/reviews/snapshots/2026-02-19_self-heal-run.md', VALID_TEXT);
    const r = cli(['validate', 'docs/reviews'], ws.root);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(r.out, '1 snapshot, 1 template and 1 prompt checked: 0 errors, 0 warnings; all conform\n');
    const j = JSON.parse(cli(['validate', '--format', 'json', 'docs/reviews'], ws.root).out) as JsonReport;
    assert.deepEqual(
      j.files.map((f) => [f.file, f.template === true]),
      [
        ['docs/reviews/prompts/self_healing.md', false],
        ['docs/reviews/snapshots/2026-02-19_self-heal-run.md', false],
        ['docs/reviews/templates/review_snapshot.md', true],
      ],
    );
    const one = cli(['validate', 'docs/reviews/templates/review_snapshot.md'], ws.root);
    assert.equal(one.out, '1 template checked: 0 errors, 0 warnings; all conform\n');
  });

  it('the same text as a snapshot fails with placeholder/unfilled at each placeholder', () => {
    ws.write('docs/reviews/snapshots/2026-11-24_copied.md', TEMPLATE);
    const r = cli(['validate', '--format', 'json', 'docs/reviews/snapshots/2026-11-24_copied.md'], ws.root);
    assert.equal(r.code, 1);
    const found = (JSON.parse(r.out) as JsonReport).files[0].findings;
    assert.deepEqual([...new Set(found.map((f) => f.rule))], ['placeholder/unfilled']);
    assert.equal(found.length, 37);
    const date = found.find((f) => f.line === lineOf(TEMPLATE, 'Date:') + 1)!;
    assert.equal(date.message, "Fill in Date: `YYYY-MM-DD` is the template's placeholder; write the review's day.");
  });

  it("the repository's template teaches its values: a lane it offers passes", () => {
    const t = VALID_TEXT.replace('Runner lane: rust|required', 'Runner lane: governance');
    ws.write('docs/reviews/snapshots/2026-02-19_self-heal-run.md', t);
    // Out of the box (no template, no configured conventions) the bundled lanes are a hint only.
    const before = cli(['validate', '--strict', 'docs/reviews/snapshots'], ws.root);
    assert.equal(before.code, 0, before.out);
    assert.match(before.out, /info Runner lane "governance" is not a conventional lane.*declares no conventions of its own/);
    ws.write('docs/reviews/templates/review_snapshot.md', TEMPLATE);
    const after = cli(['validate', '--strict', 'docs/reviews/snapshots'], ws.root);
    assert.equal(after.code, 0, after.out);
    assert.doesNotMatch(after.out, /governance/);
    fs.rmSync(ws.path('docs/reviews/templates/review_snapshot.md'), { force: true });
  });

  it('once the repository declares its own lanes (configuration), a lane outside them is a warning that fails --strict', () => {
    ws.write(
      'docs/reviews/snapshots/2026-02-19_self-heal-run.md',
      VALID_TEXT.replace('Runner lane: rust|required', 'Runner lane: governance'),
    );
    ws.write('.review-snapshot.yaml', 'conventions:\n  mode: replace\n  runnerLanes: [docs]\n');
    const r = cli(['validate', '--strict', 'docs/reviews/snapshots'], ws.root);
    fs.rmSync(ws.path('.review-snapshot.yaml'), { force: true });
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /warning Runner lane "governance" is not a conventional lane; use one of: docs\./);
  });
});
