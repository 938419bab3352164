// title/*: the first line of a snapshot is `# Review Snapshot`.
import { TITLE } from '../contract/contract';
import { lineSpan } from '../model/text';
import { defineRules, type Report, type RuleContext } from './registry';

function check({ model }: RuleContext, report: Report): void {
  if (model.title?.text === TITLE) return;
  const eol = model.text.eol();
  if (model.title) {
    report('title/missing', model.title.textRange, `The title should be "# ${TITLE}", not "# ${model.title.text}".`, {
      fixes: [
        { title: `Use the title "${TITLE}"`, safe: true, preferred: true, edits: [{ range: model.title.textRange, newText: TITLE }] },
      ],
    });
    return;
  }
  report('title/missing', model.text.lineRange(0), `A review snapshot starts with the title line "# ${TITLE}".`, {
    fixes: [
      {
        title: `Insert the title "# ${TITLE}"`,
        safe: true,
        preferred: true,
        edits: [{ range: lineSpan(0, 0, 0), newText: `# ${TITLE}${eol}${eol}` }],
      },
    ],
  });
}

export const titleRules = defineRules({
  family: 'title',
  rules: [{ id: 'title/missing', contract: false, fixable: true, description: `The first line is not \`# ${TITLE}\`.` }],
  check,
  // It reads the title, the fence lines and the schema's problem: no row or code line.
  unaffectedBy: ['row', 'code'],
});
