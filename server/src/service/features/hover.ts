// Hovers that explain table values: an exit code (137 = 128 + 9, SIGKILL) and a severity.
import type { Hover, Position } from 'vscode-languageserver-types';
import { TABLE } from '../contract/contract';
import type { Conventions } from '../contract/conventions';
import { escapeMarkdown } from '../text/escape';
import { describeExitCode, isIntegerText } from '../contract/exitCodes';
import { tableKeyOf } from '../contract/schema';
import type { SnapshotModel } from '../model/snapshot';
import { cellRange, type Cell } from '../model/table';
import { containsPosition } from '../model/text';

function exitCodeHover(c: Cell): string | undefined {
  if (!isIntegerText(c.text)) return undefined;
  const code = Number(c.text);
  return `**exit code ${code}**: ${describeExitCode(code)}`;
}

/** Document and configuration text is shown as text: escaped for Markdown (no links, no images). */
function severityHover(c: Cell, conv: Conventions): string {
  const md = escapeMarkdown;
  const meaning = conv.severities.get(c.text);
  if (meaning) return `**${md(c.text)}**: ${md(meaning)}`;
  const mapped = conv.severityWords.get(c.text.toLowerCase());
  const levels = [...conv.severities].map(([k, v]) => `- **${md(k)}**: ${md(v)}`).join('\n');
  return `**${md(c.text)}** is not a severity level${mapped ? `; write **${md(mapped)}**` : ''}.\n\n${levels}`;
}

export function hoverAt(model: SnapshotModel, conv: Conventions, pos: Position): Hover | undefined {
  for (const s of model.sections) {
    if (pos.line <= s.heading.line || pos.line >= s.endLine) continue;
    const key = tableKeyOf(s.name);
    for (const t of model.tables.get(s) ?? []) {
      const row = t.rows.find((r) => r.line === pos.line);
      if (!row) continue;
      const names = t.header.cells.map((c) => c.text);
      for (const [i, c] of row.cells.entries()) {
        const r = cellRange(row, c);
        if (!containsPosition(r, pos) || !c.text) continue;
        let value: string | undefined;
        if (key === TABLE.log && names[i] === conv.columns.exitCode) value = exitCodeHover(c);
        else if (key === TABLE.findings && names[i] === conv.columns.severity) value = severityHover(c, conv);
        if (value) return { range: r, contents: { kind: 'markdown', value } };
      }
    }
  }
  return undefined;
}
