// validate --format text|json|sarif|github|junit and --output-file, run as a process: each
// format valid for its consumer (SARIF against the official 2.1.0 schema, JUnit as strict XML,
// GitHub workflow commands as GitHub parses them), and free of injection whatever the snapshot
// and its file name hold.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ALL_RULES } from '../../server/src/service/rules/index';
import { cli } from '../support/cli';
import { lineOf } from '../support/engine';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

// The SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it (draft-04; @microsoft/jest-sarif). One of
// its patterns is no valid Unicode regex, hence unicodeRegExp: false.
const SARIF_SCHEMA = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);

/** Control, bidi and invisible characters, GitHub command syntax, XML and CDATA syntax. */
const HOSTILE = 'x\x1b[2J\u202e%0A::error::fake,title=y:z]]><&"\'\x7f\u00ad\u2028end';
const HOSTILE_NAME = 'docs/reviews/snapshots/a,b:c%25d\u202e.md';

/** A raw control, bidi or invisible character a terminal would act on (newline and tab aside). */
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]/;

function hostileRepo(): TempWorkspace {
  const ws = new TempWorkspace('rs-fmt-').withExampleRepo();
  fs.mkdirSync(ws.path('.git'));
  ws.write(HOSTILE_NAME, VALID_TEXT.replace(': behavior', `: ${HOSTILE}`).replace('Model: gpt-5-codex\n', ''));
  return ws;
}

/** What GitHub does to a workflow command's message and properties (the runner's unescaping). */
function unescapeGithub(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

describe('CLI: output formats', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => (ws = hostileRepo()));
  afterEach(() => ws.dispose());

  it('text: one line per finding, every control and bidi character shown as an escape', () => {
    const r = cli(['validate', HOSTILE_NAME], ws.root);
    assert.equal(r.code, 1);
    assert.ok(!RAW.test(r.out), JSON.stringify(r.out));
    assert.match(r.out, /a,b:c%25d\\u202e\.md:\d+:\d+: error Label "x\\x1b\[2J\\u202e%0A::error::fake/);
    assert.equal(r.out.trimEnd().split('\n').length, 3, 'two findings and the summary, one line each');
  });

  it('json: valid, versioned, exact (the hostile text comes back as it is), no raw control character', () => {
    const r = cli(['validate', '--format', 'json', HOSTILE_NAME], ws.root);
    assert.ok(!RAW.test(r.out));
    const j = JSON.parse(r.out);
    assert.equal(j.version, 1);
    assert.equal(j.tool.name, 'review-snapshot');
    assert.equal(j.files[0].file, HOSTILE_NAME);
    const label = j.files[0].findings.find((f: { rule: string }) => f.rule === 'labels/value');
    assert.ok(label.message.includes(HOSTILE));
    assert.ok(label.fixes.length > 0 && label.fixes[0].edits[0].newText);
    assert.match(label.docs, /docs\/rules\/labels\/value\.md$/);
  });

  it('sarif: valid against the SARIF 2.1.0 schema, every rule described, repository-relative locations, fixes', () => {
    const r = cli(['validate', '--format', 'sarif', HOSTILE_NAME], ws.root);
    assert.equal(r.code, 1);
    assert.ok(!RAW.test(r.out));
    const log = JSON.parse(r.out);
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    const checked: unknown = log;
    assert.ok(validate(checked), JSON.stringify(validate.errors, null, 1));
    const sarifRun = log.runs[0];
    const rules = sarifRun.tool.driver.rules;
    assert.deepEqual(
      rules.map((x: { id: string }) => x.id),
      [...ALL_RULES.keys()],
    );
    for (const rule of rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text, rule.id);
      // Without a public repository there is no https page: no helpUri (a file: URL of the runner helps nobody).
      assert.equal(rule.helpUri, undefined, `${rule.id}: ${rule.helpUri}`);
      assert.ok(rule.help.markdown.startsWith(`# ${rule.id}\n`), `${rule.id}: its page is the help`);
      // Information by default (freshness, a candidate similar to one of another snapshot): a note.
      const info = ALL_RULES.get(rule.id)?.severity === 'info';
      assert.ok((info ? ['note'] : ['error', 'warning']).includes(rule.defaultConfiguration.level), rule.id);
    }
    const missing = sarifRun.results.find((x: { ruleId: string }) => x.ruleId === 'metadata/missing');
    const loc = missing.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'docs/reviews/snapshots/a%2Cb%3Ac%2525d%E2%80%AE.md', uriBaseId: 'SRCROOT' });
    assert.equal(sarifRun.originalUriBaseIds.SRCROOT.uri, `file://${ws.root}/`);
    const text = VALID_TEXT.replace(': behavior', `: ${HOSTILE}`).replace('Model: gpt-5-codex\n', '');
    assert.equal(loc.region.startLine, lineOf(text, 'Prompt:') + 1);
    assert.equal(missing.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'Model: TODO\n');
    assert.ok(sarifRun.results.find((x: { ruleId: string; message: { text: string } }) => x.message.text.includes(HOSTILE)));
    assert.equal(sarifRun.invocations[0].executionSuccessful, true);
  });

  it('sarif: a check that did not run to its end is an unsuccessful execution (and exit 2)', () => {
    const r = cli(['validate', '--format', 'sarif', HOSTILE_NAME], ws.root, 20000, { REVIEW_SNAPSHOT_FAILPOINT: 'rule:labels' });
    assert.equal(r.code, 2);
    const log = JSON.parse(r.out);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /could not be checked/);
  });

  it('github: one workflow command per finding, escaped as GitHub requires; nothing injected', () => {
    const r = cli(['validate', '--format', 'github', HOSTILE_NAME], ws.root);
    assert.equal(r.code, 1);
    assert.ok(!RAW.test(r.out));
    const lines = r.out.trimEnd().split('\n');
    const commands = lines.filter((l) => l.startsWith('::'));
    assert.equal(commands.length, 2);
    assert.match(lines.at(-1)!, /^1 snapshot checked: 2 errors/);
    for (const c of commands) {
      // ::error <props>::<message>: the message is everything after the second "::".
      const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(c);
      assert.ok(m, c);
      const props = new Map(m[2].split(',').map((p) => [p.slice(0, p.indexOf('=')), unescapeGithub(p.slice(p.indexOf('=') + 1))]));
      assert.deepEqual([...props.keys()], ['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
      assert.equal(props.get('file'), HOSTILE_NAME.replace('\u202e', '\\u202e'));
      assert.match(props.get('title')!, /^[a-z]+\/[a-z-]+$/);
      const message = unescapeGithub(m[3]);
      assert.ok(!message.includes('\n') && !message.includes('\r'));
    }
    assert.ok(
      commands.some((c) => c.includes('%250A%3A%3Aerror') || c.includes('%250A::error::fake')),
      'the % of %0A is escaped',
    );
  });

  it('junit: strict XML, one testcase per snapshot, a failure per failing finding', () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT.replace('| pass | 0 | Rust job-run', '| ok | 0 | Rust job-run'));
    const r = cli(['validate', '--format', 'junit', HOSTILE_NAME, SNAPSHOT_REL], ws.root);
    assert.equal(r.code, 1);
    assert.ok(!RAW.test(r.out));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- sax has no types here
    const sax = require('sax') as { parser: (strict: boolean) => SaxParser };
    const parser = sax.parser(true);
    const cases: { name: string; failures: number; out: string }[] = [];
    let inOut = false;
    parser.onopentag = (t) => {
      if (t.name === 'testcase') cases.push({ name: t.attributes.name, failures: 0, out: '' });
      if (t.name === 'failure') cases.at(-1)!.failures++;
      inOut = t.name === 'system-out';
    };
    parser.ontext = (t) => {
      if (inOut) cases.at(-1)!.out += t;
    };
    parser.onerror = (e) => assert.fail(`not well-formed XML: ${e.message}`);
    parser.write(r.out).close();
    assert.equal(cases.length, 2);
    assert.equal(cases[0].name, HOSTILE_NAME.replace('\u202e', '\\u202e'));
    assert.equal(cases[0].failures, 2);
    assert.equal(cases[1].failures, 0, 'a warning is no failure without --strict');
    assert.match(cases[1].out, /info Status "ok"/);
  });

  it('--output-file writes the report there (atomically), nothing on standard output', () => {
    const r = cli(['validate', '--format', 'sarif', '--output-file', 'out/results.sarif', HOSTILE_NAME], ws.root);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(JSON.parse(ws.read('out/results.sarif')).version, '2.1.0');
    fs.symlinkSync(ws.path('out/results.sarif'), ws.path('out/link.sarif'));
    const l = cli(['validate', '--output-file', 'out/link.sarif', HOSTILE_NAME], ws.root);
    assert.equal(l.code, 2);
    assert.match(l.err, /symbolic link/);
  });
});

interface SaxParser {
  onopentag: (t: { name: string; attributes: Record<string, string> }) => void;
  ontext: (t: string) => void;
  onerror: (e: Error) => void;
  write(s: string): SaxParser;
  close(): void;
}
