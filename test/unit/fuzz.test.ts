// Property-based fuzzing of the engine: mutations of valid snapshots (line deletions,
// duplications, swaps, stray pipes, backticks, fences, headings, YAML indentation, unicode,
// long lines, mixed line endings). For every input the engine does not throw, every range
// lies inside the document, and every quick fix applies cleanly without making its own rule
// worse. Seeded and bounded for `npm test`; `npm run fuzz` runs far more cases
// (FUZZ_RUNS, FUZZ_SEED override both).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { fixAllEdits } from '../../server/src/service/features/actions';
import { documentLinks } from '../../server/src/service/features/links';
import { hoverAt } from '../../server/src/service/features/hover';
import { type TextLines } from '../../server/src/service/model/text';
import { DIALECT, VALID, applyEdits, findings, run } from '../support/engine';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const PIECES = [
  '|',
  '\\|',
  '`',
  '```',
  '~~~',
  '```yaml',
  '# ',
  '## ',
  '## Findings',
  '## Raw Output',
  '- ',
  '  ',
  '    ',
  ':',
  '- id: X-1',
  '  - ',
  '\t',
  '&a',
  '*a',
  '!!js/function',
  '\u0301',
  '🚀',
  '\u202e',
  '\uD800',
  '\r',
  '\r\n',
  '\u0000',
  '---',
  '| P1 | Verified | a.ts:1 |',
  '[',
  '{',
];

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'insert'; at: number; col: number; text: string }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'longLine'; at: number; n: number }
  | { kind: 'eol'; style: 'crlf' | 'cr' | 'mixed' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    col: fc.nat(),
    text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('longLine' as const), at: fc.nat(), n: fc.integer({ min: 1000, max: 20000 }) }),
  fc.record({ kind: fc.constant('eol' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const) }),
);

function mutate(text: string, ms: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of ms) {
    const n = lines.length;
    switch (m.kind) {
      case 'delete':
        if (n > 1) lines.splice(m.at % n, 1);
        break;
      case 'duplicate':
        lines.splice(m.at % n, 0, lines[m.at % n]);
        break;
      case 'swap': {
        const a = m.a % n;
        const b = m.b % n;
        [lines[a], lines[b]] = [lines[b], lines[a]];
        break;
      }
      case 'insert': {
        const l = lines[m.at % n];
        const c = m.col % (l.length + 1);
        lines[m.at % n] = l.slice(0, c) + m.text + l.slice(c);
        break;
      }
      case 'indent': {
        const l = lines[m.at % n];
        lines[m.at % n] = m.by >= 0 ? ' '.repeat(m.by) + l : l.replace(new RegExp(`^ {0,${-m.by}}`), '');
        break;
      }
      case 'longLine':
        lines[m.at % n] += ' x|`'.repeat(m.n / 4);
        break;
      case 'eol':
        return m.style === 'crlf'
          ? lines.join('\r\n')
          : m.style === 'cr'
            ? lines.join('\r')
            : lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r')).join('');
    }
  }
  lines = lines.map((l) => l);
  return lines.join('\n');
}

function assertInside(lines: TextLines, r: Range, what: string): void {
  const ok = (p: { line: number; character: number }) =>
    p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineEnd(p.line) - lines.lineStart(p.line);
  assert.ok(ok(r.start) && ok(r.end), `${what}: ${JSON.stringify(r)} outside the document (${lines.lineCount} lines)`);
  assert.ok(
    r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character),
    `${what}: start after end ${JSON.stringify(r)}`,
  );
}

function assertEditsClean(lines: TextLines, edits: TextEdit[], what: string): void {
  for (const e of edits) assertInside(lines, e.range, what);
  const spans = edits
    .map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1], `${what}: overlapping edits`);
}

function countByRule(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings(text)) m.set(f.rule, (m.get(f.rule) ?? 0) + 1);
  return m;
}

const input = fc
  .tuple(fc.constantFrom('valid', 'dialect'), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([base, ms]) => mutate(base === 'valid' ? VALID() : DIALECT(), ms));

describe(`fuzz (seed ${SEED}, ${RUNS} runs)`, function () {
  this.timeout(120000);

  it('never throws; every finding, fix, link and hover range lies inside the document', () => {
    fc.assert(
      fc.property(input, (text) => {
        const r = run(text, { root: '/nonexistent-fuzz-root', checkLinks: true });
        assert.deepEqual(r.failures, [], 'every rule ran to its end');
        const lines = r.model.text;
        for (const f of r.findings) {
          assertInside(lines, f.range, f.rule);
          for (const fix of f.fixes ?? []) assertEditsClean(lines, fix.edits, `${f.rule}: ${fix.title}`);
        }
        assertEditsClean(lines, fixAllEdits(r.findings), 'fix-all');
        for (const l of documentLinks(r.refs)) assertInside(lines, l.range, 'link');
        for (let line = 0; line < lines.lineCount; line += 7) {
          const h = hoverAt(r.model, r.conventions, { line, character: 3 });
          if (h?.range) assertInside(lines, h.range, 'hover');
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('every quick fix applies cleanly and never makes its own rule worse; fix-all never makes a rule it fixes worse', () => {
    fc.assert(
      fc.property(input, (text) => {
        const before = findings(text);
        const counts = countByRule(text);
        const errorsBefore = before.filter((f) => f.severity === 'error').length;
        for (const f of before.filter((x) => x.fixes?.length).slice(0, 4)) {
          const fix = f.fixes![0];
          const after = countByRule(applyEdits(text, fix.edits));
          assert.ok((after.get(f.rule) ?? 0) <= (counts.get(f.rule) ?? 0), `"${fix.title}" made ${f.rule} worse`);
        }
        // Fix-all: no rule it fixed gets worse. (Other rules may report more: a fix can reveal
        // what the broken structure hid, e.g. an inserted Classification Labels section lets the
        // label check run.)
        const all = fixAllEdits(before);
        if (all.length) {
          const after = countByRule(applyEdits(text, all));
          const fixedRules = new Set(before.filter((f) => f.fixes?.some((x) => x.safe)).map((f) => f.rule));
          for (const rule of fixedRules) {
            assert.ok(
              (after.get(rule) ?? 0) <= (counts.get(rule) ?? 0),
              `fix-all made ${rule} worse: ${counts.get(rule)} → ${after.get(rule)} (${errorsBefore} errors before)`,
            );
          }
        }
      }),
      { seed: SEED + 1, numRuns: Math.max(20, Math.floor(RUNS / 3)) },
    );
  });

  it('time grows linearly with the input (no quadratic blow-up)', () => {
    // The same snapshot with N extra findings rows and N raw-output lines: the cost per KB at
    // 16x the size must stay within a few times the cost per KB at 1x (quadratic would be 16x).
    const build = (n: number) => {
      const rows = Array.from({ length: n }, (_, i) => `| P${i % 4} | Verified | src/f${i}.ts:${i + 1} | w ${i} | y | n | f |`).join('\n');
      return VALID().replace(/(\| P2 \| Verified .*\n)/, `$1${rows}\n`) + 'raw | output ` line\n'.repeat(n);
    };
    // The minimum of several runs after a warm-up: the least noisy figure on a shared machine.
    const time = (text: string) => {
      let best = Infinity;
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        findings(text);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    const small = build(1000);
    const big = build(16000);
    time(small);
    time(big);
    const perKbSmall = time(small) / (small.length / 1024);
    const perKbBig = time(big) / (big.length / 1024);
    // Linear work keeps the ratio near 1 (GC on a larger heap costs some); quadratic would be 16.
    assert.ok(
      perKbBig < perKbSmall * 8,
      `per KB: ${perKbSmall.toFixed(3)} ms at ${(small.length / 1024) | 0} KB, ${perKbBig.toFixed(3)} ms at ${(big.length / 1024) | 0} KB`,
    );
  });
});
