// The quick fix "Disable <rule> for this line" on a finding of a rule stricter than the contract:
// the comment that suppresses it, written where it does not change what the snapshot says — at the
// end of a table row (a comment line would end the table) or of a metadata list item (a line
// between the key and its items would detach them), after `#` in the candidates YAML, else on the
// line above. Lines of other code (fences, indented code) and of YAML scalars get no directive:
// text there is no comment.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { Leaf, leafOf } from '../model/blocks';
import type { SnapshotModel } from '../model/snapshot';
import { yamlCommentOffsets } from '../config/suppressions';
import { lineSpan } from '../model/text';

function tableRowAt(model: SnapshotModel, line: number): boolean {
  for (const tables of model.tables.values()) {
    for (const t of tables) if (t.rows.some((r) => r.line === line) || t.header.line === line) return true;
  }
  return false;
}

/** Code (a fence or indented code, at any depth): a comment written there would be text, not a directive. */
function inCode(model: SnapshotModel, line: number): boolean {
  const leaf = leafOf(model.blocks, line);
  return leaf === Leaf.Fence || leaf === Leaf.Code;
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
    const newText = ` # review-snapshot-disable-line ${rule}`;
    // Only where the YAML parser reads it as a comment (not inside a block scalar or a quoted string).
    const block = model.text.text.slice(yaml.contentStart, yaml.contentEnd);
    const at = model.text.lineEnd(line) - yaml.contentStart;
    if (!yamlCommentOffsets(block.slice(0, at) + newText + block.slice(at)).has(at + 1)) return undefined;
    return [{ range: lineSpan(line, text.length, text.length), newText }];
  }
  if (inCode(model, line)) return undefined;
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
