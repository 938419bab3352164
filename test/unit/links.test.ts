// Path references: parsing (encoded, rooted, ranges), resolution from the workspace folder,
// refusal of paths that escape it, and the link/line checks — in an in-memory workspace, and
// the disk workspace's own caching on a real folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskWorkspace } from '../../server/src/node/diskWorkspace';
import { parseRef } from '../../server/src/service/model/refs';
import { createSnapshotService } from '../../server/src/service/index';
import { DEFAULT_SETTINGS } from '../../server/src/service/config/settings';
import type { Workspace } from '../../server/src/service/repo/workspace';
import { VALID, edit, lineOf } from '../support/engine';
import { InMemoryWorkspace } from '../support/memoryWorkspace';

/** The links and the link findings of a check, as the server computes them. */
function linkCheck(text: string, root: string, workspace: Workspace, validate = true) {
  const service = createSnapshotService({ workspace });
  const r = service.check({ text, root }, { ...DEFAULT_SETTINGS, links: { validate, external: [] } });
  return { links: service.documentLinks(r), findings: r.findings.filter((f) => f.rule.startsWith('links/')) };
}

const CITED = 'dc%2Drunner%2Drust/runner_adapter.sh:138';
const ROW = lineOf(VALID(), CITED);

describe('path references', () => {
  it('parses path, path:line and path:start-end, decoding percent-escapes', () => {
    assert.deepEqual(parseRef('dc%2Drunner%2Drust/x.sh:138'), {
      rel: 'dc-runner-rust/x.sh',
      line: 138,
      endLine: undefined,
      escapes: false,
    });
    assert.deepEqual(parseRef('/src/a.ts:12-40'), { rel: '/src/a.ts', line: 12, endLine: 40, escapes: false });
    assert.deepEqual(parseRef('docs/x.md'), { rel: 'docs/x.md', line: undefined, endLine: undefined, escapes: false });
    assert.equal(parseRef('-'), undefined);
    assert.equal(parseRef('https://example.com/a.ts:3'), undefined);
    assert.equal(parseRef('C:\\Windows\\x.ini:1')?.escapes, true);
    assert.equal(parseRef('~/secrets:1')?.escapes, true);
  });
});

describe('links in a workspace', () => {
  const root = '/ws';
  const workspace = new InMemoryWorkspace(
    { '/ws/src/a.ts': 'one\ntwo\nthree\n', '/ws/dc-runner-rust/runner_adapter.sh': 'x\n'.repeat(200), '/elsewhere/secret.txt': 'nope\n' },
    { '/ws/sneaky': '/elsewhere' },
  );

  function linksOf(cell: string, validate = true) {
    return linkCheck(edit(VALID(), CITED, cell), root, workspace, validate);
  }

  it('a File:Line cell links to the file at that line, encoded or not, rooted or not', () => {
    for (const cell of ['src/a.ts:3', '/src/a.ts:3', 'src%2Fa.ts:3']) {
      const r = linksOf(cell);
      const l = r.links.find((x) => x.range.start.line === ROW)!;
      assert.equal(l.target, `file://${root}/src/a.ts#L3`, cell);
      assert.match(l.tooltip!, /src\/a\.ts at line 3/);
      assert.equal(r.findings.filter((f) => f.range.start.line === ROW).length, 0, cell);
    }
  });
  it('a range selects the lines', () => {
    const l = linksOf('src/a.ts:1-2').links.find((x) => x.range.start.line === ROW)!;
    assert.match(l.target!, /#L1-L2$/);
  });
  it('the link covers exactly the path text in the cell', () => {
    const r = linksOf('`src/a.ts:3`');
    const l = r.links.find((x) => x.range.start.line === ROW)!;
    const line = edit(VALID(), CITED, '`src/a.ts:3`').split('\n')[ROW];
    assert.equal(line.slice(l.range.start.character, l.range.end.character), 'src/a.ts:3');
  });
  it('escaping paths are never linked and are warned about', () => {
    for (const cell of ['../../etc/passwd:1', '%2E%2E/%2E%2E/etc/passwd:1', 'sneaky/secret.txt:1', 'src/../../x:1']) {
      const r = linksOf(cell);
      assert.equal(r.links.filter((x) => x.range.start.line === ROW).length, 0, cell);
      const f = r.findings.find((x) => x.range.start.line === ROW);
      assert.equal(f?.rule, 'links/outside', cell);
    }
  });
  it('a missing file and a line past the end are warnings on the path; the setting turns them off', () => {
    assert.equal(linksOf('src/b.ts:3').findings.find((x) => x.range.start.line === ROW)?.rule, 'links/missing');
    const past = linksOf('src/a.ts:9').findings.find((x) => x.range.start.line === ROW)!;
    assert.equal(past.rule, 'links/line');
    assert.match(past.message, /has 3 lines; line 9/);
    assert.equal(linksOf('src/b.ts:3', false).findings.filter((x) => x.range.start.line === ROW).length, 0);
  });
  it('refs, the Prompt and affected_paths are linked too', () => {
    const ws = new InMemoryWorkspace({ ...Object.fromEntries(workspace.files), '/ws/docs/reviews/prompts/self_healing.md': '# p\n' });
    const text = VALID();
    const r = linkCheck(text, root, ws);
    const lines = r.links.map((l) => l.range.start.line);
    assert.ok(lines.includes(lineOf(text, 'Prompt:')), 'Prompt');
    assert.ok(lines.includes(lineOf(text, '- /dc%2Drunner%2Drust/runner_adapter.sh')), 'affected_paths (encoded)');
    assert.ok(
      r.findings.some((f) => f.rule === 'links/missing' && f.range.start.line === lineOf(text, '- /specs/schema/schema_v1.md')),
      'a missing ref',
    );
  });
});

describe('links on disk', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-links-'));
    fs.mkdirSync(path.join(root, 'src'), { recursive: true });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the disk workspace caches what it learns and forgets a path when told it changed', () => {
    const workspace = new DiskWorkspace();
    const text = edit(VALID(), CITED, 'src/new.ts:1');
    const missing = () => linkCheck(text, root, workspace).findings.some((f) => f.rule === 'links/missing' && f.range.start.line === ROW);
    assert.ok(missing());
    fs.writeFileSync(path.join(root, 'src/new.ts'), 'x\n');
    assert.ok(missing(), 'cached');
    workspace.invalidate(path.join(root, 'src/new.ts'));
    assert.ok(!missing(), 'refreshed');
  });
  it('paths under a missing folder are missing until a path in it is said to have appeared', () => {
    const workspace = new DiskWorkspace();
    const cited = (p: string) => workspace.stat(root, path.join(root, p));
    assert.equal(cited('gone/deeper/a.ts'), undefined);
    assert.equal(cited('gone/b.ts'), undefined, 'answered from the missing folder');
    assert.equal(cited('gone/../src'), 'dir', 'a path with ".." is asked as it is');
    fs.mkdirSync(path.join(root, 'gone/deeper'), { recursive: true });
    fs.writeFileSync(path.join(root, 'gone/deeper/c.ts'), 'x\n');
    assert.equal(cited('gone/deeper/c.ts'), undefined, 'cached');
    workspace.invalidate(path.join(root, 'gone/deeper/c.ts'));
    assert.equal(cited('gone/deeper/c.ts'), 'file', 'its folders are no longer missing');
    fs.rmSync(path.join(root, 'gone'), { recursive: true });
    workspace.invalidate(path.join(root, 'gone'));
    assert.equal(cited('gone/deeper/c.ts'), undefined);
    assert.equal(cited('gone/other/d.ts'), undefined);
  });
  it('a symlink that leads out of the folder is outside, on disk as in memory', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-other-'));
    try {
      fs.writeFileSync(path.join(other, 'secret.txt'), 'nope\n');
      fs.symlinkSync(other, path.join(root, 'sneaky'));
      const r = linkCheck(edit(VALID(), CITED, 'sneaky/secret.txt:1'), root, new DiskWorkspace());
      assert.equal(r.findings.find((f) => f.range.start.line === ROW)?.rule, 'links/outside');
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('links to files that do not exist yet', () => {
  it('are linked (the target decides once the file exists) and warned about', () => {
    const text = edit(VALID(), CITED, 'src/later.ts:2');
    const r = linkCheck(text, '/ws', new InMemoryWorkspace({ '/ws/README.md': 'x' }));
    assert.equal(r.links.find((l) => l.range.start.line === ROW)?.target, 'file:///ws/src/later.ts#L2');
    assert.equal(r.findings.find((f) => f.range.start.line === ROW)?.rule, 'links/missing');
  });
});

describe('links/missing: a path of another repository', () => {
  it('suggests links.external when the cited path’s first folder is not in this repository, "moved or renamed?" when it is', () => {
    const moved = edit(VALID(), CITED, 'src/gone.ts:3');
    const foreign = VALID();
    const ws = new InMemoryWorkspace({ '/ws/src/a.ts': 'x\n' });
    const [sibling] = linkCheck(foreign, '/ws', ws).findings.filter((f) => f.range.start.line === ROW);
    assert.equal(
      sibling.message,
      '"dc-runner-rust/runner_adapter.sh" does not exist in the repository (this repository has no folder "dc-runner-rust": if it is another repository\'s path, add "dc-runner-rust/**" to links.external).',
    );
    const [gone] = linkCheck(moved, '/ws', ws).findings.filter((f) => f.range.start.line === ROW);
    assert.equal(gone.message, '"src/gone.ts" does not exist in the repository (moved or renamed?).');
  });
});
