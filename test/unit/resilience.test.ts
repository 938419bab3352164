// The engine keeps serving when a rule breaks, and a long check stops as soon as it is stale.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createSnapshotService } from '../../server/src/service/index';
import { RULE_MODULES, ruleModule } from '../../server/src/service/rules/index';
import type { RuleModule } from '../../server/src/service/rules/registry';
import { runSliced } from '../../server/src/service/steps';
import { VALID, run, serviceFor, settingsFor } from '../support/engine';
import { InMemoryWorkspace } from '../support/memoryWorkspace';

const checkSteps = (text: string) => serviceFor().checkSteps({ text }, settingsFor());

describe('resilience', () => {
  it('a rule that throws is reported with its name; its findings are dropped, the other rules still report, and the verdict says it is incomplete', () => {
    // Two problems: a missing section (sections rule) and a disallowed label (labels rule).
    const text = VALID()
      .replace('## Synthesis\n', '## Synthesi\n')
      .replace(/: behavior$/m, ': bug');
    const dropped = 'section';
    const broken: RuleModule = {
      family: 'exploding',
      rules: [],
      check: () => {
        throw new TypeError('boom');
      },
    };
    const errors: string[] = [];
    const rules = RULE_MODULES.map((r) => (r === ruleModule(dropped) ? broken : r));
    const found = run(text, { rules, log: (m) => errors.push(m) }).findings;
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^rule "exploding" failed .*TypeError: boom/s);
    const all = run(text).findings;
    // Everything the intact rules found is still there; only the replaced rule's findings are gone.
    const fromDropped = all.filter((f) => f.rule.startsWith('section/'));
    assert.ok(fromDropped.length > 0, `the ${dropped} rule finds the renamed section`);
    const [first, ...rest] = found;
    assert.deepEqual(
      rest.map((f) => f.rule),
      all.filter((f) => !f.rule.startsWith('section/')).map((f) => f.rule),
    );
    assert.ok(found.some((f) => f.rule === 'labels/value'));
    // Fail closed: an error on the first line says the verdict is incomplete, and why.
    assert.equal(first.rule, 'check/incomplete');
    assert.equal(first.severity, 'error');
    assert.match(first.message, /rule exploding failed \(TypeError: boom\)/);
    assert.equal(first.range.start.line, 0);
  });

  it("the repository's templates cannot be read (the workspace port throws): the check runs to its end and says it is incomplete", () => {
    class Broken extends InMemoryWorkspace {
      override list(): never {
        throw new Error('EIO: listing failed');
      }
    }
    const schema = fs.readFileSync('server/src/schema/review_snapshot_schema_v1.yaml', 'utf8');
    const s = createSnapshotService({ workspace: new Broken({ '/ws/specs/schema/review_snapshot_schema_v1.yaml': schema }) });
    const text = VALID().replace('Date: 2026-02-19', 'Date: soon');
    const r = s.check({ text, root: '/ws' }, settingsFor(), { today: '2026-11-24', links: false });
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['check/incomplete', 'metadata/date'],
    );
    assert.match(r.findings[0].message, /rule templates failed \(Error: EIO: listing failed\)/);
    assert.deepEqual(
      r.failures.map((f) => f.rule),
      ['templates'],
    );
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
        const inner = checkSteps(text);
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
    for (const _ of checkSteps(text)) total++;
    let stale = false;
    setImmediate(() => (stale = true)); // a newer version arrives after the first slice
    const result = await runSliced(counted(), () => stale, 1);
    assert.equal(result, undefined);
    assert.ok(closed, 'the steps were closed, not left suspended');
    assert.ok(steps < total / 2, `stopped after ${steps} of ${total} steps`);
    // Not stale: the same check runs to its end.
    const done = await runSliced(checkSteps(text), () => false, 1);
    assert.ok(done && done.findings.every((f) => f.severity !== 'error'));
  });
});
