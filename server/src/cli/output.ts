// What the CLI prints. Everything goes through `writeOut`/`writeErr`, which show control,
// bidirectional and invisible characters as escapes (escapeTerminal): a snapshot or a file name
// can never put a terminal escape sequence, or a line of its own — a fake finding, a fake
// summary, a CI workflow command — into the output.
import * as path from 'node:path';
import { escapeTerminal } from '../service/escape';
import type { Finding } from '../service/findings';

export interface FileReport {
  file: string;
  findings: Finding[];
  /** Checked as a template (the `templates` globs): placeholders accepted. */
  template?: boolean;
}

function escapeLines(text: string): string {
  return text.split('\n').map(escapeTerminal).join('\n');
}

export function writeOut(text: string): void {
  process.stdout.write(escapeLines(text));
}

export function writeErr(text: string): void {
  process.stderr.write(escapeLines(text));
}

/** A path as shown: relative to the current folder when inside it, escaped. */
export function shownPath(p: string): string {
  const abs = path.resolve(p);
  const rel = path.relative(process.cwd(), abs);
  return escapeTerminal(rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs);
}

export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      const at = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${escapeTerminal(r.file)}:${at}: ${f.severity} ${escapeTerminal(f.message)} [${f.rule}]`);
    }
  }
  return lines.join('\n');
}

/** Characters that JSON may carry raw but a terminal must not show raw: written as `\uXXXX`. */
const RAW_IN_JSON = /[\u0080-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]/g;

/** JSON that stays valid and means the same, with no character a terminal would act on. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
  return safeJson({ files, errors, warnings, ok });
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
