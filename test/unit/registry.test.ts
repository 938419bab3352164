// The rule registry, checked mechanically: every id a rule module reports is one it declares,
// every declared id is reported somewhere, ids follow `<family>/<name>` and are unique, and the
// README's rules table lists exactly the registry (as markdownlint's README test does).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, ENGINE_RULES, RULE_MODULES } from '../../server/src/service/rules/index';
import { defineRules, severityOf, type RuleModule } from '../../server/src/service/rules/registry';
import { splitRow } from '../../server/src/service/model/table';
import { VALID, run } from '../support/engine';

const RULES_DIR = path.join(process.cwd(), 'server', 'src', 'service', 'rules');

/** The ids a rule source reports with a literal: `report('family/name', …)`. */
function reportedIds(source: string): string[] {
  return [...source.matchAll(/\breport\(\s*'([^']+)'/g)].map((m) => m[1]);
}

/** The module file that declares an id (the one whose source holds `id: '<id>'`). */
function sourceOf(id: string): string {
  for (const f of fs.readdirSync(RULES_DIR)) {
    const text = fs.readFileSync(path.join(RULES_DIR, f), 'utf8');
    if (text.includes(`id: '${id}'`)) return text;
  }
  throw new Error(`no rule file declares ${id}`);
}

/** Rows of the README's `## Rules` table: rule id, severity, whether it names a quick fix. */
function readmeRules(): Map<string, { severity: string; fix: boolean }> {
  const readme = fs.readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Rules\n'), readme.indexOf('\n## ', readme.indexOf('\n## Rules\n') + 5));
  const rows = new Map<string, { severity: string; fix: boolean }>();
  for (const line of section.split('\n')) {
    const cells = splitRow(line).cells.map((c) => c.text);
    const id = /^`([a-z-]+\/[a-z-]+)`$/.exec(cells[0] ?? '')?.[1];
    if (id && cells.length === 4) rows.set(id, { severity: cells[1], fix: cells[3] !== '' });
  }
  return rows;
}

describe('rule registry', () => {
  it('ids are <family>/<name>, unique across modules', () => {
    const all = [...RULE_MODULES, ...ENGINE_RULES].flatMap((m) => m.rules.map((r) => ({ id: r.id, family: m.family })));
    for (const r of all) assert.match(r.id, new RegExp(`^${r.family}/[a-z][a-z-]*$`), r.id);
    assert.equal(new Set(all.map((r) => r.id)).size, all.length, 'no id is declared twice');
    assert.equal(ALL_RULES.size, all.length);
  });

  it('every id a rule file reports is declared by that file, and every declared id is reported', () => {
    for (const m of RULE_MODULES) {
      const declared = m.rules.map((r) => r.id);
      const source = sourceOf(declared[0]);
      const reported = new Set(reportedIds(source));
      for (const id of reported) assert.ok(declared.includes(id), `${m.family} reports ${id} without declaring it`);
      for (const id of declared) assert.ok(reported.has(id), `${id} is declared but never reported`);
    }
  });

  it('a module that reports an id it did not declare fails its check, which the result says (no finding is invented)', () => {
    const rogue: RuleModule = defineRules({
      family: 'rogue',
      rules: [],
      check: (ctx, report) => report('rogue/undeclared', ctx.model.text.lineRange(0), 'x'),
    });
    const r = run(VALID(), { rules: [...RULE_MODULES, rogue] });
    assert.deepEqual(
      r.failures.map((f) => [f.rule, (f.error as Error).message]),
      [['rogue', 'rule module "rogue" reported "rogue/undeclared", which it does not declare']],
    );
    assert.ok(!r.findings.some((f) => f.rule.startsWith('rogue/')));
  });

  it("the README's rules table lists exactly the registry, with each rule's severity and whether it has a quick fix", () => {
    const readme = readmeRules();
    assert.deepEqual([...readme.keys()].sort(), [...ALL_RULES.keys()].sort());
    for (const [id, r] of ALL_RULES) {
      assert.equal(readme.get(id)!.severity, severityOf(r), `${id}: severity`);
      assert.equal(readme.get(id)!.fix, r.fixable, `${id}: quick fix column`);
    }
  });

  it('every rule has a one-line description', () => {
    for (const [id, r] of ALL_RULES) assert.ok(r.description.length > 10 && !r.description.includes('\n'), id);
  });
});
