// Ambiguity is an error, and YAML errors are reported where they were made (issue 15).
import * as assert from 'node:assert/strict';
import { yamlErrorCause } from '../../server/src/service/model/yaml';
import { VALID, applyEdits, at, colOf, edit, findings, lineOf, only, rules } from '../support/engine';

const CANDIDATE = /- id: SELFHEAL-RUN-001\n[\s\S]*?risk: moderate\n/.exec(VALID())![0];
const LABEL = '- `SELFHEAL-RUN-001`: behavior';

describe('ambiguity is an error', () => {
  it('two candidates sharing an id: an error at the second, pointing at the first', () => {
    const t = edit(VALID(), CANDIDATE, CANDIDATE + CANDIDATE);
    const f = only(t, 'candidates/duplicate-id');
    assert.equal(f.severity, 'error');
    const second = lineOf(t, '- id: SELFHEAL-RUN-001', 1);
    assert.deepEqual(at(f), [second, colOf(t, second, 'SELFHEAL'), second, colOf(t, second, 'SELFHEAL') + 'SELFHEAL-RUN-001'.length]);
    assert.equal(f.related?.[0].range.start.line, lineOf(t, '- id: SELFHEAL-RUN-001'));
    assert.match(f.message, new RegExp(`first on line ${lineOf(t, '- id: SELFHEAL-RUN-001') + 1}`));
  });
  it('one id labelled twice with different labels: an error at the second label, pointing at the first', () => {
    const t = edit(VALID(), LABEL, LABEL + '\n- `SELFHEAL-RUN-001`: docs');
    const f = only(t, 'labels/conflict');
    assert.equal(f.severity, 'error');
    const l = lineOf(t, '`: docs');
    assert.deepEqual(at(f), [l, colOf(t, l, 'docs'), l, colOf(t, l, 'docs') + 4]);
    assert.equal(f.related?.[0].range.start.line, lineOf(t, LABEL));
    assert.match(f.message, /labelled "docs" here and "behavior" on line/);
    assert.ok(!rules(t).includes('labels/duplicate'));
  });
  it('the same label twice stays a warning, with the fix that removes the duplicate line', () => {
    const t = edit(VALID(), LABEL, LABEL + '\n' + LABEL);
    const f = only(t, 'labels/duplicate');
    assert.equal(f.severity, 'warning');
    assert.equal(f.related?.[0].range.start.line, lineOf(t, LABEL));
    assert.equal(applyEdits(t, f.fixes![0].edits), VALID());
  });
});

describe('YAML errors where they were made', () => {
  const content = (t: string) => /```yaml\n([\s\S]*?)```/.exec(t)![1];

  it("an unclosed quote: at the quote, with the parser's message, and where it gave up as related", () => {
    const t = edit(VALID(), '  title: Improve', '  title: "Improve');
    const f = only(t, 'candidates/yaml-syntax');
    const l = lineOf(t, 'title: "Improve');
    assert.deepEqual(at(f), [l, colOf(t, l, '"'), l, colOf(t, l, '"') + 1]);
    assert.match(f.message, /^YAML: Missing closing "quote \(the " quote opened here is never closed\)\.$/);
    assert.ok(f.related![0].range.start.line > l, 'the parser stopped further down');
  });
  it('a single-quoted scalar and a quote inside a word are told apart', () => {
    assert.equal(
      yamlErrorCause("- id: A\n  title: it's fine\n  type: 'x\n  class: y\n")?.offset,
      "- id: A\n  title: it's fine\n  type: ".length,
    );
    assert.equal(yamlErrorCause("- id: A\n  title: 'it''s closed'\n  type: x\n"), undefined);
  });
  it('an unclosed bracket: at the bracket, however far the parser read on', () => {
    const t = edit(VALID(), '  class: MUST', '  class: [MUST');
    const f = only(t, 'candidates/yaml-syntax');
    const l = lineOf(t, 'class: [MUST');
    assert.deepEqual(at(f), [l, colOf(t, l, '['), l, colOf(t, l, '[') + 1]);
    assert.match(f.message, /\(the "\[" opened here is never closed\)\.$/);
  });
  it('a flow list over several lines is fine, and so is a block scalar holding quotes', () => {
    assert.equal(yamlErrorCause('- id: A\n  affected_paths: [\n    a, b\n  ]\n  title: x\n'), undefined);
    assert.equal(yamlErrorCause('- id: A\n  title: |\n    it"s "quoted\n  type: x\n'), undefined);
  });
  it("a tab in the indentation: at the tab, with the parser's message", () => {
    const t = edit(VALID(), '  type: contract.check', '\ttype: contract.check');
    const f = only(t, 'candidates/yaml-syntax');
    const l = lineOf(t, '\ttype:');
    assert.deepEqual(at(f), [l, 0, l, 1]);
    assert.match(f.message, /^YAML: .+ \(a tab indents this line; YAML indents with spaces only\)\.$/);
    assert.equal(applyEdits(t, f.fixes![0].edits), VALID());
  });
  it('an error the scan finds no cause for is reported where the parser says, as before', () => {
    const t = edit(VALID(), '  risk: moderate', '  risk: moderate\n  risk: high');
    const f = findings(t).find((x) => x.rule === 'candidates/yaml-syntax')!;
    assert.equal(f.range.start.line, lineOf(t, 'risk: high'));
    assert.equal(yamlErrorCause(content(t)), undefined);
  });
});
