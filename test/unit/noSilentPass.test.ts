// No silent pass, as a property: a snapshot never conforms while a reader sees candidates that
// were not validated (in any form or container), and content no reader sees (an HTML comment)
// is never taken for candidates, neither as the checked block nor as unchecked ones. The oracle
// of what a reader sees is remark-gfm (test/support/silentPass.ts). Pending conversion refuses
// whenever the check has an error (the same findings), so it refuses in every such case too.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCandidates } from '../../server/src/service/model/candidates';
import { planPending } from '../../server/src/service/features/pending';
import { InMemoryWorkspace } from '../support/memoryWorkspace';
import { VALID, serviceFor, settingsFor } from '../support/engine';
import { silentCases, visibleIds, withExtra } from '../support/silentPass';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

// One service for every case (a service reads the bundled schema and conventions once).
const service = serviceFor();
const settings = settingsFor();

function verdict(text: string) {
  const r = service.check({ text }, settings, { today: '2026-11-24', links: false });
  const validated = new Set(readCandidates(r.model).map((c) => c.id ?? ''));
  const errors = r.findings.filter((f) => f.severity === 'error');
  return { r, validated, errors, rules: r.findings.map((f) => f.rule) };
}

describe('no silent pass: candidates a reader sees are validated, or the snapshot does not conform', function () {
  this.timeout(120000);
  const valid = VALID();

  it(`holds on ${RUNS} generated snapshots (every form, every container, the checked block hidden or not)`, () => {
    fc.assert(
      fc.property(silentCases(valid), ({ text, shape }) => {
        const { r, validated, errors, rules } = verdict(text);
        const seen = visibleIds(text);
        const unvalidated = [...seen].filter((id) => !validated.has(id));
        if (unvalidated.length) {
          assert.ok(errors.length > 0, `${shape}: ${unvalidated.join(', ')} seen, not validated, yet no error`);
          const plan = planPending(new InMemoryWorkspace(), {
            result: r,
            root: '/repo',
            file: '/repo/s.md',
            format: 'yaml',
            directory: '',
          });
          assert.equal(plan.ok, false, `${shape}: the pending conversion goes ahead`);
        }
        // What no reader sees is never validated, nor reported as unchecked.
        for (const id of validated) assert.ok(seen.has(id), `${shape}: ${id} validated but hidden from readers`);
        if (!unvalidated.length) assert.ok(!rules.includes('candidates/unchecked'), `${shape}: unchecked reported for hidden text`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('the valid snapshot with a hidden extra block conforms (an HTML comment is no candidate block)', () => {
    const text = withExtra(valid, ['<!--', '```yaml', '- id: EXTRA-1', '  title: t', '  type: docs', '```', '-->'], false, '\n');
    assert.deepEqual(verdict(text).rules, []);
  });
});
