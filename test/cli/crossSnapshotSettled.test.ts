// Candidates across snapshots settled as a snapshot's own findings, alike in CI (`validate`) and
// in the editor (the real server): the configuration's `rules:` levels and the snapshot's
// suppression comments apply to them; the editor's status item and Check Workspace count them as
// the CLI counts them (so the editor's verdict is CI's, `--strict` included); a template is
// neither compared nor compared with (its placeholder ids would collide with every snapshot).
// The MCP server's validate_snapshots says what validate says.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from '../../server/src/protocol';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, cli } from '../support/cli';
import { LspSession } from '../support/lsp';
import { applyExample, diffOf, EXAMPLES, pageOf, section, SNAPSHOT } from '../support/ruleDocs';

const DUP = 'candidates/duplicate-across-snapshots';
const BASE_REL = path.relative(EXAMPLES, SNAPSHOT).split(path.sep).join('/');
const CASE_REL = 'docs/reviews/snapshots/2026-03-01_case.md';
const TEMPLATE_REL = 'docs/reviews/templates/review.md';

interface Json {
  errors: number;
  warnings: number;
  files: { file: string; findings: { rule: string; severity: string }[] }[];
}

interface EditorView {
  /** The open case snapshot's diagnostics and status counts. */
  diagnostics: Diagnostic[];
  status: { errors: number; warnings: number };
  workspace: CheckWorkspaceResult;
}

describe('candidates across snapshots: levels, suppressions, counts and templates (CLI and server)', function () {
  this.timeout(60000);
  let root: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-cross-settled-')));
    fs.cpSync(EXAMPLES, root, { recursive: true });
    fs.mkdirSync(path.join(root, '.git'));
    // The rule page's failing example beside the example snapshot: the same id, another candidate.
    fs.writeFileSync(path.join(root, CASE_REL), applyExample(diffOf(section(pageOf(DUP), 'Failing example'))!));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const configure = (rules: Record<string, string>) => write('.review-snapshot.json', JSON.stringify({ rules }));
  const validate = (...flags: string[]): { json: Json; code: number } => {
    const r = cli(['validate', '--format', 'json', ...flags, '.'], root);
    assert.ok(r.code === 0 || r.code === 1, r.err);
    return { json: JSON.parse(r.out) as Json, code: r.code };
  };
  const rulesIn = (json: Json, rel: string) => json.files.find((f) => f.file === rel)!.findings.map((f) => `${f.rule}:${f.severity}`);

  /** The editor: Check Workspace (after the index's first build), then the case snapshot opened. */
  async function editor(): Promise<EditorView> {
    const lsp = await LspSession.start({ folders: [root] });
    try {
      const workspace = await lsp.request(CheckWorkspaceRequest, {});
      const uri = pathToFileURL(path.join(root, CASE_REL)).toString();
      const version = lsp.open(uri, fs.readFileSync(path.join(root, CASE_REL), 'utf8'));
      const published = await lsp.diagnosticsFor(uri, version);
      const status = await lsp.until('the status of the case', () => lsp.statuses.filter((s) => s.uri === uri).at(-1));
      return { diagnostics: published.diagnostics, status, workspace };
    } finally {
      await lsp.stop();
    }
  }
  const codes = (ds: Diagnostic[]) => ds.map((d) => `${String(d.code)}:${d.severity}`);

  it('Check Workspace and the status item count the duplicate as the CLI does; it fails --strict in both', async () => {
    const strict = validate('--strict');
    assert.equal(strict.code, 1, 'a duplicate-across warning fails --strict in CI');
    assert.deepEqual(rulesIn(strict.json, CASE_REL), [`${DUP}:warning`]);
    assert.deepEqual(rulesIn(strict.json, BASE_REL), [`${DUP}:warning`]);
    const e = await editor();
    assert.deepEqual(
      { errors: e.workspace.errors, warnings: e.workspace.warnings },
      { errors: strict.json.errors, warnings: strict.json.warnings },
      "Check Workspace's counts are the CLI's",
    );
    assert.equal(e.workspace.warnings, 2);
    assert.deepEqual(codes(e.diagnostics), [`${DUP}:2`]);
    assert.deepEqual({ errors: e.status.errors, warnings: e.status.warnings }, { errors: 0, warnings: 1 }, 'the status item counts it');
  });

  it("the configuration's level applies in both: off passes --strict everywhere, error fails everywhere", async () => {
    configure({ [DUP]: 'off' });
    const off = validate('--strict');
    assert.equal(off.code, 0, 'off: CI passes');
    assert.deepEqual(rulesIn(off.json, CASE_REL), []);
    let e = await editor();
    assert.deepEqual(codes(e.diagnostics), []);
    assert.deepEqual({ errors: e.status.errors, warnings: e.status.warnings }, { errors: 0, warnings: 0 }, 'off: the editor passes');
    assert.deepEqual({ errors: e.workspace.errors, warnings: e.workspace.warnings }, { errors: 0, warnings: 0 });

    configure({ [DUP]: 'error' });
    const error = validate();
    assert.equal(error.code, 1);
    assert.deepEqual(rulesIn(error.json, CASE_REL), [`${DUP}:error`]);
    e = await editor();
    assert.deepEqual(codes(e.diagnostics), [`${DUP}:1`]);
    assert.deepEqual({ errors: e.status.errors, warnings: e.status.warnings }, { errors: 1, warnings: 0 });
    assert.deepEqual(
      { errors: e.workspace.errors, warnings: e.workspace.warnings },
      { errors: error.json.errors, warnings: error.json.warnings },
    );
  });

  it('a suppression comment in the snapshot applies in both, and is not reported unused', async () => {
    const text = fs.readFileSync(path.join(root, CASE_REL), 'utf8');
    const at = text.indexOf('```yaml');
    assert.ok(at > 0);
    write(CASE_REL, `${text.slice(0, at)}<!-- review-snapshot-disable ${DUP} -->\n\n${text.slice(at)}`);
    const r = validate('--strict');
    assert.deepEqual(rulesIn(r.json, CASE_REL), [], 'suppressed here, and no suppression/unused');
    assert.deepEqual(rulesIn(r.json, BASE_REL), [`${DUP}:warning`], 'the other snapshot says it still');
    const e = await editor();
    assert.deepEqual(codes(e.diagnostics), []);
    assert.deepEqual({ errors: e.status.errors, warnings: e.status.warnings }, { errors: 0, warnings: 0 });
    assert.deepEqual({ errors: e.workspace.errors, warnings: e.workspace.warnings }, { errors: r.json.errors, warnings: r.json.warnings });
  });

  it("a template's placeholder ids collide with nothing, in CI and in the editor", async () => {
    // Without the case: the example snapshot and a template that reuses its candidate's id.
    fs.rmSync(path.join(root, CASE_REL));
    const example = fs.readFileSync(SNAPSHOT, 'utf8');
    // Placeholders where the prompt and the candidate's title go (as a template has them).
    const template = example
      .replace(/^Prompt: .*$/m, 'Prompt: `<the review prompt>`')
      .replace(/title: .*/, 'title: <the candidate, in a sentence>');
    assert.notEqual(template, example);
    write(TEMPLATE_REL, template);
    const r = validate('--strict');
    assert.ok(
      r.json.files.some((f) => f.file === TEMPLATE_REL),
      'the template is checked',
    );
    assert.deepEqual(
      rulesIn(r.json, TEMPLATE_REL).filter((x) => x.startsWith('candidates/')),
      [],
    );
    assert.deepEqual(rulesIn(r.json, BASE_REL), []);
    const lsp = await LspSession.start({ folders: [root] });
    try {
      const workspace = await lsp.request(CheckWorkspaceRequest, {});
      assert.equal(workspace.templates, 1);
      assert.deepEqual({ errors: workspace.errors, warnings: workspace.warnings }, { errors: r.json.errors, warnings: r.json.warnings });
      for (const rel of [BASE_REL, TEMPLATE_REL]) {
        const uri = pathToFileURL(path.join(root, rel)).toString();
        const published = await lsp.diagnosticsFor(uri, lsp.open(uri, fs.readFileSync(path.join(root, rel), 'utf8')));
        assert.deepEqual(
          codes(published.diagnostics).filter((c) => c.startsWith('candidates/')),
          [],
          rel,
        );
      }
    } finally {
      await lsp.stop();
    }
  });

  it("a template by the configuration file's templates globs is left out by the editor as by CI", async () => {
    fs.rmSync(path.join(root, CASE_REL));
    const example = fs.readFileSync(SNAPSHOT, 'utf8');
    const template = example.replace(/^Prompt: .*$/m, 'Prompt: `<the review prompt>`').replace(/title: .*/, 'title: <the candidate>');
    write('drafts/review.md', template);
    write('.review-snapshot.json', JSON.stringify({ templates: ['drafts/**'] }));
    const r = validate('--strict');
    assert.equal(r.code, 0, 'CI: the template is checked as one and compared with nothing');
    assert.ok(r.json.files.some((f) => f.file === 'drafts/review.md'));
    const lsp = await LspSession.start({ folders: [root] });
    try {
      const workspace = await lsp.request(CheckWorkspaceRequest, {});
      assert.equal(workspace.templates, 1);
      assert.deepEqual({ errors: workspace.errors, warnings: workspace.warnings }, { errors: 0, warnings: 0 });
      const uri = pathToFileURL(SNAPSHOT.replace(EXAMPLES, root)).toString();
      const published = lsp.last(uri);
      assert.ok(published, 'Check Workspace published the example snapshot');
      assert.deepEqual(codes(published.diagnostics), [], 'the example snapshot is not compared with the template');
    } finally {
      await lsp.stop();
    }
  });

  it('a snapshot the ignores globs leave out is compared with nothing, in the editor as in CI', async () => {
    write('.review-snapshot.json', JSON.stringify({ ignores: [CASE_REL] }));
    const r = validate('--strict');
    assert.equal(r.code, 0);
    assert.ok(!r.json.files.some((f) => f.file === CASE_REL), 'CI does not check it');
    assert.deepEqual(rulesIn(r.json, BASE_REL), []);
    const lsp = await LspSession.start({ folders: [root] });
    try {
      const workspace = await lsp.request(CheckWorkspaceRequest, {});
      assert.deepEqual({ errors: workspace.errors, warnings: workspace.warnings }, { errors: 0, warnings: 0 });
      const published = lsp.last(pathToFileURL(SNAPSHOT.replace(EXAMPLES, root)).toString());
      assert.ok(published, 'Check Workspace published the example snapshot');
      assert.deepEqual(codes(published.diagnostics), []);
    } finally {
      await lsp.stop();
    }
  });

  it("the MCP server's validate_snapshots reports and counts them as validate does, level included", async () => {
    const mcp = async (): Promise<Json> => {
      const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], cwd: root, stderr: 'pipe' });
      const client = new Client({ name: 'review-snapshot-test', version: '1.0.0' });
      await client.connect(transport);
      try {
        const r = (await client.callTool({ name: 'validate_snapshots', arguments: {} })) as { structuredContent?: unknown };
        return r.structuredContent as Json;
      } finally {
        await client.close();
      }
    };
    for (const level of [undefined, 'error']) {
      if (level) configure({ [DUP]: level });
      const byCli = validate().json;
      const byMcp = await mcp();
      assert.deepEqual(rulesIn(byMcp, CASE_REL), rulesIn(byCli, CASE_REL), `level ${level ?? 'default'}`);
      assert.deepEqual(rulesIn(byMcp, CASE_REL), [`${DUP}:${level ?? 'warning'}`]);
      assert.deepEqual({ errors: byMcp.errors, warnings: byMcp.warnings }, { errors: byCli.errors, warnings: byCli.warnings });
    }
  });
});
