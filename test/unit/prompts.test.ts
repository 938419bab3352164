// The review prompt rules (rules/prompt.ts) on the layouts of the contract's home repository:
// a prompt whose ```text block lists the eight section tokens and names the schema and the
// output contract conforms; what it lacks is reported where it belongs, and the fixes insert it.
import * as assert from 'node:assert/strict';
import { fixAll } from '../../server/src/service/features/actions';
import { promptContract, writeSnapshotPrompt } from '../../server/src/service/contract/promptContract';
import { checkPrompt, isReviewPrompt } from '../../server/src/service/rules/index';
import { DEFAULT_SETTINGS } from '../../server/src/service/config/settings';
import { applyEdits } from '../support/engine';
import { InMemoryWorkspace } from '../support/memoryWorkspace';
import { PROMPT_TEXT, SCHEMA_TEXT } from '../support/workspace';
import { EngineCaches } from '../../server/src/service/caches';

/** The compiled globs, as a service's caches hold them. */
const compiled = new EngineCaches().fileGlobs;

const ROOT = '/repo';
const workspace = new InMemoryWorkspace({
  '/repo/specs/schema/review_snapshot_schema_v1.yaml': SCHEMA_TEXT,
  '/repo/specs/contract/26_review_output_contract.md': '# contract\n',
});
const contract = promptContract(workspace, ROOT, DEFAULT_SETTINGS);
const rulesOf = (text: string) => checkPrompt(text, contract).map((f) => f.rule);
/** The text with every safe fix applied until none is left (what --fix does). */
function fixed(text: string): string {
  for (let i = 0; i < 10; i++) {
    const { edits } = fixAll(checkPrompt(text, contract));
    if (!edits.length) break;
    text = applyEdits(text, edits);
  }
  return text;
}

/** The discovery-fit prompt's layout: refs in a context list, sections mentioned in passing before the list. */
const DISCOVERY = [
  '# Discovery Fit Prompt',
  '',
  '```text',
  'You are performing discovery-fit analysis.',
  '',
  '## Contract context (must anchor findings)',
  '',
  '- `/specs/schema/review_snapshot_schema_v1.yaml`',
  '- `/specs/contract/26_review_output_contract.md`',
  '',
  'When auto-fix is not safe, emit a canonical candidate in `## Spec Candidates (YAML)`.',
  '',
  '## Output contract (strict)',
  '',
  'Use exact top-level order:',
  '1. `## Scope Notes`',
  '2. `## Command Execution Log`',
  '3. `## Findings`',
  '4. `## Synthesis`',
  '5. `## Spec Candidates (YAML)`',
  '6. `## Classification Labels`',
  '7. `## Reject / Defer List`',
  '8. `## Raw Output`',
  '```',
  '',
].join('\n');

describe('review prompt rules', () => {
  it('a prompt in the home repository layout conforms (a section named in passing before the list does not count against the order)', () => {
    assert.deepEqual(rulesOf(DISCOVERY), []);
    assert.deepEqual(rulesOf(PROMPT_TEXT), []);
  });

  it('a prompt that names nothing gets one finding per missing ref and one for the whole section list, and --fix makes it conform', () => {
    const bare = '# Persona review\n\nBe direct and concrete.\n';
    assert.deepEqual(rulesOf(bare), ['prompt/schema-ref', 'prompt/contract-ref', 'prompt/section-missing']);
    const after = fixed(bare);
    assert.deepEqual(rulesOf(after), []);
    assert.ok(after.startsWith(bare), 'the prompt is kept; what it lacks goes after it');
    assert.match(after, /Use exact top-level order:\n1\. `## Scope Notes`\n2\. `## Command Execution Log`/);
  });

  it('inserts inside the ```text block the agent is given, not after it', () => {
    const inFence = '# P\n\n```text\nYou are a reviewer.\n```\n\nNotes for maintainers.\n';
    const after = fixed(inFence);
    const fence = after.slice(after.indexOf('```text'), after.indexOf('```\n\nNotes'));
    assert.match(fence, /Schema: `\/specs\/schema\/review_snapshot_schema_v1\.yaml`/);
    assert.match(fence, /8\. `## Raw Output`/);
    assert.ok(after.endsWith('\nNotes for maintainers.\n'));
  });

  it('a section left out of the list is reported at the list, and its item inserted in its place, written like its neighbours', () => {
    const text = DISCOVERY.replace('4. `## Synthesis`\n', '').replace(/(\d)\. `##/g, '- `##');
    const f = checkPrompt(text, contract);
    assert.deepEqual(
      f.map((x) => [x.rule, x.message]),
      [['prompt/section-missing', 'The prompt does not ask for `## Synthesis` (every required section by its exact heading, in order).']],
    );
    assert.equal(text.split('\n')[f[0].range.start.line], '- `## Findings`');
    assert.match(fixed(text), /- `## Findings`\n- `## Synthesis`\n- `## Spec Candidates \(YAML\)`/);
  });

  it('sections asked for out of order are reported on the one out of place; a heading of another level is not the token', () => {
    const swapped = DISCOVERY.replace('3. `## Findings`\n4. `## Synthesis`', '3. `## Synthesis`\n4. `## Findings`');
    const f = checkPrompt(swapped, contract);
    assert.deepEqual(
      f.map((x) => x.rule),
      ['prompt/section-order'],
    );
    assert.equal(swapped.split('\n')[f[0].range.start.line], '3. `## Synthesis`');
    const deeper = DISCOVERY.replace('3. `## Findings`', '3. `### Findings`');
    assert.deepEqual(rulesOf(deeper), ['prompt/section-missing']);
  });

  it('asks for the repository schema and contract by their paths; a repository without them asks less', () => {
    const other = DISCOVERY.replace('/specs/schema/review_snapshot_schema_v1.yaml', '/specs/schema/review_snapshot_schema_v0.yaml');
    assert.deepEqual(rulesOf(other), ['prompt/schema-ref']);
    const bareRepo = promptContract(new InMemoryWorkspace({}), ROOT, DEFAULT_SETTINGS);
    assert.deepEqual(
      checkPrompt(other.replace('- `/specs/contract/26_review_output_contract.md`\n', ''), bareRepo).map((x) => x.rule),
      [],
    );
  });

  it('the configured level of a prompt rule applies (off drops it)', () => {
    const levels = new Map([['prompt/section-order', 'off' as const]]);
    const swapped = DISCOVERY.replace('3. `## Findings`\n4. `## Synthesis`', '3. `## Synthesis`\n4. `## Findings`');
    assert.deepEqual(checkPrompt(swapped, contract, levels), []);
  });

  it('a prompt is a Markdown file the prompts globs match, not a snapshot, not ignored', () => {
    const s = { ...DEFAULT_SETTINGS };
    assert.equal(isReviewPrompt('docs/reviews/prompts/a.md', DISCOVERY, s, compiled), true);
    assert.equal(isReviewPrompt('docs/reviews/prompts/a.txt', DISCOVERY, s, compiled), false);
    assert.equal(isReviewPrompt('docs/other/a.md', DISCOVERY, s, compiled), false);
    assert.equal(isReviewPrompt('docs/reviews/prompts/a.md', '# Review Snapshot\n', s, compiled), false);
    assert.equal(isReviewPrompt('docs/reviews/prompts/a.md', DISCOVERY, { ...s, prompts: [] }, compiled), false);
    assert.equal(isReviewPrompt('docs/reviews/prompts/a.md', DISCOVERY, { ...s, ignores: ['docs/**'] }, compiled), false);
  });

  it('the MCP prompt is made from the same words, and passes the prompt rules itself', () => {
    const text = writeSnapshotPrompt(contract);
    assert.deepEqual(rulesOf(text), []);
  });
});
