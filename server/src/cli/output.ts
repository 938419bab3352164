// What the CLI prints: `path:line:col: severity message [rule]` lines and the summary.
import type { Finding } from '../service/findings';

export interface FileReport {
  file: string;
  findings: Finding[];
  /** Checked as a template (the `templates` globs): placeholders accepted. */
  template?: boolean;
}

export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      lines.push(`${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.message} [${f.rule}]`);
    }
  }
  return lines.join('\n');
}

export function formatJson(reports: FileReport[], errors: number, warnings: number, ok: boolean): string {
  const files = reports.map((r) => ({
    file: r.file,
    ...(r.template ? { template: true } : {}),
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
    })),
  }));
  return JSON.stringify({ files, errors, warnings, ok }, null, 2);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
