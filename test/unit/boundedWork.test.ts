// Every loop over what a repository controls is bounded (SECURITY.md, "bounded work"): the
// near-miss search over a schema's required names × a snapshot's headings and keys, the walk of
// a templates folder, the diagnostics published for one file. Each test doubles the input and
// checks the work grows at most linearly — counted (the code's own work counters), never timed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Finding } from '../../server/src/service/findings';
import { MAX_PUBLISHED, publishedDiagnostics } from '../../server/src/service/features/diagnostics';
import { createSnapshotService } from '../../server/src/service/index';
import { nearMissWork } from '../../server/src/service/model/nearMiss';
import { MAX_TEMPLATES, MAX_TEMPLATES_BYTES, templateWork } from '../../server/src/service/repo/repoTemplates';
import { DEFAULT_SETTINGS } from '../../server/src/service/config/settings';
import { fixture, run, VALID } from '../support/engine';
import { InMemoryWorkspace } from '../support/memoryWorkspace';

const ROOT = '/repo';
const SCHEMA_REL = 'specs/schema/big.yaml';
const BUNDLED = fs.readFileSync('server/src/schema/review_snapshot_schema_v1.yaml', 'utf8');

const pad = (i: number) => String(i).padStart(5, '0');

/** A schema that also requires `extra` sections and `keys` metadata keys. */
function schemaWith(extra: string[], keys: string[]): string {
  return BUNDLED.replace('required_sections:\n', `required_sections:\n${extra.map((n) => `- ${n}\n`).join('')}`).replace(
    'required_metadata:\n',
    `required_metadata:\n${keys.map((k) => `- ${k}\n`).join('')}`,
  );
}

/** The comparisons the near-miss search makes checking `text` against `schema`. */
function comparisons(text: string, schema: string): { count: number; rules: string[] } {
  const before = nearMissWork.comparisons;
  const r = run(text, { root: ROOT, files: { [`${ROOT}/${SCHEMA_REL}`]: schema }, schemaPath: SCHEMA_REL });
  return { count: nearMissWork.comparisons - before, rules: r.findings.map((f) => f.rule) };
}

/** Ratio of the work for twice the input to the work for the input: 2 is linear, 4 quadratic. */
function growth(work: (n: number) => number, n: number): number {
  return work(2 * n) / work(n);
}

describe('bounded work: the near-miss search', () => {
  // n required sections of one length, n headings each a misspelling of one of them: every
  // heading is within the edit distance's length of every name, so comparing all pairs is n².
  const sectionsCase = (n: number) => {
    const names = Array.from({ length: n }, (_, i) => `Section number ${pad(i)}`);
    const headings = names.map((_, i) => `## Sectoin number ${pad(i)}\n\ntext\n`).join('\n');
    return comparisons(VALID() + '\n' + headings, schemaWith(names, []));
  };

  it('a misspelled required section is still found as a near miss (small input)', () => {
    assert.ok(sectionsCase(3).rules.includes('section/near-miss'));
  });

  it('doubling the required sections and the headings (400 → 800) doubles the work at most', () => {
    const ratio = growth((n) => sectionsCase(n).count, 400);
    // All pairs: 160,000 → 640,000 comparisons (4×).
    assert.ok(ratio < 2.5, `the work grew ${ratio.toFixed(2)}× for twice the input`);
  });

  it('doubling the required metadata keys and the lines written for them (150 → 300) doubles the work at most', () => {
    const keysCase = (n: number) => {
      const keys = Array.from({ length: n }, (_, i) => `Key number ${pad(i)}`);
      const lines = keys.map((_, i) => `Kye number ${pad(i)}: x`).join('\n');
      return comparisons(VALID().replace('Runner lane: rust|required\n', `Runner lane: rust|required\n${lines}\n`), schemaWith([], keys))
        .count;
    };
    const ratio = growth(keysCase, 150);
    assert.ok(ratio < 2.5, `the work grew ${ratio.toFixed(2)}× for twice the input`);
  });
});

describe('bounded work: the templates folder', () => {
  const TEMPLATE = fixture('templates/review_snapshot.md');
  /** A service over a folder holding `n` templates of `size` characters (the real template, padded). */
  function folder(n: number, size = 0) {
    const files: Record<string, string> = {};
    // Each its own text (what a template offers is remembered by content).
    const body = (i: number) => `${TEMPLATE}\n<!-- ${pad(i)} -->\n`;
    const filler = (t: string) => (size > t.length ? 'x'.repeat(size - t.length) : '');
    for (let i = 0; i < n; i++) files[`${ROOT}/docs/reviews/templates/t${pad(i)}.md`] = body(i) + filler(body(i));
    files[`${ROOT}/specs/schema/review_snapshot_schema_v1.yaml`] = BUNDLED;
    return createSnapshotService({ workspace: new InMemoryWorkspace(files) });
  }
  const parsedFor = (n: number, size = 0) => {
    const before = templateWork.parsed;
    folder(n, size).check({ text: VALID(), root: ROOT }, DEFAULT_SETTINGS, { links: false });
    return templateWork.parsed - before;
  };

  it('doubling the templates doubles the work below the cap, and adds none above it', () => {
    assert.equal(growth(parsedFor, 8), 2);
    assert.equal(parsedFor(4 * MAX_TEMPLATES), MAX_TEMPLATES, `at most ${MAX_TEMPLATES} templates are read`);
    assert.equal(growth(parsedFor, 4 * MAX_TEMPLATES), 1);
  });

  it(`large templates are read up to ${MAX_TEMPLATES_BYTES / 1024 / 1024} MB in all`, () => {
    const size = 200 * 1024;
    assert.equal(parsedFor(40, size), Math.floor(MAX_TEMPLATES_BYTES / size));
    assert.equal(
      growth((n) => parsedFor(n, size), 40),
      1,
    );
  });

  it('the walk is sliced: the check pauses after each template it parses (the server answers in between)', () => {
    const service = folder(12);
    const steps = service.checkSteps({ text: VALID(), root: ROOT }, DEFAULT_SETTINGS, { links: false });
    let most = 0;
    for (let last = templateWork.parsed; !steps.next().done; last = templateWork.parsed) most = Math.max(most, templateWork.parsed - last);
    assert.equal(most, 1);
  });

  it('a folder walked again after a change parses only the templates whose content changed', () => {
    const files: Record<string, string> = { [`${ROOT}/specs/schema/review_snapshot_schema_v1.yaml`]: BUNDLED };
    for (let i = 0; i < 10; i++) files[`${ROOT}/docs/reviews/templates/t${i}.md`] = TEMPLATE + `\n<!-- ${i} -->\n`;
    const workspace = new InMemoryWorkspace(files);
    const service = createSnapshotService({ workspace });
    const check = () => service.check({ text: VALID(), root: ROOT }, DEFAULT_SETTINGS, { links: false });
    check();
    const abs = `${ROOT}/docs/reviews/templates/t3.md`;
    workspace.files.set(abs, TEMPLATE + '\n<!-- changed -->\n');
    service.invalidate(abs);
    const before = templateWork.parsed;
    check();
    assert.equal(templateWork.parsed - before, 1);
  });
});

describe('bounded work: the diagnostics published for one file', () => {
  const finding = (i: number, severity: Finding['severity']): Finding => ({
    rule: 'table/severity',
    severity,
    message: `finding ${i}`,
    range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
  });
  const published = (n: number) => publishedDiagnostics(Array.from({ length: n }, (_, i) => finding(i, i % 2 ? 'warning' : 'info'))).length;

  it('doubling the findings doubles what is published below the cap, and adds nothing above it', () => {
    assert.equal(growth(published, MAX_PUBLISHED / 4), 2);
    assert.equal(published(100_000), MAX_PUBLISHED + 1);
    assert.equal(growth(published, 50_000), 1);
  });

  it('past the cap: errors first, then one diagnostic that says how many are not shown, with the worst severity among them', () => {
    const findings = [...Array.from({ length: 3000 }, (_, i) => finding(i, 'warning')), finding(5000, 'error'), finding(5001, 'error')];
    const d = publishedDiagnostics(findings);
    assert.equal(d.length, MAX_PUBLISHED + 1);
    assert.ok(d.some((x) => x.message === 'finding 5000') && d.some((x) => x.message === 'finding 5001'), 'no error is hidden');
    assert.match(d[0].message, /^2002 more findings are not shown \(2002 warnings\).*review-snapshot validate/);
    assert.equal(d[0].severity, 2);
  });
});

/** The bundled schema allowing `allowed` as labels. */
function labelsSchema(allowed: string[]): string {
  return BUNDLED.replace(/ {2}allowed_values:\n( {2}- .*\n)+/, `  allowed_values:\n${allowed.map((a) => `  - ${a}\n`).join('')}`);
}

describe('bounded work: labels a schema allows by the thousand', () => {
  // 200 labels that are not allowed, against a schema allowing n labels: each finding offered every
  // allowed label as a fix and named them all (200 × n); now at most MAX_LABEL_CHOICES each.
  const work = (n: number) => {
    const allowed = Array.from({ length: n }, (_, i) => `label-${pad(i)}`);
    const schema = labelsSchema(allowed);
    const labels = Array.from({ length: 200 }, (_, i) => `- \`X-${pad(i)}\`: nope`).join('\n');
    const text = VALID().replace('- `SELFHEAL-RUN-001`: behavior', `- \`SELFHEAL-RUN-001\`: label-00001\n${labels}`);
    const r = run(text, { root: ROOT, files: { [`${ROOT}/${SCHEMA_REL}`]: schema }, schemaPath: SCHEMA_REL });
    const values = r.findings.filter((f) => f.rule === 'labels/value');
    assert.equal(values.length, 200);
    return values.reduce((sum, f) => sum + (f.fixes?.length ?? 0) + f.message.length, 0);
  };

  it('doubling the allowed labels (2,000 → 4,000) adds nothing to the fixes and messages of 200 wrong labels', () => {
    assert.equal(growth(work, 2000), 1);
  });

  it('a wrong label in another case is offered the right one first, wherever it is in the list', () => {
    const allowed = Array.from({ length: 100 }, (_, i) => `label-${pad(i)}`);
    const schema = labelsSchema(allowed);
    const text = VALID().replace('- `SELFHEAL-RUN-001`: behavior', '- `SELFHEAL-RUN-001`: LABEL-00077');
    const r = run(text, { root: ROOT, files: { [`${ROOT}/${SCHEMA_REL}`]: schema }, schemaPath: SCHEMA_REL });
    const f = r.findings.find((x) => x.rule === 'labels/value')!;
    assert.equal(f.fixes![0].edits[0].newText, 'label-00077');
    assert.equal(f.fixes!.length, 20, 'at most 20 labels offered (MAX_LABEL_CHOICES in rules/labels.ts)');
    assert.match(f.message, /label-00019, … \(80 more\)/);
  });
});
