// Candidate ids as names: definition, references, highlights, rename (and its refusals), and the
// same from a pending spec — at positions found in the text.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { DocumentHighlightKind, type Location, type TextEdit } from 'vscode-languageserver-types';
import { applyEdits, edit, VALID } from '../support/engine';
import { abs, authoring, PENDING_REL, posOf, uriOf, SNAPSHOT_REL } from '../support/authoring';

const ID = 'SELFHEAL-RUN-001';
/** The fixture with the id mentioned in Synthesis and in the Reject / Defer List. */
const MENTIONED = () =>
  edit(
    edit(VALID(), '- Top risks:', `- Top risks (see ${ID}):`),
    '  revisit_trigger: reproducible failing fixture for adapter kill behavior',
    `  revisit_trigger: reproducible failing fixture for adapter kill behavior; unblocks ${ID}.`,
  );
const PENDING_YAML = `id: CK-REVIEW-20260219\ntitle: Review-Derived Spec Candidates\npriority: P1\nsource_snapshot: ${SNAPSHOT_REL}\ncandidates:\n  - id: ${ID}\n    title: Improve it\n`;
const PENDING_MD_REL = 'specs/governance/pending/2026-02-19_self-heal-run-pending.md';
const PENDING_MD = `# Review-Derived Spec Candidates\n\nSource snapshot: \`${SNAPSHOT_REL}\`\n\n## Canonical Candidates\n\n### ${ID}\n\n- title: Improve it\n`;

const lines = (text: string, locs: Location[]) => locs.map((l) => text.split('\n')[l.range.start.line].trim());

describe('candidate ids as names', () => {
  it('go to definition from a label and from mentions in Synthesis and Reject / Defer lands on the candidate', () => {
    const a = authoring(MENTIONED());
    const def = posOf(a.text, `- id: ${ID}`, '- id: '.length);
    for (const [needle, nth] of [
      [`\`${ID}\`: behavior`, 0],
      [`(see ${ID})`, 0],
      [`unblocks ${ID}`, 0],
    ] as const) {
      const at = posOf(a.text, needle, needle.indexOf(ID) + 2, nth);
      const locs = a.service.definition(a.result, at, a.req);
      assert.deepEqual(
        locs.map((l) => l.range.start),
        [def],
        needle,
      );
      assert.equal(locs[0].uri, a.req.uri);
    }
  });

  it('references: the candidate, its label, its mentions and the pending specs that carry it', () => {
    const a = authoring(MENTIONED(), { files: { [PENDING_REL]: PENDING_YAML, [PENDING_MD_REL]: PENDING_MD } });
    const at = posOf(a.text, `\`${ID}\``, 2);
    const refs = a.service.references(a.result, at, a.req, true);
    const here = refs.filter((r) => r.uri === a.req.uri);
    assert.deepEqual(lines(a.text, here), [
      `- id: ${ID}`,
      `- \`${ID}\`: behavior`,
      `- Top risks (see ${ID}):`,
      `revisit_trigger: reproducible failing fixture for adapter kill behavior; unblocks ${ID}.`,
    ]);
    assert.deepEqual(
      refs
        .filter((r) => r.uri !== a.req.uri)
        .map((r) => r.uri)
        .sort(),
      [uriOf(PENDING_MD_REL), uriOf(PENDING_REL)],
    );
    const withoutDecl = a.service.references(a.result, at, a.req, false);
    assert.equal(withoutDecl.length, refs.length - 1);
  });

  it('document highlights: the definition is written, the label read, mentions text', () => {
    const a = authoring(MENTIONED());
    const hl = a.service.highlights(a.result, posOf(a.text, `- id: ${ID}`, 8));
    assert.deepEqual(
      hl.map((h) => h.kind),
      [DocumentHighlightKind.Write, DocumentHighlightKind.Read, DocumentHighlightKind.Text, DocumentHighlightKind.Text],
    );
  });

  it('rename: one edit across the YAML, the label, the mentions and the pending specs; the snapshot stays valid', () => {
    const a = authoring(MENTIONED(), { files: { [PENDING_REL]: PENDING_YAML, [PENDING_MD_REL]: PENDING_MD } });
    const at = posOf(a.text, `\`${ID}\``, 3);
    const prep = a.service.prepareRename(a.result, at);
    assert.equal(prep?.placeholder, ID);
    const out = a.service.rename(a.result, at, 'SELFHEAL-RUN-042', a.req);
    assert.ok(out && 'edit' in out);
    const changes = out.edit.changes!;
    const after = applyEdits(a.text, changes[a.req.uri]);
    assert.equal(after.split(ID).length, 1, 'no old id left');
    assert.equal(after.split('SELFHEAL-RUN-042').length - 1, 4);
    assert.deepEqual(
      authoring(after).result.findings.map((f) => f.rule),
      a.result.findings.map((f) => f.rule),
      'no new finding',
    );
    assert.equal(parse(applyEdits(PENDING_YAML, changes[uriOf(PENDING_REL)] as TextEdit[])).candidates[0].id, 'SELFHEAL-RUN-042');
    assert.match(applyEdits(PENDING_MD, changes[uriOf(PENDING_MD_REL)] as TextEdit[]), /^### SELFHEAL-RUN-042$/m);
  });

  it('a quoted id is renamed inside its quotes', () => {
    const a = authoring(edit(VALID(), `- id: ${ID}`, `- id: "${ID}"`));
    const out = a.service.rename(a.result, posOf(a.text, `"${ID}"`, 2), 'NEW-1', a.req);
    assert.ok(out && 'edit' in out);
    assert.match(applyEdits(a.text, out.edit.changes![a.req.uri]), /- id: "NEW-1"/);
  });

  it('refuses a new id that is taken or malformed, with the reason', () => {
    const second = edit(VALID(), '  risk: moderate\n', '  risk: moderate\n- id: OTHER-1\n  title: t\n');
    const a = authoring(second, {
      index: true,
      files: { 'docs/reviews/snapshots/2026-03-01_other.md': VALID().replace(new RegExp(ID, 'g'), 'ELSEWHERE-7') },
    });
    const at = posOf(a.text, `- id: ${ID}`, 8);
    const refused = (name: string) => {
      const r = a.service.rename(a.result, at, name, a.req);
      assert.ok(r && 'error' in r, `${name} is refused`);
      return r.error;
    };
    assert.match(refused('OTHER-1'), /already the id of a candidate in this snapshot \(line \d+\)/);
    assert.match(refused('ELSEWHERE-7'), /already the id of a candidate in docs\/reviews\/snapshots\/2026-03-01_other\.md/);
    assert.match(refused('has space'), /cannot be a candidate id/);
    assert.match(refused('tick`'), /cannot be a candidate id/);
    const same = a.service.rename(a.result, at, ID, a.req);
    assert.deepEqual(same, { edit: { changes: {} } });
  });

  it('nothing to follow where no candidate id is: prose, past the end, an unknown label id', () => {
    const a = authoring(edit(VALID(), '- `SELFHEAL-RUN-001`: behavior', '- `SELFHEAL-RUN-001`: behavior\n- `NOPE-1`: docs'));
    for (const pos of [posOf(a.text, 'North-star', 2), { line: 9999, character: 0 }, posOf(a.text, 'NOPE-1', 1)]) {
      assert.deepEqual(a.service.definition(a.result, pos, a.req), []);
      assert.deepEqual(a.service.references(a.result, pos, a.req, true), []);
      assert.deepEqual(a.service.highlights(a.result, pos), []);
      assert.equal(a.service.prepareRename(a.result, pos), null);
      assert.equal(a.service.rename(a.result, pos, 'X-1', a.req), undefined);
    }
  });

  it('from a pending spec: the id there names its source snapshot, and leads to the candidate', () => {
    const a = authoring(VALID(), { index: true, files: { [PENDING_REL]: PENDING_YAML } });
    const at = posOf(PENDING_YAML, `- id: ${ID}`, 8);
    const hit = a.service.pendingIdAt(PENDING_YAML, abs(PENDING_REL), at, a.req.root);
    assert.equal(hit?.id, ID);
    assert.equal(hit?.snapshot, abs(SNAPSHOT_REL));
    const byId = a.service.byId(a.result, hit!.id, a.req);
    assert.equal(byId.definition()[0].range.start.line, posOf(a.text, `- id: ${ID}`).line);
    assert.equal(a.service.pendingIdAt(PENDING_YAML, abs(PENDING_REL), { line: 0, character: 1 }, a.req.root), undefined);
  });
});
