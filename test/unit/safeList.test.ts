// Folder listings through the guarded read (node/safeFs.ts safeList): a caller that sorts may
// take the entries in any order, and a small folder is then read at once; the entries are the
// same either way (links into the folder marked, links out and special files left out, the cap).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { safeList } from '../../server/src/node/safeFs';
import type { DirEntry } from '../../server/src/service/repo/workspace';

describe('folder listings, in the folder order or any order', () => {
  let root: string;
  let outside: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-list-')));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-list-out-'));
    for (const f of ['b.md', 'a.md', 'c.txt']) fs.writeFileSync(path.join(root, f), 'x\n');
    fs.mkdirSync(path.join(root, 'sub'));
    fs.symlinkSync(path.join(root, 'a.md'), path.join(root, 'in.md'));
    fs.symlinkSync(path.join(root, 'sub'), path.join(root, 'in-dir'));
    fs.symlinkSync(outside, path.join(root, 'out'));
    fs.symlinkSync(path.join(root, 'gone'), path.join(root, 'dangling'));
    if (process.platform !== 'win32') execFileSync('mkfifo', [path.join(root, 'fifo')]);
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const byName = (xs: DirEntry[] | undefined) => [...(xs ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));

  it('gives the same entries, the cap included', () => {
    const ordered = safeList(root, root, 100);
    assert.deepEqual(byName(ordered), [
      { name: 'a.md', kind: 'file', link: false },
      { name: 'b.md', kind: 'file', link: false },
      { name: 'c.txt', kind: 'file', link: false },
      { name: 'in-dir', kind: 'dir', link: true },
      { name: 'in.md', kind: 'file', link: true },
      { name: 'sub', kind: 'dir', link: false },
    ]);
    assert.deepEqual(byName(safeList(root, root, 100, true)), byName(ordered));
    // More entries than the cap: the same first entries of the folder either way.
    assert.deepEqual(safeList(root, root, 2, true), safeList(root, root, 2));
    assert.equal(safeList(root, root, 2)!.length, 2);
    assert.equal(safeList(root, path.join(root, 'out'), 100, true), undefined, 'a folder outside is not listed');
    assert.equal(safeList(root, path.join(root, 'a.md'), 100, true), undefined, 'a file is no folder');
  });
});
