// The bundled server as a child process over stdio: what an editor sees.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parse } from 'yaml';
import type { CodeAction, Diagnostic, DocumentLink, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { GatesRequest, PendingRequest, RecordResultsRequest } from '../../server/src/protocol';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, SCHEMA_TEXT, TempWorkspace, VALID_TEXT } from '../support/workspace';
import { applyEdits, colOf, lineOf } from '../support/engine';

const codes = (d: Diagnostic[]) => d.map((x) => x.code).sort();

describe('language server over stdio', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let lsp: LspSession;

  beforeEach(async () => {
    ws = new TempWorkspace().withExampleRepo();
    lsp = await LspSession.start({ folders: [ws.root] });
  });
  afterEach(async () => {
    await lsp.stop();
    ws.dispose();
  });

  it('advertises incremental sync, quick fixes and fix-all, links and hover; pending is a custom request, not a command', () => {
    const c = lsp.capabilities;
    assert.deepEqual(c.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual((c.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.reviewSnapshot']);
    assert.ok(c.documentLinkProvider);
    assert.ok(c.hoverProvider);
    assert.equal(c.executeCommandProvider, undefined);
  });

  it('a change that breaks the snapshot yields the diagnostic at its range; the change that fixes it clears it', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT);
    assert.deepEqual((await lsp.diagnosticsFor(uri, 1)).diagnostics, []);
    // Delete the "Model: gpt-5-codex" line.
    const model = lineOf(VALID_TEXT, 'Model: gpt-5-codex');
    const cut = { start: { line: model, character: 0 }, end: { line: model + 1, character: 0 } };
    const v2 = lsp.change(uri, [{ range: cut, text: '' }]);
    const d2 = (await lsp.diagnosticsFor(uri, v2)).diagnostics;
    assert.deepEqual(codes(d2), ['metadata/missing']);
    // On the "Prompt" key, which now stands where "Model" was.
    const prompt = lineOf(applyEdits(VALID_TEXT, [{ range: cut, newText: '' }]), 'Prompt:');
    assert.deepEqual(d2[0].range, { start: { line: prompt, character: 0 }, end: { line: prompt, character: 'Prompt'.length } });
    assert.equal(d2[0].source, 'review-snapshot');
    assert.equal(d2[0].severity, 1);
    // The rule id links to its page, shipped beside the server bundle.
    const href = d2[0].codeDescription?.href ?? '';
    assert.match(href, /^file:\/\/.*\/docs\/rules\/metadata\/missing\.md$/);
    assert.ok(fs.existsSync(new URL(href)), href);
    const v3 = lsp.change(uri, [
      { range: { start: { line: prompt, character: 0 }, end: { line: prompt, character: 0 } }, text: 'Model: gpt-5-codex\n' },
    ]);
    assert.deepEqual((await lsp.diagnosticsFor(uri, v3)).diagnostics, []);
  });

  it('renaming a section heading reports it missing where it belongs', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT);
    await lsp.diagnosticsFor(uri, 1);
    const synth = lineOf(VALID_TEXT, '## Synthesis');
    const word = colOf(VALID_TEXT, synth, 'Synthesis');
    const range = { start: { line: synth, character: word }, end: { line: synth, character: word + 'Synthesis'.length } };
    const v = lsp.change(uri, [{ range, text: 'Summary' }]);
    const d = (await lsp.diagnosticsFor(uri, v)).diagnostics;
    assert.deepEqual(codes(d), ['section/missing']);
    const renamed = applyEdits(VALID_TEXT, [{ range, newText: 'Summary' }]);
    assert.equal(d[0].range.start.line, lineOf(renamed, '## Spec Candidates (YAML)'), 'at the "Spec Candidates (YAML)" heading');
  });

  it('rapid changes: the last published diagnostics are those of the last version', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT);
    await lsp.diagnosticsFor(uri, 1);
    const date = lineOf(VALID_TEXT, 'Date: 2026-02-19');
    const value = colOf(VALID_TEXT, date, '2026-02-19');
    let v = 1;
    for (let i = 0; i < 15; i++) {
      v = lsp.change(uri, [
        {
          range: { start: { line: date, character: value }, end: { line: date, character: value + '2026-02-19'.length } },
          text: i % 2 ? '2026-02-19' : 'not-a-date',
        },
      ]);
    }
    const last = await lsp.diagnosticsFor(uri, v);
    assert.deepEqual(codes(last.diagnostics), ['metadata/date']);
    await new Promise((r) => setTimeout(r, 400));
    const all = lsp.diagnostics.get(uri)!;
    assert.equal(all.at(-1)!.version, v, 'nothing stale arrives after the final version');
    assert.ok(all.length < 10, `debounced: ${all.length} publications for 16 versions`);
  });

  it('plain Markdown gets no diagnostics; the files setting and the title decide what is a snapshot', async () => {
    const plain = ws.uri('docs/notes.md');
    lsp.open(plain, '# Notes\n\n## Findings\n\nnothing\n');
    const titled = ws.uri('docs/other/x.md');
    lsp.open(titled, '# Review Snapshot\n\nDate: 2026-01-01\n');
    await lsp.diagnosticsFor(titled, 1);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(lsp.diagnostics.get(plain), undefined);
    await lsp.stop();
    lsp = await LspSession.start({ folders: [ws.root], settings: { files: ['docs/*.md'] } });
    lsp.open(plain, '# Notes\n\n## Findings\n\nnothing\n');
    const d = await lsp.diagnosticsFor(plain, 1);
    assert.ok(codes(d.diagnostics).includes('section/missing'));
  });

  it('closing a snapshot clears its diagnostics', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT.replace('Model: gpt-5-codex\n', ''));
    assert.equal((await lsp.diagnosticsFor(uri, 1)).diagnostics.length, 1);
    lsp.close(uri);
    await lsp.until('cleared', () => lsp.last(uri)?.diagnostics.length === 0 && lsp.last(uri)!.version === undefined);
  });

  it('the quick fix of a diagnostic, applied, removes it; fix-all fixes the safe problems together', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    const broken = VALID_TEXT.replace('Model: gpt-5-codex\n', '')
      .replace('| P2 | Verified |', '| High | Verified |')
      .replace('  risk: moderate\n', '');
    lsp.open(uri, broken);
    const d = (await lsp.diagnosticsFor(uri, 1)).diagnostics;
    assert.deepEqual(codes(d), ['candidates/missing-key', 'metadata/missing', 'table/severity']);
    const missing = d.find((x) => x.code === 'metadata/missing')!;
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.title === 'Insert metadata key "Model"')!;
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const fixed = applyEdits(broken, fix.edit!.changes![uri] as TextEdit[]);
    const v2 = lsp.change(uri, [{ text: fixed }]);
    // The inserted "Model: TODO" is left to fill in (issue 15: placeholders are reported, not passed).
    assert.deepEqual(codes((await lsp.diagnosticsFor(uri, v2)).diagnostics), [
      'candidates/missing-key',
      'placeholder/unfilled',
      'table/severity',
    ]);
    const all = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.reviewSnapshot'] },
    });
    assert.equal(all.length, 1);
    const final = applyEdits(fixed, all[0].edit!.changes![uri] as TextEdit[]);
    const v3 = lsp.change(uri, [{ text: final }]);
    // What is left: exactly the two TODOs the fixes wrote (Model, risk), each reported on its TODO.
    const left = (await lsp.diagnosticsFor(uri, v3)).diagnostics;
    assert.deepEqual(codes(left), ['placeholder/unfilled', 'placeholder/unfilled']);
    for (const x of left) assert.equal(final.split('\n')[x.range.start.line].slice(x.range.start.character, x.range.end.character), 'TODO');
  });

  it('offers "Create pending spec" inside a candidate, with the client command and its arguments', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT);
    await lsp.diagnosticsFor(uri, 1);
    const inside = lineOf(VALID_TEXT, '  target_area: runtime.adapter');
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: inside, character: 4 }, end: { line: inside, character: 4 } },
      context: { diagnostics: [] },
    });
    const one = actions.find((a) => a.title === 'Create pending spec for SELFHEAL-RUN-001')!;
    assert.deepEqual(one.command, {
      title: 'Create pending spec for SELFHEAL-RUN-001',
      command: 'reviewSnapshot.convertToPending',
      arguments: [uri, ['SELFHEAL-RUN-001']],
    });
    assert.ok(actions.some((a) => a.title === 'Convert all candidates to pending spec'));
    const outsideLine = lineOf(VALID_TEXT, '- Environment limitations:');
    const outside = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: outsideLine, character: 0 }, end: { line: outsideLine, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(!outside.some((a) => a.title.startsWith('Create pending spec')));
  });

  it('reviewSnapshot/pending: refuses a broken snapshot with its errors; returns the edit for a valid one', async () => {
    const bad = ws.uri('docs/reviews/snapshots/2026-02-20_bad.md');
    lsp.open(bad, VALID_TEXT.replace(': behavior', ': bug'));
    await lsp.diagnosticsFor(bad, 1);
    const refused = await lsp.request(PendingRequest, { uri: bad });
    assert.equal(refused.ok, false);
    assert.deepEqual(!refused.ok && refused.errors.map((e) => e.rule), ['labels/value']);

    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT);
    await lsp.diagnosticsFor(uri, 1);
    const res = await lsp.request(PendingRequest, { uri });
    assert.equal(res.ok, true);
    const r = res as Extract<typeof res, { ok: true }> & {
      edit: { documentChanges: { kind?: string; uri?: string; edits?: TextEdit[] }[] };
    };
    assert.equal(r.pendingUri, ws.uri('specs/governance/pending/2026-02-19_self-heal-run-pending.yaml'));
    assert.equal(r.exists, false);
    assert.equal(r.edit.documentChanges[0].kind, 'create');
    assert.equal(r.edit.documentChanges[1].edits![0].newText, r.after);
    const data = parse(r.after);
    assert.equal(data.id, 'CK-REVIEW-20260219');
    assert.equal(data.candidates[0].id, 'SELFHEAL-RUN-001');
    assert.equal(ws.exists('specs/governance/pending/2026-02-19_self-heal-run-pending.yaml'), false, 'the server writes nothing');
  });

  it('document links: File:Line to the file at the line; nothing outside the folder; missing paths and lines warned', async () => {
    ws.write('src/a.ts', 'one\ntwo\nthree\n');
    const uri = ws.uri(SNAPSHOT_REL);
    const rows = ['src/a.ts:3', '../../etc/passwd:1', 'src/missing.ts:2', 'src/a.ts:99'];
    const extra = rows.map((r) => `| P3 | Hypothesis | ${r} | w | y | n | f |`).join('\n');
    const text = VALID_TEXT.replace(/(\| P2 \| Verified .*\n)/, `$1${extra}\n`);
    lsp.open(uri, text);
    const d = (await lsp.diagnosticsFor(uri, 1)).diagnostics;
    const [ok, outside, missing, past] = rows.map((r) => lineOf(text, `| ${r} |`));
    const at = (line: number) => d.filter((x) => x.range.start.line === line).map((x) => x.code);
    assert.deepEqual(at(ok), []);
    assert.deepEqual(at(outside), ['links/outside']);
    assert.deepEqual(at(missing), ['links/missing']);
    assert.deepEqual(at(past), ['links/line']);
    const links = await lsp.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    const onRow = (line: number) => links.filter((l) => l.range.start.line === line);
    assert.equal(onRow(ok)[0].target, `${ws.uri('src/a.ts')}#L3`);
    assert.match(onRow(ok)[0].tooltip!, /line 3/);
    assert.deepEqual(onRow(outside), []);
    assert.ok(
      links.every((l) => l.target!.startsWith(ws.uri(''))),
      'every link stays in the folder',
    );

    ws.write('src/missing.ts', 'a\nb\n');
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('src/missing.ts'), type: 1 }] });
    await lsp.until('the missing-path warning to go', () => {
      const last = lsp.last(uri)!;
      return !last.diagnostics.some((x) => x.range.start.line === missing) && last;
    });
  });

  it('hover explains exit codes and severities', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT);
    await lsp.diagnosticsFor(uri, 1);
    const row = lineOf(VALID_TEXT, '| fail | 137 |');
    const h = await lsp.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: row, character: colOf(VALID_TEXT, row, '137') + 1 },
    });
    assert.match((h.contents as { value: string }).value, /137.*SIGKILL/);
    const p2 = lineOf(VALID_TEXT, '| P2 |');
    const s = await lsp.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: p2, character: colOf(VALID_TEXT, p2, 'P2') + 1 },
    });
    assert.match((s.contents as { value: string }).value, /P2.*medium/);
  });

  it('gates and recorded results', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT);
    await lsp.diagnosticsFor(uri, 1);
    const g = await lsp.request(GatesRequest, { uri });
    assert.equal(g.gates.length, 8);
    const parity = lineOf(VALID_TEXT, '| ./scripts/local_ci_parity.sh |');
    assert.deepEqual(g.gates[4], { command: './scripts/local_ci_parity.sh', line: parity });
    const r = await lsp.request(RecordResultsRequest, {
      uri,
      results: [{ command: './scripts/local_ci_parity.sh', line: parity, exitCode: 2 }],
    });
    assert.equal(r.updated, 1);
    const after = applyEdits(VALID_TEXT, (r.edit!.documentChanges![0] as { edits: TextEdit[] }).edits);
    assert.equal(
      after.split('\n')[parity],
      '| ./scripts/local_ci_parity.sh | fail | 2 | Rust-only critical path passed including docs checks. |',
    );
  });

  it('a workspace schema changes the checks, and editing it re-validates the open snapshot', async () => {
    const uri = ws.uri(SNAPSHOT_REL);
    ws.write('specs/schema/review_snapshot_schema_v1.yaml', SCHEMA_TEXT.replace('- Raw Output', '- Raw Output\n- Appendix'));
    lsp.open(uri, VALID_TEXT);
    assert.deepEqual(codes((await lsp.diagnosticsFor(uri, 1)).diagnostics), ['section/missing']);
    ws.write('specs/schema/review_snapshot_schema_v1.yaml', 'required_metadata: [Date\n');
    lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('specs/schema/review_snapshot_schema_v1.yaml'), type: 2 }] });
    const d = await lsp.until('the schema problem', () => {
      const last = lsp.last(uri)!.diagnostics;
      return last.some((x) => x.code === 'schema/unreadable') && last;
    });
    assert.deepEqual(codes(d), ['schema/unreadable']);
    assert.equal(d[0].range.start.line, lineOf(VALID_TEXT, 'review_snapshot_schema_v1.yaml'), 'on the ref line');
  });

  it('survives garbage and keeps answering', async () => {
    const bad = ws.uri('docs/reviews/snapshots/garbage.md');
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 15; i++) {
      bomb.push(
        `${'abcdefghijklmnopq'[i]}: &${'abcdefghijklmnopq'[i]} [*${'abcdefghijklmnopq'[i - 1]},*${'abcdefghijklmnopq'[i - 1]},*${'abcdefghijklmnopq'[i - 1]}]`,
      );
    }
    const garbage =
      VALID_TEXT.replace(/```yaml\n[\s\S]*?```/, '```yaml\n' + bomb.join('\n') + '\n```') + '\u0000\u0000' + 'x|'.repeat(1_000_000) + '\n';
    lsp.open(bad, garbage);
    const d = (await lsp.diagnosticsFor(bad, 1)).diagnostics;
    assert.ok(codes(d).includes('candidates/root'));
    const uri = ws.uri(SNAPSHOT_REL);
    lsp.open(uri, VALID_TEXT);
    assert.deepEqual((await lsp.diagnosticsFor(uri, 1)).diagnostics, []);
    assert.equal(lsp.proc.exitCode, null, 'still running');
  });
});
