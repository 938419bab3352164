// section/*: the schema's `## ` sections, present, once each, in the schema's order.
import type { Fix } from '../findings';
import type { HeadingNearMiss } from '../model/nearMiss';
import type { Section, SnapshotModel } from '../model/snapshot';
import { sectionText } from '../contract/templates';
import { lineSpan, trimTrailing } from '../model/text';
import { defineRules, type Report, type RuleContext } from './registry';

/** Indices (into `seq`) of one longest strictly increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i !== -1; i = prev[i]) keep.add(i);
  return keep;
}

/** The first occurrence of each required section; later ones are duplicates. */
function firstOfEach(model: SnapshotModel, required: string[], report: Report): Map<string, Section> {
  const firstOf = new Map<string, Section>();
  for (const s of model.sections) {
    if (!required.includes(s.name)) continue;
    const prev = firstOf.get(s.name);
    if (!prev) {
      firstOf.set(s.name, s);
      continue;
    }
    report(
      'section/duplicate',
      s.heading.textRange,
      `Duplicate section "${s.name}" (first on line ${prev.heading.line + 1}); keep one, with everything in it.`,
      {
        related: [{ message: 'first written here', range: prev.heading.textRange }],
      },
    );
  }
  return firstOf;
}

/** The largest set of present sections already in order stays; the rest are out of order. Returns the ones in order. */
function checkOrder(model: SnapshotModel, required: string[], firstOf: Map<string, Section>, report: Report): Section[] {
  const present = model.sections.filter((s) => firstOf.get(s.name) === s);
  const ranks = present.map((s) => required.indexOf(s.name));
  const inOrder = longestIncreasing(ranks);
  const ordered: Section[] = [];
  present.forEach((s, i) => {
    if (inOrder.has(i)) {
      ordered.push(s);
      return;
    }
    const rank = ranks[i];
    const before = present.filter((_, j) => inOrder.has(j) && ranks[j] < rank).pop();
    const after = present.find((_, j) => inOrder.has(j) && ranks[j] > rank);
    const where = before ? `after "${before.name}"` : after ? `before "${after.name}"` : 'elsewhere';
    report(
      'section/order',
      s.heading.textRange,
      `Section "${s.name}" is out of order: it belongs ${where} (order: ${required.join(' → ')}).`,
    );
  });
  return ordered;
}

/** The edit that inserts a missing section before `next`, or at the end of the document. */
function insertion(model: SnapshotModel, text: string, next: Section | undefined) {
  if (next) return { range: lineSpan(next.heading.line, 0, 0), newText: text };
  const eol = model.text.eol();
  const lastLine = model.text.lineCount - 1;
  const lastText = model.text.lineText(lastLine);
  // Append after the end of the document, separated by a blank line.
  const lead = lastText.trim() === '' ? (lastLine > 0 && model.text.lineText(lastLine - 1).trim() !== '' ? eol : '') : eol + eol;
  return { range: lineSpan(lastLine, lastText.length, lastText.length), newText: lead + trimTrailing(text, '\r\n') + eol };
}

function reportMissing(ctx: RuleContext, k: number, ordered: Section[], report: Report): void {
  const { model, schema } = ctx;
  const required = schema.requiredSections;
  const name = required[k];
  const next = ordered.find((s) => required.indexOf(s.name) > k);
  const prevLast = [...ordered].reverse().find((s) => required.indexOf(s.name) < k);
  const edit = insertion(model, sectionText(schema, name, model.text.eol()), next);
  // Text after a fence that never closes is code: a section inserted there would be code too.
  const hiding = model.fences.find((f) => f.closeLine === undefined && f.openLine < edit.range.start.line);
  const hint = hiding ? ` The code fence opened on line ${hiding.openLine + 1} never closes and hides everything after it.` : '';
  const where = next ? `before "${next.name}"` : prevLast ? `after "${prevLast.name}"` : 'at the end';
  const fix: Fix = { title: `Insert section "## ${name}"`, safe: !hiding, preferred: !hiding, edits: [edit] };
  const range = next ? next.heading.textRange : model.text.lineRange(model.text.lineCount - 1);
  report('section/missing', range, `Missing section "## ${name}" (it belongs ${where}).${hint}`, { fixes: [fix] });
}

/** A required section written almost right: reported where it is, rewritten in place (never inserted again). */
function reportNearMiss(nm: HeadingNearMiss, report: Report): void {
  const fix: Fix = { title: `Rewrite as "## ${nm.name}"`, safe: nm.safe, preferred: true, edits: [nm.edit] };
  report('section/near-miss', nm.range, nm.message, { fixes: [fix] });
}

function check(ctx: RuleContext, report: Report): void {
  const required = ctx.schema.requiredSections;
  const firstOf = firstOfEach(ctx.model, required, report);
  const ordered = checkOrder(ctx.model, required, firstOf, report);
  // Missing: reported at the heading it should precede, and inserted there — unless something
  // close to it is written, which is reported where it is instead.
  for (let k = 0; k < required.length; k++) {
    if (firstOf.has(required[k])) continue;
    const near = ctx.nearMisses.sections.get(required[k]);
    if (near) reportNearMiss(near, report);
    else reportMissing(ctx, k, ordered, report);
  }
}

export const sectionRules = defineRules({
  family: 'section',
  rules: [
    {
      id: 'section/missing',
      contract: true,
      fixable: true,
      description: 'A required section is missing (reported at the heading it should precede).',
    },
    {
      id: 'section/order',
      contract: true,
      fixable: false,
      description: "A section is out of the contract's order (reported on that heading).",
    },
    { id: 'section/duplicate', contract: true, fixable: false, description: 'A required section is written twice.' },
    {
      id: 'section/near-miss',
      contract: true,
      fixable: true,
      description:
        'A required section is missing while a heading close to it is written (another case, level or form, punctuation, a small misspelling); reported on that heading.',
    },
  ],
  check,
});
