// The engine keeps serving when a rule breaks, and a long check stops as soon as it is stale.
import * as assert from 'node:assert/strict';
import { checkSnapshotSteps, runSliced } from '../../server/src/service/engine';
import { parseSnapshot } from '../../server/src/service/snapshot';
import { RULES, validateModel } from '../../server/src/service/validate';
import { bundledSchema, conventions } from '../../server/src/service/schema';
import { SchemaLoader } from '../../server/src/service/schemaSource';
import type { Rule } from '../../server/src/service/findings';
import { VALID } from './helpers';

const loader = new SchemaLoader(() => {
  throw Object.assign(new Error('no schema file here'), { code: 'ENOENT' });
});

describe('resilience', () => {
  it('a rule that throws is reported with its name; its findings are dropped and the other rules still report', () => {
    // Two problems: a missing section (sections rule) and a disallowed label (labels rule).
    const text = VALID()
      .replace('## Synthesis\n', '## Synthesi\n')
      .replace(/: behavior$/m, ': bug');
    const broken: Rule = {
      name: 'exploding',
      run: () => {
        throw new TypeError('boom');
      },
    };
    const errors: [string, unknown][] = [];
    const rules = RULES.map((r) => (r.name === RULES[1].name ? broken : r));
    const dropped = RULES[1].name;
    const found = validateModel(parseSnapshot(text), {
      schema: bundledSchema(),
      conventions: conventions(null),
      rules,
      onRuleError: (rule, e) => errors.push([rule, e]),
    });
    assert.deepEqual(
      errors.map(([r, e]) => [r, (e as Error).message]),
      [['exploding', 'boom']],
    );
    const all = validateModel(parseSnapshot(text), { schema: bundledSchema(), conventions: conventions(null) });
    // Everything the intact rules found is still there; only the replaced rule's findings are gone.
    const fromDropped = all.filter((f) => f.rule.startsWith('section/'));
    assert.ok(fromDropped.length > 0, `the ${dropped} rule finds the renamed section`);
    assert.deepEqual(
      found.map((f) => f.rule),
      all.filter((f) => !f.rule.startsWith('section/')).map((f) => f.rule),
    );
    assert.ok(found.some((f) => f.rule === 'labels/value'));
  });

  it('a long check stops at the next pause once it is stale, and says so with undefined', async () => {
    // About 5 MB: many pauses.
    const rows = Array.from({ length: 20000 }, (_, i) => `| P2 | Verified | src/a.ts:${i + 1} | What ${i}. | Why. | When. | Fix. |`).join(
      '\n',
    );
    const text = VALID().replace(/(\| Severity \|.*\n\|[-| ]+\|\n)/, `$1${rows}\n`);
    let steps = 0;
    let closed = false;
    function* counted() {
      try {
        const inner = checkSnapshotSteps({ text, loader });
        for (;;) {
          const r = inner.next();
          if (r.done) return r.value;
          steps++;
          yield;
        }
      } finally {
        closed = true;
      }
    }
    let total = 0;
    for (const _ of checkSnapshotSteps({ text, loader })) total++;
    let stale = false;
    setImmediate(() => (stale = true)); // a newer version arrives after the first slice
    const result = await runSliced(counted(), () => stale, 1);
    assert.equal(result, undefined);
    assert.ok(closed, 'the steps were closed, not left suspended');
    assert.ok(steps < total / 2, `stopped after ${steps} of ${total} steps`);
    // Not stale: the same check runs to its end.
    const done = await runSliced(checkSnapshotSteps({ text, loader }), () => false, 1);
    assert.ok(done && done.findings.every((f) => f.severity !== 'error'));
  });
});
