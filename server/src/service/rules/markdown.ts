// markdown/*: Markdown mistakes that hide the snapshot's structure from every other rule.
import type { Finding, Rule, RuleContext } from '../findings';
import { lineSpan } from '../text';

export const markdownRule: Rule = {
  name: 'markdown',
  run(ctx: RuleContext): Finding[] {
    const { model } = ctx;
    const out: Finding[] = [];
    for (const f of model.fences) {
      if (f.closeLine !== undefined) continue;
      const t = model.text.lineText(f.openLine);
      const last = model.text.lineCount - 1;
      const lastText = model.text.lineText(last);
      const eol = model.text.eol();
      out.push({
        rule: 'markdown/unclosed-fence',
        severity: 'error',
        message: `This code fence is never closed: everything after line ${f.openLine + 1} is code, so the sections after it are not seen.`,
        range: lineSpan(f.openLine, t.length - t.trimStart().length, t.trimEnd().length),
        fixes: [
          {
            title: `Close the fence at the end of the document`,
            safe: false,
            edits: [{ range: lineSpan(last, lastText.length, lastText.length), newText: (lastText === '' ? '' : eol) + f.marker + eol }],
          },
        ],
      });
    }
    return out;
  },
};
