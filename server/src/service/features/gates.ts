// The gates of a snapshot (the commands of its Command Execution Log) and the edit that
// records their results back into the log rows.
import type { TextEdit } from 'vscode-languageserver-types';
import { COMMAND_COLUMN, TABLE } from '../contract/contract';
import type { Conventions } from '../contract/conventions';
import { tableKeyOf } from '../contract/schema';
import type { SnapshotModel, Table } from '../model/snapshot';
import { cellValue } from '../model/table';
import { lineSpan } from '../model/text';

/** A gate: one command of the snapshot's Command Execution Log. */
export interface Gate {
  command: string;
  /** 0-based line of the table row that holds the command. */
  line: number;
}

/** One finished gate run, to be written back into the log. */
export interface GateResult {
  command: string;
  /** 0-based line of the row to update; rows are matched by line, then by command text. */
  line?: number;
  exitCode: number;
}

function logTable(model: SnapshotModel): Table | undefined {
  const s = model.sections.find((x) => tableKeyOf(x.name) === TABLE.log);
  return s ? model.tables.get(s)?.[0] : undefined;
}

/** A command as the shell should see it: `\|` unescaped, surrounding backticks dropped. */
export function commandText(cell: string): string {
  const v = cellValue(cell).trim();
  // The same run of backticks on both ends (a code span), counted, not matched by a regex.
  let lead = 0;
  while (lead < v.length && v[lead] === '`') lead++;
  let trail = 0;
  while (trail < v.length && v[v.length - 1 - trail] === '`') trail++;
  const k = Math.min(lead, trail, Math.floor(v.length / 2));
  return (k > 0 ? v.slice(k, v.length - k) : v).trim();
}

export function gatesOf(model: SnapshotModel): Gate[] {
  const t = logTable(model);
  if (!t) return [];
  const col = t.header.cells.findIndex((c) => c.text === COMMAND_COLUMN);
  if (col < 0) return [];
  return t.rows.map((r) => ({ command: r.cells[col] ? commandText(r.cells[col].text) : '', line: r.line })).filter((g) => g.command !== '');
}

export function recordResultsEdits(model: SnapshotModel, conv: Conventions, results: GateResult[]): TextEdit[] {
  const t = logTable(model);
  if (!t) return [];
  const names = t.header.cells.map((c) => c.text);
  const iCmd = names.indexOf(COMMAND_COLUMN);
  const iStatus = names.indexOf(conv.columns.status);
  const iExit = names.indexOf(conv.columns.exitCode);
  if (iCmd < 0 || (iStatus < 0 && iExit < 0)) return [];
  // Write statuses in the dialect the table already uses.
  const used = t.rows.map((r) => r.cells[iStatus]?.text.toLowerCase());
  const pick = (words: string[]) => words.find((w) => used.includes(w.toLowerCase())) ?? words[0];
  const passWord = pick(conv.statuses.pass);
  const failWord = pick(conv.statuses.fail);
  const edits: TextEdit[] = [];
  const done = new Set<number>();
  for (const res of results) {
    let row = t.rows.find((r) => r.line === res.line && r.cells[iCmd] && commandText(r.cells[iCmd].text) === res.command);
    row ??= t.rows.find((r) => !done.has(r.line) && r.cells[iCmd] && commandText(r.cells[iCmd].text) === res.command);
    if (!row || done.has(row.line) || row.cells.length !== names.length) continue;
    done.add(row.line);
    const put = (i: number, value: string) => {
      if (i < 0) return;
      const c = row!.cells[i];
      if (c.text === value) return;
      edits.push(
        c.end > c.start
          ? { range: lineSpan(row!.line, c.start, c.end), newText: value }
          : { range: lineSpan(row!.line, c.rawStart, c.rawEnd), newText: ` ${value} ` },
      );
    };
    put(iStatus, res.exitCode === 0 ? passWord : failWord);
    put(iExit, String(res.exitCode));
  }
  return edits;
}
