// table/*: the Command Execution Log and Findings tables — header, cell counts, and the
// conventional values of their columns.
import type { Range } from 'vscode-languageserver-types';
import type { Finding, Fix, Rule, RuleContext } from '../findings';
import { tableKeyOf } from '../schema';
import type { Section, Table, TableRow } from '../snapshot';
import { splitDelimiterRow, splitRow, type Cell } from '../table';
import { insertLinesAfter, lineSpan } from '../text';
import { delimiterRow, headerRow } from '../templates';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  5: 'SIGTRAP',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  10: 'SIGUSR1',
  11: 'SIGSEGV',
  12: 'SIGUSR2',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
};

/** What an exit code means, in words: `137` → `128 + 9: killed by SIGKILL`. */
export function describeExitCode(code: number): string {
  if (code === 0) return 'success';
  if (code === 1) return 'general failure';
  if (code === 2) return 'usage error (by convention)';
  if (code === 126) return 'command found but not executable';
  if (code === 127) return 'command not found';
  if (code > 128 && code <= 128 + 64) {
    const sig = code - 128;
    const name = SIGNALS[sig] ?? `signal ${sig}`;
    const why = sig === 9 ? ' (often the out-of-memory killer)' : sig === 15 ? ' (asked to stop)' : sig === 2 ? ' (Ctrl+C)' : '';
    return `128 + ${sig}: killed by ${name}${why}`;
  }
  return 'failure';
}

export function cellRange(row: TableRow, c: Cell): Range {
  if (c.end > c.start) return lineSpan(row.line, c.start, c.end);
  // An empty cell: the blanks between its pipes, or the pipe before it.
  if (c.rawEnd > c.rawStart) return lineSpan(row.line, c.rawStart, c.rawEnd);
  return lineSpan(row.line, Math.max(0, c.rawStart - 1), c.rawStart);
}

function rowTextRange(row: TableRow, lineText: string): Range {
  const s = lineText.length - lineText.trimStart().length;
  return lineSpan(row.line, s, lineText.trimEnd().length);
}

/** The schema table key and section of each table the schema names. */
export function schemaTables(ctx: RuleContext): { key: string; header: string[]; section: Section | undefined; tables: Table[] }[] {
  const out = [];
  for (const [key, header] of ctx.schema.tableHeaders) {
    const section = ctx.model.sections.find((s) => tableKeyOf(s.name) === key);
    out.push({ key, header, section, tables: section ? (ctx.model.tables.get(section) ?? []) : [] });
  }
  return out;
}

const inline = unified().use(remarkParse);
const pipeCache = new Map<string, number[]>();

/**
 * Offsets of the bare `|` inside code spans of a row, as CommonMark reads the row's inline
 * content (remark-parse: backtick runs of any length, escapes). Only broken rows get here,
 * and each distinct row text is parsed once.
 */
export function codeSpanPipes(lineText: string): number[] {
  let hit = pipeCache.get(lineText);
  if (hit) return hit;
  hit = [];
  // A row read as a paragraph: only rows that start with a pipe cannot be read as another block.
  if (lineText.trimStart().startsWith('|')) {
    const tree = inline.parse(lineText) as Root;
    const walk = (node: { type: string; children?: unknown[]; position?: { start: { offset?: number }; end: { offset?: number } } }) => {
      if (node.type === 'inlineCode' && node.position) {
        const a = node.position.start.offset ?? 0;
        const b = node.position.end.offset ?? 0;
        for (let i = a; i < b; i++) {
          if (lineText[i] === '\\') i++;
          else if (lineText[i] === '|') hit!.push(i);
        }
      }
      for (const c of (node.children ?? []) as (typeof node)[]) walk(c);
    };
    walk(tree);
  }
  if (pipeCache.size > 1000) pipeCache.clear();
  pipeCache.set(lineText, hit);
  return hit;
}

/** Edits that fix a row with too many cells, when the cause is unambiguous. */
function cellCountFix(lineText: string, row: TableRow, expected: number): Fix | undefined {
  const n = row.cells.length;
  if (n <= expected) return undefined;
  // Trailing empty cells only: drop them.
  const extra = row.cells.slice(expected);
  if (extra.every((c) => c.text === '')) {
    const last = row.cells[expected - 1];
    const end = lineText.trimEnd().length;
    return {
      title: `Remove ${n - expected} empty trailing cell${n - expected > 1 ? 's' : ''}`,
      safe: true,
      preferred: true,
      edits: [{ range: lineSpan(row.line, last.rawEnd, end), newText: lineText.trimEnd().endsWith('|') ? ' |' : '' }],
    };
  }
  // Bare pipes inside code spans split the cell: escaping exactly those makes the count right.
  const pipes = codeSpanPipes(lineText);
  if (pipes.length === n - expected) {
    return {
      title: `Escape ${pipes.length} "|" inside code span${pipes.length > 1 ? 's' : ''}`,
      safe: true,
      preferred: true,
      edits: pipes.map((p) => ({ range: lineSpan(row.line, p, p), newText: '\\' })),
    };
  }
  return undefined;
}

export const tablesRule: Rule = {
  name: 'table',
  run(ctx: RuleContext): Finding[] {
    const { model, conventions: conv } = ctx;
    const out: Finding[] = [];
    const eol = model.text.eol();
    const cols = conv.columns;
    const passWords = new Set(conv.statuses.pass.map((s) => s.toLowerCase()));
    const failWords = new Set(conv.statuses.fail.map((s) => s.toLowerCase()));
    const skipWords = new Set(conv.statuses.skipped.map((s) => s.toLowerCase()));
    const allStatuses = [...conv.statuses.pass, ...conv.statuses.fail, ...conv.statuses.skipped];
    const severities = [...conv.severities.keys()];

    for (const { header, section, tables } of schemaTables(ctx)) {
      if (!section) continue;
      const expected = headerRow(header);
      if (tables.length === 0) {
        // A pipe row followed by a delimiter row of another width is a table GFM does not read.
        let broken: { line: number; header: number; delimiter: number } | undefined;
        let pipes = false;
        for (let i = section.startLine; i < section.endLine && !broken; i++) {
          const t = model.text.lineText(i);
          if (!t.includes('|')) continue;
          pipes = true;
          const d = i + 1 < section.endLine ? splitDelimiterRow(model.text.lineText(i + 1)) : undefined;
          if (d) broken = { line: i, header: splitRow(t).cells.length, delimiter: d.cells.length };
        }
        const after = model.text.line(section.heading.line + 1);
        const nextIsText = after !== undefined && after.text.trim() !== '';
        out.push({
          rule: 'table/missing',
          severity: 'error',
          message: broken
            ? `Section "${section.name}" has no table: its header row has ${broken.header} cells and its delimiter row ${broken.delimiter} (GFM needs the same number); the first table must have the header: ${expected}`
            : `Section "${section.name}" has no table; its first table must have the header: ${expected}`,
          range: broken
            ? rowTextRange({ line: broken.line, cells: [], range: model.text.lineRange(broken.line) }, model.text.lineText(broken.line))
            : section.heading.textRange,
          fixes: [
            {
              title: `Insert the "${section.name}" table header`,
              // Rows already written under the heading would join the inserted table: the author decides.
              safe: !pipes,
              preferred: !pipes,
              // A blank line after the table keeps the text that follows out of it.
              edits: [
                insertLinesAfter(
                  model.text,
                  section.heading.line,
                  eol + expected + eol + delimiterRow(header) + eol + (nextIsText ? eol : ''),
                ),
              ],
            },
          ],
        });
        continue;
      }
      const first = tables[0];
      const found = first.header.cells.map((c) => c.text);
      const headerOk = found.length === header.length && found.every((t, i) => t === header[i]);
      if (!headerOk) {
        const i = header.findIndex((h, k) => found[k] !== h);
        const detail =
          found.length !== header.length
            ? `it has ${found.length} columns, the schema ${header.length}`
            : `column ${i + 1} is "${found[i]}", expected "${header[i]}"`;
        out.push({
          rule: 'table/header',
          severity: 'error',
          message: `The first table of "${section.name}" must have the header ${expected} (${detail}).`,
          range: rowTextRange(first.header, model.text.lineText(first.header.line)),
          fixes: [
            {
              title: `Replace the header with the schema's`,
              safe: found.length === header.length,
              preferred: true,
              edits: [
                { range: model.text.lineRange(first.header.line), newText: expected },
                { range: model.text.lineRange(first.delimiter.line), newText: delimiterRow(header) },
              ],
            },
          ],
        });
      }

      for (const [ti, table] of tables.entries()) {
        const names = table.header.cells.map((c) => c.text);
        const isSchemaTable = names.length === header.length && names.every((t, i) => t === header[i]);
        // Later tables with their own header are the author's own tables: only the first is checked
        // against the schema, and any table written with the schema's header is checked in full.
        if (ti > 0 && !isSchemaTable) continue;
        const col = (name: string) => (names.includes(name) && header.includes(name) ? names.indexOf(name) : -1);
        const iStatus = col(cols.status);
        const iExit = col(cols.exitCode);
        const iSev = col(cols.severity);
        const iVer = col(cols.verification);
        for (const row of table.rows) {
          const lineText = model.text.lineText(row.line);
          if (row.cells.length !== names.length) {
            const fix = cellCountFix(lineText, row, names.length);
            out.push({
              rule: 'table/columns',
              severity: 'error',
              message:
                `Row has ${row.cells.length} cell${row.cells.length === 1 ? '' : 's'}; the header has ${names.length}` +
                (row.cells.length > names.length ? ' (a bare "|" splits a cell, even inside backticks: write "\\|").' : '.'),
              range: rowTextRange(row, lineText),
              fixes: fix ? [fix] : undefined,
            });
            continue;
          }
          const status = iStatus >= 0 ? row.cells[iStatus].text.toLowerCase() : '';
          const skipped = skipWords.has(status);
          row.cells.forEach((c, i) => {
            if (c.text !== '' || !header.includes(names[i])) return;
            if (i === iExit && skipped) return;
            out.push({
              rule: 'table/empty-cell',
              severity: 'warning',
              message: `Empty "${names[i]}" cell.`,
              range: cellRange(row, c),
            });
          });
          if (iStatus >= 0 && status !== '' && !passWords.has(status) && !failWords.has(status) && !skipped) {
            out.push({
              rule: 'table/status',
              severity: 'warning',
              message: `Status "${row.cells[iStatus].text}" is not one of: ${allStatuses.join(', ')}.`,
              range: cellRange(row, row.cells[iStatus]),
            });
          }
          if (iExit >= 0) {
            const c = row.cells[iExit];
            const v = c.text;
            if (v !== '' && !(skipped && v === '-')) {
              if (!/^-?\d+$/.test(v)) {
                out.push({
                  rule: 'table/exit-code',
                  severity: 'error',
                  message: `exit_code "${v}" is not an integer${skipWords.size ? ` ("-" or empty only on a ${[...skipWords][0]} row)` : ''}.`,
                  range: cellRange(row, c),
                });
              } else {
                const code = Number(v);
                if (passWords.has(status) && code !== 0) {
                  out.push({
                    rule: 'table/status-exit',
                    severity: 'warning',
                    message: `Status "${row.cells[iStatus].text}" contradicts exit code ${code} (${describeExitCode(code)}).`,
                    range: cellRange(row, c),
                  });
                } else if (failWords.has(status) && code === 0) {
                  out.push({
                    rule: 'table/status-exit',
                    severity: 'warning',
                    message: `Status "${row.cells[iStatus].text}" contradicts exit code 0 (success).`,
                    range: cellRange(row, c),
                  });
                }
              }
            }
          }
          if (iSev >= 0) {
            const c = row.cells[iSev];
            if (c.text !== '' && !conv.severities.has(c.text)) {
              const mapped =
                conv.severityWords.get(c.text.toLowerCase()) ??
                (conv.severities.has(c.text.toUpperCase()) ? c.text.toUpperCase() : undefined);
              out.push({
                rule: 'table/severity',
                severity: 'warning',
                message: `Severity "${c.text}" is not one of ${severities.join(', ')}${mapped ? ` (write ${mapped} for "${c.text}")` : ''}.`,
                range: cellRange(row, c),
                fixes: mapped
                  ? [
                      {
                        title: `Write severity ${mapped}`,
                        safe: true,
                        preferred: true,
                        edits: [{ range: cellRange(row, c), newText: mapped }],
                      },
                    ]
                  : severities.map((s) => ({
                      title: `Write severity ${s}`,
                      safe: false,
                      edits: [{ range: cellRange(row, c), newText: s }],
                    })),
              });
            }
          }
          if (iVer >= 0) {
            const c = row.cells[iVer];
            if (c.text !== '' && !conv.verification.includes(c.text)) {
              const mapped = conv.verification.find((v) => v.toLowerCase() === c.text.toLowerCase());
              out.push({
                rule: 'table/verification',
                severity: 'warning',
                message: `"${c.text}" is not one of: ${conv.verification.join(', ')}.`,
                range: cellRange(row, c),
                fixes: (mapped ? [mapped] : conv.verification).map((v) => ({
                  title: `Write ${v}`,
                  safe: !!mapped,
                  preferred: !!mapped,
                  edits: [{ range: cellRange(row, c), newText: v }],
                })),
              });
            }
          }
        }
      }
    }
    return out;
  },
};
