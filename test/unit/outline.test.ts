// The snapshot's outline (document symbols), folding ranges, code lenses and hovers, as a user
// sees them in the Outline, the gutter, above each candidate and on hover.
import * as assert from 'node:assert/strict';
import type { DocumentSymbol, Hover, Range, TextEdit } from 'vscode-languageserver-types';
import { containsPosition } from '../../server/src/service/model/text';
import { applyEdits, edit, VALID } from '../support/engine';
import { authoring, PENDING_REL, posOf, SNAPSHOT_REL, uriOf } from '../support/authoring';

const ID = 'SELFHEAL-RUN-001';
const inside = (outer: Range, inner: Range) => containsPosition(outer, inner.start) && containsPosition(outer, inner.end);
const valueOf = (h: Hover | undefined) => (h?.contents as { value: string } | undefined)?.value ?? '';

/** Every symbol: a name, its selection inside its range, its children inside it. */
function checkTree(symbols: DocumentSymbol[]): void {
  for (const s of symbols) {
    assert.ok(s.name.trim(), 'a name');
    assert.ok(inside(s.range, s.selectionRange), `${s.name}: selection inside range`);
    for (const c of s.children ?? []) assert.ok(inside(s.range, c.range), `${c.name} inside ${s.name}`);
    checkTree(s.children ?? []);
  }
}

const MORE_FINDINGS = () =>
  edit(
    VALID(),
    /(\| P2 \| Verified .*\n)/,
    '$1| P0 | Verified | src/a.ts:3 | Crash. | w | n | f |\n| P2 | Hypothesis | src/a.ts:1 | Noise. | w | n | f |\n|  | Verified |  |  | w | n | f |\n',
  );

describe('outline, folding, lenses, hovers', () => {
  describe('document symbols', () => {
    it('the metadata, then each section; gates, findings by severity, candidates with their label', () => {
      const a = authoring(MORE_FINDINGS());
      const symbols = a.service.documentSymbols(a.result);
      checkTree(symbols);
      assert.deepEqual(
        symbols.map((s) => s.name),
        [
          'Metadata',
          'Scope Notes',
          'Command Execution Log',
          'Findings',
          'Synthesis',
          'Spec Candidates (YAML)',
          'Classification Labels',
          'Reject / Defer List',
          'Raw Output',
        ],
      );
      const byName = (n: string) => symbols.find((s) => s.name === n)!;
      assert.equal(byName('Metadata').children!.length, 7);
      assert.equal(byName('Command Execution Log').children!.length, 8);
      assert.equal(byName('Command Execution Log').children![1].detail, 'fail · 137');
      const findings = byName('Findings');
      assert.equal(findings.detail, '4 findings');
      assert.deepEqual(
        findings.children!.map((g) => [g.name, g.children!.map((c) => c.name)]),
        [
          ['P0', ['src/a.ts:3']],
          // An external cite reads as written for people: decoded, not percent-encoded.
          ['P2', ['dc-runner-rust/runner_adapter.sh:138', 'src/a.ts:1']],
          ['(no severity)', ['(no File:Line)']],
        ],
      );
      const cand = byName('Spec Candidates (YAML)').children!;
      assert.deepEqual(
        cand.map((c) => [c.name, c.detail]),
        [[`${ID} — Improve rust governance command failure diagnostics and retry behavior`, 'behavior']],
      );
      assert.equal(cand[0].selectionRange.start.line, posOf(a.text, `- id: ${ID}`).line);
    });

    it('a big table lists its first rows by name, the rest as one symbol that covers them', () => {
      const rows = Array.from({ length: 250 }, (_, i) => `| P3 | Verified | src/a.ts:${(i % 4) + 1} | w${i} | y | n | f |`).join('\n');
      const a = authoring(edit(VALID(), /(\| P2 \| Verified .*\n)/, `$1${rows}\n`));
      const symbols = a.service.documentSymbols(a.result);
      checkTree(symbols);
      const p3 = symbols.find((s) => s.name === 'Findings')!.children!.find((g) => g.name === 'P3')!;
      assert.match(p3.detail!, /^250 findings/);
      assert.equal(p3.children!.length, 201);
      assert.equal(p3.children![200].name, '… and 50 more P3 findings');
      assert.equal(p3.children![200].range.end.line, posOf(a.text, '| w249 |').line);
    });

    it('a snapshot in pieces still gives a valid tree', () => {
      const pieces = [
        '# Review Snapshot\n',
        '## Findings\n\n| Severity |\n|---|\n| |\n',
        VALID().slice(0, 900),
        VALID().replace('```\n\n## Classification', '\n## Classification'),
      ];
      for (const t of pieces) checkTree(authoring(t).service.documentSymbols(authoring(t).result));
    });
  });

  it('folding: the metadata block, each table, each candidate and Raw Output', () => {
    const a = authoring(VALID());
    const folds = a.service.foldingRanges(a.result).map((f) => [a.text.split('\n')[f.startLine], a.text.split('\n')[f.endLine]]);
    assert.deepEqual(folds, [
      ['Date: 2026-02-19', 'Runner lane: rust|required'],
      ['| command | status | exit_code | stdout_stderr_summary |', a.text.split('\n')[posOf(a.text, 'review_to_pending').line]],
      [
        '| Severity | Verified/Hypothesis | File:Line | What | Why | When | Proposed fix |',
        a.text.split('\n')[posOf(a.text, '| P2 |').line],
      ],
      [`- id: ${ID}`, '  risk: moderate'],
      ['## Raw Output', a.text.trimEnd().split('\n').at(-1)],
    ]);
  });

  describe('code lenses', () => {
    it('each candidate: its label (choices carry their edits) and whether a pending spec carries it', () => {
      const a = authoring(VALID());
      const [label, pending] = a.service.codeLenses(a.result, a.req);
      assert.equal(label.command?.title, 'label: behavior');
      const args = label.command!.arguments![0] as { version: number; choices: { label: string; edits: TextEdit[] }[] };
      assert.equal(args.version, 1);
      assert.deepEqual(
        args.choices.map((c) => c.label),
        ['docs', 'tooling'],
      );
      assert.match(applyEdits(a.text, args.choices[0].edits), /^- `SELFHEAL-RUN-001`: docs$/m);
      assert.equal(pending.command?.title, 'pending spec: no — create');
      assert.deepEqual(pending.command?.arguments, [a.req.uri, [ID]]);
      const withSpec = authoring(VALID(), { files: { [PENDING_REL]: `source_snapshot: ${SNAPSHOT_REL}\ncandidates:\n  - id: ${ID}\n` } });
      const yes = withSpec.service.codeLenses(withSpec.result, withSpec.req)[1];
      assert.equal(yes.command?.title, 'pending spec: yes');
      assert.equal((yes.command?.arguments?.[0] as { uri: string }).uri, uriOf(PENDING_REL));
    });

    it('an unlabelled candidate: label none, each allowed label inserts its line', () => {
      const a = authoring(VALID().replace('- `SELFHEAL-RUN-001`: behavior\n', ''));
      const [label] = a.service.codeLenses(a.result, a.req);
      assert.equal(label.command?.title, 'label: none');
      const choices = (label.command!.arguments![0] as { choices: { label: string; edits: TextEdit[] }[] }).choices;
      assert.deepEqual(
        choices.map((c) => c.label),
        ['behavior', 'docs', 'tooling'],
      );
      const after = applyEdits(a.text, choices[2].edits);
      assert.match(after, /^- `SELFHEAL-RUN-001`: tooling$/m);
      assert.deepEqual(authoring(after).result.findings, []);
    });
  });

  describe('hovers', () => {
    it('a candidate id: title, label, target area, risk, and the pending spec with a link', () => {
      const a = authoring(VALID(), { files: { [PENDING_REL]: `candidates:\n  - id: ${ID}\n` } });
      const h = valueOf(a.service.hover(a.result, posOf(a.text, `\`${ID}\``, 3), a.req));
      assert.match(h, /\*\*SELFHEAL\\-RUN\\-001\*\* — Improve rust governance/);
      assert.match(h, /label: behavior · target area: runtime\\\.adapter · risk: moderate/);
      assert.match(h, new RegExp(`pending spec: \\[.*\\]\\(${uriOf(PENDING_REL).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#L2\\)`));
    });

    it('a File:Line cell: the cited line with a few around it, fenced in the file language, numbered, the cited line marked', () => {
      const a = authoring(edit(VALID(), 'dc%2Drunner%2Drust/runner_adapter.sh:138', 'src/a.ts:3'));
      const h = valueOf(a.service.hover(a.result, posOf(a.text, 'src/a.ts:3', 2), a.req));
      assert.match(h, /`src\/a\.ts` — line 3 \(showing 1–4 of 4\)/);
      // Numbered, the cited line marked: the reader sees which line the finding means.
      assert.match(h, /```typescript\n {2}1 \| export const one = 1;\n[\s\S]*^> 3 \| export const three = 3;\n {2}4 \| [\s\S]*```$/m);
    });

    it('a metadata key and a section heading: what the schema requires of them; a label: its meaning', () => {
      const a = authoring(VALID());
      assert.match(valueOf(a.service.hover(a.result, posOf(a.text, 'Runner lane:', 1), a.req)), /required metadata key 7 of 7/);
      const findings = valueOf(a.service.hover(a.result, posOf(a.text, '## Findings', 4), a.req));
      assert.match(findings, /required section 3 of 8, after Command Execution Log, before Synthesis/);
      assert.match(findings, /\| Severity \| Verified\/Hypothesis \|/);
      const label = valueOf(a.service.hover(a.result, posOf(a.text, '`: behavior', 4), a.req));
      assert.match(label, /behavior.*changes what the product does/);
    });

    it('text from the document is escaped: no link, image or HTML survives', () => {
      const evil = 'x [click](https://evil.example) ![img](https://evil.example/i.png) <img src=x onerror=alert(1)>';
      const a = authoring(
        edit(VALID(), 'title: Improve rust governance command failure diagnostics and retry behavior', `title: "${evil}"`),
      );
      const h = valueOf(a.service.hover(a.result, posOf(a.text, `- id: ${ID}`, 8), a.req));
      assert.doesNotMatch(h, /(?<!\\)\]\(/, 'no link or image');
      assert.doesNotMatch(h, /(?<!\\)<img/, 'no HTML');
      assert.match(h, /\\\[click\\\]\\\(https/);
    });

    it('nothing where nothing is explained, or past the end', () => {
      const a = authoring(VALID());
      assert.equal(a.service.hover(a.result, posOf(a.text, 'North-star', 2), a.req), undefined);
      assert.equal(a.service.hover(a.result, { line: 9999, character: 3 }, a.req), undefined);
    });
  });
});
