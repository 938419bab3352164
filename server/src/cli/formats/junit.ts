// --format junit: JUnit XML for CI test reports. One testcase per snapshot; one <failure> per
// finding that fails the run (errors, and warnings under --strict), an <error> for a check that
// did not run to its end; other findings in <system-out>. Text from a snapshot is shown with its
// control characters as escapes (XML 1.0 cannot carry most of them even as references), then
// XML-escaped, so the document is well-formed whatever the snapshot holds (`]]>`, `<`, `&`).
import { escapeTerminal, type Finding } from '../../service/core';
import { failing, type RunReport } from './report';

/** Lone surrogates and U+FFFE/U+FFFF are not XML characters either: shown as escapes. */
const NOT_XML = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;

export function escapeXml(s: string): string {
  return escapeTerminal(s)
    .replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function where(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1}`;
}

function testcase(file: RunReport['files'][number], strict: boolean): { xml: string; failures: number; errors: number } {
  const name = escapeXml(file.file);
  const fails = file.findings.filter((f) => failing(f, strict));
  const others = file.findings.filter((f) => !failing(f, strict));
  const body: string[] = [];
  for (const f of fails) {
    const text = `${file.file}:${where(f)}: ${f.severity} ${f.message} [${f.rule}]`;
    body.push(`      <failure type="${escapeXml(f.rule)}" message="${escapeXml(f.message)}">${escapeXml(text)}</failure>`);
  }
  if (file.unchecked) body.push(`      <error type="check/incomplete" message="a rule did not run to its end: no verdict"/>`);
  if (others.length) {
    const lines = others.map((f) => escapeXml(`${file.file}:${where(f)}: ${f.severity} ${f.message} [${f.rule}]`));
    body.push(`      <system-out>${lines.join('\n')}</system-out>`);
  }
  const open = `    <testcase classname="review-snapshot" name="${name}" file="${name}"`;
  const xml = body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
  return { xml, failures: fails.length ? 1 : 0, errors: file.unchecked ? 1 : 0 };
}

export function formatJunitRun(run: RunReport): string {
  const cases = run.files.map((f) => testcase(f, run.strict));
  const failures = cases.reduce((n, c) => n + c.failures, 0);
  const errors = cases.reduce((n, c) => n + c.errors, 0);
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="review-snapshot" ${counts}>`,
    `  <testsuite name="review-snapshot" ${counts}>`,
    ...cases.map((c) => c.xml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
