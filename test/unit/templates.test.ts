// Templates and placeholders (issue 15): a snapshot matching the `templates` globs is a template —
// its placeholders are accepted where values go, its structure is checked as in any snapshot.
// The same text outside a templates folder is a snapshot whose placeholders are each an error
// at the placeholder. The repository's template teaches its conventional values, and New
// Snapshot starts from it. `ignores` takes a file out of checking.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyFile } from '../../server/src/service/repo/files';
import { createSnapshotService } from '../../server/src/service/index';
import type { Finding } from '../../server/src/service/findings';
import { placeholdersIn } from '../../server/src/service/contract/placeholders';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service/config/settings';
import { VALID, at, checkAt, edit, fixture, lineOf, only, rules, serviceFor } from '../support/engine';
import { InMemoryWorkspace } from '../support/memoryWorkspace';
import { EngineCaches } from '../../server/src/service/caches';

/** The compiled globs, as a service's caches hold them. */
const compiled = new EngineCaches().fileGlobs;

const TEMPLATE = () => fixture('templates/review_snapshot.md');
const TEMPLATE_REL = 'docs/reviews/templates/review_snapshot.md';
const ROOT = '/repo';

/** The text each finding's (one-line) range covers. */
function texts(text: string, found: Finding[]): string[] {
  const lines = text.split('\n');
  return found.map((f) => lines[f.range.start.line].slice(f.range.start.character, f.range.end.character));
}

/** The placeholders written in the template, found by an oracle of its own: `<…>`, the date, the bare alternatives. */
function writtenPlaceholders(text: string): string[] {
  return [
    ...text.matchAll(/<[^<>\n]+>|YYYY-MM-DD|success \\\| failure \\\| skipped|Verified \\\| Hypothesis|behavior \| docs \| tooling/g),
  ].map((m) => m[0]);
}

describe('which files are checked, and how (one decision for server and CLI)', () => {
  const s = DEFAULT_SETTINGS;
  it('a snapshot in a templates folder is a template; elsewhere it is a snapshot', () => {
    assert.equal(classifyFile(TEMPLATE_REL, TEMPLATE(), s, compiled), 'template');
    assert.equal(classifyFile('docs/reviews/snapshots/2026-02-19_x.md', TEMPLATE(), s, compiled), 'snapshot');
  });
  it('the template globs do not make other Markdown files snapshots: a "template moved to …" note is not checked', () => {
    assert.equal(
      classifyFile('docs/reviews/templates/README.md', 'Template moved to docs/reviews/templates/review_snapshot.md.\n', s, compiled),
      'other',
    );
  });
  it('ignores take a file out of checking entirely, snapshot or template', () => {
    const ign = { ...s, ignores: ['docs/reviews/snapshots/old/**'] };
    assert.equal(classifyFile('docs/reviews/snapshots/old/2020-01-01_x.md', VALID(), ign, compiled), 'ignored');
    assert.equal(classifyFile('docs/reviews/snapshots/2026-02-19_x.md', VALID(), ign, compiled), 'snapshot');
    assert.equal(classifyFile(TEMPLATE_REL, TEMPLATE(), { ...s, ignores: ['**/templates/**'] }, compiled), 'ignored');
  });
  it('a file the files globs match is a snapshot, never a template, whatever the templates globs say', () => {
    const wide = { ...s, templates: ['docs/reviews/**'] };
    assert.equal(classifyFile('docs/reviews/snapshots/2026-02-19_x.md', TEMPLATE(), wide, compiled), 'snapshot');
    // A file that is a snapshot only by its title may still be a template.
    assert.equal(classifyFile(TEMPLATE_REL, TEMPLATE(), wide, compiled), 'template');
  });
  it('a file named on a command line is checked whatever its name, unless ignored', () => {
    assert.equal(classifyFile('notes/plain.md', '# Notes\n', s, compiled, { explicit: true }), 'snapshot');
    assert.equal(classifyFile('notes/plain.md', '# Notes\n', { ...s, ignores: ['notes/**'] }, compiled, { explicit: true }), 'ignored');
  });
  it('the settings: templates and ignores are normalized like the others (an empty list is a choice)', () => {
    assert.deepEqual(normalizeSettings({}).templates, ['**/templates/**']);
    assert.deepEqual(normalizeSettings({}).ignores, []);
    assert.deepEqual(normalizeSettings({ templates: [], ignores: ['x/**'] }).templates, []);
    assert.deepEqual(normalizeSettings({ templates: 'nope', ignores: [3] }).ignores, []);
    assert.deepEqual(normalizeSettings({ templates: 'nope' }).templates, ['**/templates/**']);
  });
});

describe('templates', () => {
  it('a real-looking template passes in a templates/ folder', () => {
    assert.deepEqual(
      checkAt(TEMPLATE_REL, TEMPLATE()).map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });
  it('the same text outside it fails with placeholder/unfilled at each placeholder, and nothing else', () => {
    const text = TEMPLATE();
    const found = checkAt('docs/reviews/snapshots/2026-11-24_from-template.md', text);
    assert.deepEqual([...new Set(found.map((f) => f.rule))], ['placeholder/unfilled']);
    assert.ok(found.every((f) => f.severity === 'error'));
    assert.deepEqual(texts(text, found).sort(), writtenPlaceholders(text).sort());
    assert.equal(found.length, 37);
  });
  it('messages name the placeholder and what is wanted, not a date-format or integer error', () => {
    const text = TEMPLATE();
    const found = checkAt('docs/reviews/snapshots/x.md', text);
    const at = (needle: string, token: string) =>
      found.find((f) => f.range.start.line === lineOf(text, needle) && texts(text, [f])[0] === token)!;
    assert.equal(at('Date:', 'YYYY-MM-DD').message, "Fill in Date: `YYYY-MM-DD` is the template's placeholder; write the review's day.");
    assert.equal(
      at('Runner lane:', '<docs|governance|discovery>').message,
      "Fill in Runner lane: `<docs|governance|discovery>` is the template's placeholder; write one of: docs, governance, discovery.",
    );
    assert.match(
      at('| <command> |', '<exit code>').message,
      /^Fill in exit_code: `<exit code>` is the template's placeholder; write the command's exit code\.$/,
    );
    assert.match(at('| <command> |', 'success \\| failure \\| skipped').message, /write one of: success, failure, skipped\.$/);
    assert.match(at('- `<candidate_id>`', 'behavior | docs | tooling').message, /write one of: behavior, docs, tooling\.$/);
    assert.ok(!found.some((f) => /ISO date|not an integer/.test(f.message)));
  });
  it('in a template the structure is still checked: a missing section, a wrong header, YAML shape and keys, the label list', () => {
    const t = TEMPLATE().replace(/## Synthesis\n[\s\S]*?(?=## Spec Candidates)/, '');
    assert.equal(only(t, 'section/missing').severity, 'error');
    const cases: [string, string, string, string][] = [
      ['the section', '## Synthesis\n', '', 'section/missing'],
      ['the header', '| command | status |', '| cmd | status |', 'table/header'],
      ['a candidate key', '  risk: <low|moderate|high>\n', '', 'candidates/missing-key'],
      ['the YAML shape', '- id: <candidate_id>', 'id: <candidate_id>', 'candidates/yaml-syntax'],
      [
        'the label list',
        '- `<candidate_id>`: behavior | docs | tooling',
        '`<candidate_id>`: behavior | docs | tooling',
        'labels/near-miss',
      ],
      ['a metadata key', 'Model: <model name>\n', '', 'metadata/missing'],
    ];
    for (const [what, from, to, rule] of cases) {
      const found = checkAt(TEMPLATE_REL, edit(TEMPLATE(), from, to));
      assert.ok(
        found.some((f) => f.rule === rule && f.severity === 'error'),
        `${what}: ${found.map((f) => f.rule).join(', ')}`,
      );
    }
  });
  it('a value that is no placeholder is still checked in a template', () => {
    const found = checkAt(TEMPLATE_REL, edit(TEMPLATE(), 'Date: YYYY-MM-DD', 'Date: 2026-13-45'));
    assert.deepEqual(
      found.map((f) => f.rule),
      ['metadata/date'],
    );
  });
});

describe('placeholders in a snapshot (not a template)', () => {
  it("a placeholder line in a YAML block scalar is reported at that line; the block's other text is text", () => {
    const t = edit(
      VALID(),
      '  title: Improve rust governance command failure diagnostics and retry behavior',
      '  title: |\n    Improve diagnostics\n    TODO',
    );
    const f = only(t, 'placeholder/unfilled');
    const l = lineOf(t, '    TODO');
    assert.deepEqual(at(f), [l, 4, l, 8]);
  });
  it('the TODO the quick fixes and New Snapshot write is reported at the TODO', () => {
    const t = edit(VALID(), 'Model: gpt-5-codex', 'Model: TODO');
    const f = only(t, 'placeholder/unfilled');
    assert.deepEqual(texts(t, [f]), ['TODO']);
    assert.equal(f.message, 'Fill in Model: `TODO` is a placeholder; write the model that made the review.');
  });
  it('a placeholder Date is not a date-format error, a placeholder exit code not an integer error', () => {
    let t = edit(VALID(), 'Date: 2026-02-19', 'Date: YYYY-MM-DD');
    t = edit(t, '| fail | 137 |', '| fail | <exit code> |');
    const found = checkAt('docs/reviews/snapshots/x.md', t);
    assert.deepEqual(
      found.map((f) => f.rule),
      ['placeholder/unfilled', 'placeholder/unfilled'],
    );
    assert.deepEqual(texts(t, found), ['YYYY-MM-DD', '<exit code>']);
  });
  it('markup and code are not placeholders: <br>, Vec<T>, an autolink, a comparison', () => {
    for (const v of ['a<br>b', 'Vec<T>', '<https://example.com>', '< 5 and > 3', '<!-- note -->', 'x -> y', 'rust|required']) {
      assert.deepEqual(placeholdersIn(v), [], v);
    }
    assert.deepEqual(
      placeholdersIn('docs/<name>.md').map((p) => p.text),
      ['<name>'],
    );
    assert.deepEqual(placeholdersIn('rust|required', { alternatives: true, allowed: ['rust|required'] }), []);
    assert.deepEqual(placeholdersIn('pass \\| fail', { alternatives: true })[0].options, ['pass', 'fail']);
  });
});

describe("the repository's template", () => {
  const schema = {
    [`${ROOT}/specs/schema/review_snapshot_schema_v1.yaml`]: fs.readFileSync('server/src/schema/review_snapshot_schema_v1.yaml', 'utf8'),
  };
  const files = (extra: Record<string, string> = {}) => ({ [`${ROOT}/${TEMPLATE_REL}`]: TEMPLATE(), ...schema, ...extra });

  it('teaches conventions: the lanes, statuses and risks it offers are conventional beside the bundled ones', () => {
    let t = edit(VALID(), 'Runner lane: rust|required', 'Runner lane: governance');
    t = edit(t, '  risk: moderate', '  risk: high');
    const without = checkAt('docs/reviews/snapshots/x.md', t, { root: ROOT, files: schema });
    assert.deepEqual(
      without.map((f) => f.rule),
      ['metadata/runner-lane'],
    );
    assert.deepEqual(checkAt('docs/reviews/snapshots/x.md', t, { root: ROOT, files: files() }), []);
    const odd = edit(t, 'Runner lane: governance', 'Runner lane: cobol');
    assert.deepEqual(
      checkAt('docs/reviews/snapshots/x.md', odd, { root: ROOT, files: files() }).map((f) => f.rule),
      ['metadata/runner-lane'],
    );
  });
  it('a "moved to" note in the templates folder teaches nothing, and no templates setting means no template', () => {
    const t = edit(VALID(), 'Runner lane: rust|required', 'Runner lane: governance');
    const note = { [`${ROOT}/docs/reviews/templates/README.md`]: 'Moved: Runner lane: <docs|governance|discovery>\n', ...schema };
    assert.deepEqual(
      checkAt('docs/reviews/snapshots/x.md', t, { root: ROOT, files: note }).map((f) => f.rule),
      ['metadata/runner-lane'],
    );
    assert.deepEqual(
      checkAt('docs/reviews/snapshots/x.md', t, { root: ROOT, files: files(), settings: { templates: [] } }).map((f) => f.rule),
      ['metadata/runner-lane'],
    );
  });
  it('New Snapshot starts from it, with the values it knows filled in and the other placeholders left to fill', () => {
    const service = serviceFor({ files: files() });
    const input = {
      date: '2026-11-24',
      prompt: 'docs/reviews/prompts/self_healing.md',
      promptRevision: 'abc1234',
      repoRevision: 'abc1234',
    };
    const text = service.newSnapshot(ROOT, DEFAULT_SETTINGS, input);
    assert.match(
      text,
      /^# Review Snapshot\n\nDate: 2026-11-24\nModel: <model name>\nPrompt: `docs\/reviews\/prompts\/self_healing.md`\nPrompt revision: abc1234\nRepo revision: abc1234\n/,
    );
    assert.ok(text.includes('| <command> | success \\| failure \\| skipped | <exit code> |'), 'the rest is the template');
    const found = checkAt('docs/reviews/snapshots/2026-11-24_new.md', text, { root: ROOT, files: files() });
    assert.deepEqual([...new Set(found.map((f) => f.rule))], ['placeholder/unfilled']);
    assert.ok(!texts(text, found).includes('YYYY-MM-DD'), 'the date is filled in');
    assert.equal(found.length, 37 - 4, 'Date, the prompt path and the two revisions are filled in; Model is left (none was given)');
  });
  it('without a template, New Snapshot is built from the schema', () => {
    const text = serviceFor().newSnapshot(ROOT, DEFAULT_SETTINGS, {
      date: '2026-11-24',
      prompt: 'p.md',
      promptRevision: 'abc1234',
      repoRevision: 'abc1234',
    });
    assert.match(text, /\nModel: TODO\n/);
  });
});

describe('placeholders inside free text are text', () => {
  it('"<none>" inside a finding, a title or a label sentence is not a placeholder; a whole-cell one is', () => {
    let t = edit(VALID(), 'before succeeding on retry.', 'before succeeding on retry; stderr was <none>.');
    t = edit(t, '  title: Improve rust', '  title: Handle <none> output in rust');
    assert.deepEqual(rules(t), []);
    const whole = edit(VALID(), '| During stage-0 baseline command execution. |', '| <when> |');
    assert.deepEqual(texts(whole, [only(whole, 'placeholder/unfilled')]), ['<when>']);
  });
});

describe("the repository's templates are remembered until they change", () => {
  it('saving a snapshot keeps them; changing the template (or a folder) reads them again', () => {
    const workspace = new InMemoryWorkspace({
      [`${ROOT}/${TEMPLATE_REL}`]: TEMPLATE(),
      [`${ROOT}/specs/schema/review_snapshot_schema_v1.yaml`]: fs.readFileSync('server/src/schema/review_snapshot_schema_v1.yaml', 'utf8'),
    });
    const service = createSnapshotService({ workspace });
    const t = edit(VALID(), 'Runner lane: rust|required', 'Runner lane: governance');
    const lanes = () => service.check({ text: t, root: ROOT }, DEFAULT_SETTINGS, { links: false }).findings.map((f) => f.rule);
    const abs = path.resolve(`${ROOT}/${TEMPLATE_REL}`);
    assert.deepEqual(lanes(), []);
    assert.equal(workspace.reads.get(abs), 1);
    service.invalidate(path.resolve(`${ROOT}/docs/reviews/snapshots/2026-02-19_x.md`));
    assert.deepEqual(lanes(), []);
    assert.equal(workspace.reads.get(abs), 1, 'a saved snapshot does not make the templates be read again');
    workspace.files.set(abs, TEMPLATE().replace('<docs|governance|discovery>', '<docs|discovery>'));
    service.invalidate(abs);
    assert.deepEqual(lanes(), ['metadata/runner-lane']);
    assert.equal(workspace.reads.get(abs), 2);
  });
});
