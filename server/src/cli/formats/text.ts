// --format text (the default): one line per finding, `path:line:col: severity message [rule]`
// (the $review-snapshot problem matcher reads it), then the summary line.
import { escapeTerminal } from '../../service/escape';
import { formatText, plural } from '../output';
import { failing, type RunReport } from './report';

export function summary(run: RunReport): string {
  const bad = run.files.filter((r) => r.findings.some((f) => failing(f, run.strict))).length;
  const verdict = run.unchecked
    ? `; ${plural(run.unchecked, 'snapshot')} could not be checked`
    : run.code === 1
      ? `; ${bad} failed${run.strict ? ' (--strict)' : ''}`
      : '; all conform';
  return `${plural(run.files.length, 'snapshot')} checked: ${plural(run.errors, 'error')}, ${plural(run.warnings, 'warning')}${verdict}`;
}

/** What --fix fixed, one line per fix, before the findings that remain. */
export function fixedLines(run: RunReport): string[] {
  const out: string[] = [];
  for (const r of run.files) {
    for (const f of r.fixed ?? []) {
      const at = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      out.push(`${escapeTerminal(r.file)}:${at}: fixed ${escapeTerminal(f.message)} [${f.rule}]`);
    }
  }
  return out;
}

export function formatTextRun(run: RunReport): string {
  const lines = fixedLines(run);
  const findings = formatText(run.files);
  if (findings) lines.push(findings);
  lines.push(summary(run));
  return lines.join('\n') + '\n';
}
