// Hostile and odd inputs, each with the behaviour a user sees: a clear finding at the right
// place, in bounded time, and an engine that keeps working afterwards.
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { tooDeepAt, MAX_YAML_DEPTH } from '../../server/src/service/model/yaml';
import { VALID, at, edit, findings, lineOf, only, rules } from '../support/engine';
import { cpuTimed as timed } from '../support/cpuTime';

const withCandidates = (yaml: string) => VALID().replace(/```yaml\n[\s\S]*?```/, '```yaml\n' + yaml + '\n```');

describe('hostile inputs', function () {
  this.timeout(60000);

  it('a YAML alias bomb is read without expansion, fast, and reported as not a list', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 20; i++) {
      lines.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(',')}]`,
      );
    }
    const [f, ms] = timed(() => only(withCandidates(lines.join('\n')), 'candidates/root'));
    assert.match(f.message, /list of candidates \(it is a mapping\)/);
    assert.ok(ms < 2000, `${ms} ms`);
  });

  it('aliases inside a candidate list resolve one step: an aliased item is reported as the same candidate again', () => {
    const yaml = [
      '- &x',
      '  id: A-1',
      '  title: t',
      '  type: docs',
      '  class: docs',
      '  target_area: x',
      '  acceptance_criteria: &c [a, b]',
      '  affected_paths: *c',
      '  risk: low',
      '- *x',
    ].join('\n');
    const r = findings(withCandidates(yaml));
    assert.ok(
      r.some((f) => f.rule === 'candidates/duplicate-id'),
      'the aliased item is the same candidate again',
    );
  });

  for (const [name, yaml] of [
    ['10,000 levels of flow nesting', '['.repeat(10000)],
    ['5,000 compact nested sequences', '- '.repeat(5000) + 'x'],
    ['3,000 indented mapping levels', Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n')],
  ] as const) {
    it(`deeply nested YAML (${name}): no stack overflow, a clear finding at the place, and the parser still works after`, () => {
      const text = withCandidates(yaml);
      const [r, ms] = timed(() => findings(text));
      const f = r.find((x) => x.rule === 'candidates/yaml-syntax');
      assert.ok(f, r.map((x) => x.rule).join(', '));
      assert.match(f.message, new RegExp(`Nesting deeper than ${MAX_YAML_DEPTH} levels`));
      assert.ok(f.range.start.line > lineOf(text, '```yaml'), 'inside the block');
      assert.ok(ms < 3000, `${ms} ms`);
      // The same process keeps parsing YAML and compiling regular expressions.
      assert.equal(parseDocument('x: [1, 2]').errors.length, 0);
      assert.deepEqual(rules(VALID()), []);
    });
  }

  it('the depth guard does not trip on real candidates', () => {
    assert.equal(tooDeepAt(VALID().slice(VALID().indexOf('```yaml') + 8)), -1);
    assert.equal(tooDeepAt('a: "[[[[[[ in a string ]"\nb: \'{{{{\'\n'.repeat(100)), -1);
  });

  it('a 10 MB single line: bounded time, and ranges still exact', () => {
    const line = 'x'.repeat(10 * 1024 * 1024);
    const text = edit(VALID(), 'Model: gpt-5-codex', `Model: ${line}`) + `\n| stray | ${line} |\n`;
    const [r, ms] = timed(() => findings(text));
    assert.ok(ms < 5000, `${ms} ms`);
    assert.deepEqual(
      r.map((f) => f.rule),
      [],
    );
    const t2 = edit(VALID(), 'Date: 2026-02-19', `Date: ${line}`);
    const d = only(t2, 'metadata/date');
    const l = lineOf(t2, 'Date: ');
    assert.deepEqual(at(d), [l, 'Date: '.length, l, 'Date: '.length + line.length]);
  });

  it('NUL bytes in the text: structure is still found and reported around them', () => {
    const text = edit(VALID(), 'Model: gpt-5-codex', 'Model: gpt\u0000codex').replace('## Synthesis', '## Synth\u0000esis');
    // The heading with a NUL in it is a near miss of Synthesis: reported on it, not as missing.
    const f = only(text, 'section/near-miss');
    assert.match(f.message, /"## Synthesis"/);
    assert.equal(f.range.start.line, lineOf(text, '## Synth\u0000esis'));
  });

  it('a UTF-8 BOM: the title is recognised and positions on line 1 count after it', () => {
    const text = '\uFEFF# Review\n' + VALID().split('\n').slice(1).join('\n');
    const f = only(text, 'title/missing');
    assert.deepEqual(at(f), [0, 3, 0, 9]);
    assert.equal(text.split('\n')[0].slice(3, 9), 'Review');
  });

  it('CRLF and mixed line endings: ranges point at the same characters', () => {
    const base = edit(VALID(), '| P2 | Verified |', '| High | Verified |');
    for (const text of [
      base.replace(/\n/g, '\r\n'),
      base
        .split('\n')
        .map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r'))
        .join(''),
    ]) {
      const f = only(text, 'table/severity');
      const lines = text.split(/\r\n|\r|\n/);
      assert.equal(lines[f.range.start.line].slice(f.range.start.character, f.range.end.character), 'High');
    }
  });

  it('an empty file: the title and every section are reported at line 0', () => {
    const r = findings('');
    assert.ok(r.length > 0);
    assert.ok(r.every((f) => f.range.start.line === 0));
    assert.deepEqual([...new Set(r.map((f) => f.rule))].sort(), ['metadata/missing', 'section/missing', 'title/missing']);
    assert.equal(r.filter((f) => f.rule === 'section/missing').length, 8);
  });

  it('a file of only "|": no table is invented, the structure is reported missing', () => {
    const r = findings('|');
    assert.ok(r.some((f) => f.rule === 'section/missing'));
    assert.ok(!r.some((f) => f.rule.startsWith('table/')));
  });

  it('a fence that never closes: reported at its line; what it hides is said', () => {
    const text = edit(VALID(), '## Synthesis', '~~~~\n## Synthesis');
    const f = only(text, 'markdown/unclosed-fence');
    assert.equal(f.range.start.line, lineOf(text, '~~~~'));
    const missing = findings(text).filter((x) => x.rule === 'section/missing');
    assert.ok(missing.length >= 5);
    assert.ok(missing.every((m) => /never closes and hides everything after it/.test(m.message)));
  });

  it('10,000 headings: bounded time, each duplicate section reported once', () => {
    const text = VALID() + Array.from({ length: 10000 }, (_, i) => (i % 2 ? '## Raw Output' : `### note ${i}`)).join('\n') + '\n';
    const [r, ms] = timed(() => findings(text));
    assert.ok(ms < 3000, `${ms} ms`);
    assert.equal(r.filter((f) => f.rule === 'section/duplicate').length, 5000);
  });
});
