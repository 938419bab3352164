// Every rule the engine declares (ALL_RULES) has its page, docs/rules/<rule>.md, and each page's
// examples do what they say: the failing example triggers that rule and no other, the passing
// example is clean. An example is a diff block (```diff): a change to the example snapshot
// (examples/docs/reviews/snapshots/2026-02-19_self-heal-run.md), checked in the examples folder
// with link checks on. A new rule id only needs its page. A rule whose trigger is a file beside the
// snapshot (the repository's configuration file) shows that file in the example as a fenced block
// titled with its path (```yaml title=".review-snapshot.yaml"); the example is then checked in a
// copy of the examples folder holding that file, with the settings it gives, as the CLI would.
// The prompt rules' examples are changes to the example prompt
// (examples/docs/reviews/prompts/self_healing.md), checked as a prompt of the examples folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskWorkspace } from '../../server/src/node/diskWorkspace';
import { decodeText } from '../../server/src/service/text/encoding';
import { createSnapshotService } from '../../server/src/service/index';
import { promptContract } from '../../server/src/service/contract/promptContract';
import { ALL_RULES, checkPrompt, RULE_MODULES } from '../../server/src/service/rules/index';
import { DEFAULT_SETTINGS } from '../../server/src/service/config/settings';
import { applyExample, BASE, bytesOf, diffOf, EXAMPLES, filesOf, PAGES, pageOf, PROMPT_BASE, section, SNAPSHOT } from '../support/ruleDocs';

/** The rule ids a prompt's text raises, as a prompt of the examples folder. */
function promptRulesOf(text: string): string[] {
  return checkPrompt(text, promptContract(new DiskWorkspace(), EXAMPLES, DEFAULT_SETTINGS)).map((f) => f.rule);
}

/** The sections every page has, in this order. */
const SECTIONS = ['What it checks', 'Why', 'Failing example', 'Passing example', 'The fix'];

/**
 * The rule ids a text raises, checked as the CLI checks it (bytes decoded, links on, the settings
 * of the configuration file that governs it), in the examples folder — or in a copy of it that
 * also holds `files`.
 */
function rulesOf(text: string, files = new Map<string, string>(), failing = false, rule = ''): string[] {
  const decoded = decodeText(bytesOf(text));
  if ('finding' in decoded) return [decoded.finding.rule];
  // check/incomplete has no document that raises it (a rule that throws is a bug): its failing
  // example runs with one rule module made to throw, as REVIEW_SNAPSHOT_FAILPOINT does.
  const rules =
    failing && rule === 'check/incomplete'
      ? RULE_MODULES.map((m) => (m.family === 'table' ? { ...m, check: () => assert.fail('failpoint') } : m))
      : undefined;
  const root = files.size ? fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-ruledocs-'))) : EXAMPLES;
  try {
    if (files.size) {
      fs.cpSync(EXAMPLES, root, { recursive: true });
      for (const [rel, body] of files) {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), body);
      }
    }
    const service = createSnapshotService({ workspace: new DiskWorkspace(), rules });
    const settings = service.settingsFor(root, path.join(root, path.relative(EXAMPLES, SNAPSHOT)), DEFAULT_SETTINGS);
    const r = service.check({ text: decoded.text, root }, settings, { today: '2026-11-24' });
    return r.findings.map((f) => f.rule);
  } finally {
    if (root !== EXAMPLES) fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Rules whose failing example cannot raise them alone: a label of an unchecked candidate is
 * reported at the label, and the candidate itself at its place (no silent pass).
 */
const COMPANIONS: Record<string, string[]> = { 'labels/unchecked': ['candidates/unchecked'] };

describe('rule documentation (docs/rules/<rule>.md)', () => {
  it('the example snapshot is clean (the examples are changes to it)', () => {
    assert.deepEqual(rulesOf(BASE), []);
  });

  it("the example prompt is clean (the prompt rules' examples are changes to it)", () => {
    assert.deepEqual(promptRulesOf(PROMPT_BASE), []);
  });

  for (const rule of ALL_RULES.keys()) {
    describe(rule, () => {
      it('has a page with every section, titled with the rule id', () => {
        const file = path.join(PAGES, ...rule.split('/')) + '.md';
        assert.ok(fs.existsSync(file), `docs/rules/${rule}.md is missing`);
        const page = pageOf(rule);
        assert.ok(page.startsWith(`# ${rule}\n`), 'the page starts with "# <rule>"');
        let last = -1;
        for (const s of SECTIONS) {
          const at = page.indexOf(`\n## ${s}\n`);
          assert.ok(at > last, `"## ${s}" is missing or out of order`);
          last = at;
        }
      });

      // A freshness rule's examples are git histories, run by test/cli/freshness.test.ts.
      if (rule.startsWith('freshness/')) return;

      it('its failing example raises exactly this rule', () => {
        const body = section(pageOf(rule), 'Failing example');
        const d = diffOf(body);
        assert.ok(d, 'the failing example has a ```diff block');
        const got = rule.startsWith('prompt/')
          ? promptRulesOf(applyExample(d, PROMPT_BASE))
          : rulesOf(applyExample(d), filesOf(body), true, rule);
        const allowed = [rule, ...(COMPANIONS[rule] ?? [])];
        assert.ok(
          got.includes(rule) && got.every((r) => allowed.includes(r)),
          `expected only ${allowed.join(', ')}, got ${JSON.stringify(got)}`,
        );
      });

      it('its passing example is clean', () => {
        const body = section(pageOf(rule), 'Passing example');
        const d = diffOf(body);
        assert.ok(d, 'the passing example has a ```diff block');
        assert.deepEqual(
          rule.startsWith('prompt/') ? promptRulesOf(applyExample(d, PROMPT_BASE)) : rulesOf(applyExample(d), filesOf(body)),
          [],
        );
      });
    });
  }

  it('no page without a rule (a renamed rule leaves none behind)', () => {
    const pages: string[] = [];
    for (const family of fs.readdirSync(PAGES)) {
      const dir = path.join(PAGES, family);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const f of fs.readdirSync(dir)) if (f.endsWith('.md')) pages.push(`${family}/${f.slice(0, -3)}`);
    }
    assert.deepEqual(
      pages.filter((p) => !ALL_RULES.has(p)),
      [],
    );
  });
});
