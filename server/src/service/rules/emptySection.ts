// section/empty: a prose section the schema requires (Scope Notes, Synthesis, Reject / Defer
// List, Raw Output) with nothing in it. Blank lines and HTML comments are not content. The `TODO`
// placeholder that New Snapshot and the "insert section" fix write *is* something written: it
// marks the section as the author's to fill, which is the placeholder rule's to report, not this
// one's. Sections with a table or the candidates YAML have rules of their own, and Classification
// Labels is legitimately empty when there are no candidates.
import { SECTION } from '../contract/contract';
import { tableKeyOf } from '../contract/schema';
import type { Section, SnapshotModel } from '../model/snapshot';
import { defineRules, type Report, type RuleContext } from './registry';

/** Whether the section body has a line that is neither blank nor inside an HTML comment. */
function hasContent(model: SnapshotModel, s: Section): boolean {
  let inComment = false;
  for (let i = s.startLine; i < s.endLine; i++) {
    const t = model.text.lineText(i).trim();
    if (inComment || t.startsWith('<!--')) {
      inComment = !t.includes('-->');
      continue;
    }
    if (t !== '') return true;
  }
  return false;
}

function check(ctx: RuleContext, report: Report): void {
  const { model, schema } = ctx;
  const own = new Set<string>([SECTION.candidates, SECTION.labels]);
  for (const name of schema.requiredSections) {
    if (own.has(name) || schema.tableHeaders.has(tableKeyOf(name))) continue;
    const s = model.sections.find((x) => x.name === name);
    if (s && !hasContent(model, s)) {
      report('section/empty', s.heading.textRange, `Section "${name}" is empty; write what the review found there, or "- none" and why.`);
    }
  }
}

export const emptySectionRules = defineRules({
  family: 'section',
  rules: [
    {
      id: 'section/empty',
      contract: false,
      fixable: false,
      description:
        'A required prose section (Scope Notes, Synthesis, Reject / Defer List, Raw Output) has nothing in it but blank lines and comments.',
    },
  ],
  check,
});
