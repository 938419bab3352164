// Document links: every path the snapshot names that resolved inside the workspace folder (a
// File:Line cell opens the file at its line). Paths that are missing or outside are not linked;
// the links rule reports them.
import type { DocumentLink } from 'vscode-languageserver-types';
import type { ResolvedRef } from '../model/refs';

export function documentLinks(refs: readonly ResolvedRef[]): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const r of refs) if (r.target) out.push({ range: r.range, target: r.target, tooltip: r.tooltip });
  return out;
}
