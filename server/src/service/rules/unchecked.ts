// candidates/unchecked: no silent pass. A snapshot never conforms while it holds spec candidates
// the checker did not validate: candidate-shaped YAML in a ```yaml block other than the one it
// reads (under another section, or a second block in Spec Candidates), in another fence of that
// section (in a block quote or a list item too), or written in Spec Candidates beside the block
// that is read (a list, a flow mapping, indented code, a block quote). Reported at the block,
// saying where it is and which block is read. Candidates under a heading that is a near miss of
// Spec Candidates, or written there without any fence, are reported by the near-miss rules
// instead (their fix makes them read). An HTML comment is no reader's text: never searched.
import { Leaf, leafOf } from '../model/blocks';
import type { UncheckedCandidate } from '../model/candidates';
import { SECTION } from '../contract/contract';
import type { Related } from '../findings';
import { lineSpan } from '../model/text';
import { defineRules, type Report, type RuleContext } from './registry';

function groupsOf(ctx: RuleContext): Map<number, UncheckedCandidate[]> {
  const near = ctx.nearMisses.sections.get(SECTION.candidates);
  const own = ctx.model.sections.find((s) => s.name === SECTION.candidates);
  // Without a ```yaml block, the first fence of the section is the one candidates/block asks to mark as yaml.
  const marked =
    !ctx.model.candidates && own ? ctx.model.fences.find((f) => f.openLine > own.heading.line && f.openLine < own.endLine) : undefined;
  const groups = new Map<number, UncheckedCandidate[]>();
  for (const c of ctx.unchecked) {
    if (near && c.under?.line === near.line) continue;
    // Unfenced candidates of a section without a ```yaml block or any fence: candidates/near-miss offers the fence.
    if (c.fenceLine === undefined && own && c.under?.line === own.heading.line && !ctx.model.candidates && !marked) continue;
    if (marked && c.fenceLine === marked.openLine) continue;
    const g = groups.get(c.groupLine) ?? [];
    g.push(c);
    groups.set(c.groupLine, g);
  }
  return groups;
}

/** What unfenced candidates are written as, for the message. */
function formOf(ctx: RuleContext, line: number): string {
  const t = ctx.model.text.lineText(line).trimStart();
  if (leafOf(ctx.model.blocks, line) === Leaf.Code) return 'This indented code block';
  if (t.startsWith('>')) return 'This block quote';
  return /^(?:[-*+]|\d{1,9}[.)])(?:\s|$)/.test(t) ? 'This list' : 'This text';
}

function check(ctx: RuleContext, report: Report): void {
  const { model } = ctx;
  const own = model.sections.find((s) => s.name === SECTION.candidates);
  const read = model.candidates?.fence;
  const related: Related[] = [];
  if (read) related.push({ message: 'the candidates block that is read', range: model.text.lineRange(read.openLine) });
  else if (own) related.push({ message: `the "${SECTION.candidates}" section`, range: own.heading.textRange });
  for (const [line, group] of groupsOf(ctx)) {
    const t = model.text.lineText(line);
    const under = group[0].under ? ` under "${group[0].under.heading}"` : ' before the first section';
    const what = group[0].fenceLine !== undefined ? 'This fenced block' : formOf(ctx, line);
    report(
      'candidates/unchecked',
      lineSpan(line, t.length - t.trimStart().length, t.trimEnd().length),
      `${what}${under} holds spec candidates (${group.map((c) => c.id).join(', ')}) that are not checked: only the first \`\`\`yaml block of "## ${SECTION.candidates}" is read; move them into it.`,
      { related },
    );
  }
}

export const uncheckedRules = defineRules({
  family: 'candidates',
  rules: [
    {
      id: 'candidates/unchecked',
      contract: true,
      fixable: false,
      description:
        'Spec candidates a reader sees are written where they are not checked (a ```yaml block outside Spec Candidates, a second block there, a fence in a block quote or list item, a list or flow mapping beside the checked block); no snapshot conforms with candidates nobody validated.',
    },
  ],
  check,
});
