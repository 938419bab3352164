// labels/*: one classification label per candidate id, each an allowed value.
import type { Range } from 'vscode-languageserver-types';
import { isSeq } from 'yaml';
import { readCandidates, type Candidate } from '../model/candidates';
import { SECTION } from '../contract/contract';
import type { Fix } from '../findings';
import { labelNearMisses } from '../model/labelsNearMiss';
import { hasPlaceholder } from '../contract/placeholders';
import type { Label, SnapshotModel } from '../model/snapshot';
import { lineSpan } from '../model/text';
import { defineRules, type Report, type RuleContext } from './registry';

/** Where new label lines go, and how they are written (matching the labels already there). */
function labelInsertion(model: SnapshotModel): { line: number; char: number; prefix: string; backticks: boolean } | undefined {
  const section = model.sections.find((s) => s.name === SECTION.labels);
  if (!section) return undefined;
  const eol = model.text.eol();
  const backticks = model.labels.length === 0 || model.text.lineText(model.labels[0].line).includes('`');
  const last = model.labels[model.labels.length - 1];
  if (last) return { line: last.line, char: model.text.lineText(last.line).length, prefix: eol, backticks };
  // After the heading: keep one blank line between heading and list.
  const h = section.heading.line;
  const next = model.text.line(h + 1);
  if (next && next.text.trim() === '' && h + 2 < section.endLine && model.text.lineText(h + 2).trim() === '') {
    return { line: h + 1, char: 0, prefix: eol, backticks };
  }
  return { line: h, char: model.text.lineText(h).length, prefix: eol + eol, backticks };
}

function labelLine(id: string, label: string, backticks: boolean): string {
  return backticks ? `- \`${id}\`: ${label}` : `- ${id}: ${label}`;
}

/**
 * A schema may allow thousands of labels: a finding offers at most this many as fixes and names
 * at most this many in its message, so the findings of a check stay linear in the labels written.
 */
export const MAX_LABEL_CHOICES = 20;

/** The allowed labels named in a message: all of them, or the first MAX_LABEL_CHOICES and how many more. */
function allowedInWords(allowed: readonly string[]): string {
  const shown = allowed.slice(0, MAX_LABEL_CHOICES).join(', ');
  return allowed.length > MAX_LABEL_CHOICES ? `${shown}, … (${allowed.length - MAX_LABEL_CHOICES} more)` : shown;
}

/** Fixes that add labels for ids, one per allowed value up to MAX_LABEL_CHOICES (the author picks the label). */
export function addLabelFixes(model: SnapshotModel, ids: string[], allowed: string[]): Fix[] {
  const at = labelInsertion(model);
  if (!at || ids.length === 0) return [];
  const eol = model.text.eol();
  return allowed.slice(0, MAX_LABEL_CHOICES).map((value, i) => ({
    title: ids.length === 1 ? `Label ${ids[0]} as "${value}"` : `Add ${ids.length} missing labels as "${value}"`,
    safe: false,
    preferred: i === 0 && ids.length === 1,
    edits: [
      {
        range: lineSpan(at.line, at.char, at.char),
        newText: at.prefix + ids.map((id) => labelLine(id, value, at.backticks)).join(eol) + (at.char === 0 ? eol : ''),
      },
    ],
  }));
}

function closeness(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 0;
  if (y.startsWith(x) || x.startsWith(y)) return 1;
  return 2;
}

function checkDuplicate(l: Label, labelled: Map<string, Label>, report: Report): void {
  const prev = labelled.get(l.id);
  if (!prev) {
    labelled.set(l.id, l);
    return;
  }
  const related = [{ message: `the first label of "${l.id}": ${prev.label}`, range: prev.labelRange }];
  if (prev.label !== l.label) {
    // Labels and pending specs are keyed by id: one of two different labels would be lost.
    report(
      'labels/conflict',
      l.labelRange,
      `"${l.id}" is labelled "${l.label}" here and "${prev.label}" on line ${prev.line + 1}; a candidate has one label: keep one line.`,
      { related },
    );
    return;
  }
  const fix: Fix = {
    title: 'Remove this duplicate label line',
    safe: false,
    edits: [{ range: { start: { line: l.line, character: 0 }, end: { line: l.line + 1, character: 0 } }, newText: '' }],
  };
  report('labels/duplicate', l.idRange, `"${l.id}" is labelled "${l.label}" twice (first on line ${prev.line + 1}); one line is enough.`, {
    fixes: [fix],
    related,
  });
}

/** The allowed labels, looked up by value and by lower case (made once per check). */
interface AllowedLabels {
  list: string[];
  set: ReadonlySet<string>;
  byLower: ReadonlyMap<string, string>;
}

function allowedLabels(list: string[]): AllowedLabels {
  const byLower = new Map<string, string>();
  for (const a of list) if (!byLower.has(a.toLowerCase())) byLower.set(a.toLowerCase(), a);
  return { list, set: new Set(list), byLower };
}

/** The labels offered for a wrong one: the same in another case (wherever it is in the list), then the first allowed ones, closest first. */
function offeredLabels(label: string, allowed: AllowedLabels): string[] {
  const same = allowed.byLower.get(label.toLowerCase());
  const head = allowed.list.slice(0, MAX_LABEL_CHOICES).filter((v) => v !== same);
  const ranked = (same === undefined ? head : [same, ...head]).slice(0, MAX_LABEL_CHOICES);
  return ranked.sort((a, b) => closeness(label, a) - closeness(label, b));
}

function checkValue(l: Label, allowedLists: AllowedLabels, report: Report): void {
  const allowed = allowedLists.list;
  // A placeholder (`behavior | docs | tooling`, `<label>`) is the author's to fill: the placeholder rule reports it.
  if (allowedLists.set.has(l.label) || hasPlaceholder(l.label, { alternatives: true, allowed, whole: true })) return;
  const ranked = offeredLabels(l.label, allowedLists);
  const fixes = ranked.map((v, i) => ({
    title: `Change the label to "${v}"`,
    safe: closeness(l.label, v) === 0,
    preferred: i === 0 && closeness(l.label, v) < 2,
    edits: [{ range: l.labelRange, newText: v }],
  }));
  report('labels/value', l.label ? l.labelRange : l.idRange, `Label "${l.label}" is not allowed; use one of: ${allowedInWords(allowed)}.`, {
    fixes,
  });
}

function checkBadLines(model: SnapshotModel, report: Report): void {
  for (const line of model.badLabelLines) {
    const t = model.text.lineText(line);
    report(
      'labels/syntax',
      lineSpan(line, t.length - t.trimStart().length, t.trimEnd().length),
      `"${t.trim()}" is not a label line; write "- \`CANDIDATE-ID\`: label".`,
    );
  }
}

function checkUnlabelled(ctx: RuleContext, candidates: Candidate[], labelled: Map<string, Label>, near: Set<string>, report: Report): void {
  const allowed = ctx.schema.labels.allowed;
  // A candidate labelled almost right is reported at that label, not as unlabelled.
  const unlabelled = candidates.filter((c) => c.id && !labelled.has(c.id) && !near.has(c.id));
  // With several unlabelled ids, each also offers to label them all at once.
  const all =
    unlabelled.length > 1
      ? addLabelFixes(
          ctx.model,
          unlabelled.map((c) => c.id!),
          allowed,
        )
      : [];
  for (const c of unlabelled) {
    report('labels/missing', c.idRange as Range, `Candidate "${c.id}" has no classification label (one of: ${allowedInWords(allowed)}).`, {
      fixes: [...addLabelFixes(ctx.model, [c.id!], allowed), ...all],
    });
  }
}

/** A label for an id whose candidate is written where it is not checked (see candidates/unchecked). */
function reportUnchecked(ctx: RuleContext, l: Label, report: Report): boolean {
  const c = ctx.unchecked.find((u) => u.id === l.id);
  if (!c) return false;
  const under = c.under ? `, under "${c.under.heading}"` : '';
  report(
    'labels/unchecked',
    l.idRange,
    `"${l.id}" labels a candidate that is not checked: it is on line ${c.range.start.line + 1}${under}, and only the first \`\`\`yaml block of "## ${SECTION.candidates}" is read.`,
    { related: [{ message: `the candidate "${l.id}", not checked`, range: c.range }] },
  );
  return true;
}

/** Reports the near misses; returns the ids they label and the lines they are on. */
function reportNearMisses(ctx: RuleContext, candidateIds: Set<string>, report: Report): { ids: Set<string>; lines: Set<number> } {
  const section = ctx.model.sections.find((s) => s.name === SECTION.labels)!;
  const covered = { ids: new Set<string>(), lines: new Set<number>() };
  if (candidateIds.size === 0) return covered;
  for (const nm of labelNearMisses(ctx.model, section, candidateIds, ctx.schema.labels.allowed)) {
    for (const id of nm.ids) covered.ids.add(id);
    covered.lines.add(nm.range.start.line);
    report('labels/near-miss', nm.range, nm.message, { fixes: [{ title: nm.title, safe: true, preferred: true, edits: [nm.edit] }] });
  }
  return covered;
}

function check(ctx: RuleContext, report: Report): void {
  const { model, schema } = ctx;
  if (!model.sections.some((s) => s.name === SECTION.labels)) return;
  const candidates = readCandidates(model);
  const candidateIds = new Set(candidates.map((c) => c.id).filter((x): x is string => !!x));
  const near = reportNearMisses(ctx, candidateIds, report);
  const labelled = new Map<string, Label>();
  const allowed = allowedLabels(schema.labels.allowed);
  for (const l of model.labels) {
    checkDuplicate(l, labelled, report);
    checkValue(l, allowed, report);
    if (candidateIds.has(l.id) || near.lines.has(l.line) || reportUnchecked(ctx, l, report)) continue;
    // The ids are known only from a block that parsed as a list: a label is not "unknown" because
    // the block could not be read (candidates/yaml-syntax or candidates/root says why).
    const block = model.candidates;
    if (candidates.length > 0 || (block !== undefined && block.doc.errors.length === 0 && isSeq(block.doc.contents))) {
      report('labels/unknown-id', l.idRange, `No spec candidate has the id "${l.id}"; label an id from the candidates block.`);
    }
  }
  checkBadLines(model, report);
  if (schema.labels.requiredForEachCandidate) checkUnlabelled(ctx, candidates, labelled, near.ids, report);
}

export const labelRules = defineRules({
  family: 'labels',
  rules: [
    {
      id: 'labels/missing',
      contract: true,
      fixable: true,
      description: 'A candidate id has no classification label (reported on the id).',
    },
    { id: 'labels/value', contract: true, fixable: true, description: "A label is not one of the schema's allowed values." },
    { id: 'labels/unknown-id', contract: false, fixable: false, description: 'A label names an id that no candidate has.' },
    { id: 'labels/duplicate', contract: false, fixable: true, description: 'An id is labelled twice with the same label.' },
    {
      id: 'labels/conflict',
      contract: true,
      fixable: false,
      description: 'An id is labelled twice with different labels (labels are keyed by id: one would be lost).',
    },
    {
      id: 'labels/unchecked',
      contract: true,
      fixable: false,
      description: 'A label names a candidate that is written where it is not checked (see `candidates/unchecked`).',
    },
    {
      id: 'labels/near-miss',
      contract: true,
      fixable: true,
      description:
        'The labels are written almost right: as a table, without bullets, as a numbered list, or with an id in another case or emphasis; rewritten as the list.',
    },
    {
      id: 'labels/syntax',
      contract: false,
      fixable: false,
      description: 'A bullet in Classification Labels does not read `` - `ID`: label ``.',
    },
  ],
  check,
});
