// findings → LSP diagnostics: the rule id as `code` (with its documentation page as
// `codeDescription.href` when the caller knows where the pages are), `review-snapshot` as
// source, related places as relatedInformation.
import type { Diagnostic } from 'vscode-languageserver-types';
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
    message: f.message,
  };
  const href = docUrl?.(f.rule);
  if (href) d.codeDescription = { href };
  if (uri && f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return d;
}
