// What rules report: a stable rule id, a severity, an exact range and, where a fix is known,
// the edits that make it. Code actions turn these into LSP code actions as they are; they never
// re-derive a fix from the text.
import type { Range, TextEdit } from 'vscode-languageserver-types';

export type Severity = 'error' | 'warning' | 'info';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes go into the fix-all action: they guess nothing the author must decide. */
  safe: boolean;
  /** The preferred fix of a finding is shown first and bound to the quick-fix shortcut. */
  preferred?: boolean;
}

/**
 * One fix per value the author may choose, each setting `range` to it. Never safe: which one is
 * right is the author's to say, so fix-all (and `--fix`) applies none.
 */
export function choiceFixes(key: string, range: Range, values: readonly string[]): Fix[] {
  return values.map((v) => ({ title: `Set ${key} to "${v}"`, safe: false, edits: [{ range, newText: v }] }));
}

/** Another place a finding concerns (the first of two duplicates, say). */
export interface Related {
  message: string;
  range: Range;
  /** The other file (absolute path), when the place is not in the file reported on. */
  file?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  related?: Related[];
}
