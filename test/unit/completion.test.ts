// Completion: what the list holds at a position, as a user would see it, at cursor markers.
import * as assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, edit, VALID } from '../support/engine';
import { triggerMayComplete } from '../../server/src/service/features/completion';
import { authoring, CURSOR, withCursor } from '../support/authoring';

/** The list at the marker (with the trigger character that opened it, if any). */
function listAt(marked: string, opts: Parameters<typeof authoring>[1] & { trigger?: string } = {}) {
  const { text, pos } = withCursor(marked);
  const a = authoring(text, opts);
  const list = a.service.completion(a.result, a.req, { position: pos, trigger: opts.trigger });
  return { ...a, pos, items: list.items };
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

/** The text after accepting an item (its snippet placeholders as their defaults, empty ones as `fill`). */
function accept(text: string, item: CompletionItem, fill = ''): string {
  const e = item.textEdit as TextEdit;
  const plain = e.newText
    .replace(/\$\{\d+\|([^,|}]*)(?:,[^,|}]*)*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{[1-9]\d*\}|\$[1-9]\d*/g, fill)
    .replace(/\$\{?0\}?/g, '')
    .replace(/\\([\\$}|,])/g, '$1');
  return applyEdits(text, [{ range: e.range, newText: plain }]);
}

describe('completion', () => {
  describe('metadata', () => {
    const without = (t: string, ...keys: string[]) => keys.reduce((x, k) => x.replace(new RegExp(`^${k}:.*\\n`, 'm'), ''), t);

    it('offers the keys not yet written, in the contract order, each with a value hint', () => {
      const text = without(VALID(), 'Date', 'Runner lane');
      const { items } = listAt(edit(text, 'Model: gpt-5-codex\n', `Model: gpt-5-codex\n${CURSOR}\n`));
      assert.deepEqual(labels(items), ['Date', 'Runner lane']);
      const date = items[0];
      assert.match((date.textEdit as TextEdit).newText, /^Date: \$\{1:2026-11-24\}$/, 'today as the hint');
      assert.match((items[1].textEdit as TextEdit).newText, /rust\\\|required/, 'the conventional lanes as a choice');
    });

    it('Contract baseline refs gets the schema path as its first bullet; Date after its colon gets today', () => {
      const text = without(VALID(), 'Contract baseline refs').replace(/^- \/specs.*\n/gm, '');
      const { items, text: t } = listAt(edit(text, 'Runner lane:', `${CURSOR}\nRunner lane:`));
      const refs = items.find((i) => i.label === 'Contract baseline refs')!;
      assert.match(accept(t, refs), /^Contract baseline refs:\n- \/specs\/schema\/review_snapshot_schema_v1\.yaml$/m);
      const date = listAt(edit(VALID(), 'Date: 2026-02-19', `Date: ${CURSOR}`));
      assert.deepEqual(labels(date.items), ['2026-11-24']);
    });

    it('Repo revision: the HEAD read from .git (a branch ref, then packed-refs); no hint without a repository', () => {
      const sha = 'abc1234def5678abc1234def5678abc1234def56';
      const marked = edit(VALID(), 'Repo revision: 7ea2a63', `Repo revision: ${CURSOR}`);
      const loose = listAt(marked, { files: { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': sha + '\n' } });
      assert.deepEqual(labels(loose.items), ['abc1234']);
      const packed = listAt(marked, { files: { '.git/HEAD': 'ref: refs/heads/x\n', '.git/packed-refs': `# pack\n${sha} refs/heads/x\n` } });
      assert.deepEqual(labels(packed.items), ['abc1234']);
      const climbing = listAt(marked, { files: { '.git/HEAD': 'ref: refs/../../etc/passwd\n' } });
      assert.deepEqual(labels(climbing.items), []);
      assert.deepEqual(labels(listAt(marked).items), []);
    });

    it('Runner lane values come from the conventions', () => {
      const { items } = listAt(edit(VALID(), 'Runner lane: rust|required', `Runner lane: ${CURSOR}`));
      assert.deepEqual(labels(items), ['rust|required', 'python|compatibility', 'php|compatibility', 'mixed']);
    });

    it('a Contract baseline refs bullet completes repository paths', () => {
      const { items } = listAt(edit(VALID(), '- /specs/governance/check_sets_v1.yaml', `- /specs/${CURSOR}`), {
        files: { 'specs/contract/x.md': 'x' },
      });
      assert.deepEqual(labels(items).sort(), ['contract/', 'governance/', 'schema/']);
    });
  });

  describe('section headings', () => {
    it('offers the missing sections, the next one in order first, with its table header', () => {
      const text = VALID().replace(/## Findings\n[\s\S]*?(?=## Synthesis)/, '');
      const { items, text: t } = listAt(edit(text, '## Synthesis', `## ${CURSOR}\n\n## Synthesis`), { trigger: ' ' });
      assert.deepEqual(labels(items), ['## Findings']);
      assert.equal(items[0].preselect, true);
      const accepted = accept(t, items[0]);
      assert.match(
        accepted,
        /## Findings\n\n\| Severity \| Verified\/Hypothesis \| File:Line \| What \| Why \| When \| Proposed fix \|\n\|---\|/,
      );
    });

    it('the section that belongs at the cursor is preselected among several missing', () => {
      const text = VALID()
        .replace(/## Synthesis\n[\s\S]*?(?=## Spec Candidates)/, '')
        .replace(/## Raw Output\n[\s\S]*$/, '');
      const { items } = listAt(text.replace('## Spec Candidates (YAML)', `##${CURSOR}\n\n## Spec Candidates (YAML)`));
      assert.deepEqual(labels(items), ['## Synthesis', '## Raw Output']);
      assert.equal(items.find((i) => i.preselect)?.label, '## Synthesis');
    });

    it('in prose, a typed space offers nothing', () => {
      const { items } = listAt(edit(VALID(), '- North-star:', `- North ${CURSOR}star:`), { trigger: ' ' });
      assert.deepEqual(items, []);
    });
  });

  describe('table cells', () => {
    const logRow = (cells: string) =>
      edit(VALID(), '| ./scripts/local_ci_parity.sh | pass | 0 |', `| ./scripts/local_ci_parity.sh | ${cells}`);

    it('status: the conventional statuses; exit_code: consistent with the row status', () => {
      assert.deepEqual(labels(listAt(logRow(`${CURSOR}`), { trigger: ' ' }).items), ['pass', 'success', 'fail', 'failure', 'skipped']);
      assert.deepEqual(labels(listAt(logRow(`pass | ${CURSOR}`)).items), ['0']);
      const failing = listAt(logRow(`fail | ${CURSOR}`)).items;
      assert.ok(labels(failing).includes('137') && !labels(failing).includes('0'));
      assert.match(failing.find((i) => i.label === '137')!.detail!, /SIGKILL/);
      assert.deepEqual(labels(listAt(logRow(`skipped | ${CURSOR}`)).items), ['-']);
    });

    it('right after a pipe the value gets its blank', () => {
      const { items, text } = listAt(logRow(`|${CURSOR}`).replace('| |', '|'), { trigger: '|' });
      const accepted = accept(text, items[0]);
      assert.match(accepted, /\| \.\/scripts\/local_ci_parity\.sh \| pass/);
    });

    it('Severity: P0–P3 with their meaning; Verified/Hypothesis', () => {
      const sev = listAt(edit(VALID(), '| P2 | Verified |', `| ${CURSOR} | Verified |`)).items;
      assert.deepEqual(labels(sev), ['P0', 'P1', 'P2', 'P3']);
      assert.match(sev[0].detail!, /critical/);
      const ver = listAt(edit(VALID(), '| P2 | Verified |', `| P2 | ${CURSOR} |`)).items;
      assert.deepEqual(labels(ver), ['Verified', 'Hypothesis']);
    });

    it('File:Line: repository paths one folder at a time, then the lines of the file with their text', () => {
      const cell = (typed: string) => edit(VALID(), 'dc%2Drunner%2Drust/runner_adapter.sh:138', `${typed}${CURSOR}`);
      const top = listAt(cell('')).items;
      assert.ok(labels(top).includes('src/') && labels(top).includes('docs/') && !labels(top).includes('.git/'));
      const src = listAt(cell('src/')).items;
      assert.deepEqual(labels(src), ['a.ts']);
      assert.equal((src[0].textEdit as TextEdit).newText, 'a.ts:', 'a file asks for its line');
      const lines = listAt(cell('src/a.ts:')).items;
      assert.deepEqual(labels(lines), ['1', '2', '3', '4']);
      assert.equal(lines[2].detail, 'export const three = 3;');
      assert.deepEqual(labels(listAt(cell('../')).items), [], 'nothing outside the folder');
    });
  });

  describe('candidates YAML', () => {
    it('keys the item lacks, in schema order; values of type/class/risk from the conventions', () => {
      const text = edit(VALID(), '  risk: moderate\n', `  ${CURSOR}\n`).replace('  class: MUST\n', '');
      const { items } = listAt(text);
      assert.deepEqual(labels(items), ['class', 'risk']);
      assert.match((items[1].textEdit as TextEdit).newText, /^risk: \$\{1\|low,moderate,medium,high\|\}$/);
      const risk = listAt(edit(VALID(), '  risk: moderate', `  risk: ${CURSOR}`)).items;
      assert.deepEqual(labels(risk), ['low', 'moderate', 'medium', 'high']);
      const type = listAt(edit(VALID(), '  type: contract.check', `  type: con${CURSOR}`)).items;
      assert.ok(labels(type).includes('contract.check'));
    });

    it('affected_paths items complete repository paths', () => {
      const { items } = listAt(edit(VALID(), '  - /docs/book/80_troubleshooting.md', `  - /docs/${CURSOR}`));
      assert.deepEqual(labels(items).sort(), ['book/', 'reviews/']);
    });

    it('a new item carries every required key and a fresh id in the snapshot pattern, and stays valid YAML', () => {
      const { items, text } = listAt(edit(VALID(), '  risk: moderate\n', `  risk: moderate\n-${CURSOR}\n`), { trigger: '-' });
      assert.equal(items.length, 1);
      assert.equal(items[0].label, '- id: SELFHEAL-RUN-002');
      const accepted = accept(text, items[0], 'TODO');
      const a = authoring(accepted);
      assert.deepEqual(
        a.result.findings.filter((f) => f.rule.startsWith('candidates/')).map((f) => f.rule),
        [],
      );
      assert.match(accepted, /- id: SELFHEAL-RUN-002\n {2}title: TODO\n {2}type: contract\.check/);
    });

    it('with no candidate yet, the fresh id comes from the file name', () => {
      const empty = VALID()
        .replace(/```yaml\n[\s\S]*?```/, '```yaml\n' + CURSOR + '\n```')
        .replace(/- `SELFHEAL-RUN-001`: behavior\n/, '');
      const { items } = listAt(empty);
      assert.equal(items[0].label, '- id: SELF-HEAL-RUN-001');
    });
  });

  describe('classification labels', () => {
    const twoCandidates = () =>
      edit(
        VALID(),
        '  risk: moderate\n',
        '  risk: moderate\n- id: SELFHEAL-RUN-002\n  title: t\n  type: docs\n  class: docs\n  target_area: a\n  acceptance_criteria:\n  - c\n  affected_paths:\n  - /src/a.ts\n  risk: low\n',
      );

    it('after - ` the unlabelled ids come first, then the labelled ones; the item continues with a choice of the labels', () => {
      const marked = edit(twoCandidates(), '- `SELFHEAL-RUN-001`: behavior\n', '- `SELFHEAL-RUN-001`: behavior\n- `' + CURSOR + '\n');
      const { items, text } = listAt(marked, { trigger: '`' });
      assert.deepEqual(labels(items), ['SELFHEAL-RUN-002', 'SELFHEAL-RUN-001']);
      assert.equal(items[0].detail, 'no label yet');
      // The allowed labels as the snippet's choice: the editor lists them alone. Opening the
      // list again (editor.action.triggerSuggest) would ask every provider, Markdown's snippets too.
      assert.equal(items[0].command, undefined, 'no list opened again');
      assert.equal((items[0].textEdit as TextEdit).newText, '`SELFHEAL-RUN-002`: ${1|behavior,docs,tooling|}');
      assert.match(accept(text, items[0]), /^- `SELFHEAL-RUN-002`: behavior$/m);
    });

    it('after the colon: the allowed labels with their meaning', () => {
      const { items } = listAt(edit(VALID(), '- `SELFHEAL-RUN-001`: behavior', '- `SELFHEAL-RUN-001`:' + CURSOR), { trigger: ':' });
      assert.deepEqual(labels(items), ['behavior', 'docs', 'tooling']);
      assert.equal((items[1].textEdit as TextEdit).newText, ' docs', 'a blank after the colon');
      assert.match((items[0].documentation as { value: string }).value, /what the product does/);
    });
  });

  it('a space or a dash typed in prose is turned away from the line alone (no check of the new version)', () => {
    assert.equal(triggerMayComplete('- North star and', ' '), false);
    assert.equal(triggerMayComplete('well-', '-'), false);
    for (const before of ['## ', '- ', '| P2 | ', 'Runner lane: ', '- `X-1`: ']) {
      assert.equal(triggerMayComplete(before, ' '), true, before);
    }
    assert.equal(triggerMayComplete('  -', '-'), true);
    assert.equal(triggerMayComplete('anything', undefined), true);
    assert.equal(triggerMayComplete('src/', '/'), true);
  });

  describe('positions where nothing belongs', () => {
    it('past the end, inside another fenced block, in Raw Output prose: empty', () => {
      const a = authoring(VALID());
      const past = a.service.completion(a.result, a.req, { position: { line: 9999, character: 0 } });
      assert.deepEqual(past.items, []);
      const wide = a.service.completion(a.result, a.req, { position: { line: 0, character: 500 } });
      assert.deepEqual(wide.items, []);
      const fenced = VALID().replace('## Raw Output\n', '## Raw Output\n\n```text\n| P2 | ' + CURSOR + '\n```\n');
      assert.deepEqual(listAt(fenced, { trigger: ' ' }).items, []);
      assert.deepEqual(listAt(VALID().replace('baseline completed', `baseline ${CURSOR}`), { trigger: ' ' }).items, []);
    });

    it('in a broken table row (more cells than the header): empty, no error', () => {
      const broken = edit(VALID(), '| P2 | Verified |', '| P2 | Verified | x | x | x | x | x | x | ' + CURSOR + ' |');
      assert.deepEqual(listAt(broken, { trigger: ' ' }).items, []);
    });
  });
});
