// Failing tests from an adversarial review of the configuration (issue 14): what a repository's
// `.review-snapshot.yaml` or a workspace's settings can do to a verdict. Each test is named after
// what a user would expect; each failed when it was written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseConfig } from '../../server/src/service/config/config';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service/config/settings';
import { VALID, edit, lineOf, serviceFor } from '../support/engine';

const ROOT = '/r';
const FILE = '/r/docs/reviews/snapshots/2026-02-19_x.md';
const REL = 'docs/reviews/snapshots/2026-02-19_x.md';
const SCHEMA = {
  [`${ROOT}/specs/schema/review_snapshot_schema_v1.yaml`]: fs.readFileSync('server/src/schema/review_snapshot_schema_v1.yaml', 'utf8'),
};

/** Checks `text` at FILE as the server and the CLI do: the nearest configuration, classify, check. */
function verdict(text: string, files: Record<string, string>, editor = DEFAULT_SETTINGS) {
  const s = serviceFor({ files: { ...SCHEMA, ...files } });
  const settings = s.settingsFor(ROOT, FILE, editor);
  const role = s.classify(REL, text, settings);
  const r = s.check({ text, root: ROOT, template: role === 'template' }, settings, { today: '2026-11-24', links: false });
  return { role, findings: r.findings.map((f) => `${f.rule}:${f.severity}@${f.range.start.line}`) };
}

describe('a configuration cannot make a contract violation conform', () => {
  it("a contract rule turned off or lowered in the editor settings (reviewSnapshot.rules, e.g. a repository's .vscode/settings.json) is still an error", () => {
    const text = edit(VALID(), 'Date: 2026-02-19', 'Date: soon');
    const l = lineOf(text, 'Date: soon');
    // The configuration file refuses this (config.ts readRules); the editor settings do not (settings.ts ruleLevels).
    const off = verdict(text, {}, normalizeSettings({ rules: { 'metadata/date': 'off' } }));
    assert.deepEqual(off.findings, [`metadata/date:error@${l}`]);
    const lowered = verdict(text, {}, normalizeSettings({ rules: { 'metadata/date': 'warning' } }));
    assert.deepEqual(lowered.findings, [`metadata/date:error@${l}`]);
  });

  it('conventions (warnings only) cannot turn a template placeholder into a value: "risk: low | moderate | high" stays placeholder/unfilled', () => {
    const text = edit(VALID(), '  risk: moderate', '  risk: low | moderate | high');
    const l = lineOf(text, '  risk: low | moderate | high');
    assert.deepEqual(verdict(text, {}).findings, [`placeholder/unfilled:error@${l}`]);
    const cfg = { '/r/.review-snapshot.yaml': 'conventions:\n  candidateRisks: ["low | moderate | high"]\n' };
    assert.deepEqual(verdict(text, cfg).findings, [`placeholder/unfilled:error@${l}`]);
  });

  it('templates globs that cover the snapshots folder do not make a snapshot with unfilled placeholders conform', () => {
    const text = edit(edit(VALID(), 'Date: 2026-02-19', 'Date: YYYY-MM-DD'), 'Model: gpt-5-codex', 'Model: <model name>');
    assert.ok(verdict(text, {}).findings.some((f) => f.startsWith('placeholder/unfilled:error')));
    // A repository (or a careless edit) declaring every review a template: the snapshot then "conforms".
    const r = verdict(text, { '/r/.review-snapshot.yaml': 'templates: ["docs/reviews/**"]\n' });
    assert.ok(
      r.findings.some((f) => f.endsWith(':error@0') || f.startsWith('placeholder/unfilled')),
      `a snapshot under the files globs with Date: YYYY-MM-DD was checked as a ${r.role} and conforms: ${JSON.stringify(r.findings)}`,
    );
  });

  it('a wrong type inside conventions (statuses: { pass: ok }) is a problem in the file, not silently ignored', () => {
    const { problems } = parseConfig('conventions:\n  statuses: { pass: ok }\n  severities: { P4: [a, b] }\n');
    assert.deepEqual(
      problems.map((p) => p.range.start.line),
      [1, 2],
      JSON.stringify(problems),
    );
  });
});

describe('links.external in the editor and in CI', () => {
  const cell = 'dc%2Drunner%2Drust/runner_adapter.sh:138';
  it('a cited path matching links.external gets the same findings in a multi-root editor (sibling folder open) as in the CLI', () => {
    const s = serviceFor({ files: { '/runner/other.sh': 'x\n' } });
    const settings = normalizeSettings({ links: { external: ['dc-runner-*/**'] } });
    const at = lineOf(VALID(), cell);
    const of = (siblings?: Map<string, string>) =>
      s
        .check({ text: VALID(), root: ROOT }, settings, { siblings })
        .findings.filter((f) => f.range.start.line === at)
        .map((f) => f.rule);
    const cliLike = of(undefined);
    const editor = of(new Map([['dc-runner-rust', '/runner']]));
    // README: "neither checked nor warned about"; the editor warns links/missing, so --strict CI and the editor disagree.
    assert.deepEqual(editor, cliLike);
  });
});
