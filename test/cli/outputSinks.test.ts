// Sinks of the CLI: a document it prints as its output (`new`, `to-pending --out -`) is data and
// comes out byte for byte — what `> file` gives is what `--out file` writes, tabs, joiners and
// bidi marks included — while diagnostics and messages stay escaped (one finding, one line).
// Messages state the real limits: a configuration file over its cap names that cap.
import * as assert from 'node:assert/strict';
import { cli } from '../support/cli';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const TITLE = 'Improve rust governance command failure diagnostics and retry behavior';
/** A tab, a zero-width joiner (in an emoji sequence), a right-to-left mark and a non-breaking space. */
const ODD = 'Fix\tthe 👩\u200d💻 flow \u200fRTL\u00a0here';

describe('CLI output sinks', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-sinks-').withExampleRepo();
  });
  afterEach(() => ws.dispose());

  for (const format of ['markdown', 'yaml']) {
    it(`to-pending --out - (${format}) prints the bytes --out FILE writes`, () => {
      ws.write(SNAPSHOT_REL, VALID_TEXT.replace(`title: ${TITLE}`, `title: "${ODD.replace('\t', '\\t')}"`));
      const piped = cli(['to-pending', '--format', format, '--out', '-', SNAPSHOT_REL], ws.root);
      assert.equal(piped.code, 0, piped.err);
      const file = cli(['to-pending', '--format', format, '--out', 'out/p', SNAPSHOT_REL], ws.root);
      assert.equal(file.code, 0, file.err);
      assert.equal(piped.out, ws.read('out/p'));
      assert.ok(piped.out.includes('\u200d') && !piped.out.includes('\\u200d'), 'the joiner is written as itself');
      if (format === 'markdown') assert.ok(piped.out.includes(ODD), 'the title is written exactly');
    });
  }

  it('new prints the bytes new --out FILE writes (a template holding a tab, a joiner and a bidi mark)', () => {
    ws.write('docs/reviews/templates/review_snapshot.md', VALID_TEXT.replace('Model: gpt-5-codex', `Model: gpt-5-codex\n<!-- ${ODD} -->`));
    const piped = cli(['new', '--date', '2026-03-01'], ws.root);
    assert.equal(piped.code, 0, piped.err);
    const file = cli(['new', '--date', '2026-03-01', '--out', 'docs/reviews/snapshots/new.md'], ws.root);
    assert.equal(file.code, 0, file.err);
    assert.equal(piped.out, ws.read('docs/reviews/snapshots/new.md'));
    assert.ok(piped.out.includes(ODD));
  });

  it('diagnostics are still escaped: a snapshot whose heading holds an escape sequence and a bidi override stays on one line', () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT.replace('## Scope Notes', '## Scope\u001bNotes\u202e'));
    const r = cli(['validate', SNAPSHOT_REL], ws.root);
    assert.ok(!r.out.includes('\u001b') && !r.out.includes('\u202e'), r.out);
    assert.match(r.out, /Scope\\x1bNotes\\u202e/);
    assert.equal(r.out.trim().split('\n').length, 2, 'one finding, one summary');
  });

  it('a configuration file over its cap is refused with that cap (256 KB) in the message', () => {
    ws.write('.review-snapshot.yaml', `# ${'x'.repeat(300 * 1024)}\n`);
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    const r = cli(['validate', SNAPSHOT_REL], ws.root);
    assert.match(r.out + r.err, /cannot read the configuration: it is larger than 256 KB/);
    assert.ok(!/4096 KB/.test(r.out + r.err));
  });
});
