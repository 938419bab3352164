// Incremental checking (service/incremental.ts): an open document's next version is checked from
// its last check where the edit allows. The oracle is the full check: after any sequence of
// edits — in cells, in a fenced block, and edits that make or break rows, tables, headings,
// fences and the candidates YAML — the incremental check's findings (rules, ranges, messages,
// fixes) are exactly those of a full check of the same text. Seeded and bounded for `npm test`.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { snapshot } from '../../bench/inputs';
import type { CheckResult } from '../../server/src/service/engine';
import { EngineCaches } from '../../server/src/service/caches';
import { patchSteps } from '../../server/src/service/incremental';
import { parseSnapshot } from '../../server/src/service/model/snapshot';
import { drain } from '../../server/src/service/steps';
import { DIALECT, VALID, serviceFor, settingsFor } from '../support/engine';

const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** Snapshots with rows that hold findings (placeholders, bad severities, missing files), and a Raw Output block. */
function bases(): string[] {
  const small = snapshot({ name: 'small', findingsRows: 12, logRows: 4, candidates: 3, rawOutputLines: 6 });
  const withFindings = small
    .replace('| P1 |', '| TODO |')
    .replace('| P2 | Verified |', '| P9 | Maybe |')
    .replace(/\| pass \| 0 \|/, '| success \\| failure | <exit code> |');
  // Tables outside the contract's tables, in prose sections: their rows are read by the rules
  // that read prose, and edited like any row.
  const proseTables = small
    .replace('## Scope Notes\n', '## Scope Notes\n\n| area | owner |\n|---|---|\n| core | alice |\n| cli | bob |\n')
    .replace('## Synthesis\n', '## Synthesis\n\n| lane | note |\n|---|---|\n| rust | fine |\n| python | owner: TODO |\n');
  return [VALID(), DIALECT(), small, withFindings, proseTables];
}

const PIECES = [
  'x',
  ' ',
  '|',
  '\\|',
  '`',
  '```',
  '~~~',
  '# ',
  '## ',
  '## Findings',
  '- ',
  ':',
  'TODO',
  '<path>',
  'YYYY-MM-DD',
  'P1',
  'P7',
  'Verified',
  '- id: X-1',
  '  ',
  '\n',
  '\n| P1 | Verified | a.ts:1 | w | w | w | f |',
  '\r\n',
  '<!-- review-snapshot-disable-line placeholder/unfilled -->',
  'a.ts:9999',
];

/** What goes in a cell: values that are findings (placeholders, bad values, missing paths) and values that are not. */
const CELLS = [
  ' TODO ',
  ' P1 ',
  ' P9 ',
  ' Verified ',
  ' Maybe ',
  ' <exit code> ',
  ' pass ',
  ' x ',
  ' a.ts:1 ',
  ' src/gone.ts:3 ',
  ' ',
  '',
  ' `a|b` ',
  ' owner: TODO ',
  ' <owner> ',
];

type Edit =
  | { line: number; col: number; del: number; text: string }
  | { row: number; cell: number; text: string; open: boolean }
  | { fenced: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    line: fc.nat(),
    col: fc.nat(),
    del: fc.oneof(fc.constant(0), fc.constant(1), fc.nat({ max: 40 })),
    text: fc.oneof(fc.constantFrom(...PIECES), fc.constant(''), fc.string({ maxLength: 4 })),
  }),
  // A cell of a table row written anew (the most common edit, and the one checked row by row).
  // `open`: the rest of the row dropped, as while typing at its end (no closing pipe yet).
  fc.record({ row: fc.nat(), cell: fc.nat({ max: 8 }), text: fc.constantFrom(...CELLS), open: fc.boolean() }),
  // A line of a fenced block (Raw Output, the candidates' YAML) with something put in front.
  fc.record({ fenced: fc.nat(), text: fc.constantFrom(...PIECES, '- id: X-2', 'TODO', '  title: <title>') }),
);

/** Puts `text` at the start of the `fenced`-th line that lies between fence lines (taken modulo). */
function writeFenced(text: string, e: { fenced: number; text: string }): string {
  const lines = text.split('\n');
  let inside = false;
  const fenced: number[] = [];
  lines.forEach((l, i) => {
    if (l.startsWith('```')) inside = !inside;
    else if (inside) fenced.push(i);
  });
  if (!fenced.length) return text;
  const i = fenced[e.fenced % fenced.length];
  lines[i] = e.text + lines[i];
  return lines.join('\n');
}

/** Writes cell `cell` of the `row`-th line that starts with `|` (each taken modulo what there is); `open` drops the rest of the line. */
function writeCell(text: string, e: { row: number; cell: number; text: string; open: boolean }): string {
  const lines = text.split('\n');
  const rows = lines.flatMap((l, i) => (l.startsWith('|') ? [i] : []));
  if (!rows.length) return text;
  const i = rows[e.row % rows.length];
  const pipes = [...lines[i].matchAll(/\|/g)].map((m) => m.index);
  if (pipes.length < 2) return text;
  const k = e.cell % (pipes.length - 1);
  lines[i] = lines[i].slice(0, pipes[k] + 1) + e.text + (e.open ? '' : lines[i].slice(pipes[k + 1]));
  return lines.join('\n');
}

/** Applies an edit at a line and column (each taken modulo what the text has), as an editor would. */
function apply(text: string, e: Edit): string {
  if ('row' in e) return writeCell(text, e);
  if ('fenced' in e) return writeFenced(text, e);
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const line = e.line % starts.length;
  const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  const at = starts[line] + (e.col % (end - starts[line] + 1));
  return text.slice(0, at) + e.text + text.slice(Math.min(text.length, at + e.del));
}

function plain(r: CheckResult): unknown {
  return JSON.parse(JSON.stringify(r.findings));
}

const OPTS = { settings: { rules: new Map([['tables/severity', 'warning' as const]]) } };

describe('incremental checking: the same findings as a full check', () => {
  it('after any sequence of edits, the incremental check of each version equals a full check of its text', () => {
    const texts = bases();
    // How the edits were told apart: the property says something only if many are patched.
    const kinds = { row: 0, code: 0, full: 0 };
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (which, edits) => {
        const incremental = serviceFor();
        const full = serviceFor();
        const check = (text: string, svc: typeof full, key?: string) =>
          svc.check({ text, root: '/ws' }, settingsFor(OPTS), { today: '2026-12-08', links: true, incremental: key });
        let text = texts[which];
        let model = check(text, incremental, 'doc').model;
        for (const e of edits) {
          const before = text;
          text = apply(text, e);
          if (text !== before) kinds[drain(patchSteps(model, text, { caches: new EngineCaches() }))?.reuse.kind ?? 'full']++;
          const got = check(text, incremental, 'doc');
          assert.deepEqual(plain(got), plain(check(text, full)), `after ${JSON.stringify(e)}`);
          model = got.model;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    const all = kinds.row + kinds.code + kinds.full;
    assert.ok(kinds.row > all / 10 && kinds.code > all / 50 && kinds.full > all / 10, `edits told apart: ${JSON.stringify(kinds)}`);
  });

  it('edits inside cells and inside a fenced block are patched, not parsed again', () => {
    const text = bases()[3];
    const caches = new EngineCaches();
    const model = parseSnapshot(text, caches);
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.startsWith('| P3 |'));
    const raw = lines.findIndex((l) => l.startsWith('[000003]'));
    const at = (line: number, col: number) => lines.slice(0, line).join('\n').length + 1 + col;
    const cell = text.slice(0, at(row, 3)) + 'TODO' + text.slice(at(row, 3));
    const code = text.slice(0, at(raw, 2)) + '9' + text.slice(at(raw, 2));
    assert.equal(drain(patchSteps(model, cell, { caches }))?.reuse.kind, 'row');
    assert.deepEqual([...drain(patchSteps(model, cell, { caches }))!.reuse.lines], [row]);
    assert.equal(drain(patchSteps(model, code, { caches }))?.reuse.kind, 'code');
    // A new heading is structure: a full parse.
    const heading = text.slice(0, at(raw - 2, 0)) + '## Extra\n' + text.slice(at(raw - 2, 0));
    assert.equal(drain(patchSteps(model, heading, { caches })), undefined);
  });
});
