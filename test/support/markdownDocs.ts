// Generated Markdown documents that mix a snapshot's parts (metadata lines, `## ` sections,
// tables, ```yaml candidate blocks) with every CommonMark/GFM container and trap (HTML blocks
// and comments, block quotes, nested and ordered lists, indented code, <details>, setext
// headings, link reference definitions, tabs, CRLF/CR, BOM, zero-width and homoglyph
// characters), and remark-parse + remark-gfm's reading of them: the oracle of what a reader
// sees (GitHub and VS Code's preview read Markdown the same way).
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root, RootContent } from 'mdast';

/** Leaf pieces: a few lines each. */
const PIECES: string[][] = [
  ['Date: 2026-11-24'],
  ['Scope: engine | cli'],
  ['Refs:', '- a.md', '- b.md'],
  ['# Review Snapshot'],
  ['## Findings'],
  ['## Spec Candidates (YAML)'],
  ['## Raw Output'],
  ['### Detail ###'],
  ['##No space'],
  ['   ## Three spaces'],
  ['#'],
  ['Setext title', '==='],
  ['Setext section', '---'],
  ['[ref]: https://example.com "Title"', '---'],
  ['[ref]: https://example.com'],
  ['| Severity | File:Line |', '| --- | --- |', '| High | a.ts:1 |'],
  ['Severity | Status', '--|--', 'High | Open'],
  ['| A | B |', '|---|', '| 1 | 2 |'],
  ['| Only |', '|:-:|'],
  ['text before', '| A | B |', '| - | - |', 'row without pipes'],
  ['```yaml', '- id: CAND-1', '  title: Fix it', '```'],
  ['~~~yml', '- id: CAND-2', '  title: t', '~~~'],
  ['````yaml', '```', '- id: CAND-3', '````'],
  ['```', 'plain code', '```'],
  ['``` yaml extra', 'a: 1', '```'],
  ['```yaml'],
  ['- id: CAND-4', '  title: Loose'],
  ['- {id: CAND-5, title: Flow}'],
  ['<!--', '```yaml', '- id: HIDDEN-1', '  title: Hidden', '```', '-->'],
  ['<!-- review-snapshot-disable-next-line table/severity -->'],
  ['<!-->', '## After empty comment'],
  ['<details>', '<summary>More</summary>', '', '```yaml', '- id: CAND-6', '```', '', '</details>'],
  ['<div>', '## not a heading', '</div>'],
  ['<span class="x">', '## after type 7'],
  ['<pre>', '## in pre', '', '</pre>'],
  ['<?php', '## in pi ?>'],
  ['<!DOCTYPE html>'],
  ['***'],
  ['- - -'],
  ['Paragraph text with `code` and | a pipe.'],
  ['    indented code', '    ## not a heading'],
  ['\t```yaml', '\t- id: TAB-1'],
  ['1. first', '2. second'],
  ['2) starts at two'],
  ['-', '  ## item heading'],
  ['*'],
  ['+ plus item'],
  ['> quoted line', 'lazy line'],
  ['>'],
  ['\u200b## zero width'],
  ['＃＃ fullwidth'],
  ['##\u00a0nbsp'],
  ['‐ homoglyph hyphen'],
  ['```yaml\u200b', 'a: 1', '```'],
  [''],
];

type Doc = string[];

/** Wraps lines in a container: a block quote (with or without lazy lines), a list item (bullet, ordered, under-indented), indented code, <details>. */
const WRAPS: ((lines: Doc) => Doc)[] = [
  (l) => l.map((x) => (x === '' ? '>' : `> ${x}`)),
  (l) => l.map((x, i) => (i === 0 ? `> ${x}` : x)),
  (l) => l.map((x) => `>${x}`),
  (l) => l.map((x, i) => (i === 0 ? `- ${x}` : x === '' ? '' : `  ${x}`)),
  (l) => l.map((x, i) => (i === 0 ? `1. ${x}` : x === '' ? '' : `   ${x}`)),
  (l) => l.map((x, i) => (i === 0 ? `* ${x}` : ` ${x}`)),
  (l) => l.map((x, i) => (i === 0 ? `-\t${x}` : `\t${x}`)),
  (l) => l.map((x) => (x === '' ? '' : `    ${x}`)),
  (l) => l.map((x) => `\t${x}`),
  (l) => ['<details>', '<summary>S</summary>', '', ...l, '', '</details>'],
  (l) => ['<!--', ...l, '-->'],
  (l) => l.map((x) => `  ${x}`),
];

type Tree = { piece: number } | { wrap: number; inner: Tree[] };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ piece: fc.nat(PIECES.length - 1) }),
    fc.record({ wrap: fc.nat(WRAPS.length - 1), inner: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
  ),
})).tree;

function render(t: Tree, seps: boolean[]): Doc {
  if ('piece' in t) return PIECES[t.piece];
  const inner: Doc = [];
  t.inner.forEach((c, k) => {
    if (k > 0 && seps[k % seps.length]) inner.push('');
    inner.push(...render(c, seps));
  });
  return WRAPS[t.wrap](inner);
}

const EOLS = ['\n', '\r\n', '\r'];

/** A whole document: trees joined with or without blank lines, one or mixed line endings, maybe a BOM. */
export const markdownDoc: fc.Arbitrary<string> = fc
  .record({
    trees: fc.array(tree, { minLength: 1, maxLength: 8 }),
    seps: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
    eol: fc.nat(3),
    bom: fc.boolean(),
  })
  .map(({ trees, seps, eol, bom }) => {
    const lines: Doc = [];
    trees.forEach((t, k) => {
      if (k > 0 && seps[k % seps.length]) lines.push('');
      lines.push(...render(t, seps));
    });
    // Mixed endings (eol 3): each line's break chosen by its index.
    const text = lines.map((l, i) => l + (eol === 3 ? EOLS[i % 3] : EOLS[eol])).join('');
    return (bom ? '\uFEFF' : '') + text;
  });

export function remarkTree(text: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
}

export interface BlockView {
  headings: string[];
  fences: string[];
  tables: string[];
}

const line = (n: RootContent) => (n.position?.start.line ?? 0) - 1;
const endLine = (n: RootContent) => (n.position?.end.line ?? 0) - 1;

/** What remark reads at the top level: headings (line, depth), fences (line, language, closing line), tables (lines). */
export function remarkView(text: string): BlockView {
  const view: BlockView = { headings: [], fences: [], tables: [] };
  // remark's offsets do not count a BOM.
  const source = text.replace(/^\uFEFF/, '');
  for (const n of remarkTree(text).children) {
    if (n.type === 'heading') view.headings.push(`${line(n)}:h${n.depth}`);
    if (n.type === 'table') view.tables.push(`${line(n)}-${endLine(n)}`);
    if (n.type === 'code') {
      const src = source.slice(n.position?.start.offset ?? 0);
      const fenced = /^ {0,3}(`{3,}|~{3,})/.exec(src);
      if (!fenced) continue;
      // A fence that closes ends on its closing line; one that never closes ends with the document.
      const last = (
        source
          .slice(0, n.position?.end.offset ?? 0)
          .split(/\r\n|\r|\n/)
          .pop() ?? ''
      ).trim();
      const closed =
        last.length >= fenced[1].length && new RegExp(`^\\${fenced[1][0]}{${fenced[1].length},}$`).test(last) && endLine(n) > line(n);
      view.fences.push(`${line(n)}:${(n.lang ?? '').toLowerCase()}${closed ? `-${endLine(n)}` : ''}`);
    }
  }
  return view;
}
