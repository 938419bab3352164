// --format json: a documented, versioned shape (README, "JSON output"). Version 1:
//   { version: 1, tool: {name, version}, files: [{file, findings: [Finding], fixed?: [Fixed]}],
//     errors, warnings, unchecked, ok }
// Finding: {rule, severity, message, line, column, endLine, endColumn, docs?, related?, fixes?};
// positions are 1-based, columns in UTF-16 code units, the end exclusive; a fix is
// {title, safe, preferred, edits: [{line, column, endLine, endColumn, newText}]}, its edits all
// refer to the text as it was checked. Written with safeJson: valid, exact, no raw control.
import type { Finding, Fix, Related } from '../../service/core';
import { VERSION } from '../help';
import { ruleDocUrl } from '../../node/ruleDocs';
import { displayPath, safeJson } from '../output';
import { oneBased, type RunReport } from './report';

export const JSON_FORMAT_VERSION = 1;

type Span = { line: number; column: number; endLine: number; endColumn: number };

function span(r: Finding['range']): Span {
  const s = oneBased(r.start);
  const e = oneBased(r.end);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

function fixJson(x: Fix) {
  return {
    title: x.title,
    safe: x.safe,
    preferred: x.preferred === true,
    edits: x.edits.map((e) => ({ ...span(e.range), newText: e.newText })),
  };
}

function relatedJson(r: Related) {
  return { message: r.message, ...(r.file ? { file: displayPath(r.file) } : {}), ...span(r.range) };
}

export function findingJson(f: Finding) {
  const docs = ruleDocUrl(f.rule);
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...span(f.range),
    ...(docs ? { docs } : {}),
    ...(f.related?.length ? { related: f.related.map(relatedJson) } : {}),
    ...(f.fixes?.length ? { fixes: f.fixes.map(fixJson) } : {}),
  };
}

/** The `--format json` report as a value (the MCP server's validate_snapshots returns it too). */
export function jsonRun(run: RunReport) {
  const files = run.files.map((r) => ({
    file: r.file,
    ...(r.template ? { template: true } : {}),
    ...(r.prompt ? { prompt: true } : {}),
    findings: r.findings.map(findingJson),
    ...(r.fixed ? { fixed: r.fixed.map((f) => ({ rule: f.rule, message: f.message, ...span(f.range) })) } : {}),
  }));
  return {
    version: JSON_FORMAT_VERSION,
    tool: { name: 'review-snapshot', version: VERSION },
    files,
    errors: run.errors,
    warnings: run.warnings,
    unchecked: run.unchecked,
    ok: run.code === 0,
  };
}

export function formatJsonRun(run: RunReport): string {
  return safeJson(jsonRun(run)) + '\n';
}
