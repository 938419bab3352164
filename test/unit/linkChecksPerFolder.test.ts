// Link checks on disk ask once per folder: a snapshot citing many files of one folder has that
// folder listed once (safeFs `listFolder`), and each file's lines counted without resolving its
// path again — with the verdicts of the one-by-one way (a link leading out is still outside, a
// line past the end still reported, a file that appears is seen once said to have appeared).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskWorkspace } from '../../server/src/node/diskWorkspace';
import { diskWork } from '../../server/src/node/safeFs';
import { createSnapshotService } from '../../server/src/service/index';
import { DEFAULT_SETTINGS } from '../../server/src/service/config/settings';
import { VALID, lineOf } from '../support/engine';

const CITED = 'dc%2Drunner%2Drust/runner_adapter.sh:138';
const FINDINGS_HEADER = '| Severity | Verified/Hypothesis | File:Line | What | Why | When | Proposed fix |';

/** VALID with one Findings row per cited place (replacing its own). */
function citing(places: string[]): string {
  const text = VALID();
  const lines = text.split('\n');
  const row = lines[lineOf(text, CITED)];
  const rows = places.map((p) => row.replace(CITED, p));
  lines.splice(lineOf(text, CITED), 1, ...rows);
  assert.ok(text.includes(FINDINGS_HEADER));
  return lines.join('\n');
}

/** The link findings of the Findings rows (VALID's other paths are not in this folder), as `line:rule`. */
function linkFindings(text: string, root: string, workspace = new DiskWorkspace()) {
  const service = createSnapshotService({ workspace });
  const r = service.check({ text, root }, { ...DEFAULT_SETTINGS, links: { validate: true, external: [] } });
  const rows = text.split('\n').map((l) => l.startsWith('| ') && l.includes('src/'));
  return r.findings.filter((f) => f.rule.startsWith('links/') && rows[f.range.start.line]).map((f) => `${f.range.start.line}:${f.rule}`);
}

describe('link checks on disk: one listing per folder', () => {
  let root: string;
  const FILES = 200;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-folder-links-'));
    for (const dir of ['src/a', 'src/b']) {
      fs.mkdirSync(path.join(root, dir), { recursive: true });
      for (let i = 0; i < FILES / 2; i++) fs.writeFileSync(path.join(root, dir, `f${i}.ts`), 'one\ntwo\nthree\n');
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('200 cited files in 2 folders: each folder listed once, the paths not resolved one by one', () => {
    const places = Array.from({ length: FILES }, (_, i) => `src/${i % 2 ? 'b' : 'a'}/f${i >> 1}.ts:${1 + (i % 3)}`);
    const before = { ...diskWork };
    const findings = linkFindings(citing(places), root);
    assert.deepEqual(findings, [], 'every cited line exists');
    const resolved = diskWork.resolved - before.resolved;
    const listed = diskWork.listed - before.listed;
    // src/a, src/b, and the repository's top (where VALID's other, missing, paths are looked for).
    assert.ok(listed <= 3, `${listed} listings`);
    // One by one, each path was resolved twice (its kind, then its lines): 400 and more; VALID's
    // other paths and the first path of each folder still are (27).
    assert.ok(resolved < 50, `${resolved} paths resolved one by one for ${FILES} cited files`);
  });

  it('gives the verdicts of the one-by-one way: a line past the end, a link leading out, a missing file; `file/` and `./` as resolved', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-folder-other-'));
    try {
      fs.writeFileSync(path.join(other, 'secret.ts'), 'x\n'.repeat(50));
      fs.symlinkSync(path.join(other, 'secret.ts'), path.join(root, 'src/a/sneaky.ts'));
      const places = [
        'src/a/f0.ts:1',
        'src/a/f1.ts:4',
        'src/a/sneaky.ts:1',
        'src/a/gone.ts:1',
        'src/a/f2.ts/',
        'src/a/./f3.ts:3',
        'src/a/f3.ts:3',
      ];
      const text = citing(places);
      const row = (p: string) => lineOf(text, `| ${p} |`);
      assert.deepEqual(linkFindings(text, root), [
        `${row('src/a/f1.ts:4')}:links/line`,
        `${row('src/a/sneaky.ts:1')}:links/outside`,
        `${row('src/a/gone.ts:1')}:links/missing`,
      ]);
    } finally {
      fs.rmSync(path.join(root, 'src/a/sneaky.ts'), { force: true });
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('a file that appears in a listed folder is found once said to have appeared', () => {
    const workspace = new DiskWorkspace();
    const text = citing(['src/b/f0.ts:1', 'src/b/f1.ts:1', 'src/b/new.ts:1']);
    const missing = () => linkFindings(text, root, workspace).some((f) => f.endsWith('links/missing'));
    assert.ok(missing());
    fs.writeFileSync(path.join(root, 'src/b/new.ts'), 'x\n');
    try {
      assert.ok(missing(), 'cached');
      workspace.invalidate(path.join(root, 'src/b/new.ts'));
      assert.ok(!missing(), 'the listing was forgotten with it');
    } finally {
      fs.rmSync(path.join(root, 'src/b/new.ts'));
    }
  });
});
