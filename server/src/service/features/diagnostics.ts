// findings → LSP diagnostics: the rule id as `code`, `review-snapshot` as source, related places
// as relatedInformation.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Finding } from '../findings';

export const SOURCE = 'review-snapshot';

export function toDiagnostic(f: Finding, uri?: string): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: f.severity === 'error' ? 1 : f.severity === 'warning' ? 2 : 3,
    code: f.rule,
    source: SOURCE,
    message: f.message,
  };
  if (uri && f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return d;
}
