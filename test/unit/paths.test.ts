// One containment judgement for the whole product (paths.ts): right for folders whose names start
// with two dots, for other drives, and for the ways a snapshot writes a path.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cleanRef, isInside, resolveWritten, toRepoPath } from '../../server/src/service/paths';

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
