// findings → LSP diagnostics: the rule id as `code` (with its documentation page as
// `codeDescription.href` when the caller knows where the pages are), `review-snapshot` as
// source, related places as relatedInformation.
import type { Diagnostic } from 'vscode-languageserver-types';
import { escapeEditorText } from '../text/escape';
import type { Finding } from '../findings';

export const SOURCE = 'review-snapshot';

/** A rule's documentation URL (undefined: none); the engine does not know where pages are shipped. */
export type RuleDocUrl = (rule: string) => string | undefined;

export function toDiagnostic(f: Finding, uri?: string, docUrl?: RuleDocUrl): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: f.severity === 'error' ? 1 : f.severity === 'warning' ? 2 : 3,
    code: f.rule,
    source: SOURCE,
    message: escapeEditorText(f.message),
  };
  const href = docUrl?.(f.rule);
  if (href) d.codeDescription = { href };
  if (uri && f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: escapeEditorText(r.message) }));
  }
  return d;
}

/**
 * The diagnostics published for one file are at most this many (and a summary): 100,000 findings
 * in one message would hold the editor for seconds, and nobody reads past the first thousand.
 */
export const MAX_PUBLISHED = 1000;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * A file's findings as published: all of them up to MAX_PUBLISHED; past it the most severe first
 * (an error is never hidden behind warnings) and one more diagnostic, at the top of the file,
 * saying how many are not shown and where to see them all — with the severity of the worst of
 * those, so the file never reads better than it is.
 */
export function publishedDiagnostics(findings: readonly Finding[], uri?: string, docUrl?: RuleDocUrl): Diagnostic[] {
  if (findings.length <= MAX_PUBLISHED) return findings.map((f) => toDiagnostic(f, uri, docUrl));
  const ranked = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i);
  const shown = ranked.slice(0, MAX_PUBLISHED).sort((a, b) => a.i - b.i);
  const hidden = ranked.slice(MAX_PUBLISHED).map((r) => r.f);
  const count = (sev: Finding['severity'], word: string) => {
    const k = hidden.filter((f) => f.severity === sev).length;
    return k ? `${k} ${word}${k === 1 ? '' : 's'}` : '';
  };
  const parts = [count('error', 'error'), count('warning', 'warning'), count('info', 'info finding')].filter(Boolean);
  const zero = { line: 0, character: 0 };
  const summary: Diagnostic = {
    range: { start: zero, end: zero },
    severity: (SEVERITY_ORDER[hidden[0].severity] + 1) as Diagnostic['severity'],
    source: SOURCE,
    message: `${hidden.length} more findings are not shown (${parts.join(', ')}): the editor shows the first ${MAX_PUBLISHED}. Run \`review-snapshot validate\` on this file to list them all.`,
  };
  return [summary, ...shown.map((r) => toDiagnostic(r.f, uri, docUrl))];
}
