// `review-snapshot validate` on review prompts: the real CLI checks the prompts it is given or
// finds (the prompts globs) with the prompt rules, and --fix inserts what they lack.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { cli } from '../support/cli';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const PROMPT_REL = 'docs/reviews/prompts/persona.md';
const BARE = '# Persona review\n\n```text\nYou are reviewing this repository.\n```\n';

describe('CLI: review prompts', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-cli-prompts-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    ws.write(PROMPT_REL, BARE);
  });
  afterEach(() => ws.dispose());

  it('checks the prompts found in a folder beside the snapshots, as warnings (--strict fails them)', () => {
    const r = cli(['validate', 'docs'], ws.root);
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      [
        `${PROMPT_REL}:1:1: warning The prompt does not name the schema \`/specs/schema/review_snapshot_schema_v1.yaml\`: an agent cannot follow a contract it is not shown. [prompt/schema-ref]`,
        `${PROMPT_REL}:1:1: warning The prompt does not name the output contract \`/specs/contract/26_review_output_contract.md\`. [prompt/contract-ref]`,
        `${PROMPT_REL}:1:1: warning The prompt asks for none of the 8 required sections by its exact heading (\`## Scope Notes\`, \`## Command Execution Log\`, \`## Findings\`, \`## Synthesis\`, \`## Spec Candidates (YAML)\`, \`## Classification Labels\`, \`## Reject / Defer List\`, \`## Raw Output\`). [prompt/section-missing]`,
        '1 snapshot and 2 prompts checked: 0 errors, 3 warnings; all conform',
        '',
      ].join('\n'),
    );
    assert.equal(cli(['validate', '--strict', 'docs'], ws.root).code, 1);
  });

  it('checks a prompt named on the command line as a prompt, in the JSON report too', () => {
    const r = cli(['validate', '--format', 'json', PROMPT_REL], ws.root);
    const json = JSON.parse(r.out) as { files: { file: string; prompt?: boolean; findings: { rule: string; fixes?: unknown[] }[] }[] };
    assert.equal(json.files[0].prompt, true);
    assert.deepEqual(
      json.files[0].findings.map((f) => f.rule),
      ['prompt/schema-ref', 'prompt/contract-ref', 'prompt/section-missing'],
    );
    assert.ok(json.files[0].findings.every((f) => f.fixes?.length === 1));
  });

  it('--fix inserts the refs and the section list inside the prompt text, and a second run finds nothing', () => {
    const r = cli(['validate', '--fix', PROMPT_REL], ws.root);
    assert.equal(r.code, 0, r.err);
    const text = ws.read(PROMPT_REL);
    assert.ok(text.startsWith('# Persona review\n\n```text\nYou are reviewing this repository.\n'));
    assert.ok(text.endsWith('8. `## Raw Output`\n```\n'), text);
    assert.equal(cli(['validate', PROMPT_REL], ws.root).out, '1 prompt checked: 0 errors, 0 warnings; all conform\n');
  });

  it('the prompts key of the configuration file says which files are prompts', () => {
    ws.write('.review-snapshot.yaml', 'prompts: []\n');
    const r = cli(['validate', 'docs'], ws.root);
    assert.equal(r.out, '1 snapshot checked: 0 errors, 0 warnings; all conform\n');
  });
});
