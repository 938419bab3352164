// Completion in the cells of the contract's two tables: the Command Execution Log's status and
// exit_code (consistent with the row's status), the Findings' Severity (with what each level
// means), Verified/Hypothesis and File:Line (repository paths, then the line).
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { TABLE } from '../contract/contract';
import type { Conventions } from '../contract/conventions';
import { escapeMarkdown } from '../text/escape';
import { describeExitCode } from '../contract/exitCodes';
import { tableKeyOf } from '../contract/schema';
import { splitRow } from '../model/table';
import { lineSpan } from '../model/text';
import { pathItems } from './completePaths';
import { markdownDoc, type Site } from './completeSite';
import { tableAt } from './where';

/** Exit codes offered on a failing row: the usual ones, each explained. */
const FAILING_CODES = [1, 2, 124, 126, 127, 130, 137, 143];
/** What a skipped row writes in its exit_code cell. */
const NO_EXIT_CODE = '-';

/** The cell the cursor is in: its column index, and where its typed text starts. */
function cellAtCursor(before: string): { index: number; start: number } | undefined {
  let pipes = 0;
  let last = -1;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === '\\') i++;
    else if (before[i] === '|') {
      pipes++;
      last = i;
    }
  }
  const leading = before.trimStart().startsWith('|');
  const index = pipes - (leading ? 1 : 0);
  if (index < 0) return undefined;
  let start = last + 1;
  while (start < before.length && (before[start] === ' ' || before[start] === '\t')) start++;
  return { index, start };
}

interface Value {
  text: string;
  detail: string;
  doc?: string;
}

function statusValues(conv: Conventions): Value[] {
  const s = conv.statuses;
  return [
    ...s.pass.map((text) => ({ text, detail: 'the command passed' })),
    ...s.fail.map((text) => ({ text, detail: 'the command failed' })),
    ...s.skipped.map((text) => ({ text, detail: 'the command did not run' })),
  ];
}

/** Exit codes that agree with the row's status (0 for a pass, non-zero for a failure). */
function exitCodeValues(conv: Conventions, status: string): Value[] {
  const code = (n: number) => ({ text: String(n), detail: describeExitCode(n) });
  if (conv.statuses.pass.includes(status)) return [code(0)];
  if (conv.statuses.fail.includes(status)) return FAILING_CODES.map(code);
  if (conv.statuses.skipped.includes(status)) return [{ text: NO_EXIT_CODE, detail: 'no exit code: the command did not run' }];
  return [code(0), code(1)];
}

function valuesFor(site: Site, key: string, column: string, cells: string[], names: string[]): Value[] {
  const conv = site.result.conventions;
  const cols = conv.columns;
  if (key === TABLE.log && column === cols.status) return statusValues(conv);
  if (key === TABLE.log && column === cols.exitCode) return exitCodeValues(conv, cells[names.indexOf(cols.status)] ?? '');
  if (key === TABLE.findings && column === cols.severity) {
    return [...conv.severities].map(([text, meaning]) => ({ text, detail: meaning.split(' — ')[0], doc: meaning }));
  }
  if (key === TABLE.findings && column === cols.verification) return conv.verification.map((text) => ({ text, detail: column }));
  return [];
}

export function cellCompletions(site: Site): CompletionItem[] | undefined {
  const { model } = site.result;
  const at = tableAt(model, site.pos.line);
  if (!at || site.pos.line <= at.table.delimiter.line) return undefined;
  const cell = cellAtCursor(site.before);
  const names = at.table.header.cells.map((c) => c.text);
  if (!cell || cell.index >= names.length) return [];
  const key = tableKeyOf(at.section.name);
  const column = names[cell.index];
  const typed = site.before.slice(cell.start);
  if (key === TABLE.findings && column === site.result.conventions.columns.location) {
    const root = site.ctx.root;
    if (!root) return [];
    const path = typed.replace(/^`/, '');
    const start = cell.start + typed.length - path.length;
    return pathItems({ workspace: site.ctx.workspace, root, typed: path, line: site.pos.line, start, withLine: true });
  }
  const cells = splitRow(site.text).cells.map((c) => c.text);
  // Right after a pipe, the value gets the blank a table cell is written with.
  const pad = cell.start > 0 && site.before[cell.start - 1] === '|' ? ' ' : '';
  const range = lineSpan(site.pos.line, cell.start, site.pos.character);
  return valuesFor(site, key, column, cells, names).map((v, i) => ({
    label: v.text,
    labelDetails: { description: v.detail },
    kind: CompletionItemKind.EnumMember,
    detail: v.detail,
    documentation: v.doc ? markdownDoc(`**${escapeMarkdown(v.text)}**: ${escapeMarkdown(v.doc)}`) : undefined,
    sortText: String(i).padStart(3, '0'),
    filterText: pad + v.text,
    textEdit: { range, newText: pad + v.text },
  }));
}
