// The sliced YAML parse must be the library's parseDocument, just with pauses: same data, same
// errors at the same places, same text back.
import * as assert from 'node:assert/strict';
import { parseDocument, type Document } from 'yaml';
import { MAX_YAML_DEPTH, parseYaml, parseYamlSteps } from '../../server/src/service/model/yaml';
import { VALID } from '../support/engine';

const OPTIONS = { prettyErrors: false, uniqueKeys: true, customTags: [], merge: false, strict: true };

function view(doc: Document.Parsed) {
  return {
    js: doc.errors.length ? null : JSON.stringify(doc.toJS({ maxAliasCount: 100 })),
    errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
    warnings: doc.warnings.map((e) => [e.code, e.pos, e.message]),
    text: doc.errors.length ? null : String(doc),
    range: doc.range,
  };
}

const candidates = /```yaml\n([\s\S]*?)```/.exec(VALID())![1];
const big = Array.from({ length: 400 }, (_, i) => candidates.replace(/SELFHEAL-RUN-(\d+)/g, `BIG-${i}-$1`)).join('');

const CASES: Record<string, string> = {
  'the fixture candidates': candidates,
  'a big block (many pauses)': big,
  empty: '',
  'only a comment': '# nothing yet\n',
  'a syntax error': '- id: A\n  title: [unclosed\n',
  'a duplicate key': '- id: A\n  id: B\n',
  aliases: '- &a {id: A}\n- *a\n',
  'two documents': '- id: A\n---\n- id: B\n---\n- id: C\n',
  'a tab for indentation': '- id: A\n\ttitle: t\n',
  'a custom tag': '- !!python/object:os.system {id: A}\n',
};

describe('sliced YAML parse', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`matches parseDocument: ${name}`, () => {
      assert.deepEqual(view(parseYaml(text)), view(parseDocument(text, OPTIONS)));
    });
  }

  it('pauses in proportion to the block, so a big block does not hold the server', () => {
    let pauses = 0;
    const steps = parseYamlSteps(big);
    while (!steps.next().done) pauses++;
    assert.ok(big.length > 150_000, `${big.length} chars`);
    assert.ok(pauses > 100, `${pauses} pauses`);
  });
});

describe('the YAML depth guard holds whatever the quoting', () => {
  // An apostrophe in a plain scalar inside a flow collection reads, to a scan of the text, as an
  // opening quote that hides every bracket after it; the parser's own stack still sees them.
  const hidden = (n: number) => `[it's, ${'['.repeat(n)}x${']'.repeat(n)}]`;
  for (const [what, text] of [
    ['brackets after an apostrophe in a flow collection', hidden(5000)],
    ['brackets after a double quote in a plain scalar', `[a"b, ${'['.repeat(5000)}]`],
    ['nested flow mappings after an apostrophe', `{k: it's, v: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}}`],
    [
      'nested block sequences after a quote',
      `- a"b\n-\n${Array.from({ length: 400 }, (_, i) => ' '.repeat(i * 2 + 2) + '-').join('\n')} x`,
    ],
  ] as const) {
    it(`${what}: refused with the depth message, not a stack overflow`, () => {
      const doc = parseYaml(text);
      assert.equal(doc.errors.length, 1, doc.errors.map((e) => e.message).join('; '));
      assert.match(doc.errors[0].message, new RegExp(`Nesting deeper than ${MAX_YAML_DEPTH} levels is not read`));
      assert.doesNotMatch(doc.errors[0].message, /call stack/);
    });
  }
  it('nesting just under the limit behind the same apostrophe is read', () => {
    const doc = parseYaml(hidden(100));
    assert.deepEqual(doc.errors, []);
  });
});
