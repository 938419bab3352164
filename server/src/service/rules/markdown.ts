// markdown/*: Markdown mistakes that hide the snapshot's structure from every other rule.
import type { Fence, SnapshotModel } from '../model/snapshot';
import { lineSpan } from '../model/text';
import { defineRules, type Report, type RuleContext } from './registry';

function closeAtEnd(model: SnapshotModel, f: Fence) {
  const last = model.text.lineCount - 1;
  const lastText = model.text.lineText(last);
  const eol = model.text.eol();
  return {
    title: `Close the fence at the end of the document`,
    safe: false,
    edits: [{ range: lineSpan(last, lastText.length, lastText.length), newText: (lastText === '' ? '' : eol) + f.marker + eol }],
  };
}

function check({ model }: RuleContext, report: Report): void {
  for (const f of model.fences) {
    if (f.closeLine !== undefined) continue;
    const t = model.text.lineText(f.openLine);
    report(
      'markdown/unclosed-fence',
      lineSpan(f.openLine, t.length - t.trimStart().length, t.trimEnd().length),
      `This code fence is never closed: everything after line ${f.openLine + 1} is code, so the sections after it are not seen.`,
      { fixes: [closeAtEnd(model, f)] },
    );
  }
}

export const markdownRules = defineRules({
  family: 'markdown',
  rules: [
    {
      id: 'markdown/unclosed-fence',
      contract: true,
      fixable: true,
      description: 'A code fence never closes, so it hides every section after it.',
    },
  ],
  check,
  // It reads the title, the fence lines and the schema's problem: no row or code line.
  unaffectedBy: ['row', 'code'],
});
