// section/* and title/*: the eight `## ` sections, present, once each, in the schema's order.
import type { Finding, Rule, RuleContext } from '../findings';
import type { Section } from '../snapshot';
import { lineSpan } from '../text';
import { sectionText } from '../templates';

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

export const sectionsRule: Rule = {
  name: 'section',
  run(ctx: RuleContext): Finding[] {
    const { model, schema } = ctx;
    const out: Finding[] = [];
    const required = schema.requiredSections;
    const eol = model.text.eol();

    if (!model.title || model.title.text !== 'Review Snapshot') {
      const line = model.title ? model.title.line : 0;
      out.push({
        rule: 'title/missing',
        severity: 'warning',
        message: model.title
          ? `The title should be "# Review Snapshot", not "# ${model.title.text}".`
          : 'A review snapshot starts with the title line "# Review Snapshot".',
        range: model.title ? model.title.textRange : model.text.lineRange(line),
        fixes: model.title
          ? [
              {
                title: 'Use the title "Review Snapshot"',
                safe: true,
                preferred: true,
                edits: [{ range: model.title.textRange, newText: 'Review Snapshot' }],
              },
            ]
          : [
              {
                title: 'Insert the title "# Review Snapshot"',
                safe: true,
                preferred: true,
                edits: [{ range: lineSpan(0, 0, 0), newText: `# Review Snapshot${eol}${eol}` }],
              },
            ],
      });
    }

    // First occurrence of each required section, and duplicates.
    const firstOf = new Map<string, Section>();
    for (const s of model.sections) {
      if (!required.includes(s.name)) continue;
      const prev = firstOf.get(s.name);
      if (prev) {
        out.push({
          rule: 'section/duplicate',
          severity: 'error',
          message: `Duplicate section "${s.name}" (first on line ${prev.heading.line + 1}).`,
          range: s.heading.textRange,
        });
      } else firstOf.set(s.name, s);
    }

    // Order: the largest set of present sections already in order stays; the rest are out of order.
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
      out.push({
        rule: 'section/order',
        severity: 'error',
        message: `Section "${s.name}" is out of order: it belongs ${where} (order: ${required.join(' → ')}).`,
        range: s.heading.textRange,
      });
    });

    // Missing: reported at the heading it should precede, and inserted there.
    for (let k = 0; k < required.length; k++) {
      const name = required[k];
      if (firstOf.has(name)) continue;
      const next = ordered.find((s) => required.indexOf(s.name) > k);
      const prevLast = [...ordered].reverse().find((s) => required.indexOf(s.name) < k);
      const lastLine = model.text.lineCount - 1;
      const lastText = model.text.lineText(lastLine);
      const text = sectionText(schema, name, eol);
      let fixEdit;
      if (next) {
        fixEdit = { range: lineSpan(next.heading.line, 0, 0), newText: text };
      } else {
        // Append: after the end of the document, separated by a blank line.
        const lead = lastText.trim() === '' ? (lastLine > 0 && model.text.lineText(lastLine - 1).trim() !== '' ? eol : '') : eol + eol;
        fixEdit = { range: lineSpan(lastLine, lastText.length, lastText.length), newText: lead + text.replace(/(\r?\n)+$/, '') + eol };
      }
      // Text after a fence that never closes is code: a section inserted there would be code too.
      const at = fixEdit.range.start.line;
      const hiding = model.fences.find((f) => f.closeLine === undefined && f.openLine < at);
      const hint = hiding ? ` The code fence opened on line ${hiding.openLine + 1} never closes and hides everything after it.` : '';
      out.push({
        rule: 'section/missing',
        severity: 'error',
        message:
          (next
            ? `Missing section "## ${name}" (it belongs before "${next.name}").`
            : `Missing section "## ${name}" (it belongs ${prevLast ? `after "${prevLast.name}"` : 'at the end'}).`) + hint,
        range: next ? next.heading.textRange : model.text.lineRange(lastLine),
        fixes: [{ title: `Insert section "## ${name}"`, safe: !hiding, preferred: !hiding, edits: [fixEdit] }],
      });
    }
    return out;
  },
};
