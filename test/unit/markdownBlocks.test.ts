// One reading of Markdown: the engine's block structure (top-level headings, fences with their
// language, tables) is CommonMark's and GFM's, as remark-parse + remark-gfm read it, over
// generated documents that mix a snapshot's parts with every container (see
// test/support/markdownDocs.ts). Seeded and bounded for `npm test`; FUZZ_RUNS runs more
// (`npm run fuzz`), FUZZ_SEED another seed.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSnapshot } from '../../server/src/service/model/snapshot';
import { markdownDoc, remarkView, type BlockView } from '../support/markdownDocs';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/** The engine's view, in remarkView's terms. */
export function engineView(text: string): BlockView {
  const model = parseSnapshot(text);
  const headings = [
    ...model.headings.map((h) => ({ line: h.line, s: `${h.line}:h${h.level}` })),
    ...model.blocks.setext.map((h) => ({ line: h.firstLine, s: `${h.firstLine}:h${h.level}` })),
  ];
  headings.sort((a, b) => a.line - b.line);
  return {
    headings: headings.map((h) => h.s),
    fences: model.fences.map((f) => `${f.openLine}:${f.lang}${f.closeLine !== undefined ? `-${f.closeLine}` : ''}`),
    tables: model.blocks.tables.map((t) => `${t.headerLine}-${t.endLine - 1}`),
  };
}

describe('one reading of Markdown: the engine reads blocks as remark-gfm does', function () {
  this.timeout(120000);

  it(`top-level headings, fences and tables agree on ${RUNS} generated documents with every container`, () => {
    fc.assert(
      fc.property(markdownDoc, (text) => {
        assert.deepEqual(engineView(text), remarkView(text), JSON.stringify(text));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  const CASES: [string, string][] = [
    ['a ```yaml block inside an HTML comment is no fence', '<!--\n```yaml\n- id: A\n```\n-->\n'],
    ['a fence in a block quote is not top-level', '> ```yaml\n> - id: A\n> ```\n'],
    ['a fence in a list item is not top-level', '- item\n\n  ```yaml\n  - id: A\n  ```\n'],
    ['a heading in indented code is none', 'para\n\n    ## Findings\n'],
    ['a setext heading', 'Findings\n---\n'],
    ['a table whose header ends a paragraph', 'text\n| a | b |\n|---|---|\n| 1 | 2 |\n'],
    ['a table ended by an HTML comment line', '| a |\n|---|\n| 1 |\n<!-- x -->\n| 2 |\n'],
    ['tabs, CR line ends and a BOM', '\uFEFF# T\r\r\t## code\r```yaml\r- id: A\r```\r'],
  ];
  for (const [name, text] of CASES) {
    it(name, () => assert.deepEqual(engineView(text), remarkView(text)));
  }
});
