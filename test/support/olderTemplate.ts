// The older template layout of the contract's home repository (test/fixtures/templates/older/,
// written for these tests in that layout): `<code>` in the exit_code column, `<summary>` (an HTML
// tag's name) as a whole cell, `pass/fail/skipped`, the lane list
// `rust|required | python|compatibility | php|compatibility | mixed`, `path:line` and `...`.
// Its placeholders are found here by an oracle of the tests' own (a regular expression over the
// text, not the engine's reader), with where each is and the value a reviewer would write there.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const OLDER_TEMPLATE = fs.readFileSync(
  path.join(process.cwd(), 'test', 'fixtures', 'templates', 'older', 'review_snapshot.md'),
  'utf8',
);
export const OLDER_TEMPLATE_REL = 'docs/reviews/templates/review_snapshot.md';
export const FROM_OLDER_REL = 'docs/reviews/snapshots/2026-12-01_from-older-template.md';

export interface WrittenPlaceholder {
  text: string;
  /** 0-based line and columns (end exclusive). */
  line: number;
  start: number;
  end: number;
}

const LANES = 'rust|required | python|compatibility | php|compatibility | mixed';
const ORACLE =
  /<[^<>\n]+>|YYYY-MM-DD|pass\/fail\/skipped|path:line|(?<=\| )\.\.\.(?= \|)|rust\|required \| python\|compatibility \| php\|compatibility \| mixed/g;

/** Every placeholder the older template writes, in reading order. */
export function olderPlaceholders(text = OLDER_TEMPLATE): WrittenPlaceholder[] {
  const out: WrittenPlaceholder[] = [];
  text.split('\n').forEach((l, line) => {
    for (const m of l.matchAll(ORACLE)) out.push({ text: m[0], line, start: m.index, end: m.index + m[0].length });
  });
  return out;
}

/** What a reviewer writes over each placeholder (the example repository's files where a path goes). */
const FILLED = new Map<string, string>([
  ['YYYY-MM-DD', '2026-12-01'],
  ['<fill in>', 'gpt-5-codex'],
  ['<prompt>', 'self_healing'],
  ['<git sha>', '7ea2a63'],
  [LANES, 'python|compatibility'],
  ['<command>', '`make check`'],
  ['pass/fail/skipped', 'pass'],
  ['<code>', '0'],
  ['<summary>', 'all gates passed'],
  ['path:line', 'dc-runner-rust/runner_adapter.sh:12'],
  ['...', 'The adapter retries without a limit.'],
  ['<ID>', 'RS-OLD-1'],
  ['<title>', 'Bound the adapter retries'],
  ['<contract.check|contract.job|contract.export>', 'contract.check'],
  ['<MUST|MAY|MUST_NOT>', 'MUST'],
  ['<area>', 'runner'],
  ['<criterion>', 'the adapter gives up after three tries'],
  ['<path>', 'dc-runner-rust/runner_adapter.sh'],
  ['<low|moderate|high>', 'low'],
  ['<name>', 'retry dashboard'],
  ['<reason>', 'not needed yet'],
  ['<trigger>', 'a second runner retries'],
]);

/** The template's text with every placeholder filled in, except those whose index is in `keep`. */
export function fillOlder(keep: ReadonlySet<number> = new Set(), text = OLDER_TEMPLATE): string {
  const lines = text.split('\n');
  const fills = new Map<number, [number, number, string][]>();
  olderPlaceholders(text).forEach((p, i) => {
    if (keep.has(i)) return;
    const value = FILLED.get(p.text);
    if (value === undefined) throw new Error(`no value for ${p.text}`);
    fills.set(p.line, [...(fills.get(p.line) ?? []), [p.start, p.end, value]]);
  });
  // Right to left on each line, so the columns of the ones not yet filled stay true.
  for (const [line, list] of fills) {
    for (const [start, end, value] of list.reverse()) lines[line] = lines[line].slice(0, start) + value + lines[line].slice(end);
  }
  return lines.join('\n');
}
