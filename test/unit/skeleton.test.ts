// A new snapshot (the skeleton New Snapshot writes), built from whichever schema is in use: its
// only findings are the TODO placeholders it leaves for the author (placeholder/unfilled, issue
// 15: it says what is left to fill in).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { bundledSchema, parseSchema } from '../../server/src/service/contract/schema';
import { skeleton } from '../../server/src/service/contract/templates';
import type { Finding } from '../../server/src/service/findings';
import { findings, fixture } from '../support/engine';

/** Each finding is a placeholder/unfilled exactly on a `TODO` of the text; returns how many. */
function onlyTodos(text: string, found: Finding[]): number {
  const lines = text.split('\n');
  for (const f of found) {
    assert.equal(f.rule, 'placeholder/unfilled', f.message);
    assert.equal(lines[f.range.start.line].slice(f.range.start.character, f.range.end.character), 'TODO', f.message);
  }
  return found.length;
}

const INPUT = { date: '2026-11-24', prompt: 'docs/reviews/prompts/self_healing.md', promptRevision: 'abc1234', repoRevision: 'abc1234' };

describe('new snapshot skeleton', () => {
  it('has every key and section of the schema; its only findings are its TODO placeholders', () => {
    const text = skeleton(bundledSchema(), { ...INPUT, refs: ['/specs/schema/review_snapshot_schema_v1.yaml'] });
    assert.match(text, /^# Review Snapshot\n\nDate: 2026-11-24\nModel: TODO\nPrompt: `docs\/reviews\/prompts\/self_healing.md`\n/);
    const root = '/repo';
    const schemaText = fs.readFileSync('server/src/schema/review_snapshot_schema_v1.yaml', 'utf8');
    const found = findings(text, { root, files: { '/repo/specs/schema/review_snapshot_schema_v1.yaml': schemaText } });
    // Model, Runner lane (only the author knows either), and the bullets of Scope Notes,
    // Synthesis, Reject / Defer List and Raw Output.
    assert.equal(onlyTodos(text, found), text.split('TODO').length - 1);
    assert.equal(found.length, 6);
    assert.match(text, /\nRunner lane: TODO\n/);
    for (const s of bundledSchema().requiredSections) assert.ok(text.includes(`\n## ${s}\n`), s);
  });
  it('without a workspace schema it names no schema ref (a TODO there too), and nothing else is reported', () => {
    const text = skeleton(bundledSchema(), INPUT);
    assert.equal(onlyTodos(text, findings(text)), 7);
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
