// New Snapshot's file label: whatever the author types becomes a slug, never a refusal.
import * as assert from 'node:assert/strict';
import { labelSlug } from '../../server/src/service/text/wording';

describe('New Snapshot: the label made a slug', () => {
  it('spaces, capitals, accents and punctuation become a file-name slug', () => {
    assert.equal(labelSlug('Flaky CI runs'), 'flaky-ci-runs');
    assert.equal(labelSlug('  Café / résumé: v2  '), 'cafe-resume-v2');
    assert.equal(labelSlug('self_heal-run'), 'self_heal-run');
    assert.equal(labelSlug('../../etc/passwd'), 'etc-passwd', 'no path is left in it');
  });
  it('a label with no letter or digit is empty (New Snapshot asks again)', () => {
    assert.equal(labelSlug(' -- !! '), '');
  });
});
