// Candidates across snapshots, as CI runs them (`validate --format json .` over a repository) and
// as the editor shows them (the real server, its workspace index): each rule page's failing
// example, written beside the example snapshot, raises exactly its rule there; its passing
// example raises nothing; a run of one file compares it with nothing; the editor's diagnostic
// links the other snapshot.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli } from '../support/cli';
import { LspSession } from '../support/lsp';
import { applyExample, diffOf, EXAMPLES, pageOf, section, SNAPSHOT } from '../support/ruleDocs';

const RULES = ['candidates/duplicate-across-snapshots', 'candidates/similar-across-snapshots'];
const BASE_REL = path.relative(EXAMPLES, SNAPSHOT).split(path.sep).join('/');
const CASE_REL = 'docs/reviews/snapshots/2026-03-01_case.md';

interface JsonFile {
  file: string;
  findings: { rule: string; related?: { file?: string; line: number }[] }[];
}

describe('candidates across snapshots (CLI and server)', function () {
  this.timeout(60000);
  let root: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-cross-')));
    fs.cpSync(EXAMPLES, root, { recursive: true });
    fs.mkdirSync(path.join(root, '.git'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const writeCase = (rule: string, which: 'Failing example' | 'Passing example') =>
    fs.writeFileSync(path.join(root, CASE_REL), applyExample(diffOf(section(pageOf(rule), which))!));
  const validate = (...targets: string[]): JsonFile[] => {
    const r = cli(['validate', '--format', 'json', ...targets], root);
    assert.ok(r.code === 0 || r.code === 1, r.err);
    return (JSON.parse(r.out) as { files: JsonFile[] }).files;
  };
  const rulesIn = (files: JsonFile[], rel: string) => files.find((f) => f.file === rel)!.findings.map((f) => f.rule);

  for (const rule of RULES) {
    it(`${rule}: its failing example raises exactly it beside the example snapshot; its passing example nothing`, () => {
      writeCase(rule, 'Failing example');
      const files = validate('.');
      assert.deepEqual(rulesIn(files, CASE_REL), [rule]);
      const f = files.find((x) => x.file === CASE_REL)!.findings[0];
      assert.equal(f.related?.[0].file, BASE_REL, 'the related place is in the other snapshot');
      // One file alone has nothing to be compared with.
      assert.deepEqual(rulesIn(validate(CASE_REL), CASE_REL), []);
      writeCase(rule, 'Passing example');
      const clean = validate('.');
      assert.deepEqual(rulesIn(clean, CASE_REL), []);
      assert.deepEqual(rulesIn(clean, BASE_REL), []);
    });
  }

  it('the same id for another candidate is reported in both snapshots; another prompt makes a reworded one a duplicate too', () => {
    writeCase(RULES[0], 'Failing example');
    assert.deepEqual(rulesIn(validate('.'), BASE_REL), [RULES[0]]);
    // The passing example (reworded, same prompt) is a duplicate when the prompt differs.
    writeCase(RULES[0], 'Passing example');
    const text = fs.readFileSync(path.join(root, CASE_REL), 'utf8');
    fs.writeFileSync(path.join(root, CASE_REL), text.replace(/^Prompt: .*$/m, 'Prompt: `docs/reviews/prompts/other.md`'));
    // (The other prompt's file does not exist: only the cross-snapshot rules are looked at.)
    assert.deepEqual(
      rulesIn(validate('.'), CASE_REL).filter((r) => RULES.includes(r)),
      [RULES[0]],
    );
  });

  it('the editor reports it on the open snapshot, with the other snapshot as related information', async () => {
    writeCase(RULES[0], 'Failing example');
    const lsp = await LspSession.start({ folders: [root] });
    try {
      const uri = pathToFileURL(path.join(root, CASE_REL)).toString();
      const version = lsp.open(uri, fs.readFileSync(path.join(root, CASE_REL), 'utf8'));
      const d = await lsp.until('the cross-snapshot diagnostic', () => {
        const last = lsp.last(uri);
        return last?.version === version && last.diagnostics.find((x) => x.code === RULES[0]);
      });
      assert.equal(d.relatedInformation?.[0].location.uri, pathToFileURL(SNAPSHOT.replace(EXAMPLES, root)).toString());
      assert.match(d.message, /also used in docs\/reviews\/snapshots\/2026-02-19_self-heal-run\.md:\d+ for another candidate/);
    } finally {
      await lsp.stop();
    }
  });
});
