// `review-snapshot diff`, run as a process: the JSON (version 1) a script reads, the Markdown a
// pull request shows, the text a person reads, and exit 2 (no report) for a file it cannot read.
import * as assert from 'node:assert/strict';
import { cli } from '../support/cli';
import { candidate, review, row } from '../support/reviews';
import { TempRepo } from '../support/gitRepos';
import { TempWorkspace } from '../support/workspace';

const OLD = 'docs/reviews/snapshots/2026-01-01_run.md';
const NEW = 'docs/reviews/snapshots/2026-02-01_run.md';

describe('CLI: diff', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-diff-');
    ws.write(
      OLD,
      review(
        [row('P1', 'src/a.ts:10', 'The parser drops the last row.'), row('P2', 'src/b.ts:5', 'Retries are not logged.')],
        [candidate('RUN-001', 'Log retries')],
      ),
    );
    ws.write(
      NEW,
      review(
        [row('P0', 'lib/a.ts:30', 'The parser drops the last row.'), row('P3', 'src/c.ts:1', 'A \\| pipe <b>and</b> HTML.')],
        [candidate('RUN-001', 'Log retries'), candidate('RUN-002', 'Check timeouts')],
      ),
    );
  });
  afterEach(() => ws.dispose());

  it('json: version 1, each finding with its state and both sides, uncertain matches marked', () => {
    const r = cli(['diff', '--format', 'json', OLD, NEW], ws.root);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.version, 1);
    assert.deepEqual([j.older, j.newer], [OLD, NEW]);
    const byState = Object.fromEntries(j.findings.map((f: { state: string }) => [f.state, f]));
    assert.deepEqual(Object.keys(byState).sort(), ['absent', 'new', 'updated']);
    assert.equal(byState.updated.older.location, 'src/a.ts:10');
    assert.equal(byState.updated.newer.location, 'lib/a.ts:30');
    assert.equal(byState.updated.uncertain, true, 'a rewritten path is an uncertain match');
    assert.equal(byState.absent.newer, null);
    assert.equal(byState.new.older, null);
    assert.deepEqual(
      j.candidates.map((c: { state: string; newer: { id: string } }) => [c.state, c.newer.id]),
      [
        ['unchanged', 'RUN-001'],
        ['new', 'RUN-002'],
      ],
    );
  });

  it('markdown: counts and a table of the changes, a pipe or HTML in a finding escaped', () => {
    const r = cli(['diff', '--format', 'markdown', OLD, NEW], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\*\*Findings:\*\* 1 new, 1 updated, 1 absent, 0 unchanged/);
    assert.match(r.out, /\| updated \(uncertain\) \| P1 → P0 \| lib\/a\.ts:30 \| The parser drops the last row\. \|/);
    assert.match(r.out, /\| new \| P3 \| src\/c\.ts:1 \| A \\\| pipe &lt;b&gt;and&lt;\/b&gt; HTML\. \|/);
  });

  it('text (default): counts and one line per change', () => {
    const r = cli(['diff', OLD, NEW], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Findings: 1 new, 1 updated, 1 absent, 0 unchanged/);
    assert.match(r.out, /absent +P2 src\/b\.ts:5 — Retries are not logged\./);
  });

  it('a missing or non-UTF-8 file, or a wrong argument count, is exit 2 with a message and no report', () => {
    ws.write('bad.md', Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
    for (const args of [[OLD, 'nope.md'], [OLD, 'bad.md'], [OLD], ['--format', 'html', OLD, NEW]]) {
      const r = cli(['diff', ...args], ws.root);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err, /^review-snapshot: /);
      assert.ok(!/\n\s+at /.test(r.err), r.err);
    }
  });

  describe('renames git knows of between the two Repo revisions', () => {
    /** A review at `revision` with one finding at `location`. */
    const at = (revision: string, location: string) =>
      review([row('P1', location, 'The parser drops the last row.')]).replace(/^Repo revision: .*$/m, `Repo revision: ${revision}`);

    it('a finding whose file git says was renamed is unchanged and certain; the report says renames were followed', () => {
      const repo = new TempRepo();
      const before = repo.commit({ 'src/parse/reader.ts': 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n' });
      const after = repo.move('src/parse/reader.ts', 'lib/input/parser.ts');
      repo.commit({ [OLD]: at(before, 'src/parse/reader.ts:2'), [NEW]: at(after, 'lib/input/parser.ts:2') });
      const j = JSON.parse(cli(['diff', '--format', 'json', OLD, NEW], repo.dir).out);
      assert.deepEqual(j.renames, { followed: true, olderRevision: before, newerRevision: after, renamed: 1 });
      assert.deepEqual(
        j.findings.map((f: { state: string; uncertain: boolean; by: string }) => [f.state, f.uncertain, f.by]),
        [['unchanged', false, 'git-rename']],
      );
      assert.match(cli(['diff', OLD, NEW], repo.dir).out, /Renames: followed with git between \w{7} and \w{7} \(1 renamed file\)/);
      // A revision that is no commit here: not followed, and said so.
      repo.commit({ [OLD]: at('deadbeef', 'src/parse/reader.ts:2') });
      const k = JSON.parse(cli(['diff', '--format', 'json', OLD, NEW], repo.dir).out);
      assert.match(k.renames.reason, /^the Repo revision deadbeef or [0-9a-f]{40} is not a commit of this repository$/);
    });

    it('without git (not a repository) the same pair is new + absent, and the report says renames were not followed', () => {
      ws.write(OLD, at('1111111', 'src/parse/reader.ts:2'));
      ws.write(NEW, at('2222222', 'lib/input/parser.ts:2'));
      const r = cli(['diff', '--format', 'json', OLD, NEW], ws.root);
      const j = JSON.parse(r.out);
      assert.deepEqual(j.renames, { followed: false, reason: 'the newer review is not in a git repository' });
      assert.deepEqual(
        j.findings.map((f: { state: string }) => f.state),
        ['new', 'absent'],
      );
      assert.match(
        cli(['diff', '--format', 'markdown', OLD, NEW], ws.root).out,
        /Renames: not followed \(the newer review is not in a git repository\)/,
      );
    });
  });
});
