// Directives are comments, only (issue 23): a suppression counts in a real Markdown HTML comment
// (as CommonMark reads it) or after a `#` that starts a YAML comment in the candidates block —
// never inside a YAML block scalar or a multi-line quoted string, a fenced or indented code block
// (at any depth), or a code span. A directive that counts and suppresses nothing is reported
// (suppression/unused), so each case shows whether the text was taken for a directive.
import * as assert from 'node:assert/strict';
import { VALID, edit, lineOf, rules } from '../support/engine';

const TITLE = '  title: Improve rust governance command failure diagnostics and retry behavior\n';
const DIRECTIVE = 'review-snapshot-disable table/severity';

const suppressionRules = (text: string) => rules(text).filter((r) => r.startsWith('suppression/'));

/** The valid snapshot with `block` in Scope Notes (Markdown) or as the first candidate's title (YAML). */
const inScope = (block: string) => edit(VALID(), '## Command Execution Log\n', `${block}\n\n## Command Execution Log\n`);
const asTitle = (title: string) => edit(VALID(), TITLE, title);

describe('directives are comments, only', () => {
  const text: [string, string][] = [
    ['a YAML block scalar', asTitle(`  title: |\n    Improve diagnostics\n    # ${DIRECTIVE}\n    and retries\n`)],
    ['a YAML folded block scalar', asTitle(`  title: >-\n    Improve diagnostics\n    # ${DIRECTIVE}\n`)],
    ['a multi-line double-quoted YAML string', asTitle(`  title: "Improve diagnostics\n    # ${DIRECTIVE}\n    and retries"\n`)],
    ['a multi-line single-quoted YAML string', asTitle(`  title: 'Improve diagnostics\n    # ${DIRECTIVE}\n    and retries'\n`)],
    ['an indented code block', inScope(`Notes:\n\n    <!-- ${DIRECTIVE} -->`)],
    ['a fenced code block', inScope(`\`\`\`text\n<!-- ${DIRECTIVE} -->\n\`\`\``)],
    ['a fence in a block quote', inScope(`> \`\`\`\n> <!-- ${DIRECTIVE} -->\n> \`\`\``)],
    ['a fence in a list item', inScope(`- note\n\n  ~~~\n  <!-- ${DIRECTIVE} -->\n  ~~~`)],
    ['a code span', inScope(`Write \`<!-- ${DIRECTIVE} -->\` to suppress.`)],
    ['a double-backtick code span holding backticks', inScope(`Quoted: \`\` a \` \` <!-- ${DIRECTIVE} --> \`\` here.`)],
  ];
  for (const [where, t] of text) {
    it(`text in ${where} is no directive`, () => {
      assert.ok(t.includes(DIRECTIVE));
      assert.deepEqual(suppressionRules(t), []);
    });
  }

  const real: [string, string][] = [
    ['an HTML comment line', inScope(`<!-- ${DIRECTIVE} -->`)],
    ['an HTML comment in a block quote', inScope(`> <!-- ${DIRECTIVE} -->`)],
    ['an HTML comment after a closed code span', inScope(`Write \`\` \` \`\` then <!-- ${DIRECTIVE} -->`)],
    ['a YAML comment in the candidates block', asTitle(`${TITLE}  # ${DIRECTIVE}\n`)],
    ['a YAML comment after a value', asTitle(`${TITLE.trimEnd()} # ${DIRECTIVE}\n`)],
  ];
  for (const [where, t] of real) {
    it(`a directive in ${where} counts (here it suppresses nothing: suppression/unused)`, () => {
      assert.deepEqual(rules(t), ['suppression/unused'], `line ${lineOf(t, DIRECTIVE) + 1}`);
    });
  }
});
