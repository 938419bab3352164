// Hovers that explain table values: an exit code (137 = 128 + 9, SIGKILL) and a severity.
import type { Hover, Position } from 'vscode-languageserver-types';
import type { Conventions } from './schema';
import type { SnapshotModel } from './snapshot';
import { tableKeyOf } from './schema';
import { containsPosition } from './text';
import { cellRange, describeExitCode } from './rules/tables';

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
        if (key === 'command_execution_log' && names[i] === conv.columns.exitCode && /^-?\d+$/.test(c.text)) {
          const code = Number(c.text);
          return { range: r, contents: { kind: 'markdown', value: `**exit code ${code}**: ${describeExitCode(code)}` } };
        }
        if (key === 'findings' && names[i] === conv.columns.severity) {
          const meaning = conv.severities.get(c.text);
          const mapped = conv.severityWords.get(c.text.toLowerCase());
          const levels = [...conv.severities].map(([k, v]) => `- \`${k}\`: ${v}`).join('\n');
          const value = meaning
            ? `**${c.text}**: ${meaning}`
            : `**${c.text}** is not a severity level${mapped ? `; write \`${mapped}\`` : ''}.\n\n${levels}`;
          return { range: r, contents: { kind: 'markdown', value } };
        }
      }
    }
  }
  return undefined;
}
