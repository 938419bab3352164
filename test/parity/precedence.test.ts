// The repository's configuration file wins over the editor settings, which win over the defaults
// (README, "Configuration file"), for EVERY key the configuration schema declares: the keys are
// read from the schema (service/config/configSchema.ts, written out as schemas/review-snapshot-config.
// schema.json), so a new key fails this test until it has a probe. Each key gets two repositories,
// checked by the real server (editor settings setting the key to one value) and the real CLI (no
// editor settings): one whose configuration file sets the key to another value — the server must
// give the CLI's verdict there — and one without a configuration file — where the server follows
// the editor setting and the CLI the default. A probe is a snapshot (and files) whose verdict
// tells the values apart; the pending keys are seen where the pending spec is written instead.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PendingRequest } from '../../server/src/protocol';
import { configJsonSchema } from '../../server/src/service/config/configSchema';
import { ALL_RULES } from '../../server/src/service/rules/index';
import { walk } from '../../server/src/node/walk';
import { cli } from '../support/cli';
import { LspSession } from '../support/lsp';
import { cliVerdict, diagnosticsVerdict, relOf, type Verdict } from '../support/parity';
import { applyExample, BASE, bytesOf, diffOf, EXAMPLES, exampleTarget, filesOf, pageOf, section, SNAPSHOT } from '../support/ruleDocs';

const SNAPSHOT_REL = path.relative(EXAMPLES, SNAPSHOT).split(path.sep).join('/');

interface Probe {
  /** The key's value in the configuration file, and in the editor settings. */
  config: unknown;
  editor: unknown;
  /** The example snapshot, changed so that the values give different verdicts. */
  snapshot?: string | Buffer;
  /** Other files of the repository. */
  files?: Record<string, string>;
  /** What tells the values apart: the findings (default), or where the pending spec goes. */
  observe?: 'verdict' | 'pending';
  /** The editor's value gives another verdict than the default (false: it gives the default's). */
  editorVisible?: boolean;
  /** The configuration's value gives another verdict than the editor's (false: a contract rule, always an error). */
  decisive?: boolean;
}

/** The example snapshot with each `[from, to]` replaced (each `from` must be there). */
function edited(...changes: [string, string][]): string {
  let text = BASE;
  for (const [from, to] of changes) {
    assert.ok(text.includes(from), `the example snapshot has no "${from}"`);
    text = text.replace(from, to);
  }
  return text;
}

const FINDING = BASE.split('\n').find((l) => l.startsWith('| P2 | Verified |'))!;
const CANDIDATE = BASE.slice(BASE.indexOf('- id: SELFHEAL-RUN-001'), BASE.indexOf('```', BASE.indexOf('- id: SELFHEAL-RUN-001')));

/** The example with a second findings row, the first row's `from` → `c`, the second's → `e`. */
function twoRows(from: string, c: string, e: string): string {
  return edited([FINDING, `${FINDING.replace(from, c)}\n${FINDING.replace(from, e)}`]);
}

/** The example with a second candidate (labelled), the first's `from` → `c`, the second's → `e`. */
function twoCandidates(from: string, c: string, e: string): string {
  const second = CANDIDATE.replace('SELFHEAL-RUN-001', 'SELFHEAL-RUN-002').replace(from, e);
  return edited(
    [CANDIDATE, CANDIDATE.replace(from, c) + second],
    ['- `SELFHEAL-RUN-001`: behavior', '- `SELFHEAL-RUN-001`: behavior\n- `SELFHEAL-RUN-002`: behavior'],
  );
}

/** A conventions list: the file's value `c` and the editor's `e`, both written in `snapshot`. */
function listProbe(list: string, c: string, e: string, snapshot: string): Probe {
  return { config: { [list]: [c] }, editor: { [list]: [e] }, snapshot };
}

/** A candidate key's conventional values: the first candidate has the file's value, a second the editor's. */
function candidateProbe(list: string, key: string, value: string): Probe {
  return listProbe(list, `${key}-c`, `${key}-e`, twoCandidates(`${key}: ${value}`, `${key}: ${key}-c`, `${key}: ${key}-e`));
}

const UNTITLED = BASE.replace('# Review Snapshot\n\n', '');
const PLACEHOLDER = edited(['Date: 2026-02-19', 'Date: YYYY-MM-DD']);
const SCHEMA = fs.readFileSync(path.join(EXAMPLES, 'specs', 'schema', 'review_snapshot_schema_v1.yaml'), 'utf8');
const LOG = '| ./runners/public/runner_adapter.sh --impl rust critical-gate | pass | 0 |';
const LOG2 = '| ./runners/public/runner_adapter.sh --impl rust docs-generate-check | pass | 0 |';
const FAIL = '| ./runners/public/runner_adapter.sh --impl rust governance | fail | 137 |';

/** The probe of each key but the rules' (see `ruleProbe`). */
const PROBES: Record<string, Probe> = {
  files: {
    config: ['notes/c/**/*.md'],
    editor: ['notes/e/**/*.md'],
    files: { 'notes/c/a.md': UNTITLED, 'notes/e/a.md': UNTITLED },
  },
  ignores: {
    config: ['docs/reviews/snapshots/2026-02-19*'],
    editor: ['docs/reviews/snapshots/2026-03-04*'],
  },
  templates: {
    config: ['drafts/c/**'],
    editor: ['drafts/e/**'],
    files: { 'drafts/c/t.md': PLACEHOLDER, 'drafts/e/t.md': PLACEHOLDER },
  },
  schemaPath: {
    config: 'schemas/c.yaml',
    editor: 'schemas/e.yaml',
    files: { 'schemas/c.yaml': SCHEMA.replace(/^(\s*)- Date$/m, '$1- Date\n$1- Reviewer'), 'schemas/e.yaml': 'required: [\n' },
  },
  'conventions.mode': {
    config: { mode: 'replace', runnerLanes: ['lane-c'] },
    editor: { mode: 'extend', runnerLanes: ['lane-c'] },
    editorVisible: false,
  },
  'conventions.statuses.pass': {
    config: { statuses: { pass: ['ok-c'] } },
    editor: { statuses: { pass: ['ok-e'] } },
    snapshot: edited([LOG, LOG.replace('| pass |', '| ok-c |')], [LOG2, LOG2.replace('| pass |', '| ok-e |')]),
  },
  'conventions.statuses.fail': {
    config: { statuses: { fail: ['broke-c'] } },
    editor: { statuses: { fail: ['broke-e'] } },
    snapshot: edited([FAIL, FAIL.replace('| fail |', '| broke-c |')], [LOG, LOG.replace('| pass | 0 |', '| broke-e | 1 |')]),
  },
  'conventions.statuses.skipped': {
    config: { statuses: { skipped: ['later-c'] } },
    editor: { statuses: { skipped: ['later-e'] } },
    snapshot: edited([LOG, LOG.replace('| pass | 0 |', '| later-c | - |')], [LOG2, LOG2.replace('| pass | 0 |', '| later-e | - |')]),
  },
  'conventions.severities': listProbe('severities', 'S-c', 'S-e', twoRows('| P2 |', '| S-c |', '| S-e |')),
  'conventions.verification': listProbe('verification', 'Seen-c', 'Seen-e', twoRows('| Verified |', '| Seen-c |', '| Seen-e |')),
  // The editor's own lanes make a lane outside them a warning (outside the bundled ones alone, information).
  'conventions.runnerLanes': listProbe('runnerLanes', 'lane-c', 'lane-e', edited(['Runner lane: rust|required', 'Runner lane: lane-c'])),
  'conventions.candidateTypes': candidateProbe('candidateTypes', 'type', 'contract.check'),
  'conventions.candidateClasses': candidateProbe('candidateClasses', 'class', 'MUST'),
  'conventions.candidateRisks': candidateProbe('candidateRisks', 'risk', 'moderate'),
  'links.validate': {
    config: true,
    editor: false,
    snapshot: twoRows('dc%2Drunner%2Drust/runner_adapter.sh:138', 'gone/a.sh:1', 'gone/b.sh:1'),
  },
  'links.external': {
    config: ['ext-c/**'],
    editor: ['ext-e/**'],
    snapshot: twoRows('dc%2Drunner%2Drust/runner_adapter.sh:138', 'ext-c/a.sh:1', 'ext-e/b.sh:1'),
  },
  prompts: {
    config: ['prompts-c/**'],
    editor: ['prompts-e/**'],
    files: { 'prompts-c/p.md': '# A review prompt\n', 'prompts-e/p.md': '# A review prompt\n' },
  },
  'pending.directory': { config: 'pending-c', editor: 'pending-e', observe: 'pending' },
  'pending.format': { config: 'yaml', editor: 'markdown', observe: 'pending' },
};

/**
 * A rule's probe: its page's failing example, the configuration raising it to an error and the
 * editor turning it off. A contract rule is always an error (the editor's `off` is dropped, the
 * configuration may only say `error`); its example needs no file beside it to be checked here.
 * The candidates across snapshots (`candidates/*-across-snapshots`) are raised too: every probe
 * repository holds the example snapshot, so the changed candidate collides with (or nearly
 * repeats) the others of the one workspace (editor) and of the one run (CLI). Their suppression
 * comments, counts and templates: test/cli/crossSnapshotSettled.test.ts.
 */
function ruleProbe(rule: string): Probe {
  const contract = ALL_RULES.get(rule)!.contract === true;
  const body = section(pageOf(rule), 'Failing example');
  const d = diffOf(body);
  const plain = d && !filesOf(body).size && rule !== 'check/incomplete';
  const target = exampleTarget(rule);
  const example = plain ? bytesOf(applyExample(d, target.base)) : undefined;
  const prompt = target.base !== BASE;
  return {
    config: 'error',
    editor: 'off',
    snapshot: prompt ? undefined : example,
    files: prompt && example ? { [target.rel]: example.toString('utf8') } : undefined,
    decisive: !contract,
    editorVisible: !contract,
  };
}

/** Every leaf key of the configuration schema, as a dotted path (`links.validate`, `rules.table/status`). */
function leafKeys(schema: { properties?: Record<string, unknown> }, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([k, v]) => {
    const key = prefix + k;
    const child = v as { properties?: Record<string, unknown> };
    return child.properties ? leafKeys(child, key + '.') : [key];
  });
}

const ALL_KEYS = leafKeys(configJsonSchema() as { properties: Record<string, unknown> });

/**
 * Keys that change nothing `validate` or the server's check says, with where their precedence is
 * tested instead: finding freshness reads them (the `freshness` command, the editor's background run).
 */
const TESTED_WHERE_THEY_ACT: Record<string, string> = {
  repositories: 'test/cli/freshness.test.ts (sibling repository, configured and not)',
  ...Object.fromEntries(
    ALL_KEYS.filter((k) => k.startsWith('rules.freshness/')).map((k) => [
      k,
      'test/cli/freshness.test.ts (a rule set to off), test/lsp/freshness.test.ts (level from the configuration)',
    ]),
  ),
};
const KEYS = ALL_KEYS.filter((k) => !Object.hasOwn(TESTED_WHERE_THEY_ACT, k));

function probeOf(key: string): Probe | undefined {
  return key.startsWith('rules.') ? ruleProbe(key.slice('rules.'.length)) : PROBES[key];
}

/** `{a: {b: value}}` for the key `a.b` (a rule id is one segment: `rules` then the id). */
function nested(key: string, value: unknown): Record<string, unknown> {
  const parts = key.startsWith('rules.') ? ['rules', key.slice(6)] : key.split('.');
  return parts.reduceRight<Record<string, unknown>>((inner, k, i) => ({ [k]: i === parts.length - 1 ? value : inner }), {});
}

/** The key's value as the probe gives it: conventions probes give the whole `conventions` object. */
function setting(key: string, value: unknown): Record<string, unknown> {
  return key.startsWith('conventions.') ? { conventions: value } : nested(key, value);
}

const slug = (key: string) => key.replace(/[^a-z0-9]+/gi, '-');

/** A repository (a copy of the examples folder) holding the probe, with the key set by its configuration file or not. */
function writeRepository(dir: string, key: string, p: Probe, withConfig: boolean): void {
  fs.cpSync(EXAMPLES, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.git'));
  const write = (rel: string, body: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  };
  if (p.snapshot !== undefined) write(SNAPSHOT_REL, p.snapshot);
  for (const [rel, body] of Object.entries(p.files ?? {})) write(rel, body);
  if (withConfig) write('.review-snapshot.json', JSON.stringify(setting(key, p.config)));
}

/** The findings of the files under `prefix`, by their path below it. */
function under(v: Verdict, prefix: string): Verdict {
  return Object.fromEntries(Object.entries(v).flatMap(([k, f]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), f]] : [])));
}

/** Where the CLI's to-pending writes the example snapshot's pending spec (from the repository). */
function cliPending(repo: string): string {
  const r = cli(['to-pending', SNAPSHOT_REL], repo);
  assert.equal(r.code, 0, r.err);
  const written = walk(repo).filter((f) => /-pending\.(?:yaml|md)$/.test(f));
  assert.equal(written.length, 1, `one pending spec written: ${written.join(', ')}`);
  fs.rmSync(written[0]);
  return path.relative(repo, written[0]).split(path.sep).join('/');
}

interface Observed {
  config: { server: unknown; cli: unknown };
  editor: { server: unknown; cli: unknown };
}

/** Every key's two repositories, checked by one server session and one CLI run. */
async function observeAll(root: string, keys: string[]): Promise<Map<string, Observed>> {
  const editorOf = (scopeUri: string | undefined) => {
    const key = keys.find((k) => scopeUri?.startsWith(pathToFileURL(path.join(root, slug(k))).toString() + '/'));
    return key ? setting(key, probeOf(key)!.editor) : {};
  };
  const byCli = cliVerdict(root);
  const lsp = await LspSession.start({ folders: [root], settingsOf: editorOf });
  try {
    await lsp.request('reviewSnapshot/checkWorkspace', {});
    const byServer: Verdict = {};
    for (const [uri, list] of lsp.diagnostics) {
      if (uri.endsWith('.md')) byServer[relOf(root, uri)] = diagnosticsVerdict(list.at(-1)!.diagnostics);
    }
    const out = new Map<string, Observed>();
    for (const key of keys) {
      const at = (variant: string) => `${slug(key)}/${variant}/`;
      if (probeOf(key)!.observe === 'pending') {
        const pending = async (variant: string) => serverPending(lsp, path.join(root, slug(key), variant));
        out.set(key, {
          config: { server: await pending('config'), cli: cliPending(path.join(root, slug(key), 'config')) },
          editor: { server: await pending('editor'), cli: cliPending(path.join(root, slug(key), 'editor')) },
        });
        continue;
      }
      out.set(key, {
        config: { server: under(byServer, at('config')), cli: under(byCli, at('config')) },
        editor: { server: under(byServer, at('editor')), cli: under(byCli, at('editor')) },
      });
    }
    return out;
  } finally {
    await lsp.stop();
  }
}

/** Where the server would write the example snapshot's pending spec (from the repository). */
async function serverPending(lsp: LspSession, repo: string): Promise<string> {
  const uri = pathToFileURL(path.join(repo, SNAPSHOT_REL)).toString();
  await lsp.diagnosticsFor(uri, lsp.open(uri, fs.readFileSync(path.join(repo, SNAPSHOT_REL), 'utf8')));
  const plan = await lsp.request(PendingRequest, { uri });
  assert.ok(plan.ok, JSON.stringify(plan));
  return path.relative(repo, fileURLToPath(plan.pendingUri)).split(path.sep).join('/');
}

describe('precedence: the configuration file over the editor settings over the defaults, for every key', function () {
  this.timeout(180000);
  let root: string;
  let observed: Map<string, Observed>;
  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-precedence-')));
    for (const key of KEYS) {
      const p = probeOf(key);
      if (!p) continue;
      writeRepository(path.join(root, slug(key), 'config'), key, p, true);
      writeRepository(path.join(root, slug(key), 'editor'), key, p, false);
    }
    observed = await observeAll(root, KEYS.filter(probeOf));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('every key of the configuration schema has a probe', () => {
    assert.deepEqual(
      KEYS.filter((k) => !probeOf(k)),
      [],
      'write a probe in PROBES for each new key',
    );
    assert.ok(KEYS.length > 60, `${KEYS.length} keys`);
    // Only keys of the schema are left out, and none of them has an editor setting to compete with.
    const editorSettings = Object.keys(JSON.parse(fs.readFileSync('package.json', 'utf8')).contributes.configuration.properties);
    for (const key of Object.keys(TESTED_WHERE_THEY_ACT)) {
      assert.ok(ALL_KEYS.includes(key), `${key} is a key of the configuration schema`);
      assert.ok(
        !editorSettings.includes(`reviewSnapshot.${key.split('.')[0]}`) || key.startsWith('rules.'),
        `${key} has an editor setting: give it a probe`,
      );
    }
  });

  for (const key of KEYS) {
    it(key, () => {
      const p = probeOf(key);
      const o = observed.get(key);
      assert.ok(p && o, `no probe for ${key}`);
      assert.deepEqual(o.config.server, o.config.cli, "the configuration file's value applies in the editor as in the CLI");
      if (p.decisive !== false) assert.notDeepEqual(o.config.server, o.editor.server, "the probe tells the file's value from the editor's");
      if (p.editorVisible !== false) {
        assert.notDeepEqual(o.editor.server, o.editor.cli, "without the key in a file, the editor's value applies");
      } else assert.deepEqual(o.editor.server, o.editor.cli, "the editor's value gives the default's verdict here");
    });
  }
});
