// Placeholders as real templates write them (issue 22, item 3): the contract's home repository's
// older template layout passes as a template; a snapshot made from it (copied, not filled) fails
// with one placeholder/unfilled error at each placeholder, and passes only once every one is
// filled. Alternatives are whole values: a lane `rust|required` is one lane, never `rust` and
// `required`, whether checked, learned from the template or offered by completion.
import * as assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import type { Finding } from '../../server/src/service/findings';
import { placeholdersIn } from '../../server/src/service/contract/placeholders';
import { BUNDLED_SCHEMA_TEXT } from '../../server/src/service/contract/schema';
import { authoring, CURSOR, withCursor } from '../support/authoring';
import { VALID, checkAt, edit, findings, lineOf, serviceFor } from '../support/engine';
import { DEFAULT_SETTINGS } from '../../server/src/service/config/settings';
import { FROM_OLDER_REL, OLDER_TEMPLATE, OLDER_TEMPLATE_REL, fillOlder, olderPlaceholders } from '../support/olderTemplate';

const ROOT = '/repo';
/** A repository holding the older template (so it teaches its values) and the schema its refs name. */
const REPO = {
  root: ROOT,
  files: {
    [`${ROOT}/${OLDER_TEMPLATE_REL}`]: OLDER_TEMPLATE,
    [`${ROOT}/specs/schema/review_snapshot_schema_v1.yaml`]: BUNDLED_SCHEMA_TEXT,
  },
};

const where = (f: Finding) => [f.rule, f.severity, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];

describe('the older template layout (`<code>`, `pass/fail/skipped`, a lane list, `path:line`, `...`)', () => {
  it('passes as a template: no error and no warning, with or without the repository around it', () => {
    assert.deepEqual(checkAt(OLDER_TEMPLATE_REL, OLDER_TEMPLATE), []);
    assert.deepEqual(checkAt(OLDER_TEMPLATE_REL, OLDER_TEMPLATE, REPO), []);
  });

  it('a snapshot copied from it, not filled, fails: one placeholder/unfilled error at each placeholder, nothing else', () => {
    const written = olderPlaceholders();
    assert.equal(written.length, 27, 'the oracle finds what the template writes');
    const found = checkAt(FROM_OLDER_REL, OLDER_TEMPLATE, REPO);
    assert.deepEqual(
      found.map(where),
      written.map((p) => ['placeholder/unfilled', 'error', p.line, p.start, p.line, p.end]),
    );
  });

  it('passes only once every placeholder is filled: each one left alone is the one error, where it is', () => {
    assert.deepEqual(checkAt(FROM_OLDER_REL, fillOlder(), REPO), []);
    const all = olderPlaceholders();
    all.forEach((p, i) => {
      // The candidate's id and its label name the same candidate: they are left (or filled) together.
      const keep = new Set(p.text === '<ID>' ? all.flatMap((x, j) => (x.text === '<ID>' ? [j] : [])) : [i]);
      const text = fillOlder(keep);
      // Where they are now: the values written before them on their line moved them.
      const left = olderPlaceholders(text);
      assert.deepEqual(
        left.map((x) => x.text),
        [...keep].map((j) => all[j].text),
      );
      const found = checkAt(FROM_OLDER_REL, text, REPO);
      assert.deepEqual(
        found.map(where),
        left.map((x) => ['placeholder/unfilled', 'error', x.line, x.start, x.line, x.end]),
        p.text,
      );
    });
  });

  it('says what to write for each, as for the bundled template, with the choices as fixes', () => {
    const found = checkAt(FROM_OLDER_REL, OLDER_TEMPLATE, REPO);
    const of = (needle: string) => found.filter((f) => f.range.start.line === lineOf(OLDER_TEMPLATE, needle));
    const [lane] = of('Runner lane:');
    assert.equal(
      lane.message,
      "Fill in Runner lane: `rust|required | python|compatibility | php|compatibility | mixed` is the template's placeholder; write one of: rust|required, python|compatibility, php|compatibility, mixed.",
    );
    assert.deepEqual(
      lane.fixes?.map((x) => [x.title, x.safe]),
      ['rust|required', 'python|compatibility', 'php|compatibility', 'mixed'].map((l) => [`Set Runner lane to "${l}"`, false]),
    );
    const [command, status, code, summary] = of('| <command> |');
    assert.match(command.message, /^Fill in command: `<command>` is the template's placeholder/);
    assert.match(status.message, /`pass\/fail\/skipped` is the template's placeholder; write one of: pass, fail, skipped\.$/);
    assert.deepEqual(
      status.fixes?.map((x) => x.edits[0].newText),
      ['pass', 'fail', 'skipped'],
    );
    assert.match(code.message, /^Fill in exit_code: `<code>` is the template's placeholder; write the command's exit code\.$/);
    assert.match(summary.message, /^Fill in stdout_stderr_summary: `<summary>` is the template's placeholder/);
    const [location, what] = of('| P1 | Verified |');
    assert.match(location.message, /^Fill in File:Line: `path:line` .*write the file and line the finding is about, as path:line\.$/);
    assert.match(what.message, /^Fill in What: `\.\.\.` is the template's placeholder/);
    assert.match(of('Repo revision:')[0].message, /write the commit the review looked at \(a git sha\)\.$/);
  });

  it('New Snapshot starts from it: what it knows is filled in, the lane list and the rest are left to fill', () => {
    const input = {
      date: '2026-12-01',
      prompt: 'docs/reviews/prompts/self_healing.md',
      promptRevision: 'abc1234',
      repoRevision: 'abc1234',
    };
    const text = serviceFor(REPO).newSnapshot(ROOT, DEFAULT_SETTINGS, input);
    const found = checkAt(FROM_OLDER_REL, text, REPO);
    assert.deepEqual([...new Set(found.map((f) => f.rule))], ['placeholder/unfilled']);
    assert.equal(found.length, 27 - 4, 'Date, the prompt and the two revisions are filled in');
    assert.ok(found.some((f) => f.range.start.line === lineOf(text, 'Runner lane:')));
  });
});

describe('alternatives are whole values: a lane `rust|required` is one lane', () => {
  const laneIs = (lane: string) => edit(VALID(), 'Runner lane: rust|required', `Runner lane: ${lane}`);
  const laneFindings = (lane: string) => findings(laneIs(lane), REPO).map((f) => `${f.rule}: ${f.message}`);

  it("the older template's lanes are conventional as whole lanes; their fragments are not", () => {
    assert.deepEqual(laneFindings('python|compatibility'), []);
    assert.deepEqual(laneFindings('mixed'), []);
    for (const fragment of ['required', 'php', 'rust', 'compatibility']) {
      assert.deepEqual(
        laneFindings(fragment),
        [
          `metadata/runner-lane: Runner lane "${fragment}" is not a conventional lane; use one of: rust|required, python|compatibility, php|compatibility, mixed.`,
        ],
        fragment,
      );
    }
  });

  it('completion offers the whole lanes, never a fragment', () => {
    const { text, pos } = withCursor(edit(VALID(), 'Runner lane: rust|required', `Runner lane: ${CURSOR}`));
    const files = Object.fromEntries(Object.entries(REPO.files).map(([k, v]) => [k.slice(ROOT.length + 1), v]));
    const a = authoring(text, { files });
    const items: CompletionItem[] = a.service.completion(a.result, a.req, { position: pos }).items;
    assert.deepEqual(
      items.map((i) => i.label),
      ['rust|required', 'python|compatibility', 'php|compatibility', 'mixed'],
    );
  });

  it('where conventional values hold a slash (a lane `ci/linux`), `a/b` is a value there, not alternatives', () => {
    const conventions = { runnerLanes: ['ci/linux'] };
    assert.deepEqual(findings(laneIs('ci/linux'), { conventions }), []);
    assert.deepEqual(
      findings(laneIs('ci/mac'), { conventions }).map((f) => f.rule),
      ['metadata/runner-lane'],
    );
    assert.deepEqual(
      findings(laneIs('ci/mac')).map((f) => f.message),
      ["Fill in Runner lane: `ci/mac` is the template's placeholder; write one of: ci, mac."],
    );
  });

  it('a lane list in a snapshot is one placeholder offering whole lanes (the value check steps aside)', () => {
    assert.deepEqual(laneFindings('rust|required | mixed'), [
      "placeholder/unfilled: Fill in Runner lane: `rust|required | mixed` is the template's placeholder; write one of: rust|required, mixed.",
    ]);
  });
});

describe('the forms a placeholder takes', () => {
  const texts = (v: string, opts?: Parameters<typeof placeholdersIn>[1]) => placeholdersIn(v, opts).map((p) => p.text);
  const closed = { alternatives: true, whole: true };

  it('alternatives split only at ` | ` or `\\|` outside `<…>`, and at every `|` inside it', () => {
    assert.deepEqual(placeholdersIn('rust|required | mixed', closed)[0].options, ['rust|required', 'mixed']);
    assert.deepEqual(placeholdersIn('rust|required', closed), []);
    assert.deepEqual(placeholdersIn('pass \\| fail', closed)[0].options, ['pass', 'fail']);
    assert.deepEqual(placeholdersIn('<P0\\|P1\\|P2>', closed)[0].options, ['P0', 'P1', 'P2']);
    assert.deepEqual(placeholdersIn('<docs|governance>', closed)[0].options, ['docs', 'governance']);
  });

  it('slash alternatives where one value of a closed set goes; not in free text, not `n/a`', () => {
    assert.deepEqual(placeholdersIn('pass/fail/skipped', closed)[0].options, ['pass', 'fail', 'skipped']);
    assert.deepEqual(placeholdersIn('Verified / Hypothesis', closed)[0].options, ['Verified', 'Hypothesis']);
    assert.deepEqual(texts('pass/fail/skipped', { whole: true }), []);
    assert.deepEqual(texts('n/a', closed), []);
    assert.deepEqual(texts('docs/book/a.md', { whole: true }), []);
  });

  it('a lone `<tag>` standing for a whole value is a placeholder; markup inside text or on a prose line is not', () => {
    assert.deepEqual(texts('<summary>', { whole: true }), ['<summary>']);
    assert.deepEqual(texts('<code>', { whole: true }), ['<code>']);
    assert.deepEqual(texts('`<summary>`', { whole: true }), ['<summary>']);
    assert.deepEqual(texts('<details>', { whole: true, markup: true }), []);
    assert.deepEqual(texts('see <code>x</code>'), []);
    assert.deepEqual(texts('a<br>b'), []);
  });

  it('`path:line` and `...` are examples, not values, when they are the whole value', () => {
    for (const v of ['...', '…', 'path:line', 'PATH:LINE', 'file:line', 'path:start-end', '`path:line`']) {
      assert.deepEqual(placeholdersIn(v).length, 1, v);
    }
    for (const v of ['a...b', 'see path:line below', 'src/path.ts:12', 'Wait...']) assert.deepEqual(texts(v), [], v);
  });

  it('a prose item `- TODO: …` is a TODO, not a label `TODO` with a value', () => {
    const t = edit(VALID(), /- What this run focused on: .*\n/, '- TODO: say what this run focused on\n');
    const lines = t.split('\n');
    assert.deepEqual(
      findings(t).map((f) => [f.rule, lines[f.range.start.line].slice(f.range.start.character, f.range.end.character)]),
      [['placeholder/unfilled', 'TODO: say what this run focused on']],
    );
  });

  it('an HTML block in prose is markup, while a lone `<tag>` after `label: ` is a value left unwritten', () => {
    const block = edit(
      VALID(),
      '- Definition of done:\n',
      '<details>\n<summary>Logs</summary>\n\nkept\n\n</details>\n\n- Definition of done:\n',
    );
    assert.deepEqual(findings(block), []);
    const unwritten = edit(VALID(), /- North-star: .*\n/, '- North-star: <summary>\n');
    assert.deepEqual(
      findings(unwritten).map((f) => f.rule),
      ['placeholder/unfilled'],
    );
  });
});
