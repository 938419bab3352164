// A new snapshot (the skeleton New Snapshot writes) validates with no errors, built from
// whichever schema is in use.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { bundledSchema, parseSchema } from '../../server/src/service/schema';
import { skeleton } from '../../server/src/service/templates';
import { findings, fixture } from '../support/engine';

const INPUT = { date: '2026-11-24', prompt: 'docs/reviews/prompts/self_healing.md', promptRevision: 'abc1234', repoRevision: 'abc1234' };

describe('new snapshot skeleton', () => {
  it('has every key and section of the schema and validates with no errors or warnings', () => {
    const text = skeleton(bundledSchema(), { ...INPUT, refs: ['/specs/schema/review_snapshot_schema_v1.yaml'] });
    assert.match(text, /^# Review Snapshot\n\nDate: 2026-11-24\nModel: TODO\nPrompt: `docs\/reviews\/prompts\/self_healing.md`\n/);
    const root = '/repo';
    const schemaText = fs.readFileSync('server/src/schema/review_snapshot_schema_v1.yaml', 'utf8');
    assert.deepEqual(
      findings(text, { root, files: { '/repo/specs/schema/review_snapshot_schema_v1.yaml': schemaText } }).map((f) => f.rule),
      [],
    );
    for (const s of bundledSchema().requiredSections) assert.ok(text.includes(`\n## ${s}\n`), s);
  });
  it('without a workspace schema it names no schema ref, and still validates', () => {
    assert.deepEqual(
      findings(skeleton(bundledSchema(), INPUT)).map((f) => f.rule),
      [],
    );
  });
  it('follows a workspace schema with other sections and headers', () => {
    const custom = fixture('../../server/src/schema/review_snapshot_schema_v1.yaml')
      .replace('- Raw Output', '- Raw Output\n- Appendix')
      .replace('  - Proposed fix', '  - Proposed fix\n  - Owner');
    const r = parseSchema(custom, 'custom');
    assert.ok('schema' in r);
    const text = skeleton(r.schema, INPUT);
    assert.match(text, /\n## Appendix\n/);
    assert.match(text, /\| Proposed fix \| Owner \|/);
  });
});
