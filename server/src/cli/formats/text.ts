// --format text (the default): one line per finding, `path:line:col: severity message [rule]`
// (the $review-snapshot problem matcher reads it), then the summary line.
import { escapeTerminal } from '../../service/escape';
import { formatText, plural } from '../output';
import { snapshotsAndTemplates } from '../../service/wording';
import { failing, type RunReport } from './report';

/** "2 snapshots", "1 snapshot and 1 template", "1 template". */
function checkedWhat(run: RunReport): string {
  const templates = run.files.filter((r) => r.template).length;
  const snapshots = run.files.length - templates;
  return snapshotsAndTemplates(snapshots, templates);
}

export function summary(run: RunReport): string {
  const bad = run.files.filter((r) => r.findings.some((f) => failing(f, run.strict))).length;
  const verdict = run.brokenConfigs
    ? '; the configuration has problems (above)'
    : run.unchecked
      ? `; ${plural(run.unchecked, 'snapshot')} could not be checked`
      : run.code === 1
        ? `; ${bad} failed${run.strict ? ' (--strict)' : ''}`
        : '; all conform';
  return `${checkedWhat(run)} checked: ${plural(run.errors, 'error')}, ${plural(run.warnings, 'warning')}${verdict}`;
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
