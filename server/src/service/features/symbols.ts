// Document symbols: the snapshot as the contract sees it — the metadata, each section; in the
// Command Execution Log its gates, in Findings the findings grouped by severity (P0 first) with
// their File:Line, in Spec Candidates each candidate as `ID — title` with its label. Hierarchical,
// for the Outline, breadcrumbs and Go to Symbol. Sections are Modules, not Strings: VS Code's
// Markdown headings are String symbols, so `outline.showStrings: false` for Markdown hides those
// and keeps this outline (see README, "Outline").
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { candidateValue, readCandidates } from '../model/candidates';
import { CANDIDATE, COMMAND_COLUMN, SECTION, TABLE } from '../contract/contract';
import type { CheckResult } from '../engine';
import { tableKeyOf } from '../contract/schema';
import type { Section, SnapshotModel, Table, TableRow } from '../model/snapshot';
import { cellRange, cellValue } from '../model/table';
import { range } from '../model/text';
import { visibleControls } from '../text/escape';
import { parseRef } from '../model/refs';
import { lastTextLine } from './where';

/** A symbol's name must not be empty (VS Code refuses the whole answer otherwise), nor run on. */
function nameOf(text: string, fallback: string): string {
  // Cell and key texts are one trimmed line already; only a long one is cut.
  if (!text) return fallback;
  return text.length > 100 ? text.slice(0, 99) + '…' : text;
}

/**
 * Rows listed by name in one group (gates, or the findings of one severity); the rest are one
 * symbol that covers them. A 4,000-row table would otherwise send a megabyte of symbols after
 * every pause in typing, for an Outline no one can read.
 */
export const MAX_LISTED_ROWS = 200;

/** The symbols of some rows, the rows past the cap as one "… and N more". */
function listed(rows: TableRow[], symbol: (row: TableRow) => DocumentSymbol, what: string): DocumentSymbol[] {
  const out = rows.slice(0, MAX_LISTED_ROWS).map(symbol);
  const rest = rows.slice(MAX_LISTED_ROWS);
  if (rest.length) {
    out.push({
      name: `… and ${rest.length} more ${what}`,
      kind: SymbolKind.Event,
      range: span(rest[0].range, rest[rest.length - 1].range),
      selectionRange: rest[0].range,
    });
  }
  return out;
}

function span(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}

function metadataSymbol(model: SnapshotModel): DocumentSymbol | undefined {
  if (!model.metadata.length) return undefined;
  const children = model.metadata.map((m): DocumentSymbol => {
    const last = m.items.at(-1);
    return {
      name: nameOf(m.key, '(key)'),
      detail: m.value || (m.items.length ? `${m.items.length} item${m.items.length > 1 ? 's' : ''}` : ''),
      kind: SymbolKind.Property,
      range: span(model.text.lineRange(m.line), last ? model.text.lineRange(last.line) : model.text.lineRange(m.line)),
      selectionRange: m.keyRange,
    };
  });
  return {
    name: 'Metadata',
    detail: `${children.length} keys`,
    kind: SymbolKind.Namespace,
    range: span(children[0].range, children[children.length - 1].range),
    selectionRange: children[0].selectionRange,
    children,
  };
}

function column(table: Table, name: string): number {
  return table.header.cells.findIndex((c) => c.text === name);
}

function cellText(row: TableRow, col: number): string {
  const t = col >= 0 && row.cells[col] ? row.cells[col].text : '';
  return t.includes('\\|') ? cellValue(t) : t;
}

function selection(row: TableRow, col: number): Range {
  const c = col >= 0 ? row.cells[col] : undefined;
  return c ? cellRange(row, c) : row.range;
}

function gateSymbols(result: CheckResult, table: Table): DocumentSymbol[] {
  const cols = result.conventions.columns;
  const cmd = column(table, COMMAND_COLUMN);
  const status = column(table, cols.status);
  const exit = column(table, cols.exitCode);
  const gate = (row: TableRow): DocumentSymbol => ({
    name: nameOf(cellText(row, cmd), '(no command)'),
    detail: [cellText(row, status), cellText(row, exit)].filter(Boolean).join(' · '),
    kind: SymbolKind.Function,
    range: row.range,
    selectionRange: selection(row, cmd),
  });
  return listed(table.rows, gate, 'gates');
}

/**
 * A File:Line cell as the Outline names it: the path decoded (`dc%2Drunner%2Drust/x.sh:3` reads
 * `dc-runner-rust/x.sh:3`), any control character made visible; a cell that names no path as written.
 */
function citedName(cell: string): string {
  const ref = parseRef(cell);
  if (!ref || ref.escapes) return cell;
  const lines = ref.line === undefined ? '' : `:${ref.line}${ref.endLine !== undefined ? `-${ref.endLine}` : ''}`;
  return visibleControls(ref.rel + lines);
}

/** Findings grouped by severity, the levels in the conventions' order (P0 first), others after. */
function findingSymbols(result: CheckResult, table: Table): DocumentSymbol[] {
  const cols = result.conventions.columns;
  const sev = column(table, cols.severity);
  const loc = column(table, cols.location);
  // The detail is the finding's first words: the column after Severity and File:Line (What).
  const what = table.header.cells.findIndex((_, i) => i > Math.max(sev, loc));
  const groups = new Map<string, TableRow[]>([...result.conventions.severities.keys()].map((k) => [k, []]));
  for (const row of table.rows) {
    const s = cellText(row, sev) || '(no severity)';
    if (!groups.has(s)) groups.set(s, []);
    groups.get(s)!.push(row);
  }
  const out: DocumentSymbol[] = [];
  for (const [level, rows] of groups) {
    if (!rows.length) continue;
    const finding = (row: TableRow): DocumentSymbol => ({
      name: nameOf(citedName(cellText(row, loc)), '(no File:Line)'),
      detail: nameOf(cellText(row, what), ''),
      kind: SymbolKind.Event,
      range: row.range,
      selectionRange: selection(row, loc),
    });
    const children = listed(rows, finding, `${level} findings`);
    const meaning = result.conventions.severities.get(level)?.split(' — ')[0];
    out.push({
      name: level,
      detail: `${rows.length} finding${rows.length > 1 ? 's' : ''}${meaning ? ` · ${meaning}` : ''}`,
      kind: SymbolKind.Array,
      range: span(rows[0].range, rows[rows.length - 1].range),
      selectionRange: selection(rows[0], sev),
      children,
    });
  }
  return out;
}

function candidateSymbols(model: SnapshotModel): DocumentSymbol[] {
  const labels = new Map(model.labels.map((l) => [l.id, l.label]));
  return readCandidates(model).map((c) => {
    const title = candidateValue(model, c, CANDIDATE.title);
    // A YAML title may run over several lines; a symbol's name is one.
    const name = [c.id, typeof title === 'string' ? title.replace(/\s+/g, ' ').trim() : ''].filter(Boolean).join(' — ');
    return {
      name: nameOf(name, '(candidate without id)'),
      detail: c.id ? labels.get(c.id) || 'no label' : '',
      kind: SymbolKind.Class,
      range: c.range,
      selectionRange: c.idRange ?? c.range,
    };
  });
}

function sectionSymbol(result: CheckResult, s: Section): DocumentSymbol {
  const { model } = result;
  const end = lastTextLine(model, s);
  const table = model.tables.get(s)?.[0];
  const key = tableKeyOf(s.name);
  let children: DocumentSymbol[] = [];
  if (table && key === TABLE.log) children = gateSymbols(result, table);
  else if (table && key === TABLE.findings) children = findingSymbols(result, table);
  else if (s.name === SECTION.candidates) children = candidateSymbols(model);
  const count = table && (key === TABLE.findings || key === TABLE.log) ? table.rows.length : children.length;
  const noun = key === TABLE.log ? 'gate' : key === TABLE.findings ? 'finding' : s.name === SECTION.candidates ? 'candidate' : '';
  return {
    name: nameOf(s.name, '(untitled section)'),
    detail: noun ? `${count} ${noun}${count === 1 ? '' : 's'}` : '',
    kind: SymbolKind.Module,
    range: range(s.heading.line, 0, end, model.text.lineText(end).length),
    selectionRange: s.heading.textRange,
    children,
  };
}

export function documentSymbols(result: CheckResult): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const meta = metadataSymbol(result.model);
  if (meta) out.push(meta);
  for (const s of result.model.sections) out.push(sectionSymbol(result, s));
  return out;
}
