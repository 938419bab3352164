// What the completion modules share (completion.ts and the completeTables / completeCandidates
// modules it calls): the site being completed, and how snippet text and documentation are
// written. A module of its own, so the helpers do not import back from completion.ts.
import { MarkupKind, type Position } from 'vscode-languageserver-types';
import type { CheckResult } from '../engine';
import type { AuthoringContext } from './context';

/** What the completion modules share: the check, the context, the position's line. */
export interface Site {
  result: CheckResult;
  ctx: AuthoringContext;
  pos: Position;
  text: string;
  before: string;
  trigger?: string;
}

/** Text for a snippet: `$`, `}` and `\` written as themselves. */
export function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

/** A snippet choice `${n|a,b|}`; `,` and `|` inside a value are escaped. */
export function snippetChoice(n: number, values: string[]): string {
  return `\${${n}|${values.map((v) => v.replace(/[\\$}|,]/g, '\\$&')).join(',')}|}`;
}

export function markdownDoc(value: string): { kind: 'markdown'; value: string } {
  return { kind: MarkupKind.Markdown, value };
}
