// Near misses (issue 15): a required heading, key, fence or label list written almost right is
// one error where it is written, with a fix that rewrites it in place — never "missing"
// somewhere else with a fix that inserts a second, empty copy. And no silent pass: no snapshot
// conforms while it holds spec candidates the checker did not validate.
import * as assert from 'node:assert/strict';
import { fixAllEdits } from '../../server/src/service/features/actions';
import type { CheckResult } from '../../server/src/service/engine';
import { keysOfLine } from '../../server/src/service/model/candidates';
import { closeness } from '../../server/src/service/model/nearMiss';
import { NEAR_MISSES } from '../support/nearMisses';
import { VALID, applyEdits, edit, findings, lineOf, only, rules, run } from '../support/engine';

describe('near misses: each deviation is one error on its own line, with a fix that rewrites it in place', () => {
  it(`the suite has at least 40 deviations (${NEAR_MISSES.length})`, () => {
    assert.ok(NEAR_MISSES.length >= 40);
    assert.equal(new Set(NEAR_MISSES.map((n) => n.name)).size, NEAR_MISSES.length, 'names are unique');
  });

  for (const nm of NEAR_MISSES) {
    it(`${nm.name}: ${nm.rule} on its line; the fix gives the expected text, which conforms`, () => {
      const all = findings(nm.text);
      const hits = all.filter((f) => f.rule === nm.rule);
      assert.equal(hits.length, 1, all.map((f) => `${f.rule}@${f.range.start.line}: ${f.message}`).join('\n'));
      const f = hits[0];
      assert.equal(f.severity, 'error', f.message);
      assert.equal(f.range.start.line, lineOf(nm.text, nm.line), f.message);
      const others = all.filter((x) => x !== f).map((x) => x.rule);
      assert.deepEqual([...new Set(others)].sort(), [...(nm.also ?? [])].sort(), 'nothing else is reported (nothing as missing)');
      const fix = f.fixes?.find((x) => x.preferred) ?? f.fixes?.[0];
      assert.ok(fix, `${f.rule} offers a fix`);
      assert.ok(!f.fixes!.some((x) => /^Insert (?:section|metadata key)/.test(x.title)), 'no fix inserts a second copy');
      const fixed = applyEdits(nm.text, fix.edits);
      assert.equal(fixed, nm.fixed, `"${fix.title}"`);
      assert.deepEqual(rules(fixed), []);
    });
  }
});

describe('closeness', () => {
  it('case, punctuation, spacing and emphasis, a left-out qualifier, a small misspelling of a longer name', () => {
    assert.equal(closeness('Spec candidates (YAML)', 'Spec Candidates (YAML)'), 'case');
    assert.equal(closeness('**Findings**', 'Findings'), 'punctuation');
    assert.equal(closeness('Reject/Defer List', 'Reject / Defer List'), 'punctuation');
    assert.equal(closeness('Spec Candidates', 'Spec Candidates (YAML)'), 'qualifier');
    assert.equal(closeness('Synthesys', 'Synthesis'), 'spelling');
    assert.equal(closeness('Repo revison', 'Repo revision'), 'spelling');
  });
  it('headings that merely share a word, and short names one letter apart, are not close', () => {
    assert.equal(closeness('Findings summary', 'Findings'), undefined);
    assert.equal(closeness('Notes', 'Scope Notes'), undefined);
    assert.equal(closeness('Data', 'Date'), undefined);
    assert.equal(closeness('Scope', 'Scope Notes'), undefined);
  });
});

describe('ordinary headings are not near misses', () => {
  it('"## Findings summary" under Synthesis and "### Notes" under Scope Notes: a valid snapshot stays valid', () => {
    let t = edit(VALID(), '## Synthesis\n', '## Synthesis\n\n### Findings summary\n\n- one finding.\n');
    t = edit(t, '## Scope Notes\n', '## Scope Notes\n\n### Notes\n\n- none.\n');
    t = edit(t, '## Raw Output\n', '## Findings summary\n\n- moved here.\n\n## Raw Output\n');
    assert.deepEqual(rules(t), []);
  });
  it('with Findings and Scope Notes really gone, those headings do not stand in: the sections are missing', () => {
    let t = VALID().replace(/## Findings\n[\s\S]*?(?=## Synthesis)/, '');
    t = t.replace(/## Scope Notes\n[\s\S]*?(?=## Command Execution Log)/, '### Notes\n\n- none.\n\n');
    t = edit(t, '## Synthesis\n', '## Findings summary\n\n- one finding.\n\n## Synthesis\n');
    const missing = findings(t).filter((f) => f.rule === 'section/missing');
    assert.deepEqual(missing.map((f) => /"## ([^"]+)"/.exec(f.message)![1]).sort(), ['Findings', 'Scope Notes']);
    assert.ok(!rules(t).includes('section/near-miss'));
  });
  it('a heading exactly naming another required section is that section, never a near miss of a missing one', () => {
    const t = VALID().replace(/## Synthesis\n[\s\S]*?(?=## Spec Candidates)/, '');
    const f = only(t, 'section/missing');
    assert.match(f.message, /"## Synthesis"/);
  });
});

/** Candidate ids written anywhere before Raw Output: `id:` lines in any fence, `- id:` lines outside (an oracle of its own). */
function writtenIds(text: string): string[] {
  const ids: string[] = [];
  let fence = '';
  for (const line of text.split('\n')) {
    if (/^#{1,6}\s*raw output\s*$/i.test(line.trim())) break;
    const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (open && (!fence || line.trim().startsWith(fence))) {
      fence = fence ? '' : open[1];
      continue;
    }
    const m = (fence ? /^\s*(?:-\s+)?id:\s*(\S+)/i : /^\s*-\s+id:\s*(\S+)/i).exec(line);
    if (m) ids.push(m[1].replace(/^["']|["']$/g, ''));
  }
  return ids;
}

/** The property: a snapshot holding candidates the checker did not validate has an error. */
function noSilentPass(text: string, result: CheckResult, what: string): void {
  const validated = new Set((result.model.candidates?.items ?? []).map((c) => c.id));
  const unchecked = writtenIds(text).filter((id) => !validated.has(id));
  if (unchecked.length === 0) return;
  assert.ok(
    result.findings.some((f) => f.severity === 'error'),
    `${what}: conforms while ${unchecked.join(', ')} ${unchecked.length > 1 ? 'are' : 'is'} not validated`,
  );
}

describe('no silent pass: a snapshot never conforms while it holds candidates the checker did not validate', () => {
  it('over the near-miss suite: each deviation, each of its fixes applied, and fix-all', () => {
    let checked = 0;
    for (const nm of NEAR_MISSES) {
      const r = run(nm.text);
      noSilentPass(nm.text, r, nm.name);
      for (const f of r.findings) {
        for (const fix of f.fixes ?? []) {
          const t = applyEdits(nm.text, fix.edits);
          noSilentPass(t, run(t), `${nm.name}, then "${fix.title}"`);
          checked++;
        }
      }
      const all = applyEdits(nm.text, fixAllEdits(r.findings));
      noSilentPass(all, run(all), `${nm.name}, then fix-all`);
    }
    assert.ok(checked > NEAR_MISSES.length);
  });
  it('the issue\'s case: "## Spec candidates (YAML)" and the old fix (insert an empty section) no longer conforms', () => {
    const t = edit(VALID(), '## Spec Candidates (YAML)', '## Spec candidates (YAML)');
    const inserted = edit(t, '## Classification Labels', '## Spec Candidates (YAML)\n\n```yaml\n[]\n```\n\n## Classification Labels');
    const r = run(inserted);
    noSilentPass(inserted, r, 'an empty section inserted');
    const f = only(inserted, 'labels/unchecked');
    assert.equal(f.severity, 'error');
    assert.match(f.message, new RegExp(`line ${lineOf(inserted, '- id: SELFHEAL-RUN-001') + 1}, under "## Spec candidates \\(YAML\\)"`));
    assert.equal(f.related?.[0].range.start.line, lineOf(inserted, '- id: SELFHEAL-RUN-001'));
  });
  it('a ```yaml list of candidates under another section is an error that says where they are and which block is read', () => {
    const block = /```yaml\n[\s\S]*?```\n/.exec(VALID())![0];
    const t = edit(edit(VALID(), block, '```yaml\n[]\n```\n'), '## Synthesis\n', '## Synthesis\n\n' + block);
    const f = only(t, 'candidates/unchecked');
    assert.equal(f.severity, 'error');
    assert.equal(f.range.start.line, lineOf(t, '```yaml'));
    assert.match(f.message, /under "## Synthesis" holds spec candidates \(SELFHEAL-RUN-001\) that are not checked/);
    assert.equal(only(t, 'labels/unchecked').range.start.line, lineOf(t, LABEL_LINE));
  });
  it('a second ```yaml block in Spec Candidates is not read either: an error at it', () => {
    const t = edit(VALID(), '## Classification Labels', '```yaml\n- id: SECOND-001\n  title: t\n```\n\n## Classification Labels');
    const f = only(t, 'candidates/unchecked');
    assert.equal(f.range.start.line, lineOf(t, '```yaml', 1));
  });
  it('candidate-shaped in any style: block, flow, quoted keys, JSON (one line or pretty-printed); prose is not', () => {
    const keys = (line: string) => keysOfLine(line).map((k) => `${k.key}=${k.value}`);
    assert.deepEqual(keys('- id: X-1'), ['id=X-1']);
    assert.deepEqual(keys('- {id: X-2, title: "a, b", affected_paths: [y, z], risk: low}'), [
      'id=X-2',
      'title=a, b',
      'affected_paths=',
      'risk=low',
    ]);
    assert.deepEqual(keys('- "id": "X-3"'), ['id=X-3']);
    assert.deepEqual(keys('[{"id":"X-4", "type": "docs"}]'), ['id=X-4', 'type=docs']);
    assert.deepEqual(keys('    "id": "X-5",'), ['id=X-5']);
    assert.deepEqual(keys('The id: X-6 was {not a key}, see "id: X-7"'), []);
    assert.deepEqual(keys('url: http://x/{id: X}'), ['url=http://x/{id: X}']);
    assert.deepEqual(keys('# id: X-8'), []);
  });
  it('a block after a level-1 heading that follows Raw Output is under that heading, and says so', () => {
    const t = VALID() + '\n# Appendix\n\n```yaml\n- {id: X-2, title: t}\n```\n';
    const f = only(t, 'candidates/unchecked');
    assert.equal(f.range.start.line, lineOf(t, '```yaml', 1));
    assert.match(f.message, /under "# Appendix" holds spec candidates \(X-2\)/);
  });
  it('YAML that is not candidate-shaped (a config example) is left alone, and so is Raw Output', () => {
    let t = edit(VALID(), '## Synthesis\n', '## Synthesis\n\n```yaml\nretries: 3\nid: runner\n```\n');
    t = t + '\n```yaml\n- id: PASTED-001\n  title: pasted output\n```\n';
    assert.deepEqual(rules(t), []);
  });
});

const LABEL_LINE = '- `SELFHEAL-RUN-001`: behavior';
