// Placeholders at every place a value goes, as a property (issue 22, item 3): whatever form a
// template writes a placeholder in (`<…>`, a lone `<tag>`, `TODO`, `YYYY-MM-DD`, `path:line`,
// `...`, alternatives `a \| b` or `a/b/c` where one value of a closed set goes, a placeholder
// inside a path), a template holding it conforms, and a snapshot holding it does not: exactly one
// placeholder/unfilled error, at the placeholder, and nothing else (no check steps aside for a
// placeholder the placeholder rule does not report, and none reports it a second time).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { VALID, checkAt } from '../support/engine';

interface Place {
  what: string;
  /** The line's text before and after the value. */
  before: string;
  after: string;
  /** The text of the value in the valid fixture. */
  value: string;
  /** One value of a closed set goes here (a status, a lane, a label, …): alternatives count. */
  closed?: boolean;
  /** A path goes here: a placeholder inside it counts. */
  path?: boolean;
  /** In a table: alternatives are separated by `\|`. */
  table?: boolean;
  /** In the YAML block: no backticks, no `TODO: …` (not plain YAML). */
  yaml?: boolean;
  /** A whole prose line, where a line that is one HTML tag is markup (no lone tag names here). */
  markup?: boolean;
}

const LOG = '| ./scripts/local_ci_parity.sh | pass | 0 | Rust-only critical path passed including docs checks. |';
const RAW = VALID().trimEnd().split('\n').at(-1)!;
const FINDING = VALID()
  .split('\n')
  .find((l) => l.startsWith('| P2 |'))!;

/** A place inside a table row: the `n`th cell of `row`. */
function cell(what: string, row: string, n: number, extra: Partial<Place> = {}): Place {
  const cells = row.split(' | ');
  const value = cells[n].replace(/^\| /, '').replace(/ \|$/, '');
  const before = cells.slice(0, n).join(' | ') + (n ? ' | ' : '| ');
  const after = (n < cells.length - 1 ? ' | ' : ' |') + cells.slice(n + 1).join(' | ');
  return { what, before, after: after.replace(/ \| \|$/, ' |'), value, table: true, ...extra };
}

function line(what: string, before: string, value: string, extra: Partial<Place> = {}): Place {
  return { what, before, after: '', value, ...extra };
}

const PLACES: Place[] = [
  line('Date', 'Date: ', '2026-02-19'),
  line('Model', 'Model: ', 'gpt-5-codex'),
  line('Prompt', 'Prompt: ', '`docs/reviews/prompts/self_healing.md`', { path: true }),
  line('Repo revision', 'Repo revision: ', '7ea2a63'),
  line('a baseline ref', '- ', '/specs/governance/check_sets_v1.yaml', { path: true }),
  line('Runner lane', 'Runner lane: ', 'rust|required', { closed: true }),
  cell('command', LOG, 0),
  cell('status', LOG, 1, { closed: true }),
  cell('exit_code', LOG, 2),
  cell('summary', LOG, 3),
  cell('Severity', FINDING, 0, { closed: true }),
  cell('Verified/Hypothesis', FINDING, 1, { closed: true }),
  cell('File:Line', FINDING, 2, { path: true }),
  cell('What', FINDING, 3),
  cell('Proposed fix', FINDING, 6),
  line('title', '  title: ', 'Improve rust governance command failure diagnostics and retry behavior', { yaml: true }),
  line('type', '  type: ', 'contract.check', { yaml: true, closed: true }),
  line('risk', '  risk: ', 'moderate', { yaml: true, closed: true }),
  line('target_area', '  target_area: ', 'runtime.adapter', { yaml: true }),
  line('an affected path', '  - ', '/docs/book/80_troubleshooting.md', { yaml: true, path: true }),
  line('a label', '- `SELFHEAL-RUN-001`: ', 'behavior', { closed: true }),
  line(
    'a Scope Notes value',
    '- What this run focused on: ',
    'stage-0 baseline command stability and gate determinism on required rust lane.',
  ),
  line('class', '  class: ', 'MUST', { yaml: true, closed: true }),
  line('an acceptance criterion', '  - ', 'governance adapter failures emit deterministic diagnostics with retry context.', { yaml: true }),
  line('Raw Output', '', RAW, { markup: true }),
  line('a Reject / Defer value', '  why_defer: ', 'exceeds low-risk mechanical-fix boundary without deeper failure reproduction harness'),
];

const word = fc.stringMatching(/^[a-z][a-z_]{1,9}$/);
const words = fc.array(word, { minLength: 2, maxLength: 4 });
/** A placeholder's name: words, or an HTML tag's name standing alone (`<summary>` renders as nothing). */
const plainName = fc.oneof(
  words.map((w) => w.join(' ')),
  word.filter((w) => !HTML_NAMES.includes(w)),
);
const HTML_NAMES = ['summary', 'code', 'details', 'b', 'span'];
const name = fc.oneof(plainName, fc.constantFrom(...HTML_NAMES));

/** The forms a template writes a placeholder in, for a place: [the value, the placeholder's text in it]. */
function forms(p: Place): fc.Arbitrary<[string, string]> {
  const whole = (a: fc.Arbitrary<string>) => a.map((t): [string, string] => [t, t]);
  const all: fc.Arbitrary<[string, string]>[] = [
    whole((p.markup ? plainName : name).map((n) => `<${n}>`)),
    whole(words.map((w) => `<${w.join(p.table ? '\\|' : '|')}>`)),
    whole(fc.constantFrom('TODO', 'YYYY-MM-DD', 'path:line', 'file:line', 'path:start-end', '...', '…')),
  ];
  if (!p.yaml) {
    all.push(whole(words.map((w) => `TODO: ${w.join(' ')}`)));
    all.push((p.markup ? plainName : name).map((n): [string, string] => [`\`<${n}>\``, `<${n}>`]));
  }
  if (p.closed) {
    all.push(whole(words.map((w) => w.join(p.table ? ' \\| ' : ' | '))));
    all.push(whole(words.map((w) => w.join('/'))));
  }
  if (p.path) all.push(word.map((w): [string, string] => [`src/<${w}>.ts`, `<${w}>`]));
  return fc.oneof(...all);
}

const holding = (p: Place, value: string) => {
  const from = p.before + p.value + p.after;
  const text = VALID();
  assert.ok(text.split('\n').includes(from), `${p.what}: the fixture holds ${from}`);
  return text.replace(from, p.before + value + p.after);
};

const case_ = fc.constantFrom(...PLACES).chain((p) => forms(p).map(([value, placeholder]) => ({ p, value, placeholder })));

describe('placeholders at every place a value goes (property)', function () {
  this.timeout(120000);

  it('a snapshot holding one fails with exactly one placeholder/unfilled error, at the placeholder, and nothing else', () => {
    fc.assert(
      fc.property(case_, ({ p, value, placeholder }) => {
        const text = holding(p, value);
        const found = checkAt('docs/reviews/snapshots/2026-02-19_x.md', text);
        const lines = text.split('\n');
        const shown = found.map(
          (f) => `${f.rule} ${f.severity} "${lines[f.range.start.line].slice(f.range.start.character, f.range.end.character)}"`,
        );
        assert.deepEqual(shown, [`placeholder/unfilled error "${placeholder}"`], `${p.what}: ${value}`);
        assert.equal(lines[found[0].range.start.line], p.before + value + p.after);
      }),
      { numRuns: 300, seed: 22 },
    );
  });

  it('a template holding one conforms', () => {
    fc.assert(
      fc.property(case_, ({ p, value }) => {
        assert.deepEqual(
          checkAt('docs/reviews/templates/review_snapshot.md', holding(p, value)).map((f) => `${f.rule}: ${f.message}`),
          [],
          `${p.what}: ${value}`,
        );
      }),
      { numRuns: 300, seed: 22 },
    );
  });
});
