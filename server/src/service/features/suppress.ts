// The quick fix "Disable <rule> for this line" on a finding of a rule stricter than the contract:
// the comment that suppresses it, written where it does not change what the snapshot says — at the
// end of a table row (a comment line would end the table) or of a metadata list item (a line
// between the key and its items would detach them), after `#` in the candidates YAML, else on the
// line above. Lines inside other code fences are code and get no directive.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { SnapshotModel } from '../snapshot';
import { lineSpan } from '../text';

function tableRowAt(model: SnapshotModel, line: number): boolean {
  for (const tables of model.tables.values()) {
    for (const t of tables) if (t.rows.some((r) => r.line === line) || t.header.line === line) return true;
  }
  return false;
}

function inFence(model: SnapshotModel, line: number): boolean {
  return model.fences.some((f) => line >= f.openLine && line <= (f.closeLine ?? model.text.lineCount));
}

/** The metadata entry whose list holds `line`, if any. */
function listOwner(model: SnapshotModel, line: number) {
  return model.metadata.find((m) => m.items.some((i) => i.line === line));
}

function editsFor(model: SnapshotModel, rule: string, line: number): TextEdit[] | undefined {
  const text = model.text.lineText(line);
  const eol = model.text.eol();
  const yaml = model.candidates?.fence;
  if (yaml && line > yaml.openLine && line < (yaml.closeLine ?? model.text.lineCount)) {
    return [{ range: lineSpan(line, text.length, text.length), newText: ` # review-snapshot-disable-line ${rule}` }];
  }
  if (inFence(model, line)) return undefined;
  if (tableRowAt(model, line)) {
    const end = text.trimEnd().endsWith('|') ? text.trimEnd().length - 1 : text.length;
    const before = text.slice(0, end).trimEnd().length;
    return [{ range: lineSpan(line, before, before), newText: ` <!-- review-snapshot-disable-line ${rule} -->` }];
  }
  if (listOwner(model, line)) {
    const end = text.trimEnd().length;
    return [{ range: lineSpan(line, end, end), newText: ` <!-- review-snapshot-disable-line ${rule} -->` }];
  }
  return [{ range: lineSpan(line, 0, 0), newText: `<!-- review-snapshot-disable-next-line ${rule} -->${eol}` }];
}

export function suppressAction(uri: string, model: SnapshotModel, d: Diagnostic): CodeAction | undefined {
  const rule = String(d.code);
  const edits = editsFor(model, rule, d.range.start.line);
  if (!edits) return undefined;
  return {
    title: `Disable ${rule} for this line`,
    kind: 'quickfix',
    diagnostics: [d],
    isPreferred: false,
    edit: { changes: { [uri]: edits } },
  };
}
