// table/*: the Command Execution Log and Findings tables — header, cell counts, and the
// conventional values of their columns.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';
import type { Range } from 'vscode-languageserver-types';
import type { EngineCaches } from '../caches';
import { describeExitCode, isIntegerText } from '../contract/exitCodes';
import type { Fix } from '../findings';
import { tableKeyOf } from '../contract/schema';
import type { Section, Table, TableRow } from '../model/snapshot';
import { hasPlaceholder } from '../contract/placeholders';
import { cellRange, splitDelimiterRow, splitRow } from '../model/table';
import { delimiterRow, headerRow } from '../contract/templates';
import { insertLinesAfter, lineSpan } from '../model/text';
import { defineRules, type Report, type RuleContext } from './registry';

/** Rows checked between two pauses. */
const STEP_ROWS = 512;
/**
 * Broken rows whose escape fix is worked out with remark (about 0.1 ms each) per check, and the
 * longest row it is tried on: 100,000 broken rows still get their diagnostics, at linear cost,
 * but only the first ones a guessed fix (no one fixes 100,000 rows one quick fix at a time).
 */
const FIX_BUDGET_ROWS = 100;
const FIX_MAX_ROW_CHARS = 4096;

function rowTextRange(line: number, lineText: string): Range {
  const s = lineText.length - lineText.trimStart().length;
  return lineSpan(line, s, lineText.trimEnd().length);
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

/** The inline parser, made on first use: only broken rows need it (the CLI loads remark then). */
let inline: ReturnType<typeof inlineParser> | undefined;
function inlineParser() {
  return unified().use(remarkParse);
}

type MdNode = { type: string; children?: unknown[]; position?: { start: { offset?: number }; end: { offset?: number } } };

/**
 * Offsets of the bare `|` inside code spans of a row, as CommonMark reads the row's inline
 * content (remark-parse: backtick runs of any length, escapes). Only broken rows get here, and
 * each distinct row text is parsed once.
 */
export function codeSpanPipes(lineText: string, caches?: EngineCaches): number[] {
  return caches ? caches.codeSpanPipes.get(lineText, pipesInCode) : pipesInCode(lineText);
}

function pipesInCode(lineText: string): number[] {
  const hit: number[] = [];
  // A row read as a paragraph: only rows that start with a pipe cannot be read as another block.
  if (!lineText.trimStart().startsWith('|')) return hit;
  const walk = (node: MdNode) => {
    if (node.type === 'inlineCode' && node.position) {
      const b = node.position.end.offset ?? 0;
      for (let i = node.position.start.offset ?? 0; i < b; i++) {
        if (lineText[i] === '\\') i++;
        else if (lineText[i] === '|') hit.push(i);
      }
    }
    for (const c of (node.children ?? []) as MdNode[]) walk(c);
  };
  inline ??= inlineParser();
  walk(inline.parse(lineText) as Root as MdNode);
  return hit;
}

/** Edits that fix a row with too many cells, when the cause is unambiguous. */
function cellCountFix(lineText: string, row: TableRow, expected: number, caches: EngineCaches, budget: { rows: number }): Fix | undefined {
  const n = row.cells.length;
  if (n <= expected) return undefined;
  // Trailing empty cells only: drop them.
  if (row.cells.slice(expected).every((c) => c.text === '')) {
    const last = row.cells[expected - 1];
    const s = n - expected > 1 ? 's' : '';
    const newText = lineText.trimEnd().endsWith('|') ? ' |' : '';
    return {
      title: `Remove ${n - expected} empty trailing cell${s}`,
      safe: true,
      preferred: true,
      edits: [{ range: lineSpan(row.line, last.rawEnd, lineText.trimEnd().length), newText }],
    };
  }
  // Bare pipes inside code spans split the cell: escaping exactly those makes the count right.
  if (budget.rows <= 0 || lineText.length > FIX_MAX_ROW_CHARS) return undefined;
  budget.rows--;
  const pipes = codeSpanPipes(lineText, caches);
  if (pipes.length !== n - expected) return undefined;
  return {
    title: `Escape ${pipes.length} "|" inside code span${pipes.length > 1 ? 's' : ''}`,
    safe: true,
    preferred: true,
    edits: pipes.map((p) => ({ range: lineSpan(row.line, p, p), newText: '\\' })),
  };
}

/** A pipe row followed by a delimiter row of another width: a table GFM does not read. */
function brokenTable(ctx: RuleContext, section: Section): { line: number; header: number; delimiter: number; pipes: boolean } | undefined {
  const { text } = ctx.model;
  for (let i = section.startLine; i < section.endLine; i++) {
    const t = text.lineText(i);
    if (!t.includes('|')) continue;
    const d = i + 1 < section.endLine ? splitDelimiterRow(text.lineText(i + 1)) : undefined;
    if (d) return { line: i, header: splitRow(t).cells.length, delimiter: d.cells.length, pipes: true };
  }
  return undefined;
}

function hasPipeRow(ctx: RuleContext, section: Section): boolean {
  for (let i = section.startLine; i < section.endLine; i++) if (ctx.model.text.lineHas(i, 124)) return true;
  return false;
}

/** A row that reads as the schema's header (any case), with no delimiter row under it: GFM reads no table. */
function headerWithoutDelimiter(ctx: RuleContext, section: Section, header: string[]): number | undefined {
  const { text } = ctx.model;
  const want = header.map((h) => h.toLowerCase()).join('|');
  for (let i = section.startLine; i < section.endLine; i++) {
    if (!text.lineHas(i, 124)) continue;
    const cells = splitRow(text.lineText(i)).cells.map((c) => c.text.toLowerCase());
    if (cells.join('|') === want && !(i + 1 < section.endLine && splitDelimiterRow(text.lineText(i + 1)))) return i;
  }
  return undefined;
}

/** The table is there but GFM does not read it: its delimiter row is missing or of another width. Fixed in place. */
function reportUnreadTable(ctx: RuleContext, section: Section, header: string[], report: Report): boolean {
  const { model } = ctx;
  const eol = model.text.eol();
  const broken = brokenTable(ctx, section);
  if (broken && broken.header === header.length) {
    const fix: Fix = {
      title: 'Write the delimiter row with one cell per column',
      safe: true,
      preferred: true,
      edits: [{ range: model.text.lineRange(broken.line + 1), newText: delimiterRow(header) }],
    };
    const message = `The "${section.name}" table's delimiter row has ${broken.delimiter} cells and its header ${broken.header}, so GFM reads no table; write ${delimiterRow(header)}.`;
    report('table/missing', rowTextRange(broken.line + 1, model.text.lineText(broken.line + 1)), message, { fixes: [fix] });
    return true;
  }
  const line = broken ? undefined : headerWithoutDelimiter(ctx, section, header);
  if (line === undefined) return false;
  const fix: Fix = {
    title: 'Insert the delimiter row under the header',
    safe: true,
    preferred: true,
    edits: [insertLinesAfter(model.text, line, delimiterRow(header) + eol)],
  };
  const message = `The "${section.name}" table header has no delimiter row under it, so GFM reads no table; write ${delimiterRow(header)} on the next line.`;
  report('table/missing', rowTextRange(line, model.text.lineText(line)), message, { fixes: [fix] });
  return true;
}

function reportMissingTable(ctx: RuleContext, section: Section, header: string[], report: Report): void {
  if (reportUnreadTable(ctx, section, header, report)) return;
  const { model } = ctx;
  const eol = model.text.eol();
  const expected = headerRow(header);
  const broken = brokenTable(ctx, section);
  const pipes = hasPipeRow(ctx, section);
  const after = model.text.line(section.heading.line + 1);
  const nextIsText = after !== undefined && after.text.trim() !== '';
  const message = broken
    ? `Section "${section.name}" has no table: its header row has ${broken.header} cells and its delimiter row ${broken.delimiter} (GFM needs the same number); the first table must have the header: ${expected}`
    : `Section "${section.name}" has no table; its first table must have the header: ${expected}`;
  const fix: Fix = {
    title: `Insert the "${section.name}" table header`,
    // Rows already written under the heading would join the inserted table: the author decides.
    safe: !pipes,
    preferred: !pipes,
    // A blank line after the table keeps the text that follows out of it.
    edits: [
      insertLinesAfter(model.text, section.heading.line, eol + expected + eol + delimiterRow(header) + eol + (nextIsText ? eol : '')),
    ],
  };
  const range = broken ? rowTextRange(broken.line, model.text.lineText(broken.line)) : section.heading.textRange;
  report('table/missing', range, message, { fixes: [fix] });
}

function sameHeader(table: Table, header: string[]): boolean {
  const names = table.header.cells.map((c) => c.text);
  return names.length === header.length && names.every((t, i) => t === header[i]);
}

function checkHeader(ctx: RuleContext, section: Section, header: string[], first: Table, report: Report): void {
  if (sameHeader(first, header)) return;
  const { text } = ctx.model;
  const found = first.header.cells.map((c) => c.text);
  const i = header.findIndex((h, k) => found[k] !== h);
  const detail =
    found.length !== header.length
      ? `it has ${found.length} columns, the schema ${header.length}`
      : `column ${i + 1} is "${found[i]}", expected "${header[i]}"`;
  const fix: Fix = {
    title: `Replace the header with the schema's`,
    safe: found.length === header.length,
    preferred: true,
    edits: [
      { range: text.lineRange(first.header.line), newText: headerRow(header) },
      { range: text.lineRange(first.delimiter.line), newText: delimiterRow(header) },
    ],
  };
  const message = `The first table of "${section.name}" must have the header ${headerRow(header)} (${detail}).`;
  report('table/header', rowTextRange(first.header.line, text.lineText(first.header.line)), message, { fixes: [fix] });
}

/** What every row of one table is checked with. */
interface RowCheck {
  ctx: RuleContext;
  report: Report;
  names: string[];
  required: string[];
  col: { status: number; exit: number; severity: number; verification: number };
  words: { pass: Set<string>; fail: Set<string>; skipped: Set<string> };
  /** What is left of the costly fix guesses for this check (shared by the tables). */
  budget: { rows: number };
}

function rowCheckFor(ctx: RuleContext, report: Report, table: Table, header: string[], budget: { rows: number }): RowCheck {
  const names = table.header.cells.map((c) => c.text);
  const cols = ctx.conventions.columns;
  const col = (name: string) => (names.includes(name) && header.includes(name) ? names.indexOf(name) : -1);
  const lower = (xs: string[]) => new Set(xs.map((s) => s.toLowerCase()));
  const st = ctx.conventions.statuses;
  return {
    ctx,
    report,
    names,
    required: header,
    col: { status: col(cols.status), exit: col(cols.exitCode), severity: col(cols.severity), verification: col(cols.verification) },
    words: { pass: lower(st.pass), fail: lower(st.fail), skipped: lower(st.skipped) },
    budget,
  };
}

/**
 * A whole-line HTML comment where a table's rows go on: GFM ends the table there (the rows after
 * it are no longer read as a table), so it is an error at that line. A suppression written
 * there belongs at the end of the row it is about; the fix moves it.
 */
function reportCommentLine(rc: RowCheck, row: TableRow, lineText: string, next: TableRow | undefined): void {
  const t = lineText.trim();
  const directive = /^<!--\s*review-snapshot-disable-next-line\b/.test(t) && next;
  const nextText = next ? rc.ctx.model.text.lineText(next.line) : '';
  const at = nextText.trimEnd().endsWith('|') ? nextText.trimEnd().length - 1 : nextText.length;
  const before = nextText.slice(0, at).trimEnd().length;
  const moved = t.replace('review-snapshot-disable-next-line', 'review-snapshot-disable-line');
  const fixes: Fix[] | undefined =
    directive && next
      ? [
          {
            title: 'Move the suppression to the end of the row it is about',
            safe: true,
            preferred: true,
            edits: [
              { range: { start: { line: row.line, character: 0 }, end: { line: next.line, character: 0 } }, newText: '' },
              { range: lineSpan(next.line, before, before), newText: ` ${moved}` },
            ],
          },
        ]
      : undefined;
  const message =
    'An HTML comment line ends a GFM table: the rows after it are no longer in the table. ' +
    (directive
      ? 'Write the suppression at the end of the row it is about (`… <!-- review-snapshot-disable-line <rule> --> |`).'
      : 'Move the comment out of the table, or into a cell.');
  rc.report('table/columns', rowTextRange(row.line, lineText), message, { fixes });
}

function checkColumns(rc: RowCheck, row: TableRow, lineText: string): boolean {
  if (row.cells.length === rc.names.length) return true;
  const n = row.cells.length;
  const fix = cellCountFix(lineText, row, rc.names.length, rc.ctx.caches, rc.budget);
  const pipeHint = n > rc.names.length ? ' (a bare "|" splits a cell, even inside backticks: write "\\|").' : '.';
  rc.report(
    'table/columns',
    rowTextRange(row.line, lineText),
    `Row has ${n} cell${n === 1 ? '' : 's'}; the header has ${rc.names.length}${pipeHint}`,
    {
      fixes: fix ? [fix] : undefined,
    },
  );
  return false;
}

function checkEmptyCells(rc: RowCheck, row: TableRow, skipped: boolean): void {
  row.cells.forEach((c, i) => {
    if (c.text !== '' || !rc.required.includes(rc.names[i])) return;
    if (i === rc.col.exit && skipped) return;
    rc.report('table/empty-cell', cellRange(row, c), `The "${rc.names[i]}" cell is empty; write what the review found there.`);
  });
}

function checkStatus(rc: RowCheck, row: TableRow, status: string, skipped: boolean): void {
  const w = rc.words;
  if (rc.col.status < 0 || status === '' || w.pass.has(status) || w.fail.has(status) || skipped) return;
  const st = rc.ctx.conventions.statuses;
  const all = [...st.pass, ...st.fail, ...st.skipped];
  if (hasPlaceholder(row.cells[rc.col.status].text, { alternatives: true, allowed: all, whole: true })) return;
  rc.report(
    'table/status',
    cellRange(row, row.cells[rc.col.status]),
    `Status "${row.cells[rc.col.status].text}" is not one of: ${all.join(', ')}.`,
  );
}

function checkExitCode(rc: RowCheck, row: TableRow, status: string, skipped: boolean): void {
  if (rc.col.exit < 0) return;
  const c = row.cells[rc.col.exit];
  const v = c.text;
  if (v === '' || (skipped && v === '-') || hasPlaceholder(v, { whole: true })) return;
  if (!isIntegerText(v)) {
    const skip = rc.words.skipped.size ? ` ("-" or empty only on a ${[...rc.words.skipped][0]} row)` : '';
    rc.report('table/exit-code', cellRange(row, c), `exit_code "${v}" is not an integer${skip}.`);
    return;
  }
  const code = Number(v);
  const written = rc.col.status >= 0 ? row.cells[rc.col.status].text : '';
  if (rc.words.pass.has(status) && code !== 0) {
    rc.report('table/status-exit', cellRange(row, c), `Status "${written}" contradicts exit code ${code} (${describeExitCode(code)}).`);
  } else if (rc.words.fail.has(status) && code === 0) {
    rc.report('table/status-exit', cellRange(row, c), `Status "${written}" contradicts exit code 0 (success).`);
  }
}

function checkSeverity(rc: RowCheck, row: TableRow): void {
  if (rc.col.severity < 0) return;
  const conv = rc.ctx.conventions;
  const c = row.cells[rc.col.severity];
  if (c.text === '' || conv.severities.has(c.text) || hasPlaceholder(c.text, { alternatives: true, whole: true })) return;
  const levels = [...conv.severities.keys()];
  const mapped =
    conv.severityWords.get(c.text.toLowerCase()) ?? (conv.severities.has(c.text.toUpperCase()) ? c.text.toUpperCase() : undefined);
  const at = cellRange(row, c);
  const fixes: Fix[] = mapped
    ? [{ title: `Write severity ${mapped}`, safe: true, preferred: true, edits: [{ range: at, newText: mapped }] }]
    : levels.map((s) => ({ title: `Write severity ${s}`, safe: false, edits: [{ range: at, newText: s }] }));
  const hint = mapped ? ` (write ${mapped} for "${c.text}")` : '';
  rc.report('table/severity', at, `Severity "${c.text}" is not one of ${levels.join(', ')}${hint}.`, { fixes });
}

function checkVerification(rc: RowCheck, row: TableRow): void {
  if (rc.col.verification < 0) return;
  const words = rc.ctx.conventions.verification;
  const c = row.cells[rc.col.verification];
  if (c.text === '' || words.includes(c.text) || hasPlaceholder(c.text, { alternatives: true, allowed: words, whole: true })) return;
  const mapped = words.find((v) => v.toLowerCase() === c.text.toLowerCase());
  const at = cellRange(row, c);
  const fixes = (mapped ? [mapped] : words).map((v) => ({
    title: `Write ${v}`,
    safe: !!mapped,
    preferred: !!mapped,
    edits: [{ range: at, newText: v }],
  }));
  rc.report('table/verification', at, `"${c.text}" is not one of: ${words.join(', ')}.`, { fixes });
}

function checkRow(rc: RowCheck, row: TableRow): void {
  const lineText = rc.ctx.model.text.lineText(row.line);
  if (!checkColumns(rc, row, lineText)) return;
  const status = rc.col.status >= 0 ? row.cells[rc.col.status].text.toLowerCase() : '';
  const skipped = rc.words.skipped.has(status);
  checkEmptyCells(rc, row, skipped);
  checkStatus(rc, row, status, skipped);
  checkExitCode(rc, row, status, skipped);
  checkSeverity(rc, row);
  checkVerification(rc, row);
}

function* check(ctx: RuleContext, report: Report): Generator<void, void> {
  const budget = { rows: FIX_BUDGET_ROWS };
  for (const { header, section, tables } of schemaTables(ctx)) {
    if (!section) continue;
    if (tables.length === 0) {
      reportMissingTable(ctx, section, header, report);
      continue;
    }
    checkHeader(ctx, section, header, tables[0], report);
    for (const [ti, table] of tables.entries()) {
      // Later tables with their own header are the author's own tables: only the first is checked
      // against the schema, and any table written with the schema's header is checked in full.
      if (ti > 0 && !sameHeader(table, header)) continue;
      const rc = rowCheckFor(ctx, report, table, header, budget);
      for (let r = 0; r < table.rows.length; r++) {
        const before = budget.rows;
        checkRow(rc, table.rows[r]);
        // A pause every STEP_ROWS rows, and after each costly fix guess.
        if (r % STEP_ROWS === STEP_ROWS - 1 || budget.rows !== before) yield;
      }
      if (table.cut) reportCommentLine(rc, table.cut.comment, ctx.model.text.lineText(table.cut.comment.line), table.cut.next);
    }
  }
}

export const tableRules = defineRules({
  family: 'table',
  rules: [
    { id: 'table/missing', contract: true, fixable: true, description: 'The Command Execution Log or Findings section has no table.' },
    { id: 'table/header', contract: true, fixable: true, description: "The section's first table does not have the schema's header." },
    {
      id: 'table/columns',
      contract: true,
      fixable: true,
      description:
        'A row has more or fewer cells than its header (GFM rules: `\\|` does not split a cell, a bare `|` does, even inside backticks).',
    },
    { id: 'table/empty-cell', contract: false, fixable: false, description: 'A cell of a required column is empty.' },
    { id: 'table/exit-code', contract: true, fixable: false, description: '`exit_code` is not an integer.' },
    { id: 'table/status', contract: false, convention: true, fixable: false, description: 'The status is not a conventional one.' },
    {
      id: 'table/status-exit',
      contract: false,
      fixable: false,
      description: 'A passing row has a non-zero exit code, or a failing row has 0.',
    },
    {
      id: 'table/severity',
      contract: false,
      convention: true,
      fixable: true,
      description: 'The severity is not one of the conventional levels (`P0`–`P3`).',
    },
    {
      id: 'table/verification',
      contract: false,
      convention: true,
      fixable: true,
      description: 'Verified/Hypothesis is not `Verified` or `Hypothesis`.',
    },
  ],
  check,
});
