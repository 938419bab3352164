// The sliced YAML parse must be the library's parseDocument, just with pauses: same data, same
// errors at the same places, same text back.
import * as assert from 'node:assert/strict';
import { parseDocument, type Document } from 'yaml';
import { parseYaml, parseYamlSteps } from '../../server/src/service/yaml';
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
