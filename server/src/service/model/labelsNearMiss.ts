// Near misses of the Classification Labels list: the labels written as a table, as lines
// without the bullet (or as a numbered list), or with an id that is a candidate's in another
// case or with emphasis around it. Each is one finding where it is, with a fix that rewrites it
// as the contract's list; the candidates it labels are not reported as unlabelled elsewhere.
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { parseLabelLine } from './lines';
import { normalizeName } from './nearMiss';
import type { Label, Section, SnapshotModel, Table } from './snapshot';
import { lineSpan, range } from './text';
import { Char } from '../text/chars';

export interface LabelNearMiss {
  /** The candidate ids it labels. */
  ids: string[];
  range: Range;
  message: string;
  edit: TextEdit;
  title: string;
}

function untick(s: string): string {
  return s.length >= 2 && s.startsWith('`') && s.endsWith('`') ? s.slice(1, -1).trim() : s;
}

/** Which columns of a labels table hold the ids and the labels: by header, else by what the cells hold. */
function columnsOf(table: Table, ids: ReadonlySet<string>, allowed: ReadonlySet<string>): { id: number; label: number } {
  const head = table.header.cells.map((c) => normalizeName(c.text));
  const byValues = (ok: (v: string) => boolean) =>
    table.header.cells.findIndex((_, i) => table.rows.some((r) => r.cells[i] && ok(untick(r.cells[i].text))));
  let id = head.findIndex((h) => h.split(' ').includes('id') || h.includes('candidate'));
  if (id < 0) id = byValues((v) => ids.has(v));
  let label = head.findIndex((h, i) => i !== id && (h.includes('label') || h.includes('class')));
  if (label < 0) label = byValues((v) => allowed.has(v));
  return { id: id < 0 ? 0 : id, label: label < 0 || label === id ? (id === 0 ? 1 : 0) : label };
}

function tableNearMiss(model: SnapshotModel, table: Table, ids: ReadonlySet<string>, allowed: ReadonlySet<string>, ticks: boolean) {
  const col = columnsOf(table, ids, allowed);
  const rows = table.rows.filter((r) => r.cells[col.id] && untick(r.cells[col.id].text) !== '');
  const eol = model.text.eol();
  const lines = rows.map((r) => {
    const id = untick(r.cells[col.id].text);
    const label = untick(r.cells[col.label]?.text ?? '');
    return ticks ? `- \`${id}\`: ${label}` : `- ${id}: ${label}`;
  });
  const last = table.endLine - 1;
  const header = model.text.lineText(table.header.line);
  return {
    ids: rows.map((r) => untick(r.cells[col.id].text)),
    range: lineSpan(table.header.line, header.length - header.trimStart().length, header.trimEnd().length),
    message: 'Classification Labels is a table; the contract requires a bullet list, one "- `ID`: label" line per candidate.',
    edit: { range: range(table.header.line, 0, last, model.text.lineText(last).length), newText: lines.join(eol) },
    title: 'Convert the table to the label list',
  };
}

/** Where a line's text starts, and the `1.` / `1)` marker of a numbered item there (else ''). */
function unbulleted(t: string): { marker: string; start: number } {
  const start = t.length - t.trimStart().length;
  let i = start;
  while (i < t.length && t.charCodeAt(i) >= Char.Digit0 && t.charCodeAt(i) <= Char.Digit9) i++;
  const numbered = i > start && (t[i] === '.' || t[i] === ')') && t[i + 1] === ' ';
  return numbered ? { marker: t.slice(start, i + 2), start } : { marker: '', start };
}

function lineNearMiss(model: SnapshotModel, line: number, ids: ReadonlySet<string>) {
  const t = model.text.lineText(line);
  const u = unbulleted(t);
  // `` `ID`: label ``, `ID: label` or `1. ID: label`: a label line but for its bullet.
  const rest = t.slice(u.start + u.marker.length);
  const m = parseLabelLine('- ' + rest);
  if (!m || !ids.has(m.id)) return undefined;
  const what = u.marker ? `is a numbered item ("${u.marker.trim()}")` : 'has no bullet';
  return {
    ids: [m.id],
    range: lineSpan(line, u.start, t.trimEnd().length),
    message: `"${t.trim()}" ${what}; the contract requires a bullet: "- ${rest.trim()}".`,
    edit: { range: lineSpan(line, 0, u.start + u.marker.length), newText: '- ' },
    title: 'Write it as a bullet',
  };
}

/** A label whose id is a candidate's once case and emphasis are set aside. */
function idNearMiss(l: Label, byLoose: Map<string, string>): LabelNearMiss | undefined {
  const loose = l.id.replace(/[*_]/g, '').trim().toLowerCase();
  const id = byLoose.get(loose);
  if (!id || id === l.id) return undefined;
  const why =
    l.id.toLowerCase() === id.toLowerCase() ? 'writes the id in another case (ids are case-sensitive)' : 'has emphasis around the id';
  return {
    ids: [id],
    range: l.idRange,
    message: `"${l.id}" ${why}; the candidate's id is "${id}".`,
    edit: { range: l.idRange, newText: id },
    title: `Write the id as "${id}"`,
  };
}

/**
 * The near misses of the labels list. `ids` are the candidates' ids; a label line or table row
 * counts only when it names one of them (so notes in the section are left alone).
 */
export function labelNearMisses(
  model: SnapshotModel,
  section: Section,
  ids: ReadonlySet<string>,
  allowed: readonly string[],
): LabelNearMiss[] {
  const out: LabelNearMiss[] = [];
  const labelled = new Set(model.labels.map((l) => l.id));
  const ticks = model.labels.length === 0 || model.text.lineText(model.labels[0].line).includes('`');
  const table = model.tables.get(section)?.[0];
  if (table && table.rows.length) {
    // A set: the schema may allow thousands of labels, and each row's cells are looked up.
    const nm = tableNearMiss(model, table, ids, new Set(allowed), ticks);
    if (nm.ids.some((id) => ids.has(id) && !labelled.has(id))) out.push(nm);
  }
  const mask = new Uint8Array(section.endLine);
  for (const f of model.fences) mask.fill(1, f.openLine, Math.min((f.closeLine ?? section.endLine) + 1, section.endLine));
  for (let i = section.startLine; i < section.endLine; i++) {
    const t = model.text.lineText(i);
    if (mask[i] || t.trim() === '' || t.trimStart().startsWith('|') || /^\s*[-*+]\s/.test(t)) continue;
    const nm = lineNearMiss(model, i, ids);
    if (nm) out.push(nm);
  }
  const byLoose = new Map([...ids].map((id) => [id.replace(/[*_]/g, '').toLowerCase(), id]));
  for (const l of model.labels) {
    const nm = ids.has(l.id) ? undefined : idNearMiss(l, byLoose);
    if (nm) out.push(nm);
  }
  return out;
}
