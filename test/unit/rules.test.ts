// One fixture per rule: the valid snapshot, and the one edit that breaks exactly that rule,
// with the finding's exact place.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VALID, DIALECT, at, colOf, edit, findings, lineOf, only, rules } from '../support/engine';
import { cpuNow } from '../support/cpuTime';

describe('valid snapshots', () => {
  it('the real example snapshot has no findings', () => {
    assert.deepEqual(rules(VALID()), []);
  });
  it('the other dialect (| --- |, success/failure/skipped with "-", bare paths, unticked labels) has no findings', () => {
    assert.deepEqual(rules(DIALECT()), []);
  });
  it('CRLF line endings give the same (empty) result', () => {
    assert.deepEqual(rules(VALID().replace(/\n/g, '\r\n')), []);
  });
  it('a UTF-8 BOM before the title changes nothing', () => {
    assert.deepEqual(rules('\uFEFF' + VALID()), []);
  });
});

describe('metadata', () => {
  it('a missing key is reported at the key it should precede, with a fix that inserts it there', () => {
    const t = edit(VALID(), 'Model: gpt-5-codex\n', '');
    const f = only(t, 'metadata/missing');
    assert.match(f.message, /"Model"/);
    const l = lineOf(t, 'Prompt:'); // the "Prompt" key, now where "Model" was
    assert.deepEqual(at(f), [l, 0, l, 'Prompt'.length]);
    assert.equal(f.severity, 'error');
    assert.equal(f.fixes?.[0].edits[0].newText, 'Model: TODO\n');
    assert.deepEqual(f.fixes?.[0].edits[0].range.start, { line: l, character: 0 });
  });
  it('a key written outside the metadata block does not count, and the message says where it is', () => {
    let t = edit(VALID(), 'Model: gpt-5-codex\n', '');
    t = edit(t, '## Synthesis\n', '## Synthesis\n\nModel: gpt-5-codex\n');
    const f = only(t, 'metadata/missing');
    assert.match(f.message, /outside the metadata block/);
    assert.match(f.message, new RegExp(`line ${lineOf(t, 'Model: gpt-5-codex') + 1}`));
  });
  it('duplicate keys', () => {
    const t = edit(VALID(), 'Repo revision: 7ea2a63\n', 'Repo revision: 7ea2a63\nDate: 2026-02-20\n');
    const f = only(t, 'metadata/duplicate');
    const l = lineOf(t, 'Date: 2026-02-20');
    assert.deepEqual(at(f), [l, 0, l, 'Date'.length]);
    assert.match(f.message, new RegExp(`first on line ${lineOf(t, 'Date: 2026-02-19') + 1}`));
  });
  it('an empty value', () => {
    const t = edit(VALID(), 'Model: gpt-5-codex', 'Model:');
    const f = only(t, 'metadata/empty');
    const l = lineOf(t, 'Model:');
    assert.deepEqual(at(f), [l, 0, l, 'Model'.length]);
  });
  it('a Date that is not an ISO date (format or calendar)', () => {
    const t = edit(VALID(), 'Date: 2026-02-19', 'Date: 19/02/2026');
    const l = lineOf(t, 'Date: 19/02/2026');
    const c = colOf(t, l, '19/02/2026');
    assert.deepEqual(at(only(t, 'metadata/date')), [l, c, l, c + '19/02/2026'.length]);
    assert.equal(only(edit(VALID(), 'Date: 2026-02-19', 'Date: 2026-02-30'), 'metadata/date').severity, 'error');
  });
  it('Contract baseline refs without a list', () => {
    const t = VALID().replace(/Contract baseline refs:\n(- .*\n)+/, 'Contract baseline refs: /specs/schema/x.md\n');
    const f = only(t, 'metadata/refs-list');
    const l = lineOf(t, 'Contract baseline refs:');
    const c = colOf(t, l, '/specs/schema/x.md');
    assert.deepEqual(at(f), [l, c, l, c + '/specs/schema/x.md'.length]);
  });
  it('an unconventional runner lane is information while the repository declares no conventions, a warning once it does', () => {
    const t = edit(VALID(), 'Runner lane: rust|required', 'Runner lane: governance');
    const f = only(t, 'metadata/runner-lane');
    assert.equal(f.severity, 'info', 'the bundled lanes are not the repository’s: its own lane fails no --strict run');
    assert.match(f.message, /declares no conventions of its own/);
    const declared = only(t, 'metadata/runner-lane', { conventions: { runnerLanes: ['docs'] } });
    assert.equal(declared.severity, 'warning');
    assert.equal(
      rules(edit(VALID(), 'Runner lane: rust|required', 'Runner lane: docs'), { conventions: { runnerLanes: ['docs'] } }).length,
      0,
    );
  });
});

describe('sections', () => {
  it('a missing section is reported at the heading it should precede', () => {
    const t = VALID().replace(/## Synthesis\n[\s\S]*?(?=## Spec Candidates)/, '');
    const f = only(t, 'section/missing');
    assert.match(f.message, /"## Synthesis".*before "Spec Candidates \(YAML\)"/);
    assert.equal(t.split('\n')[f.range.start.line], '## Spec Candidates (YAML)');
    assert.deepEqual([f.range.start.character, f.range.end.character], [3, 25]);
  });
  it('a section out of order is reported on its heading', () => {
    const v = VALID();
    const synth = /## Synthesis\n[\s\S]*?(?=## Spec Candidates)/.exec(v)![0];
    const t = v.replace(synth, '').replace('## Findings', synth + '## Findings');
    const f = only(t, 'section/order');
    assert.equal(t.split('\n')[f.range.start.line], '## Synthesis');
    assert.match(f.message, /belongs after "Findings"/);
  });
  it('a duplicate section', () => {
    const t = VALID() + '\n## Raw Output\n\nmore\n';
    const f = only(t, 'section/duplicate');
    assert.equal(f.range.start.line, lineOf(t, '## Raw Output', 1));
  });
  it('headings inside fenced code are code, not structure', () => {
    const t = VALID() + '\n```md\n## Findings\n## Raw Output\n# Review Snapshot\n```\n';
    assert.deepEqual(rules(t), []);
  });
  it('other ## sections between the required ones are allowed', () => {
    assert.deepEqual(rules(edit(VALID(), '## Synthesis', '## Extra Notes\n\n- fine\n\n## Synthesis')), []);
  });
  it('a wrong title is a warning', () => {
    assert.equal(only(edit(VALID(), '# Review Snapshot', '# Review'), 'title/missing').severity, 'warning');
  });
});

describe('tables', () => {
  it('a wrong header is reported on the header row', () => {
    const t = edit(VALID(), '| command | status | exit_code |', '| command | status | exit code |');
    const f = only(t, 'table/header');
    const l = lineOf(t, '| command | status | exit code |');
    assert.deepEqual(at(f), [l, 0, l, '| command | status | exit code | stdout_stderr_summary |'.length]);
    assert.match(f.message, /column 3 is "exit code", expected "exit_code"/);
  });
  it('a section without a table', () => {
    const t = VALID().replace(/\| Severity \|.*\n\|---.*\n\| P2 .*\n/, 'No findings.\n');
    const f = only(t, 'table/missing');
    assert.equal(f.range.start.line, lineOf(t, '## Findings'));
  });
  it('a bare | inside backticks adds a cell: error on the row, with an escape fix', () => {
    const t = edit(VALID(), 'returned killed process (`Killed: 9`)', 'returned killed process (`a | b`)');
    const f = only(t, 'table/columns');
    assert.equal(f.range.start.line, lineOf(t, 'returned killed process (`a | b`)'));
    assert.match(f.message, /5 cells; the header has 4/);
    assert.equal(f.fixes?.[0].title, 'Escape 1 "|" inside code span');
  });
  it('code spans are read by CommonMark rules (double backticks) for the escape fix; a bare pipe outside code gets no guess', () => {
    const t = edit(VALID(), 'returned killed process (`Killed: 9`)', 'returned ``a ` | b`` and `c|d`');
    const f = only(t, 'table/columns');
    assert.equal(f.fixes?.[0].title, 'Escape 2 "|" inside code spans');
    const plain = edit(VALID(), 'returned killed process (`Killed: 9`)', 'returned a | b');
    assert.equal(only(plain, 'table/columns').fixes, undefined);
  });
  it('an escaped \\| does not split a cell', () => {
    assert.deepEqual(rules(edit(VALID(), 'returned killed process (`Killed: 9`)', 'returned killed process (`a \\| b`)')), []);
  });
  it('too few cells', () => {
    const f = only(
      edit(VALID(), '| ./scripts/local_ci_parity.sh | pass | 0 |', '| ./scripts/local_ci_parity.sh | pass |'),
      'table/columns',
    );
    assert.match(f.message, /3 cells; the header has 4/);
  });
  it('exit_code must be an integer', () => {
    const row = '| ./scripts/local_ci_parity.sh | pass | zero |';
    const t = edit(VALID(), '| ./scripts/local_ci_parity.sh | pass | 0 |', row);
    const f = only(t, 'table/exit-code');
    assert.equal(f.severity, 'error');
    const l = lineOf(t, row);
    const c = colOf(t, l, 'zero');
    assert.deepEqual(at(f), [l, c, l, c + 'zero'.length]);
  });
  it('status words and their exit codes', () => {
    const t1 = edit(VALID(), '| ./scripts/local_ci_parity.sh | pass | 0 |', '| ./scripts/local_ci_parity.sh | ok | 0 |');
    assert.equal(only(t1, 'table/status').severity, 'info');
    assert.equal(only(t1, 'table/status', { conventions: { verification: ['Verified'] } }).severity, 'warning');
    const t2 = edit(VALID(), '| ./scripts/local_ci_parity.sh | pass | 0 |', '| ./scripts/local_ci_parity.sh | pass | 137 |');
    assert.match(only(t2, 'table/status-exit').message, /SIGKILL/);
    const t3 = edit(VALID(), '| ./scripts/local_ci_parity.sh | pass | 0 |', '| ./scripts/local_ci_parity.sh | fail | 0 |');
    assert.match(only(t3, 'table/status-exit').message, /contradicts exit code 0/);
  });
  it('severity and verification values, with the allowed values in the message', () => {
    const t = edit(VALID(), '| P2 | Verified |', '| High | verified |');
    const sev = only(t, 'table/severity');
    assert.match(sev.message, /P0, P1, P2, P3.*write P1 for "High"/);
    const l = lineOf(t, '| High | verified |');
    const c = colOf(t, l, 'High');
    assert.deepEqual(at(sev), [l, c, l, c + 'High'.length]);
    assert.equal(sev.fixes?.[0].edits[0].newText, 'P1');
    const ver = only(t, 'table/verification');
    assert.match(ver.message, /Verified, Hypothesis/);
  });
  it('empty cells in required columns are warnings', () => {
    const t = edit(
      VALID(),
      '| ./scripts/local_ci_parity.sh | pass | 0 | Rust-only critical path passed including docs checks. |',
      '| ./scripts/local_ci_parity.sh | pass | 0 |  |',
    );
    const f = only(t, 'table/empty-cell');
    assert.equal(f.severity, 'warning');
    const l = lineOf(t, '| ./scripts/local_ci_parity.sh | pass | 0 |  |');
    const c = colOf(t, l, '|  |') + 1; // the blank between the last two pipes
    assert.deepEqual(at(f), [l, c, l, c + 2]);
  });
  it('conventions can be extended by the setting', () => {
    const t = edit(VALID(), '| ./scripts/local_ci_parity.sh | pass | 0 |', '| ./scripts/local_ci_parity.sh | ok | 0 |');
    assert.deepEqual(rules(t, { conventions: { statuses: { pass: ['ok'] } } }), []);
    assert.deepEqual(
      rules(VALID(), { conventions: { mode: 'replace', statuses: { pass: ['ok'], fail: ['fail'], skipped: [] } } }).filter(
        (r) => r === 'table/status',
      ).length,
      7,
    );
  });
});

describe('spec candidates', () => {
  it('a missing yaml block', () => {
    const t = VALID().replace(/```yaml\n[\s\S]*?```\n/, '');
    const f = only(t, 'candidates/block');
    assert.equal(f.range.start.line, lineOf(t, '## Spec Candidates (YAML)'));
  });
  it('a fence with another info string is named in the message', () => {
    const t = edit(VALID(), '```yaml', '```json');
    const f = only(t, 'candidates/block');
    assert.match(f.message, /"json"/);
    assert.equal(f.range.start.line, lineOf(t, '```json'));
  });
  it('YAML syntax errors at their exact line and column', () => {
    const t = edit(VALID(), '  type: contract.check', '  type: [contract.check');
    const f = findings(t)[0];
    assert.equal(f.rule, 'candidates/yaml-syntax');
    // From the line after the id to the closing fence (the second line holding ```).
    const [from, to] = [lineOf(t, '- id: SELFHEAL-RUN-001') + 1, lineOf(t, '```', 1)];
    assert.ok(f.range.start.line >= from && f.range.start.line <= to, `line ${f.range.start.line}`);
  });
  it('a bad indentation points at the offending line', () => {
    const t = edit(VALID(), '  class: MUST', ' class: MUST');
    const f = findings(t).find((x) => x.rule === 'candidates/yaml-syntax')!;
    assert.ok(f, 'a yaml-syntax finding');
    assert.equal(f.range.start.line, lineOf(t, ' class: MUST'));
  });
  it('the root must be a list', () => {
    const t = VALID().replace(/```yaml\n[\s\S]*?```/, '```yaml\nid: X\n```');
    const f = only(t, 'candidates/root');
    assert.match(f.message, /a mapping/);
    const l = lineOf(t, 'id: X');
    assert.deepEqual(at(f), [l, 0, l, 'id: X'.length]);
  });
  it('a missing key, reported on the id with a fix that appends it', () => {
    const t = edit(VALID(), '  risk: moderate\n', '');
    const f = only(t, 'candidates/missing-key');
    assert.match(f.message, /SELFHEAL-RUN-001 is missing required key: risk/);
    const l = lineOf(t, '- id: SELFHEAL-RUN-001');
    const c = colOf(t, l, 'SELFHEAL-RUN-001');
    assert.deepEqual(at(f), [l, c, l, c + 'SELFHEAL-RUN-001'.length]);
    assert.equal(f.fixes?.[0].edits[0].newText, '\n  risk: TODO');
  });
  it('key types: strings and non-empty lists of non-empty strings', () => {
    assert.match(
      only(edit(VALID(), '  class: MUST', '  class: 12'), 'candidates/key-type').message,
      /"class" must be a non-empty string \(it is a number; quote it\)/,
    );
    const t = VALID().replace(/ {2}affected_paths:\n {2}- .*\n {2}- .*\n/, '  affected_paths: []\n');
    const f = only(t, 'candidates/key-type');
    assert.match(f.message, /"affected_paths" must be a non-empty list of strings \(it is an empty list\)/);
    const l = lineOf(t, '  affected_paths: []');
    const c = colOf(t, l, '[]');
    assert.deepEqual(at(f), [l, c, l, c + 2]);
    assert.match(only(edit(VALID(), '  - /docs/book/80_troubleshooting.md', '  - ""'), 'candidates/key-type').message, /an empty string/);
  });
  it('duplicate ids are an error (labels and pending specs are keyed by id)', () => {
    const block = /- id: SELFHEAL-RUN-001\n[\s\S]*?risk: moderate\n/.exec(VALID())![0];
    const t = edit(VALID(), block, block + block);
    const f = only(t, 'candidates/duplicate-id');
    assert.equal(f.severity, 'error');
    assert.equal(f.range.start.line, lineOf(t, '- id: SELFHEAL-RUN-001', 1));
  });
  it('aliases resolve without expansion (an alias bomb is harmless)', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`,
      );
    }
    const t = VALID().replace(/```yaml\n[\s\S]*?```/, '```yaml\n' + bomb.join('\n') + '\n```');
    const t0 = cpuNow();
    const f = only(t, 'candidates/root');
    assert.ok(cpuNow() - t0 < 1000);
    assert.match(f.message, /a mapping/);
  });
});

describe('classification labels', () => {
  it('a candidate without a label: error on the candidate id, with fixes offering each allowed label', () => {
    const t = edit(VALID(), '- `SELFHEAL-RUN-001`: behavior\n', '');
    const f = only(t, 'labels/missing');
    const l = lineOf(t, '- id: SELFHEAL-RUN-001');
    const c = colOf(t, l, 'SELFHEAL-RUN-001');
    assert.deepEqual(at(f), [l, c, l, c + 'SELFHEAL-RUN-001'.length]);
    assert.deepEqual(
      f.fixes?.map((x) => x.title),
      ['Label SELFHEAL-RUN-001 as "behavior"', 'Label SELFHEAL-RUN-001 as "docs"', 'Label SELFHEAL-RUN-001 as "tooling"'],
    );
  });
  it('a label that is not allowed', () => {
    const t = edit(VALID(), '`SELFHEAL-RUN-001`: behavior', '`SELFHEAL-RUN-001`: Behaviour');
    const f = only(t, 'labels/value');
    const l = lineOf(t, '`SELFHEAL-RUN-001`: Behaviour');
    const c = colOf(t, l, 'Behaviour');
    assert.deepEqual(at(f), [l, c, l, c + 'Behaviour'.length]);
    assert.equal(f.fixes?.[0].edits[0].newText, 'behavior');
  });
  it('a label for an id no candidate has', () => {
    const t = edit(VALID(), '- `SELFHEAL-RUN-001`: behavior', '- `SELFHEAL-RUN-001`: behavior\n- `GHOST-1`: docs');
    const f = only(t, 'labels/unknown-id');
    const l = lineOf(t, '- `GHOST-1`: docs');
    const c = colOf(t, l, 'GHOST-1');
    assert.deepEqual(at(f), [l, c, l, c + 'GHOST-1'.length]);
  });
  it('duplicate labels (the same label twice)', () => {
    const t = edit(VALID(), '- `SELFHEAL-RUN-001`: behavior', '- `SELFHEAL-RUN-001`: behavior\n- SELFHEAL-RUN-001: behavior');
    const f = only(t, 'labels/duplicate');
    assert.equal(f.range.start.line, lineOf(t, '- SELFHEAL-RUN-001: behavior'));
    assert.equal(f.severity, 'warning');
  });
});

describe('markdown', () => {
  it('a fence that never closes is reported at its opening line', () => {
    const t = edit(VALID(), '## Reject / Defer List', '```\n## Reject / Defer List');
    const f = findings(t).find((x) => x.rule === 'markdown/unclosed-fence')!;
    assert.equal(f.range.start.line, lineOf(t, '## Reject / Defer List') - 1, 'the inserted fence, just above the heading');
    assert.ok(rules(t).includes('section/missing'), 'sections after it are not seen');
  });
});

describe('schema source', () => {
  const root = '/repo';
  const schemaFile = '/repo/specs/schema/review_snapshot_schema_v1.yaml';
  it('a workspace schema named in Contract baseline refs is used', () => {
    const custom = fixtureSchema().replace('- Raw Output', '- Raw Output\n- Appendix');
    const r = findings(VALID(), { root, files: { [schemaFile]: custom } });
    assert.deepEqual(
      r.map((f) => f.rule),
      ['section/missing'],
    );
    assert.match(r[0].message, /Appendix/);
  });
  it('a malformed schema gives one diagnostic on the ref line and the bundled schema is used', () => {
    const v = VALID();
    const r = findings(v, { root, files: { [schemaFile]: 'required_metadata: [Date\n' } });
    assert.deepEqual(
      r.map((f) => f.rule),
      ['schema/unreadable'],
    );
    const ref = '/specs/schema/review_snapshot_schema_v1.yaml';
    const l = lineOf(v, ref);
    const c = colOf(v, l, ref);
    assert.deepEqual(at(r[0]), [l, c, l, c + ref.length]);
    assert.match(r[0].message, /YAML error/);
  });
  it('a schema of the wrong shape names the field', () => {
    const r = findings(VALID(), { root, files: { [schemaFile]: fixtureSchema().replace('required_sections:', 'required_sectionz:') } });
    assert.match(r[0].message, /required_sections/);
  });
  it('a missing schema file is reported on the ref line', () => {
    const r = findings(VALID(), { root, files: {} });
    assert.deepEqual(
      r.map((f) => f.rule),
      ['schema/unreadable'],
    );
    assert.match(r[0].message, /file not found/);
  });
  it('the schemaPath setting wins over the refs', () => {
    const custom = fixtureSchema().replace('- Raw Output', '- Raw Output\n- Appendix');
    const r = findings(VALID(), {
      root,
      schemaPath: 'other/s.yaml',
      files: { [schemaFile]: fixtureSchema(), '/repo/other/s.yaml': custom },
    });
    assert.deepEqual(
      r.map((f) => f.rule),
      ['section/missing'],
    );
  });
});

function fixtureSchema(): string {
  // The bundled schema file is the contract's own.
  return fs.readFileSync(path.join(process.cwd(), 'server/src/schema/review_snapshot_schema_v1.yaml'), 'utf8');
}
