// section/empty: a required prose section with nothing in it.
import * as assert from 'node:assert/strict';
import { VALID, at, colOf, edit, lineOf, only, rules } from '../support/engine';

const SYNTHESIS = /## Synthesis\n[\s\S]*?(?=## Spec Candidates)/;

describe('section/empty', () => {
  it('an empty Synthesis is a warning on its heading', () => {
    const t = edit(VALID(), SYNTHESIS, '## Synthesis\n\n');
    const f = only(t, 'section/empty');
    const l = lineOf(t, '## Synthesis');
    assert.deepEqual(at(f), [l, colOf(t, l, 'Synthesis'), l, colOf(t, l, 'Synthesis') + 'Synthesis'.length]);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /"Synthesis" is empty/);
  });
  it('blank lines and HTML comments are not content; one bullet is', () => {
    assert.ok(rules(edit(VALID(), SYNTHESIS, '## Synthesis\n\n<!-- to do\n later -->\n\n')).includes('section/empty'));
    assert.deepEqual(rules(edit(VALID(), SYNTHESIS, '## Synthesis\n\n- none: nothing stood out.\n\n')), []);
  });
  it('the placeholder a fix or New Snapshot writes is written text, not an empty section (placeholder/unfilled reports it)', () => {
    const t = edit(VALID(), SYNTHESIS, '## Synthesis\n\n- TODO\n\n');
    const f = only(t, 'placeholder/unfilled');
    const l = lineOf(t, '- TODO');
    assert.deepEqual(at(f), [l, 2, l, 6]);
    assert.deepEqual(rules(t), ['placeholder/unfilled']);
  });
  it('table and candidates sections are left to their own rules; an empty last section counts', () => {
    const t = VALID().replace(/## Raw Output\n[\s\S]*$/, '## Raw Output\n');
    assert.deepEqual(rules(t), ['section/empty']);
    assert.ok(!rules(edit(VALID(), /## Classification Labels\n\n- .*\n/, '## Classification Labels\n\n')).includes('section/empty'));
  });
});
