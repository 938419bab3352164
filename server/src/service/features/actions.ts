// findings → code actions. Fixes come with the findings; this only packages them, adds the
// fix-all source action and the pending-spec actions on candidates.
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { readCandidates } from '../model/candidates';
import { escapeEditorText } from '../text/escape';
import type { Finding } from '../findings';
import type { SnapshotModel } from '../model/snapshot';
import { containsPosition, rangesOverlap } from '../model/text';
import { ALL_RULES } from '../rules/index';
import { SOURCE } from './diagnostics';
import { suppressAction } from './suppress';
import { CONVERT_COMMAND } from './lensCommands';

export const FIX_ALL_KIND = 'source.fixAll.reviewSnapshot';

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/**
 * The quick fixes for the diagnostics the editor sends back (matched by rule and range), and for a
 * rule stricter than the contract, the one that disables it for the line (in a snapshot: `model`).
 */
export function quickFixes(uri: string, model: SnapshotModel | undefined, findings: Finding[], diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE) continue;
    const f = findings.find((x) => x.rule === d.code && sameRange(x.range, d.range) && escapeEditorText(x.message) === d.message);
    for (const fix of f?.fixes ?? []) {
      out.push({
        title: fix.title,
        kind: 'quickfix',
        diagnostics: [d],
        isPreferred: fix.preferred,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
    const suppressible = f && ALL_RULES.get(f.rule)?.contract === false && !f.rule.startsWith('suppression/');
    const suppress = suppressible && model ? suppressAction(uri, model, d) : undefined;
    if (suppress) out.push(suppress);
  }
  return out;
}

function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  const empty = (e: TextEdit) => sameRange({ start: e.range.start, end: e.range.start }, e.range);
  // Two inserts at one point are fine (applied in order); anything touching a replaced span is not.
  if (empty(a) && empty(b)) return false;
  if (empty(a) || empty(b)) {
    const [ins, rep] = empty(a) ? [a, b] : [b, a];
    const p = ins.range.start;
    const r = rep.range;
    const after = (x: typeof p, y: typeof p) => x.line > y.line || (x.line === y.line && x.character > y.character);
    return after(p, r.start) && after(r.end, p);
  }
  return (
    rangesOverlap(a.range, b.range) &&
    !sameRange({ start: a.range.end, end: a.range.end }, { start: b.range.start, end: b.range.start }) &&
    !sameRange({ start: b.range.end, end: b.range.end }, { start: a.range.start, end: a.range.start })
  );
}

/**
 * All safe fixes whose edits do not collide (the first of colliding fixes wins): the edits, and
 * the findings they fix. The editor's fix-all and the CLI's --fix both come through here.
 */
export function fixAll(findings: Finding[]): { edits: TextEdit[]; fixed: Finding[] } {
  const chosen: TextEdit[] = [];
  const fixed: Finding[] = [];
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.safe);
    if (!fix) continue;
    if (fix.edits.some((e) => chosen.some((c) => editsOverlap(c, e)))) continue;
    chosen.push(...fix.edits);
    fixed.push(f);
  }
  return { edits: chosen, fixed };
}

/** All safe fixes whose edits do not collide, as one edit (see fixAll). */
export function fixAllEdits(findings: Finding[]): TextEdit[] {
  return fixAll(findings).edits;
}

export function fixAllAction(uri: string, findings: Finding[]): CodeAction | undefined {
  const edits = fixAllEdits(findings);
  if (!edits.length) return undefined;
  return { title: 'Fix all safe review snapshot problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
}

/** "Create pending spec for <ID>" on a candidate, "Convert all…" on the candidates block. */
export function pendingActions(uri: string, model: SnapshotModel, findings: Finding[], range: Range): CodeAction[] {
  const block = model.candidates;
  if (!block) return [];
  const blockRange: Range = {
    start: { line: block.fence.openLine, character: 0 },
    end: { line: block.fence.closeLine ?? model.text.lineCount - 1, character: Number.MAX_SAFE_INTEGER },
  };
  if (!containsPosition(blockRange, range.start)) return [];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const disabled = errors
    ? { reason: `The snapshot has ${errors} contract error${errors > 1 ? 's' : ''}; fix ${errors > 1 ? 'them' : 'it'} first.` }
    : undefined;
  const out: CodeAction[] = [];
  const cands = readCandidates(model);
  for (const c of cands) {
    if (!c.id || !containsPosition(c.range, range.start)) continue;
    out.push({
      title: `Create pending spec for ${c.id}`,
      kind: 'quickfix',
      command: { title: `Create pending spec for ${c.id}`, command: CONVERT_COMMAND, arguments: [uri, [c.id]] },
      ...(disabled ? { disabled } : {}),
    });
  }
  if (cands.some((c) => c.id)) {
    out.push({
      title: 'Convert all candidates to pending spec',
      kind: 'quickfix',
      command: { title: 'Convert all candidates to pending spec', command: CONVERT_COMMAND, arguments: [uri] },
      ...(disabled ? { disabled } : {}),
    });
  }
  return out;
}
