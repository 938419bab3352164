// The security principles, each tested as a class (SECURITY.md): linear-time processing of
// pathological lines, lookups keyed by document text that survive prototype names, a check that
// could not run never reading as a pass, one escape function per sink, and pending specs never
// planned outside the repository.
import * as assert from 'node:assert/strict';
import { escapeMarkdown, escapeNotification, escapeTerminal, hasHiddenCharacters } from '../../server/src/service/text/escape';
import { convertToPending } from '../../server/src/service/features/pending';
import { RULE_MODULES } from '../../server/src/service/rules/index';
import type { RuleModule } from '../../server/src/service/rules/registry';
import { VALID, edit, lineOf, run, serviceFor, settingsFor } from '../support/engine';
import { cpuTimed as timed, cpuNow } from '../support/cpuTime';

/** A line in a second ```yaml block of Spec Candidates (searched for candidates nobody validated). */
const secondBlock = (line: string) => edit(VALID(), '## Classification Labels', '```yaml\n' + line + '\n```\n\n## Classification Labels');
const labels = (line: string) => edit(VALID(), '- `SELFHEAL-RUN-001`: behavior', '- `SELFHEAL-RUN-001`: behavior\n' + line);

/** Inputs an adversarial review found taking seconds to minutes (one line, a few KB to 100 KB). */
const PATHOLOGICAL: [string, () => string][] = [
  ['a label line of 4,000 spaces', () => labels('- ' + ' '.repeat(4000) + 'x')],
  ['a label line of a backtick and 4,000 spaces', () => labels('- `' + ' '.repeat(4000) + ':')],
  ['a heading of 100,000 spaces and a #', () => edit(VALID(), '## Synthesis', '## Synthesis\n\n## ' + ' '.repeat(100_000) + '#x')],
  ['a metadata line of 100,000 spaces', () => edit(VALID(), 'Model: gpt-5-codex', 'Model:' + ' \t'.repeat(50_000) + 'x')],
  [
    'a metadata key of 100,000 letters and spaces',
    () => edit(VALID(), 'Model: gpt-5-codex', 'Model: gpt-5-codex\n' + 'a '.repeat(50_000) + ':x'),
  ],
  ['a bullet of 100,000 blanks', () => edit(VALID(), '- What changed', '-' + ' \t'.repeat(50_000) + '\n- What changed')],
  ['a fence line of 100,000 backticks', () => VALID() + '\n' + '`'.repeat(100_000) + ' x\n'],
  ['a File:Line cell of 100,000 colons and digits', () => edit(VALID(), 'dc%2Drunner%2Drust/runner_adapter.sh:138', ':1'.repeat(50_000))],
  ['a File:Line cell of 100,000 separators', () => edit(VALID(), 'dc%2Drunner%2Drust/runner_adapter.sh:138', ', ;'.repeat(30_000))],
  ['a table row of 100,000 pipes', () => edit(VALID(), '| P2 | Verified |', '|'.repeat(100_000) + '\n| P2 | Verified |')],
  ['a flow line of 100,000 braces and open quotes in a second candidates block', () => secondBlock('- {id: "'.repeat(12_500))],
  ['a flow line of 100,000 brackets, commas and key-like words', () => secondBlock('[{' + `${'a'.repeat(40)}, `.repeat(2_300))],
  ['a JSON line of 100,000 quoted keys without colons', () => secondBlock('{' + '"id" '.repeat(20_000))],
];

describe('security: linear-time text processing', function () {
  this.timeout(60000);
  for (const [name, make] of PATHOLOGICAL) {
    it(`${name}: checked in well under a second, every rule to its end`, () => {
      const text = make();
      const [r, ms] = timed(() => run(text, { root: '/ws', checkLinks: true }));
      assert.deepEqual(r.failures, []);
      assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
    });
  }

  it('a command cell of 8 KB backticks becomes a gate in milliseconds', () => {
    const cmd = '`'.repeat(8000) + 'x';
    const text = edit(VALID(), '| ./scripts/local_ci_parity.sh |', `| ${cmd} |`);
    const s = serviceFor();
    const r = s.check({ text }, settingsFor());
    const [gates, ms] = timed(() => s.gates(r));
    assert.ok(gates.some((g) => g.command.endsWith('x')));
    assert.ok(ms < 200, `${ms.toFixed(0)} ms`);
  });

  it('merging into an 80 KB Markdown pending spec of blank lines is linear', () => {
    const r = run(VALID());
    const [conv, ms] = timed(() =>
      convertToPending(r.model, {
        sourcePath: 'docs/x.md',
        format: 'markdown',
        existing: '\n'.repeat(80_000) + 'x\n' + '\n'.repeat(80_000),
      }),
    );
    assert.ok(conv.ok);
    assert.ok(ms < 500, `${ms.toFixed(0)} ms`);
  });

  it('100,000 rows with one cell too many: every row reported, in slices that never hold the server', () => {
    const rows = Array.from(
      { length: 100_000 },
      (_, i) => `| P2 | Verified | a.ts:${i + 1} | What \`a | b\` ${i}. | Why. | When. | Fix. |`,
    );
    const text = VALID().replace(/(\| Severity \|.*\n\|[-| ]+\|\n)/, `$1${rows.join('\n')}\n`);
    const steps = serviceFor().checkSteps({ text }, settingsFor());
    let longest = 0;
    const t0 = cpuNow();
    let result;
    for (;;) {
      const t0 = cpuNow();
      const s = steps.next();
      longest = Math.max(longest, cpuNow() - t0);
      if (s.done) {
        result = s.value;
        break;
      }
    }
    assert.equal(result.findings.filter((f) => f.rule === 'table/columns').length, 100_000);
    // The escape fix is guessed for the first rows only: the cost stays bounded.
    assert.ok(result.findings.find((f) => f.rule === 'table/columns')!.fixes?.length);
    // Sliced: no step holds more than a small part of the whole (unsliced, one step was all of it).
    const total = cpuNow() - t0;
    assert.ok(longest < Math.min(1000, total / 4), `longest step ${longest.toFixed(0)} ms of ${total.toFixed(0)} ms`);
  });
});

/** Names that a plain-object lookup would find on Object.prototype. */
const PROTO = ['constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

describe('security: document text used as a key', () => {
  for (const name of PROTO) {
    it(`"${name}" as a candidate key, a key's value, a label id, a metadata key, a section, a severity and a status`, () => {
      let t = edit(VALID(), '  risk: moderate', `  risk: moderate\n  ${name}: x\n  type2: ${name}`);
      t = edit(t, '  type: contract.check', `  type: ${name}`);
      t = edit(t, '- `SELFHEAL-RUN-001`: behavior', `- \`SELFHEAL-RUN-001\`: behavior\n- \`${name}\`: ${name}`);
      t = edit(t, 'Model: gpt-5-codex', `Model: gpt-5-codex\n${name}: x`);
      t = edit(t, '## Synthesis', `## ${name}\n\n- x\n\n## Synthesis`);
      t = edit(t, '| P2 | Verified |', `| ${name} | ${name} |`);
      t = edit(t, '| ./scripts/local_ci_parity.sh | pass | 0 |', `| ./scripts/local_ci_parity.sh | ${name} | ${name} |`);
      const r = run(t, { conventions: { severities: { [name]: 'x' } } });
      assert.deepEqual(r.failures, [], 'every rule ran');
      const rules = r.findings.map((f) => f.rule);
      assert.ok(rules.includes('candidates/convention'), `type: ${name} is not conventional`);
      assert.ok(rules.includes('labels/value'), `label ${name} is not allowed`);
      assert.ok(rules.includes('table/status'), `status ${name} is not a status`);
      assert.ok(rules.includes('table/exit-code'), `exit code ${name} is not an integer`);
    });
  }
});

describe('security: fail closed', () => {
  it('a rule that throws leaves an error that says the verdict is incomplete, and conversion is refused', () => {
    const broken: RuleModule = {
      family: 'labels',
      rules: [],
      check: () => {
        throw new TypeError('x is not a function');
      },
    };
    const rules = RULE_MODULES.map((m) => (m.family === 'labels' ? broken : m));
    const service = serviceFor({ rules });
    const result = service.check({ text: VALID(), root: '/ws' }, settingsFor({ settings: { links: { validate: false, external: [] } } }));
    assert.deepEqual(
      result.findings.filter((f) => f.severity === 'error').map((f) => f.rule),
      ['check/incomplete'],
    );
    assert.match(result.findings[0].message, /rule labels failed \(TypeError: x is not a function\)/);
    const plan = service.pending({
      result,
      file: '/ws/docs/reviews/snapshots/2026-02-19_x.md',
      root: '/ws',
      directory: 'specs/governance/pending',
      format: 'yaml',
    });
    assert.equal(plan.ok, false);
  });
});

describe('security: one escape per sink', () => {
  const HOSTILE = 'a\u001b[2J\u001b]0;title\u0007b\r\nfile.md:1:1: error fake [x]\n::error::pwned\u202e\u2066gnp.exe\u2028z\u0085\u007f';

  it('terminal text: every control, bidi and invisible character is shown as an escape, on one line', () => {
    const t = escapeTerminal(HOSTILE);
    assert.equal(t.split('\n').length, 1);
    assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.test(t), t);
    assert.match(t, /\\x1b\[2J/);
    assert.match(t, /\\u202e/);
    assert.equal(escapeTerminal(t), t, 'escaping escaped text changes nothing');
  });

  it('Markdown: no link, image, HTML, emphasis or code span comes from document text', () => {
    const m = escapeMarkdown('[x](command:workbench.action.terminal.new) ![i](https://e.com/p.png) <img src=x> **b** `c');
    assert.ok(!/(?<!\\)[[\]()<>*`!]/.test(m), m);
  });

  it('notifications: `[text](command:…)` cannot form a link', () => {
    assert.ok(!escapeNotification('see [here](command:workbench.action.terminal.new)').includes(']('));
  });

  it('hidden characters are detected for the Run Gates warning', () => {
    assert.equal(hasHiddenCharacters('npm test'), false);
    assert.equal(hasHiddenCharacters('npm test \u202e;hcuot'), true);
    assert.equal(hasHiddenCharacters('a\u200bb'), true);
  });

  it('a hover on a severity cell holding Markdown shows it as text', () => {
    const s = serviceFor();
    const text = edit(VALID(), '| P2 | Verified |', '| [x](command:evil) ![i](http://x/y.png) | Verified |');
    const r = s.check({ text }, settingsFor());
    const line = lineOf(text, '[x](command:evil)');
    const h = s.hover(r, { line, character: 4 });
    const value = (h!.contents as { value: string }).value;
    assert.ok(!value.includes('](command:') && !value.includes('!['), value);
  });
});

describe('security: pending specs stay in the workspace folder', () => {
  const file = '/ws/docs/reviews/snapshots/2026-02-19_self-heal-run.md';
  const plan = (links: Record<string, string>, files: Record<string, string> = {}) => {
    const s = serviceFor({ files: { '/ws/README.md': 'x', '/elsewhere/profile': 'secret', ...files }, symlinks: links });
    const result = s.check({ text: VALID(), root: '/ws' }, settingsFor());
    return s.pending({ result, file, root: '/ws', directory: 'specs/governance/pending', format: 'yaml' });
  };

  it('a new pending file in a folder that is a symlink out of the workspace is refused', () => {
    const p = plan({ '/ws/specs/governance/pending': '/elsewhere' });
    assert.equal(p.ok, false);
    assert.match(!p.ok ? p.errors[0].message : '', /cannot be written there: .*leads outside the folder/);
  });

  it('an existing pending file that is a symlink out is refused, and its content is never read', () => {
    const p = plan({ '/ws/specs/governance/pending/2026-02-19_self-heal-run-pending.yaml': '/elsewhere/profile' });
    assert.equal(p.ok, false);
    assert.ok(!JSON.stringify(p).includes('secret'));
  });

  it('a pending folder inside the workspace works, new or existing', () => {
    const fresh = plan({});
    assert.ok(fresh.ok && !fresh.exists);
    const existing = plan({}, { '/ws/specs/governance/pending/2026-02-19_self-heal-run-pending.yaml': 'candidates: []\n' });
    assert.ok(existing.ok && existing.exists && existing.before === 'candidates: []\n');
  });
});
