// The repository configuration file: checked strictly (every problem at its place), applied over
// the editor settings, found nearest to the snapshot; per-rule levels, inline suppressions and
// paths of other repositories.
import * as assert from 'node:assert/strict';
import { parseConfig, rebase } from '../../server/src/service/config/config';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service/config/settings';
import { VALID, applyEdits, edit, lineOf, serviceFor } from '../support/engine';

const at = (text: string, needle: string) => lineOf(text, needle);

describe('configuration file: checked strictly', () => {
  it('a valid file reads every key', () => {
    const text = [
      'files: ["docs/**/*.md"]',
      'ignores: ["docs/history/**"]',
      'templates: ["**/templates/**"]',
      'schemaPath: specs/schema/review_snapshot_schema_v1.yaml',
      'conventions:',
      '  statuses: { pass: [ok] }',
      '  severities: { P4: trivial }',
      'links: { validate: false, external: ["dc-runner-*/**"] }',
      'rules: { links/missing: off, table/status: error }',
      'pending: { directory: specs/pending, format: markdown }',
    ].join('\n');
    const { config, problems } = parseConfig(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.ignores, ['docs/history/**']);
    assert.deepEqual(config.links, { validate: false, external: ['dc-runner-*/**'] });
    assert.deepEqual(
      [...config.rules!],
      [
        ['links/missing', 'off'],
        ['table/status', 'error'],
      ],
    );
    assert.deepEqual(config.conventions, { statuses: { pass: ['ok'] }, severities: { P4: 'trivial' } });
    assert.deepEqual(config.pending, { directory: 'specs/pending', format: 'markdown' });
  });

  it('every problem is reported at its line: unknown keys, wrong types, unknown rules, bad levels', () => {
    const text = [
      'rulez: {}',
      'files: docs/**',
      'links: { validate: maybe, externals: [] }',
      'rules:',
      '  nope/nope: off',
      '  links/line: loud',
      '  link/missing: off',
    ].join('\n');
    const { problems } = parseConfig(text);
    const seen = problems.map((p) => [p.range.start.line, p.message]);
    assert.deepEqual(seen, [
      [0, 'unknown key "rulez" (known: files, ignores, templates, prompts, schemaPath, conventions, links, rules, pending, repositories)'],
      [1, '"files" must be a list of strings'],
      [2, '"links.validate" must be true or false'],
      [2, 'unknown key "links.externals" (known: validate, external)'],
      [4, 'unknown rule "nope/nope" (review-snapshot explain --list lists the rules)'],
      [5, '"links/line" must be off, warning or error (not "loud")'],
      [6, 'unknown rule "link/missing"; did you mean "links/missing"?'],
    ]);
  });

  it('a contract rule cannot be turned off or lowered, and the message says why', () => {
    const { problems, config } = parseConfig('rules:\n  metadata/missing: warning\n  section/order: off\n  table/header: error\n');
    assert.equal(problems.length, 2);
    assert.match(
      problems[0].message,
      /"metadata\/missing" is a contract rule: a snapshot that violates the contract cannot conform, so it cannot be turned off or lowered/,
    );
    assert.equal(problems[1].range.start.line, 2);
    assert.deepEqual([...config.rules!], [['table/header', 'error']]);
  });

  it('a YAML error is reported where it is; a hostile glob is refused', () => {
    const y = parseConfig('files: [a\nrules: {}\n');
    assert.match(y.problems[0].message, /^YAML: /);
    const g = parseConfig(`ignores: ["${'{a,b}'.repeat(8)}"]`);
    assert.match(g.problems[0].message, /glob .* is refused: more than 64 alternatives/);
  });

  it('paths and globs of a nested file are relative to its folder', () => {
    const c = rebase(
      { files: ['**/*.md'], ignores: ['old/**'], schemaPath: 's.yaml', pending: { directory: 'p' }, links: { external: ['x/**'] } },
      '/r/sub',
      '/r',
    );
    assert.deepEqual(c.files, ['sub/**/*.md']);
    assert.deepEqual(c.ignores, ['sub/old/**']);
    assert.equal(c.schemaPath, 'sub/s.yaml');
    assert.equal(c.pending!.directory, 'sub/p');
    assert.deepEqual(c.links!.external, ['x/**'], 'cited paths are written from the root');
  });

  it('repositories: names are one path segment, folders relative to the file (absolute ones kept)', () => {
    const { config, problems } = parseConfig('repositories:\n  dc-runner-rust: ../dc-runner-rust\n  a/b: x\n  empty: ""\n');
    assert.deepEqual([...config.repositories!], [['dc-runner-rust', '../dc-runner-rust']]);
    assert.deepEqual(
      problems.map((p) => [p.range.start.line, p.message]),
      [
        [2, '"a/b" is not a repository name (one path segment)'],
        [3, '"repositories.empty" must name a folder'],
      ],
    );
    const rebased = rebase(
      {
        repositories: new Map([
          ['x', '../x'],
          ['y', '/abs/y'],
        ]),
      },
      '/r/sub',
      '/r',
    );
    assert.deepEqual(
      [...rebased.repositories!],
      [
        ['x', 'x'],
        ['y', '/abs/y'],
      ],
    );
  });
});

describe('configuration file: precedence and discovery', () => {
  const root = '/r';
  const file = '/r/docs/reviews/snapshots/a.md';
  it('the file wins over the editor settings for every key it sets; the settings fill the rest', () => {
    const s = serviceFor({ files: { '/r/.review-snapshot.yaml': 'links: { validate: false }\n' } });
    const editor = normalizeSettings({ links: { validate: true }, pending: { directory: 'mine' } });
    const eff = s.settingsFor(root, file, editor);
    assert.equal(eff.links.validate, false);
    assert.equal(eff.pending.directory, 'mine');
    assert.equal(eff.config!.file, '/r/.review-snapshot.yaml');
  });
  it('the nearest file applies (a nested one), and --no-config / an explicit file are honoured', () => {
    const s = serviceFor({
      files: {
        '/r/.review-snapshot.yaml': 'ignores: ["x/**"]\n',
        '/r/docs/.review-snapshot.json': '{"ignores": ["old/**"]}',
        '/r/cfg/other.yaml': 'ignores: ["y/**"]\n',
      },
    });
    assert.deepEqual(s.settingsFor(root, file, DEFAULT_SETTINGS).ignores, ['docs/old/**']);
    assert.deepEqual(s.settingsFor(root, '/r/notes/a.md', DEFAULT_SETTINGS).ignores, ['x/**']);
    assert.deepEqual(s.settingsFor(root, file, DEFAULT_SETTINGS, { noConfig: true }).ignores, []);
    assert.deepEqual(s.settingsFor(root, file, DEFAULT_SETTINGS, { configFile: '/r/cfg/other.yaml' }).ignores, ['y/**']);
  });
  it('a configuration with problems makes the snapshot fail (config/invalid), naming the file and the first problem', () => {
    const s = serviceFor({ files: { '/r/.review-snapshot.yaml': 'rulez: 1\n' } });
    const eff = s.settingsFor(root, file, DEFAULT_SETTINGS);
    const r = s.check({ text: VALID(), root }, eff, { links: false });
    const f = r.findings.find((x) => x.rule === 'config/invalid')!;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /\.review-snapshot\.yaml has 1 problem \(first: unknown key "rulez"/);
  });
});

describe('rule levels and inline suppression', () => {
  const check = (text: string, rules: Record<string, string> = {}) =>
    serviceFor()
      .check({ text }, normalizeSettings({ rules }), { links: false })
      .findings.map((f) => `${f.rule}:${f.severity}@${f.range.start.line}`);
  const BAD = (t: string) => edit(t, '| P2 | Verified |', '| High | Verified |');

  it('rules: off drops a convention rule, error raises it', () => {
    const t = BAD(VALID());
    const l = at(t, '| High |');
    assert.deepEqual(check(t), [`table/severity:info@${l}`], 'information while no conventions are declared');
    assert.deepEqual(check(t, { 'table/severity': 'off' }), []);
    assert.deepEqual(check(t, { 'table/severity': 'error' }), [`table/severity:error@${l}`]);
  });

  it('disable-next-line, disable-line (at the end of a row) and disable/enable blocks suppress convention rules', () => {
    const next = edit(
      BAD(VALID()),
      '| Severity | Verified',
      '<!-- review-snapshot-disable-next-line table/severity -->\n| Severity | Verified',
    );
    assert.ok(
      check(next).some((x) => x.startsWith('suppression/unused')),
      'the header is the next line, not the row',
    );
    const line = BAD(VALID()).replace(/(\| High \|.*) \|$/m, '$1 <!-- review-snapshot-disable-line table/severity --> |');
    assert.deepEqual(check(line), []);
    const block = edit(BAD(VALID()), '## Findings\n', '## Findings\n\n<!-- review-snapshot-disable table/severity -->\n');
    assert.deepEqual(check(block), []);
  });

  it('a suppression in the candidates YAML uses a # comment', () => {
    const t = edit(VALID(), '  risk: moderate', '  risk: extreme # review-snapshot-disable-line candidates/convention');
    assert.deepEqual(check(t), []);
    assert.ok(check(edit(VALID(), '  risk: moderate', '  risk: extreme')).some((x) => x.startsWith('candidates/convention')));
  });

  it('contract rules cannot be suppressed; unknown rules and unused suppressions are reported where they are written', () => {
    const t = edit(VALID(), 'Date: 2026-02-19', '<!-- review-snapshot-disable-next-line metadata/date -->\nDate: 19.02.2026');
    const l = at(t, 'review-snapshot-disable-next-line');
    assert.deepEqual(
      check(t),
      // Said once: the contract finding, not also "unused, remove it".
      [`suppression/contract:warning@${l}`, `metadata/date:error@${l + 1}`],
    );
    const u = edit(VALID(), '## Synthesis', '<!-- review-snapshot-disable-next-line links/misssing -->\n## Synthesis');
    assert.deepEqual(check(u), [`suppression/unknown-rule:warning@${at(u, 'misssing')}`]);
    const s = serviceFor();
    const unknown = s.check({ text: u }, normalizeSettings({})).findings.find((f) => f.rule === 'suppression/unknown-rule')!;
    assert.match(unknown.message, /did you mean "links\/missing"\?/);
    const n = edit(VALID(), '## Synthesis', '<!-- review-snapshot-disable-next-line table/severity -->\n## Synthesis');
    assert.deepEqual(check(n), [`suppression/unused:warning@${at(n, 'review-snapshot-disable-next-line')}`]);
  });

  it('a directive inside a code fence is code, not a directive', () => {
    const t = BAD(VALID()) + '\n```md\n<!-- review-snapshot-disable table/severity -->\n```\n';
    assert.ok(check(t).some((x) => x.startsWith('table/severity')));
    assert.ok(!check(t).some((x) => x.startsWith('suppression/')));
  });
});

describe('paths of other repositories (links.external)', () => {
  const cell = 'dc%2Drunner%2Drust/runner_adapter.sh:138';
  const links = (external: string[], siblings?: Map<string, string>, files: Record<string, string> = {}) => {
    const s = serviceFor({ files });
    const r = s.check({ text: VALID(), root: '/r' }, normalizeSettings({ links: { external } }), { siblings });
    return {
      findings: r.findings.filter((f) => f.rule.startsWith('links/') && f.range.start.line === lineOf(VALID(), cell)),
      links: s.documentLinks(r).filter((l) => l.range.start.line === lineOf(VALID(), cell)),
    };
  };
  it('a cited path matching links.external is neither checked nor linked', () => {
    assert.deepEqual(
      links([]).findings.map((f) => f.rule),
      ['links/missing'],
    );
    assert.deepEqual(links(['dc-runner-*/**']), { findings: [], links: [] });
  });
  it('in a multi-root workspace, a first segment naming another open folder links into it', () => {
    const r = links(['dc-runner-*/**'], new Map([['dc-runner-rust', '/runner']]), { '/runner/runner_adapter.sh': 'x\n'.repeat(200) });
    assert.deepEqual(r.findings, []);
    assert.equal(r.links[0].target, 'file:///runner/runner_adapter.sh#L138');
  });
});

describe('the quick fix "Disable <rule> for this line"', () => {
  const cases: [string, (t: string) => string, string][] = [
    ['a table row (the comment goes at its end)', (t) => edit(t, '| P2 | Verified |', '| High | Verified |'), 'table/severity'],
    ['the candidates YAML (a # comment)', (t) => edit(t, '  risk: moderate', '  risk: extreme'), 'candidates/convention'],
    ['a metadata line (the line above)', (t) => edit(t, 'Runner lane: rust|required', 'Runner lane: cobol'), 'metadata/runner-lane'],
    ['an item of Contract baseline refs (the comment goes at its end)', (t) => t, 'links/missing'],
    ['a heading (the line above)', (t) => edit(t, /## Synthesis\n[\s\S]*?(?=## Spec Candidates)/, '## Synthesis\n\n'), 'section/empty'],
  ];
  for (const [where, make, rule] of cases) {
    it(`on ${where}: applied, the finding goes and nothing new appears`, () => {
      const s = serviceFor({ files: { '/r/docs/reviews/prompts/self_healing.md': 'x' } });
      const settings = normalizeSettings({});
      const text = make(VALID());
      const before = s.check({ text, root: '/r' }, settings);
      const f = before.findings.find((x) => x.rule === rule)!;
      assert.ok(f, `the ${rule} finding`);
      const d = { range: f.range, code: f.rule, source: 'review-snapshot', message: f.message, severity: 2 as const };
      const action = s
        .codeActions(before, { uri: 'file:///r/x.md', range: f.range, diagnostics: [d] })
        .find((a) => a.title === `Disable ${rule} for this line`)!;
      assert.ok(action, 'offered');
      const count = (fs: { rule: string }[], r: string) => fs.filter((x) => x.rule === r).length;
      const afterAll = s.check({ text: applyEdits(text, action.edit!.changes!['file:///r/x.md']), root: '/r' }, settings).findings;
      assert.equal(count(afterAll, rule), count(before.findings, rule) - 1);
      assert.ok(!afterAll.some((x) => x.rule.startsWith('suppression/')), JSON.stringify(afterAll.map((x) => x.rule)));
      assert.equal(afterAll.length, before.findings.length - 1);
    });
  }
  it('is not offered for a contract rule', () => {
    const s = serviceFor();
    const text = edit(VALID(), 'Date: 2026-02-19', 'Date: soon');
    const r = s.check({ text }, normalizeSettings({}));
    const f = r.findings.find((x) => x.rule === 'metadata/date')!;
    const d = { range: f.range, code: f.rule, source: 'review-snapshot', message: f.message, severity: 1 as const };
    assert.ok(!s.codeActions(r, { uri: 'file:///x.md', range: f.range, diagnostics: [d] }).some((a) => a.title.startsWith('Disable')));
  });
});
