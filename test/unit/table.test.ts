// Cell splitting, checked against remark-gfm's own reading of the same rows.
import * as assert from 'node:assert/strict';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root, Table } from 'mdast';
import { splitDelimiterRow, splitRow } from '../../server/src/service/model/table';
import { parseSnapshot } from '../../server/src/service/model/snapshot';

/** The trimmed source text of each cell of the table's body row, as remark-gfm reads it. */
function remarkCells(header: string, row: string): string[] {
  const cols = splitRow(header).cells.length;
  const src = `${header}\n|${'---|'.repeat(cols)}\n${row}\n`;
  const tree = unified().use(remarkParse).use(remarkGfm).parse(src) as Root;
  const table = tree.children.find((n) => n.type === 'table') as Table | undefined;
  assert.ok(table, `remark-gfm reads a table in ${JSON.stringify(src)}`);
  const body = table.children[1];
  return body.children.map((c) =>
    c.position ? src.slice(c.position.start.offset, c.position.end.offset).replace(/^\|?\s*|\s*\|?$/g, '') : '',
  );
}

const HEADER4 = '| command | status | exit_code | summary |';
const ROWS = [
  '| a | b | c | d |',
  'a | b | c | d',
  '| a | b | c | d',
  'a | b | c | d |',
  '| `x \\| y` | b | c | d |',
  '| `x | y` | b | c |',
  '| a \\| b | c | d | e |',
  '|  | b |  | d |',
  '| a | b | c | d | e |',
  '| a | b |',
  '| ends with backslash \\\\| b | c | d |',
  '| ünïcödé | 漢字 | 🚀 | d |',
];

describe('table cells (GFM rules, checked against remark-gfm)', () => {
  for (const row of ROWS) {
    it(`splits ${JSON.stringify(row)} as remark-gfm does`, () => {
      const ours = splitRow(row).cells.map((c) => c.text);
      const theirs = remarkCells(HEADER4, row);
      // remark-gfm's syntax tree keeps every cell as written (short and long rows alike).
      assert.deepEqual(ours, theirs);
    });
  }
  it('counts cells of short and long rows exactly', () => {
    assert.equal(splitRow('| a | b | c | d | e |').cells.length, 5);
    assert.equal(splitRow('| a | b |').cells.length, 2);
    assert.equal(splitRow('| `x | y` | b | c |').cells.length, 4);
    assert.equal(splitRow('| `x \\| y` | b | c |').cells.length, 3);
    assert.equal(splitRow('|').cells.length, 1);
  });
  it('cell offsets point at the cell text', () => {
    const row = '|  alpha | beta|gamma  |';
    for (const c of splitRow(row).cells) assert.equal(row.slice(c.start, c.end), c.text);
  });
  it('delimiter rows in both dialects, with alignment; not a thematic break', () => {
    assert.ok(splitDelimiterRow('|---|---|---:|---|'));
    assert.ok(splitDelimiterRow('| --- | :---: | ---: |'));
    assert.ok(splitDelimiterRow('--- | ---'));
    assert.equal(splitDelimiterRow('---'), undefined);
    assert.equal(splitDelimiterRow('| --- | abc |'), undefined);
  });
  it('a table in the model ends where remark-gfm ends it (blank line), and CRLF rows split the same', () => {
    const text = '# T\n\n## S\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\nafter\n';
    const m = parseSnapshot(text.replace(/\n/g, '\r\n'));
    const t = m.tables.get(m.sections[0])![0];
    assert.deepEqual(
      t.rows.map((r) => r.cells.map((c) => c.text)),
      [
        ['1', '2'],
        ['3', '4'],
      ],
    );
    const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
    const table = tree.children.find((n) => n.type === 'table') as Table;
    assert.equal(table.children.length - 1, t.rows.length);
  });
});
