// Folding ranges beyond Markdown's own (headings, lists, fences, which VS Code merges with
// these): the metadata block, each table from its header to its last row, each candidate of the
// YAML, and the Raw Output section — the one people paste whole tool outputs into.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { readCandidates } from '../model/candidates';
import { SECTION } from '../contract/contract';
import type { CheckResult } from '../engine';
import { lastTextLine } from './where';

export function foldingRanges(result: CheckResult): FoldingRange[] {
  const { model } = result;
  const out: FoldingRange[] = [];
  const add = (startLine: number, endLine: number, kind?: string) => {
    if (endLine > startLine) out.push({ startLine, endLine, ...(kind ? { kind } : {}) });
  };
  const meta = model.metadata;
  if (meta.length) add(meta[0].line, Math.max(...meta.map((m) => m.items.at(-1)?.line ?? m.line)), FoldingRangeKind.Region);
  for (const tables of model.tables.values()) for (const t of tables) add(t.header.line, t.endLine - 1, FoldingRangeKind.Region);
  for (const c of readCandidates(model)) add(c.range.start.line, c.range.end.line, FoldingRangeKind.Region);
  const raw = model.sections.find((s) => s.name === SECTION.rawOutput);
  if (raw) add(raw.heading.line, lastTextLine(model, raw), FoldingRangeKind.Region);
  return out.sort((a, b) => a.startLine - b.startLine);
}
