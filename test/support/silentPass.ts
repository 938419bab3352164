// Documents for the no-silent-pass property: the valid snapshot with more candidates written in
// its Spec Candidates section in every form a reader may take for candidates (a plain `- id:`
// list, a flow mapping, a fenced block of any info string), each in any container (none, a block
// quote, a list item, indented code, <details>, an HTML comment), and, sometimes, the checked
// block itself hidden in an HTML comment. The oracle of what a reader sees is remark-gfm.
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { remarkTree } from './markdownDocs';

const FORMS: ((id: string) => string[])[] = [
  (id) => [`- id: ${id}`, '  title: More work', '  type: docs'],
  (id) => [`- {id: ${id}, title: More work, type: docs}`],
  (id) => ['```yaml', `- id: ${id}`, '  title: More work', '  type: docs', '```'],
  (id) => ['~~~yml', `- id: ${id}`, '  title: More work', '  type: docs', '~~~'],
  (id) => ['```', `- id: ${id}`, '  title: More work', '  type: docs', '```'],
  (id) => ['```json', `[{"id": "${id}", "title": "More work", "type": "docs"}]`, '```'],
];

const CONTAINERS: ((lines: string[]) => string[])[] = [
  (l) => l,
  (l) => l.map((x) => `> ${x}`),
  (l) => l.map((x, i) => (i === 0 ? `- ${x}` : `  ${x}`)),
  (l) => l.map((x, i) => (i === 0 ? `1. ${x}` : `   ${x}`)),
  (l) => l.map((x, i) => (i === 0 ? `> - ${x}` : `>   ${x}`)),
  (l) => l.map((x) => `    ${x}`),
  (l) => ['<details>', '<summary>More</summary>', '', ...l, '', '</details>'],
  (l) => ['<!--', ...l, '-->'],
  (l) => ['<!-- a note', ...l, 'end of the note -->'],
];

export interface SilentCase {
  text: string;
  /** What was generated, for the failure message. */
  shape: string;
}

const BLOCK = /^```yaml\n- id: SELFHEAL-RUN-001[\s\S]*?\n```\n/m;

/** The valid snapshot with `extra` written after its candidates block (the block hidden in a comment when `hide`). */
export function withExtra(valid: string, extra: string[], hide: boolean, eol: string): string {
  const m = BLOCK.exec(valid);
  if (!m) throw new Error('the valid snapshot has no candidates block');
  const block = hide ? `<!--\n${m[0]}-->\n` : m[0];
  const text = valid.replace(BLOCK, `${block}\n${extra.join('\n')}\n`);
  return text.replace(/\n/g, eol);
}

export function silentCases(valid: string): fc.Arbitrary<SilentCase> {
  return fc
    .record({
      form: fc.nat(FORMS.length - 1),
      container: fc.nat(CONTAINERS.length - 1),
      hide: fc.boolean(),
      eol: fc.constantFrom('\n', '\r\n'),
      twice: fc.boolean(),
    })
    .map(({ form, container, hide, eol, twice }) => {
      const extra = CONTAINERS[container](FORMS[form]('EXTRA-1'));
      if (twice) extra.push('', ...FORMS[(form + 1) % FORMS.length]('EXTRA-2'));
      return { text: withExtra(valid, extra, hide, eol), shape: JSON.stringify({ form, container, hide, eol, twice }) };
    });
}

/**
 * The candidate ids a reader sees (in text and code, never in HTML): `id: X`, `"id": "X"`, `{id: X`.
 * Only Spec Candidates is read (every generated part is there, and a top-level `## ` heading
 * starts it and the next one ends it whatever came before): remark is the slow part of the test.
 */
export function visibleIds(whole: string): Set<string> {
  const from = whole.indexOf('## Spec Candidates (YAML)');
  const to = whole.indexOf('## Classification Labels');
  const text = from >= 0 && to > from ? whole.slice(from, to) : whole;
  const ids = new Set<string>();
  const walk = (n: Nodes) => {
    if (n.type === 'html') return;
    if ('value' in n && typeof n.value === 'string') {
      for (const m of n.value.matchAll(/["']?\bid["']?\s*:\s*["']?([A-Z][A-Z0-9-]*-\d+)/g)) ids.add(m[1]);
    }
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(remarkTree(text));
  return ids;
}

/** The cases (issue 22): candidates a reader sees beside the checked block, or a checked block no reader sees. */
export interface UncheckedCase {
  name: string;
  text: string;
  /** The line (0-based) where candidates/unchecked is reported. */
  line: number;
}

export function namedUncheckedCases(valid: string): UncheckedCase[] {
  const more = ['title: More work', 'type: docs'];
  const cases: [string, string[], boolean, string][] = [
    ['a plain `- id:` list', ['- id: EXTRA-1', ...more.map((x) => `  ${x}`)], false, '- id: EXTRA-1'],
    ['a flow mapping', ['- {id: EXTRA-1, title: More work, type: docs}'], false, '- {id: EXTRA-1'],
    ['an indented code block', ['    - id: EXTRA-1', ...more.map((x) => `      ${x}`)], false, '    - id: EXTRA-1'],
    [
      'a fence inside a list item',
      ['- more:', '', '  ```yaml', '  - id: EXTRA-1', ...more.map((x) => `    ${x}`), '  ```'],
      false,
      '  ```yaml',
    ],
    ['a block-quoted fence', ['> ```yaml', '> - id: EXTRA-1', ...more.map((x) => `>   ${x}`), '> ```'], false, '> ```yaml'],
    [
      'the checked block in an HTML comment, the candidates a reader sees in a block quote',
      ['> ```yaml', '> - id: EXTRA-1', ...more.map((x) => `>   ${x}`), '> ```'],
      true,
      '> ```yaml',
    ],
  ];
  return cases.map(([name, extra, hide, at]) => {
    const text = withExtra(valid, extra, hide, '\n');
    return { name, text, line: text.split('\n').findIndex((l) => l.startsWith(at)) };
  });
}
