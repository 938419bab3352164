// Globs from settings and configuration files are matched in linear time (glob.ts), with the
// meaning picomatch gives them: checked against picomatch on the globs people write, and on
// hostile globs that a backtracking matcher would take forever on.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlob, GlobError, MAX_GLOB_LENGTH } from '../../server/src/service/repo/glob';
import { cpuNow } from '../support/cpuTime';

const GLOBS = [
  '**/reviews/snapshots/**/*.md',
  '**/templates/**',
  'docs/history/**',
  'dc-runner-*/**',
  '*.md',
  'docs/*.md',
  'docs/**/*.{md,markdown}',
  '**/?ase.md',
  'src/[a-c]*.ts',
  'src/[^a]*.ts',
  '**/.hidden/*.md',
  'a/**/b/**/c.md',
  '{docs,notes}/**/x-*.md',
  'literal\\*.md',
];
const PATHS = [
  'docs/reviews/snapshots/2026-02-19_x.md',
  'reviews/snapshots/a.md',
  'x/reviews/snapshots/deep/er/a.md',
  'docs/reviews/snapshot/a.md',
  'docs/reviews/templates/review_snapshot.md',
  'templates/t.md',
  'docs/history/old/2025.md',
  'dc-runner-rust/runner_adapter.sh',
  'README.md',
  'docs/a.md',
  'docs/sub/a.md',
  'docs/sub/a.markdown',
  'base.md',
  'x/case.md',
  'src/b1.ts',
  'src/d1.ts',
  'src/a1.ts',
  'x/.hidden/a.md',
  'a/b/c.md',
  'a/x/b/y/z/c.md',
  'notes/q/x-1.md',
  'literal*.md',
  'literalx.md',
];

describe('globs (linear-time matcher)', () => {
  it('agrees with picomatch on the globs and paths people write', () => {
    for (const g of GLOBS) {
      const ours = compileGlob(g);
      const theirs = picomatch(g, { dot: true });
      for (const p of PATHS) assert.equal(ours(p), theirs(p), `${g} on ${p}`);
    }
  });

  it('agrees with picomatch on random globs of *, ?, ** and letters', () => {
    // Segments end with a letter: picomatch is inconsistent on a segment ending in `*` before a
    // final `/**` (`a*/**` does not match `ab`, `a?/**` and `*a/**` match their folder); ours
    // reads all of them as "this folder or anything below it".
    const seg = fc.stringMatching(/^[ab*?]{0,3}[ab]$/);
    const glob = fc.array(fc.oneof(seg, fc.constant('**')), { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const path = fc.array(fc.stringMatching(/^[ab]{1,3}$/), { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(glob, path, (g, p) => compileGlob(g)(p) === picomatch(g, { dot: true })(p)),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('one compiled glob answers every path as a fresh one does (its remembered steps are right)', () => {
    // Segments start with a letter: `.` and `..` segments are where picomatch normalizes and ours does not.
    const path = fc.array(fc.stringMatching(/^[ab][ab.]{0,3}$/), { minLength: 1, maxLength: 6 }).map((s) => s.join('/'));
    for (const g of ['**/a/**/*.b', '*a*a*a*b', 'a/**', '{a,b}*/**/b?', '**/aa.b']) {
      const ours = compileGlob(g);
      const theirs = picomatch(g, { dot: true });
      fc.assert(
        fc.property(path, (p) => ours(p) === theirs(p) && ours(p) === compileGlob(g)(p)),
        { seed: 11, numRuns: 1500 },
      );
    }
  });

  it('a hostile glob on a long path takes milliseconds', () => {
    const hostile = ['*a*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/**/**/x', '{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}b'];
    const path = 'a'.repeat(4000);
    for (const g of hostile) {
      const t0 = cpuNow();
      assert.equal(compileGlob(g)(path), false);
      const ms = cpuNow() - t0;
      assert.ok(ms < 500, `${g}: ${ms.toFixed(0)} ms`);
    }
  });

  it('globs that are too long or expand to too many alternatives are refused with a reason', () => {
    assert.throws(() => compileGlob('a'.repeat(MAX_GLOB_LENGTH + 1)), GlobError);
    assert.throws(() => compileGlob('{a,b}'.repeat(8)), /more than 64 alternatives/);
  });
});
