// placeholder/unfilled: a placeholder left in a snapshot that is not a template — the template's
// `YYYY-MM-DD`, `<exit code>`, `success \| failure \| skipped`, `` `<candidate_id>` ``, and the
// `TODO` that quick fixes and New Snapshot write, and the ways older templates write them
// (`<code>`, `pass/fail/skipped`, a lane list `rust|required | mixed`, `path:line`, `...`).
// Reported at the placeholder itself, instead of
// the date-format or integer error its value would otherwise get (those checks step aside for
// placeholders), so a fixed-up snapshot still says what is left to fill in. In a template the
// placeholders are what it is made of: nothing is reported. In the free text of cells, YAML
// values, labels and prose only a placeholder that is the whole value counts ("returns <none>"
// in a finding is text); in metadata values one may sit inside (`prompts/<prompt>.md`).
// Alternatives (`low | moderate | high`, `pass/fail/skipped`) where one value of a closed set
// goes are a placeholder unless the bundled conventions list the value as it is: a
// repository's conventions only add warnings' values, and cannot make a placeholder a value.
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { deref } from '../model/candidates';
import { META, PLACEHOLDER, SECTION } from '../contract/contract';
import { bundledConventions } from '../contract/conventions';
import { choiceFixes } from '../findings';
import { mayHold, metadataPlaceholderOptions, placeholdersIn, type Placeholder, type PlaceholderOptions } from '../contract/placeholders';
import { tableKeyOf } from '../contract/schema';
import { allRows, type Section, type Table } from '../model/snapshot';
import { lineSpan } from '../model/text';
import { defineRules, type Report, type RowAt, type RuleContext } from './registry';

/** Rows or lines read between two pauses. */
const STEP = 512;

function wanted(p: Placeholder, hint?: string): string {
  if (p.options?.length) return `write one of: ${p.options.join(', ')}`;
  if (p.kind === 'date') return "write the review's day";
  return hint ?? 'write the value';
}

/**
 * Reports each placeholder of a value written on `line` from `column`; `choices` (or else the
 * choices the placeholder itself offers) become quick fixes, never safe: the author chooses.
 */
function reportIn(
  report: Report,
  at: { line: number; column: number; value: string; where: string; hint?: string; choices?: readonly string[] },
  opts: PlaceholderOptions = {},
): void {
  for (const p of placeholdersIn(at.value, opts)) {
    const whose = p.kind === 'todo' ? 'a placeholder' : "the template's placeholder";
    const range = lineSpan(at.line, at.column + p.start, at.column + p.end);
    const fixes = choiceFixes(at.where, range, at.choices ?? p.options ?? []);
    report(
      'placeholder/unfilled',
      range,
      `Fill in ${at.where}: \`${p.text}\` is ${whose}; ${wanted(p, at.hint)}.`,
      fixes.length ? { fixes } : undefined,
    );
  }
}

/** What each metadata value is, for the message (older templates write `<git sha>`, `<fill in>`). */
const METADATA_HINTS = new Map<string, string>([
  [META.date, "write the review's day as YYYY-MM-DD"],
  [META.model, 'write the model that made the review'],
  [META.prompt, "write the path of the review's prompt"],
  [META.promptRevision, 'write the commit of the prompt (a git sha)'],
  [META.repoRevision, 'write the commit the review looked at (a git sha)'],
]);

function checkMetadata(ctx: RuleContext, report: Report): void {
  for (const e of ctx.model.metadata) {
    // The lane is one of the conventions' (when they list any): each is offered as a quick fix.
    const lanes = e.key === META.runnerLane && ctx.conventions.runnerLanes.length ? ctx.conventions.runnerLanes : undefined;
    const hint = lanes ? `write the lane the gates ran in, one of: ${lanes.join(', ')}` : METADATA_HINTS.get(e.key);
    if (e.value) {
      const at = { line: e.line, column: e.valueRange.start.character, value: e.value, where: e.key, hint, choices: lanes };
      reportIn(report, at, metadataPlaceholderOptions(e.key, ctx.conventions.runnerLanes));
    }
    for (const item of e.items) reportIn(report, { line: item.line, column: item.range.start.character, value: item.text, where: e.key });
  }
}

/** How each column of a table's cells is read for placeholders. */
interface TableReading {
  names: string[];
  hints: Map<string, string>;
  opts: PlaceholderOptions[];
}

function tableReading(ctx: RuleContext, table: Table): TableReading {
  const cols = ctx.conventions.columns;
  const hints = new Map([
    [cols.exitCode, "write the command's exit code"],
    [cols.location, 'write the file and line the finding is about, as path:line'],
  ]);
  const closed = new Set([cols.status, cols.severity, cols.verification]);
  const b = bundledConventions();
  const allowed = [...b.statuses.pass, ...b.statuses.fail, ...b.statuses.skipped, ...b.verification, ...b.severities.keys()];
  const c = ctx.conventions;
  const known = [...c.statuses.pass, ...c.statuses.fail, ...c.statuses.skipped, ...c.verification, ...c.severities.keys()];
  const names = table.header.cells.map((cell) => cell.text);
  // A File:Line cell names paths, not free text: a placeholder inside one (`<path>:<line>`,
  // `src/<file>.ts`) counts, as the link check steps aside for it.
  const opts = names.map((name) => ({ alternatives: closed.has(name), allowed, known, whole: name !== cols.location }));
  return { names, hints, opts };
}

const NO_ALTERNATIVES: PlaceholderOptions = { alternatives: false, whole: true };

/** The placeholders of some body rows: of the schema's tables, and of tables in prose sections (each reported on its row's line). */
function* checkRows(ctx: RuleContext, report: Report, rows: readonly RowAt[]): Generator<void, void> {
  if (ctx.template) return;
  const readings = new Map<Table, TableReading | undefined>();
  let n = 0;
  for (const { section, table, row } of rows) {
    if (++n % STEP === 0) yield;
    let reading = readings.get(table);
    if (!readings.has(table)) {
      reading = ctx.schema.tableHeaders.has(tableKeyOf(section.name)) ? tableReading(ctx, table) : undefined;
      readings.set(table, reading);
    }
    if (!reading) {
      // A row of a table in a prose section is a prose line (read here, so the rest reads no row).
      if (isProse(ctx, section) && section.name !== SECTION.rawOutput) checkProseLine(ctx, report, section, row.line);
      continue;
    }
    for (let i = 0; i < row.cells.length; i++) {
      const c = row.cells[i];
      const opts = reading.opts[i] ?? NO_ALTERNATIVES;
      // Most cells hold none: asked without making anything (every cell of a big table is asked).
      if (!mayHold(c.text, opts)) continue;
      const at = {
        line: row.line,
        column: c.start,
        value: c.text,
        where: reading.names[i] ?? 'this cell',
        hint: reading.hints.get(reading.names[i]),
      };
      reportIn(report, at, opts);
    }
  }
}

/**
 * A block scalar (`title: |` or `>-`, its text on the lines below): each line of its text as
 * written is a value, so a `TODO` or `<title>` there is found where it is.
 */
function reportBlockScalar(ctx: RuleContext, report: Report, v: Scalar, where: string, opts: PlaceholderOptions): void {
  const block = ctx.model.candidates!;
  const text = ctx.model.text;
  const header = text.positionAt(block.offset + v.range![0]).line;
  const end = text.positionAt(block.offset + v.range![1]);
  const last = end.character === 0 ? end.line - 1 : end.line;
  for (let line = header + 1; line <= last; line++) {
    const t = text.lineText(line);
    const lead = t.length - t.trimStart().length;
    if (lead < t.length) reportIn(report, { line, column: lead, value: t.slice(lead), where }, opts);
  }
}

/** Each string scalar of the candidates, with where its text starts. */
function reportScalar(ctx: RuleContext, report: Report, node: unknown, where: string, opts: PlaceholderOptions): void {
  const block = ctx.model.candidates!;
  const v = deref(block.doc, node);
  if (!isScalar(v) || typeof v.value !== 'string' || !(v as Node).range) return;
  if (v.type === 'BLOCK_LITERAL' || v.type === 'BLOCK_FOLDED') return reportBlockScalar(ctx, report, v, where, opts);
  // Where the value is written is worked out only for a value that may hold a placeholder.
  if (!mayHold(v.value, opts)) return;
  const start = block.offset + (v as Node).range![0];
  const pos = ctx.model.text.positionAt(start);
  const raw = ctx.model.text.lineText(pos.line).slice(pos.character);
  // A quoted scalar's text starts after its quote; its placeholders are found in the line as written.
  const shift = raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
  if (!raw.slice(shift).startsWith(v.value)) return;
  reportIn(report, { line: pos.line, column: pos.character + shift, value: v.value, where }, opts);
}

function checkCandidates(ctx: RuleContext, report: Report): void {
  const block = ctx.model.candidates;
  if (!block || block.doc.errors.length || !isSeq(block.doc.contents)) return;
  const closed = new Set(['type', 'class', 'risk']);
  const conv = bundledConventions();
  const allowed = [...conv.candidateTypes, ...conv.candidateClasses, ...conv.candidateRisks];
  const c = ctx.conventions;
  const known = [...c.candidateTypes, ...c.candidateClasses, ...c.candidateRisks];
  for (const raw of block.doc.contents.items) {
    const item = deref(block.doc, raw);
    if (!isMap(item)) continue;
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = deref(block.doc, pair.value);
      // affected_paths are paths, not free text: a placeholder inside one counts (the link check steps aside for it).
      const opts = { alternatives: closed.has(key), allowed, known, whole: key !== 'affected_paths' };
      if (isSeq(v)) for (const x of v.items) reportScalar(ctx, report, x, key, opts);
      else reportScalar(ctx, report, v, key, opts);
    }
  }
}

function checkLabels(ctx: RuleContext, report: Report): void {
  const allowed = ctx.schema.labels.allowed;
  for (const l of ctx.model.labels) {
    reportIn(report, { line: l.line, column: l.idRange.start.character, value: l.id, where: 'the candidate id' }, { whole: true });
    reportIn(
      report,
      { line: l.line, column: l.labelRange.start.character, value: l.label, where: `the label of ${l.id}` },
      { alternatives: true, allowed, whole: true },
    );
  }
}

/** A prose line's placeholder: the whole item (`- TODO`, `- <what changed>`) or the value after `label: `. */
function checkProseLine(ctx: RuleContext, report: Report, section: Section, line: number): void {
  const t = ctx.model.text.lineText(line);
  // No part of a line that cannot hold a placeholder holds one.
  if (!mayHold(t, {})) return;
  const lead = t.length - t.trimStart().length;
  const body = /^[-*+]\s/.test(t.slice(lead)) ? lead + 2 : lead;
  const colon = t.indexOf(': ', body);
  // `- TODO: fill in the scope` is a TODO, not a label `TODO` with a value.
  const labelled = colon > body && colon - body < 60 && !t.startsWith(PLACEHOLDER + ':', body);
  const from = labelled ? colon + 2 : body;
  // A line that is one HTML tag (`<details>`) is markup; after `label: ` a lone `<tag>` is a value left unwritten.
  reportIn(report, { line, column: from, value: t.slice(from), where: `"${section.name}"` }, { whole: true, markup: !labelled });
}

const OWN_SECTIONS = new Set<string>([SECTION.candidates, SECTION.labels]);

/** A section whose lines are read as prose: required, not one of the schema's tables, nor candidates or labels. */
function isProse(ctx: RuleContext, s: Section): boolean {
  return ctx.schema.requiredSections.includes(s.name) && !OWN_SECTIONS.has(s.name) && !ctx.schema.tableHeaders.has(tableKeyOf(s.name));
}

function* checkProse(ctx: RuleContext, report: Report): Generator<void, void> {
  const fenced = new Uint8Array(ctx.model.text.lineCount);
  for (const f of ctx.model.fences) fenced.fill(1, f.openLine, (f.closeLine ?? ctx.model.text.lineCount - 1) + 1);
  // Body rows of tables are read with the rows (`checkRows`): an edit of a row asks only its row again.
  const rows = new Uint8Array(ctx.model.text.lineCount);
  for (const ts of ctx.model.tables.values()) for (const t of ts) for (const r of t.rows) rows[r.line] = 1;
  for (const s of ctx.model.sections) {
    if (!isProse(ctx, s)) continue;
    const lines: number[] = [];
    for (let i = s.startLine; i < s.endLine; i++) {
      if (i % STEP === 0) yield;
      if (!fenced[i] && ctx.model.text.lineText(i).trim() !== '') lines.push(i);
      if (s.name === SECTION.rawOutput && lines.length > 1) break;
    }
    // Raw Output is pasted text: only a section that is nothing but a placeholder is one.
    if (s.name === SECTION.rawOutput && lines.length !== 1) continue;
    for (const i of lines) if (!rows[i]) checkProseLine(ctx, report, s, i);
  }
}

/** Everything but the table rows. */
function* checkRest(ctx: RuleContext, report: Report): Generator<void, void> {
  if (ctx.template) return;
  checkMetadata(ctx, report);
  checkCandidates(ctx, report);
  checkLabels(ctx, report);
  yield* checkProse(ctx, report);
}

function* check(ctx: RuleContext, report: Report): Generator<void, void> {
  yield* checkRest(ctx, report);
  yield* checkRows(ctx, report, allRows(ctx.model));
}

export const placeholderRules = defineRules({
  family: 'placeholder',
  rules: [
    {
      id: 'placeholder/unfilled',
      contract: true,
      fixable: true,
      description:
        "A placeholder is left in a snapshot that is not a template (`TODO`, `YYYY-MM-DD`, `<…>`, `path:line`, `...`, alternatives `a \\| b` or `a/b` where one value goes), reported at the placeholder instead of the value's own check.",
    },
  ],
  check,
  // Prose lines inside fences are not read; the rows are read one by one.
  unaffectedBy: ['code'],
  rowLocal: { rest: checkRest, rows: checkRows },
});
