// The snippets, expanded as VS Code would with their defaults (first choice of each choice),
// produce valid snapshot text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { findings } from '../support/engine';

const snippets = JSON.parse(fs.readFileSync('snippets/review-snapshot.json', 'utf8')) as Record<
  string,
  { prefix: string | string[]; body: string[] }
>;

/** Snippet syntax → text: defaults, first choices, variables; `\|` inside a choice is a `|`. */
function expand(body: string[]): string {
  let t = body.join('\n');
  const vars: Record<string, string> = { CURRENT_YEAR: '2026', CURRENT_MONTH: '11', CURRENT_DATE: '24' };
  for (let i = 0; i < 5; i++) {
    t = t.replace(/\$\{(\d+)\|((?:\\.|[^|\\])*)\|\}/g, (_, __, choices: string) => choices.split(/(?<!\\),/)[0].replace(/\\(.)/g, '$1'));
    t = t.replace(/\$\{([A-Z_]+)\}/g, (_, v: string) => vars[v] ?? '');
    t = t.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return t.replace(/\$\d+/g, '');
}

describe('snippets', () => {
  it('the skeleton expands to a snapshot with no errors or warnings', () => {
    const text = expand(snippets['Review snapshot skeleton'].body) + '\n';
    assert.match(text, /^Runner lane: rust\|required$/m);
    assert.deepEqual(
      findings(text).map((f) => `${f.rule} ${f.message}`),
      [],
    );
  });
  it('rows and a candidate fit into the skeleton; with its label (completion writes it) it stays valid', () => {
    let text = expand(snippets['Review snapshot skeleton'].body) + '\n';
    text = text.replace('|---|---|---|---|---|---|---|\n', `|---|---|---|---|---|---|---|\n${expand(snippets['Findings row'].body)}\n`);
    text = text.replace('| 0 | summary |\n', `| 0 | summary |\n${expand(snippets['Command Execution Log row'].body)}\n`);
    text = text.replace('```yaml\n[]\n```', '```yaml\n' + expand(snippets['Spec candidate'].body) + '\n```');
    // Label lines come from completion now (the snapshot's own ids), not from a snippet.
    text = text.replace('## Classification Labels\n', '## Classification Labels\n\n- `REVIEW-RUN-001`: behavior\n');
    assert.deepEqual(
      findings(text).map((f) => `${f.rule} ${f.message}`),
      [],
    );
  });
  it('there is no label snippet: completion offers the real ids', () => {
    assert.ok(!Object.values(snippets).some((s) => [s.prefix].flat().includes('rs-label')));
  });
  it('every snippet has a prefix and a description', () => {
    for (const [name, s] of Object.entries(snippets)) assert.ok(s.prefix && (s as { description?: string }).description, name);
  });
});
