// --format text (the default): one line per finding, `path:line:col: severity message [rule]`
// (the $review-snapshot problem matcher reads it), then the summary line.
import { escapeTerminal, snapshotsAndTemplates } from '../../service/core';
import { formatText, plural } from '../output';
import { failing, type RunReport } from './report';

/** "2 snapshots", "1 snapshot and 1 template", "1 template", "1 snapshot and 2 prompts". */
function checkedWhat(run: RunReport): string {
  const templates = run.files.filter((r) => r.template).length;
  const prompts = run.files.filter((r) => r.prompt).length;
  return snapshotsAndTemplates(run.files.length - templates - prompts, templates, prompts);
}

/**
 * The one summary line of a run (SECURITY.md, "Verdicts"): what was checked, the counts, and the
 * verdict — read from the exit code already decided, never beside it: "all conform" only when
 * the run exits 0; any other exit says why it is not a pass.
 */
export function summary(run: RunReport): string {
  return `${checkedWhat(run)} checked: ${plural(run.errors, 'error')}, ${plural(run.warnings, 'warning')}; ${verdict(run)}`;
}

function verdict(run: RunReport): string {
  if (run.code === 0) return 'all conform';
  const bad = run.files.filter((r) => r.findings.some((f) => failing(f, run.strict))).length;
  if (run.code === 1) return `${bad} failed${run.strict ? ' (--strict)' : ''}`;
  if (run.brokenConfigs) return 'the configuration has problems (above)';
  if (run.unchecked) return `${plural(run.unchecked, 'snapshot')} could not be checked`;
  if (run.unwritten) return `${plural(run.unwritten, 'fixed snapshot')} could not be written (above)`;
  return 'the run did not complete (above)';
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
