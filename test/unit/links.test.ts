// Path references: parsing (encoded, rooted, ranges), resolution from the workspace folder,
// refusal of paths that escape it, and the link/line checks, on a real folder on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseSnapshot } from '../../server/src/service/snapshot';
import { DiskFiles, linkFindings, parseRef } from '../../server/src/service/links';
import { VALID, edit } from './helpers';

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

describe('links on disk', () => {
  let root: string;
  let other: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-links-'));
    other = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-other-'));
    fs.mkdirSync(path.join(root, 'src'), { recursive: true });
    fs.mkdirSync(path.join(root, 'dc-runner-rust'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'one\ntwo\nthree\n');
    fs.writeFileSync(path.join(root, 'dc-runner-rust', 'runner_adapter.sh'), 'x\n'.repeat(200));
    fs.writeFileSync(path.join(other, 'secret.txt'), 'nope\n');
    fs.symlinkSync(other, path.join(root, 'sneaky'));
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(other, { recursive: true, force: true });
  });

  function linksOf(row: string, validate = true) {
    const text = edit(VALID(), 'dc%2Drunner%2Drust/runner_adapter.sh:138', row);
    return linkFindings(parseSnapshot(text), { root, files: new DiskFiles(), validate });
  }

  it('a File:Line cell links to the file at that line, encoded or not, rooted or not', () => {
    for (const cell of ['src/a.ts:3', '/src/a.ts:3', 'src%2Fa.ts:3']) {
      const r = linksOf(cell);
      const l = r.links.find((x) => x.range.start.line === 39)!;
      assert.equal(l.target, `file://${root}/src/a.ts#L3`, cell);
      assert.match(l.tooltip, /src\/a\.ts at line 3/);
      assert.equal(r.findings.filter((f) => f.range.start.line === 39).length, 0, cell);
    }
  });
  it('a range selects the lines', () => {
    const l = linksOf('src/a.ts:1-2').links.find((x) => x.range.start.line === 39)!;
    assert.match(l.target, /#L1-L2$/);
  });
  it('the link covers exactly the path text in the cell', () => {
    const r = linksOf('`src/a.ts:3`');
    const l = r.links.find((x) => x.range.start.line === 39)!;
    const line = edit(VALID(), 'dc%2Drunner%2Drust/runner_adapter.sh:138', '`src/a.ts:3`').split('\n')[39];
    assert.equal(line.slice(l.range.start.character, l.range.end.character), 'src/a.ts:3');
  });
  it('escaping paths are never linked and are warned about', () => {
    for (const cell of ['../../etc/passwd:1', '%2E%2E/%2E%2E/etc/passwd:1', 'sneaky/secret.txt:1', 'src/../../x:1']) {
      const r = linksOf(cell);
      assert.equal(r.links.filter((x) => x.range.start.line === 39).length, 0, cell);
      const f = r.findings.find((x) => x.range.start.line === 39);
      assert.equal(f?.rule, 'links/outside', cell);
    }
  });
  it('a missing file and a line past the end are warnings on the path; the setting turns them off', () => {
    assert.equal(linksOf('src/b.ts:3').findings.find((x) => x.range.start.line === 39)?.rule, 'links/missing');
    const past = linksOf('src/a.ts:9').findings.find((x) => x.range.start.line === 39)!;
    assert.equal(past.rule, 'links/line');
    assert.match(past.message, /has 3 lines; line 9/);
    assert.equal(linksOf('src/b.ts:3', false).findings.filter((x) => x.range.start.line === 39).length, 0);
  });
  it('refs, the Prompt and affected_paths are linked too', () => {
    fs.mkdirSync(path.join(root, 'docs/reviews/prompts'), { recursive: true });
    fs.writeFileSync(path.join(root, 'docs/reviews/prompts/self_healing.md'), '# p\n');
    const r = linkFindings(parseSnapshot(VALID()), { root, files: new DiskFiles(), validate: true });
    const lines = r.links.map((l) => l.range.start.line);
    assert.ok(lines.includes(4), 'Prompt');
    assert.ok(lines.includes(61), 'affected_paths (encoded)');
    assert.ok(
      r.findings.some((f) => f.rule === 'links/missing' && f.range.start.line === 8),
      'a missing ref',
    );
  });
  it('the file cache forgets a path when told it changed', () => {
    const files = new DiskFiles();
    const text = edit(VALID(), 'dc%2Drunner%2Drust/runner_adapter.sh:138', 'src/new.ts:1');
    const model = parseSnapshot(text);
    assert.ok(
      linkFindings(model, { root, files, validate: true }).findings.some((f) => f.rule === 'links/missing' && f.range.start.line === 39),
    );
    fs.writeFileSync(path.join(root, 'src/new.ts'), 'x\n');
    assert.ok(
      linkFindings(model, { root, files, validate: true }).findings.some((f) => f.rule === 'links/missing' && f.range.start.line === 39),
      'cached',
    );
    files.invalidate(path.join(root, 'src/new.ts'));
    assert.ok(!linkFindings(model, { root, files, validate: true }).findings.some((f) => f.range.start.line === 39), 'refreshed');
  });
});
