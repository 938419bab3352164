import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeWidgets, code, open, ours, quickFixes, screenshot, waitFor } from './util';

// Runs before the tasks suite: Validate Workspace's problem matcher adds its own markers (same
// source, no related information) for every snapshot, this one included.

const REL = 'docs/reviews/snapshots/2026-03-02_near-miss.md';

suite('near misses (issue 15)', () => {
  test('"## Spec candidates (YAML)": the error is on that heading; its quick fix renames it; the candidates are then checked', async () => {
    const editor = await open(REL);
    const doc = editor.document;
    const uri = doc.uri;
    const lines = doc.getText().split('\n');
    const heading = lines.indexOf('## Spec candidates (YAML)');
    const labelLine = lines.findIndex((l) => l.startsWith('- `SELFHEAL-RUN-001`'));
    const riskLine = lines.indexOf('  risk: severe');
    assert.ok(heading > 0 && labelLine > heading && riskLine > heading);

    const near = await waitFor('section/near-miss', () => ours(uri).find((d) => code(d) === 'section/near-miss'));
    assert.equal(near.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(near.range.start.line, heading, 'on the heading itself');
    assert.match(near.message, /the contract requires "## Spec Candidates \(YAML\)"/);
    assert.ok(!ours(uri).some((d) => code(d) === 'section/missing'), 'not reported as missing anywhere');
    // The label of the candidate nobody checks says where the candidate is.
    const unchecked = ours(uri).find((d) => code(d) === 'labels/unchecked')!;
    assert.equal(unchecked.range.start.line, labelLine);
    assert.equal(unchecked.relatedInformation?.[0].location.range.start.line, lines.indexOf('- id: SELFHEAL-RUN-001'));
    // Before the fix, the candidate is not read: its unconventional risk goes unnoticed.
    assert.ok(!ours(uri).some((d) => code(d) === 'candidates/convention'));

    editor.selection = new vscode.Selection(near.range.start, near.range.start);
    editor.revealRange(near.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('spec-candidates-near-miss');
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('spec-candidates-near-miss-fix');
    await closeWidgets(editor);

    const actions = await quickFixes(uri, near.range);
    assert.ok(!actions.some((a) => a.title.startsWith('Insert section')), 'no fix inserts a second section');
    const fix = actions.find((a) => a.title === 'Rewrite as "## Spec Candidates (YAML)"');
    assert.ok(fix?.edit, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(heading).text, '## Spec Candidates (YAML)');

    // Now the candidates are validated: the label's error goes, the candidate's risk is checked.
    const convention = await waitFor('the candidate to be checked', () => ours(uri).find((d) => code(d) === 'candidates/convention'));
    assert.equal(convention.range.start.line, riskLine);
    assert.deepEqual(ours(uri).map(code), ['candidates/convention']);
    editor.selection = new vscode.Selection(riskLine, 0, riskLine, 0);
    await closeWidgets(editor);
    editor.revealRange(convention.range, vscode.TextEditorRevealType.InCenter);
    await screenshot('spec-candidates-near-miss-fixed');

    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore the heading', () => doc.lineAt(heading).text === '## Spec candidates (YAML)');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
