// Comparing two reviews through the real server: the previous review of a prompt, and the
// comparison request, whose data is exactly what `review-snapshot diff --format json` prints for
// the same pair (editor and CI agree), with renames git knows of followed only when trusted.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompareReviewsRequest, ReviewsRequest, type CompareReviewsResult, type ReviewsResult } from '../../server/src/protocol';
import { cli } from '../support/cli';
import { TempRepo } from '../support/gitRepos';
import { LspSession } from '../support/lsp';
import { candidate, review, row } from '../support/reviews';

const OLD = 'docs/reviews/snapshots/2026-01-01_run.md';
const OTHER = 'docs/reviews/snapshots/2026-01-15_other.md';
const NEW = 'docs/reviews/snapshots/2026-02-01_run.md';

describe('LSP: comparing two reviews', function () {
  this.timeout(60000);
  let repo: TempRepo;
  let lsp: LspSession | undefined;
  const uri = (rel: string) => pathToFileURL(path.join(repo.dir, rel)).toString();
  const at = (revision: string, rows: string[], candidates: string[]) =>
    review(rows, candidates).replace(/^Repo revision: .*$/m, `Repo revision: ${revision}`);

  beforeEach(() => {
    repo = new TempRepo();
    const before = repo.commit({ 'src/parse/reader.ts': 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n' });
    const after = repo.move('src/parse/reader.ts', 'lib/input/parser.ts');
    repo.commit({
      [OLD]: at(
        before,
        [row('P1', 'src/parse/reader.ts:2', 'The parser drops the last row.'), row('P2', 'src/b.ts:5', 'Retries are not logged.')],
        [candidate('RUN-001', 'Log retries')],
      ),
      // Another prompt, between the two in time: never "the previous review" of the run.
      [OTHER]: at(after, [], []).replace(/^Prompt: .*$/m, 'Prompt: `docs/reviews/prompts/other.md`'),
      [NEW]: at(
        after,
        [
          row('P1', 'lib/input/parser.ts:3', 'The parser drops the last row.'),
          row('P3', 'src/c.ts:1', 'A *star* [link](command:x) <b>b</b>.'),
        ],
        [candidate('RUN-001', 'Log retries'), candidate('RUN-002', 'Check timeouts')],
      ),
    });
  });
  afterEach(async () => {
    await lsp?.stop();
    lsp = undefined;
  });

  it('the previous review is the last earlier snapshot of the same prompt', async () => {
    lsp = await LspSession.start({ folders: [repo.dir], initializationOptions: { trusted: true } });
    const r = (await lsp.request(ReviewsRequest, { uri: uri(NEW) })) as ReviewsResult;
    assert.equal(r.previous?.uri, uri(OLD));
    assert.deepEqual(r.reviews.map((x) => x.rel).sort(), [OLD, OTHER, NEW].sort());
    const first = (await lsp.request(ReviewsRequest, { uri: uri(OLD) })) as ReviewsResult;
    assert.equal(first.previous, undefined);
    assert.match(first.noPrevious ?? '', /first review of its prompt/);
  });

  it("the request's data equals `review-snapshot diff --format json` for the same pair; the page links and escapes", async () => {
    lsp = await LspSession.start({ folders: [repo.dir], initializationOptions: { trusted: true } });
    const r = (await lsp.request(CompareReviewsRequest, { older: uri(OLD), newer: uri(NEW) })) as CompareReviewsResult;
    assert.ok('diff' in r, JSON.stringify(r));
    const ci = cli(['diff', '--format', 'json', OLD, NEW], repo.dir);
    assert.equal(ci.code, 0, ci.err);
    assert.deepEqual(JSON.parse(JSON.stringify(r.diff)), JSON.parse(ci.out));
    // The renamed file's finding is the same finding (git knows the rename), not new + absent.
    assert.deepEqual(
      r.diff.findings.map((f) => [f.state, f.by ?? null]),
      [
        ['unchanged', 'git-rename'],
        ['new', null],
        ['absent', null],
      ],
    );
    assert.ok(r.markdown.includes(`](<${uri('lib/input/parser.ts')}#L3>)`), 'the finding links to its File:Line');
    assert.ok(r.markdown.includes(`[newer row `) && r.markdown.includes(`](<${uri(NEW)}#L`), 'and to its row in the snapshot');
    assert.ok(r.markdown.includes('A \\*star\\* \\[link\\]\\(command:x\\) \\<b\\>b\\</b\\>\\.'), r.markdown);
    assert.ok(!r.markdown.includes('](command:'), 'no link from snapshot text');
    // The Markdown preview refuses file: links: the client asks for the editor's URL handler instead.
    const v = (await lsp.request(CompareReviewsRequest, {
      older: uri(OLD),
      newer: uri(NEW),
      fileLinks: 'vscode://file',
    })) as CompareReviewsResult;
    assert.ok('markdown' in v && v.markdown.includes(`](<vscode://file${repo.dir}/lib/input/parser.ts:3>)`), JSON.stringify(v));
  });

  it('in Restricted Mode it still compares, without git: renames not followed, and it says so', async () => {
    lsp = await LspSession.start({ folders: [repo.dir], initializationOptions: {} });
    const r = (await lsp.request(CompareReviewsRequest, { older: uri(OLD), newer: uri(NEW) })) as CompareReviewsResult;
    assert.ok('diff' in r, JSON.stringify(r));
    assert.deepEqual(r.diff.renames, { followed: false, reason: 'the workspace is not trusted: git is not run in Restricted Mode' });
    assert.deepEqual(
      r.diff.findings.map((f) => f.state),
      ['new', 'new', 'absent', 'absent'],
    );
    assert.match(r.markdown, /Renames: not followed/);
    const bad = (await lsp.request(CompareReviewsRequest, { older: uri(OLD), newer: uri('docs/nope.md') })) as CompareReviewsResult;
    assert.ok('error' in bad && /nope\.md: cannot read \(missing\)/.test(bad.error), JSON.stringify(bad));
  });
});
