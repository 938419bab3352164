// One containment judgement for the whole product (paths.ts): right for folders whose names start
// with two dots, for other drives, and for the ways a snapshot writes a path.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanRef, isInside, isPlainPath, resolveCited, resolveWritten, toRepoPath } from '../../server/src/service/repo/paths';
import { fileUrl } from '../../server/src/service/model/refs';

describe('isInside', () => {
  it('a folder named "..foo" is inside; ".." and "../x" are not', () => {
    assert.equal(isInside('/repo', '/repo/..foo/a.md'), true);
    assert.equal(isInside('/repo', '/repo/..'), false);
    assert.equal(isInside('/repo', '/repo/../x'), false);
    assert.equal(isInside('/repo', '/repo'), true);
    assert.equal(isInside('/repo', '/repository/a'), false);
  });
  it('on Windows, another drive is outside, and "..foo" is inside', () => {
    const w = path.win32;
    assert.equal(isInside('C:\\repo', 'D:\\repo\\a.md', w), false);
    assert.equal(isInside('C:\\repo', 'C:\\repo\\..foo\\a.md', w), true);
    assert.equal(isInside('C:\\repo', 'C:\\other', w), false);
    assert.equal(isInside('C:\\repo', 'c:\\REPO\\a.md', w), true);
  });
  it('toRepoPath gives a /-separated path, or nothing when outside', () => {
    assert.equal(toRepoPath('/repo', '/repo/docs/a.md'), 'docs/a.md');
    assert.equal(toRepoPath('/repo', '/elsewhere/a.md'), undefined);
    assert.equal(toRepoPath('C:\\repo', 'C:\\repo\\docs\\a.md', path.win32), 'docs/a.md');
  });
  it('a written path resolves from the repository root, with or without a leading slash', () => {
    assert.deepEqual(resolveWritten('/repo', '/docs/a.md'), { abs: '/repo/docs/a.md', outside: false });
    assert.deepEqual(resolveWritten('/repo', 'docs/a.md'), { abs: '/repo/docs/a.md', outside: false });
    assert.deepEqual(resolveWritten('/repo', '/repo/docs/a.md'), { abs: '/repo/docs/a.md', outside: false });
    assert.equal(resolveWritten('/repo', '../x').outside, true);
    assert.equal(resolveWritten('/repo', 'docs/../../x').outside, true);
  });
  it('refs lose their backticks and percent-encoding', () => {
    assert.equal(cleanRef(' `dc%2Drunner/x.sh` '), 'dc-runner/x.sh');
    assert.equal(cleanRef('%E0%A4%A'), '%E0%A4%A');
  });
});

describe('plain paths (joined as strings, without the path functions)', () => {
  const written = [
    'src/a.ts',
    '/src/a.ts',
    '//src/a.ts',
    'src//a.ts',
    'src/./a.ts',
    'src/../a.ts',
    '../a.ts',
    'src/.../a.ts',
    '.github/workflows/ci.yml',
    'src/a.ts/',
    'src\\a.ts',
    'src/a b.ts',
    'src/ä.ts',
    '.',
    '..',
    '',
    '/',
    '/repo',
    '/repo/src/a.ts',
    '/repo/../x',
    '/repository/a',
    'a-b_c.d/E9.ts',
    '~/x',
    'C:\\x',
  ];
  it('resolveCited gives what resolveWritten and toRepoPath give, for every root and written path', () => {
    for (const root of ['/repo', '/repo/', '/', '/a b/repo', '/repo/./x', 'relative']) {
      for (const w of written) {
        const slow = resolveWritten(root, w);
        const expected = { abs: slow.abs, outside: slow.outside, shown: slow.outside ? '' : toRepoPath(root, slow.abs) || '.' };
        assert.deepEqual(resolveCited(root, w), expected, `${root} + ${w}`);
      }
    }
    assert.deepEqual(resolveCited('C:\\repo', 'src/a.ts', path.win32), { abs: 'C:\\repo\\src\\a.ts', outside: false, shown: 'src/a.ts' });
  });
  it('a plain path has segments of letters, digits, "_", "-" and "." only, none empty, "." or ".."', () => {
    assert.equal(isPlainPath('src/a.ts'), true);
    assert.equal(isPlainPath('.github/x'), true);
    for (const p of ['', '/a', 'a/', 'a//b', './a', 'a/../b', 'a/.../b', 'a b', 'a\\b', 'ä', 'a:b']) assert.equal(isPlainPath(p), false, p);
  });
  it('fileUrl is pathToFileURL', () => {
    for (const p of [
      '/repo/src/a.ts',
      '/repo/a b.ts',
      '/repo/ä.ts',
      '/repo/a#b',
      '/repo/a?b',
      '/repo/%41',
      '/',
      '/repo/.x',
      '/repo//a',
      '/repo/./a',
    ]) {
      assert.equal(fileUrl(p), pathToFileURL(p).toString(), p);
    }
  });
});

describe('containment of normalized paths, as strings', () => {
  it('isInside and toRepoPath answer as path.relative does', () => {
    const seg = fc.constantFrom('a', 'b', 'ab', '..a', 'a..', '.', '..', '', '.x', 'A');
    const abs = fc.array(seg, { maxLength: 5 }).map((s) => '/' + s.join('/'));
    fc.assert(
      fc.property(abs, abs, (root, p) => {
        const rel = path.relative(root, p);
        const inside = rel === '' || (!path.isAbsolute(rel) && rel !== '..' && !rel.startsWith('../'));
        return isInside(root, p) === inside && toRepoPath(root, p) === (inside ? rel : undefined);
      }),
      { seed: 5, numRuns: 5000 },
    );
  });
});
