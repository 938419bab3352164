// Every rule page's failing example (docs/rules/<rule>.md), checked by the real language server
// (its workspace check, and each example opened as an editor opens it) and by the real CLI
// (`validate --format json`), gives the same findings: rule, range, severity. The examples are all
// written into one repository (an example that needs a file beside the snapshot, a configuration
// file, gets a repository of its own inside it), so one CLI run and one server session check them
// all. check/incomplete has no document that raises it: its example runs with a rule made to
// throw (REVIEW_SNAPSHOT_FAILPOINT, read by both) in a folder of its own.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeText } from '../../server/src/service/text/encoding';
import { ALL_RULES } from '../../server/src/service/rules/index';
import { cliVerdict, serverVerdicts, type Verdict } from '../support/parity';
import { applyExample, BASE, bytesOf, diffOf, EXAMPLES, exampleTarget, filesOf, pageOf, section, SNAPSHOT } from '../support/ruleDocs';

const SNAPSHOT_REL = path.relative(EXAMPLES, SNAPSHOT).split(path.sep).join('/');
const FAILPOINT = { REVIEW_SNAPSHOT_FAILPOINT: 'rule:table' };

interface Example {
  rule: string;
  /** Where the example snapshot is, from the folder checked. */
  rel: string;
  bytes: Buffer;
}

/** A copy of the examples folder made a repository, at `dir`. */
function repository(dir: string): void {
  fs.cpSync(EXAMPLES, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
}

function write(root: string, rel: string, body: string | Buffer): void {
  const abs = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, body);
}

/** Writes a rule's failing example into `root` (a repository of its own when it brings files); where it is. */
function writeExample(root: string, rule: string): Example {
  const body = section(pageOf(rule), 'Failing example');
  const d = diffOf(body);
  assert.ok(d, `${rule}: the failing example has a diff block`);
  const target = exampleTarget(rule);
  const bytes = bytesOf(applyExample(d, target.base));
  const files = filesOf(body);
  const name = rule.replace('/', '-');
  if (target.base !== BASE) {
    // A prompt rule's example changes the repository's review prompt: a repository of its own.
    const repo = `cases/${name}`;
    repository(path.join(root, repo));
    write(root, `${repo}/${target.rel}`, bytes);
    return { rule, rel: `${repo}/${target.rel}`, bytes };
  }
  if (!files.size) {
    const rel = SNAPSHOT_REL.replace(/[^/]+\.md$/, `2026-02-19_${name}.md`);
    write(root, rel, bytes);
    return { rule, rel, bytes };
  }
  const repo = `cases/${name}`;
  repository(path.join(root, repo));
  for (const [rel, text] of files) write(root, `${repo}/${rel}`, text);
  write(root, `${repo}/${SNAPSHOT_REL}`, bytes);
  return { rule, rel: `${repo}/${SNAPSHOT_REL}`, bytes };
}

/** The examples a server can be given as open documents: those whose bytes are text. */
function openable(examples: Example[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of examples) {
    const d = decodeText(e.bytes);
    if ('text' in d) out[e.rel] = d.text;
  }
  return out;
}

async function assertParity(root: string, examples: Example[], env: Record<string, string> = {}): Promise<Verdict> {
  const byCli = cliVerdict(root, [], env);
  const server = await serverVerdicts(root, openable(examples), { env });
  assert.deepEqual(server.workspace, byCli, 'the server (workspace check) and the CLI');
  const opened = Object.fromEntries(Object.keys(server.open).map((rel) => [rel, byCli[rel]]));
  assert.deepEqual(server.open, opened, 'the server (open documents) and the CLI');
  for (const e of examples) {
    assert.ok(
      byCli[e.rel]?.some((f) => f.startsWith(`${e.rule} `)),
      `${e.rule}: its failing example raises it (${JSON.stringify(byCli[e.rel])})`,
    );
  }
  return byCli;
}

describe('parity: every rule page failing example, in the server and in the CLI', function () {
  this.timeout(120000);
  let root: string;
  beforeEach(() => (root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-rule-parity-')))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('gives identical findings (rule, range, severity) for every rule', async () => {
    repository(root);
    // check/incomplete is run below with its failpoint; a freshness rule's examples are git
    // histories, which test/cli/freshness.test.ts runs (validate and the check do not follow cites).
    const rules = [...ALL_RULES.keys()].filter((r) => r !== 'check/incomplete' && !r.startsWith('freshness/'));
    const examples = rules.map((rule) => writeExample(root, rule));
    const byCli = await assertParity(root, examples);
    assert.ok(Object.keys(byCli).length >= rules.length, 'every example was checked');
  });

  it('gives identical findings for check/incomplete (a rule made to throw in both)', async () => {
    repository(root);
    // Only the example: every snapshot in the folder would be incomplete.
    for (const f of fs.readdirSync(path.dirname(path.join(root, SNAPSHOT_REL)))) {
      fs.rmSync(path.join(path.dirname(path.join(root, SNAPSHOT_REL)), f));
    }
    await assertParity(root, [writeExample(root, 'check/incomplete')], FAILPOINT);
  });
});
