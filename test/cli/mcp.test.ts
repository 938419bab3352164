// `review-snapshot mcp`: the real CLI's MCP server, spoken to over stdio by the SDK's own client
// (as VS Code's agent mode and chat clients do), on repositories in temporary folders.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, cli } from '../support/cli';
import { numbered, SNAPSHOT, snapshotText, TempRepo } from '../support/gitRepos';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[]; structuredContent?: Record<string, unknown> };

interface RunJson {
  files: {
    file: string;
    prompt?: boolean;
    findings: { rule: string; severity: string; docs?: string; fixes?: { edits: { newText: string }[] }[] }[];
    fixed?: unknown[];
  }[];
  errors: number;
  ok: boolean;
  written?: string[];
}

async function connect(cwd: string, extra: string[] = []): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', ...extra], cwd, stderr: 'pipe' });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const client = new Client({ name: 'review-snapshot-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => err };
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}

function textOf(r: ToolResult): string {
  return r.content.map((c) => c.text ?? '').join('\n');
}

describe('CLI: mcp (the MCP server over stdio)', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let client: Client;
  let stderr: () => string;
  beforeEach(async () => {
    ws = new TempWorkspace('rs-mcp-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ({ client, stderr } = await connect(ws.root));
  });
  afterEach(async () => {
    await client.close();
    ws.dispose();
  });

  it('lists its tools with input schemas, output schemas and annotations', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    assert.deepEqual([...byName.keys()].sort(), [
      'check_freshness',
      'convert_to_pending',
      'explain_rule',
      'fix_snapshots',
      'new_snapshot',
      'validate_snapshots',
    ]);
    const validate = byName.get('validate_snapshots')!;
    assert.equal(validate.annotations?.readOnlyHint, true);
    assert.equal(validate.inputSchema.type, 'object');
    assert.ok(validate.outputSchema?.properties?.files, 'validate has an output schema');
    assert.equal(byName.get('explain_rule')!.annotations?.readOnlyHint, true);
    assert.equal(byName.get('fix_snapshots')!.annotations?.readOnlyHint, false);
    assert.equal(byName.get('fix_snapshots')!.annotations?.idempotentHint, true);
    assert.equal(byName.get('new_snapshot')!.annotations?.destructiveHint, true);
    assert.deepEqual(byName.get('new_snapshot')!.inputSchema.required, ['path']);
  });

  it('validates a snapshot with a seeded error, fixes it, and validates it clean', async () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT.replace('## Synthesis\n', '## synthesis\n'));
    const first = await call(client, 'validate_snapshots', { paths: [SNAPSHOT_REL] });
    assert.equal(first.isError, undefined, textOf(first));
    const run = first.structuredContent as unknown as RunJson;
    assert.equal(run.ok, false);
    assert.equal(run.files[0].file, SNAPSHOT_REL);
    const f = run.files[0].findings.find((x) => x.rule === 'section/near-miss');
    assert.ok(f, JSON.stringify(run.files[0].findings));
    assert.equal(f.severity, 'error');
    assert.match(f.docs ?? '', /docs\/rules\/section\/near-miss\.md$/);
    assert.equal(f.fixes?.[0].edits[0].newText, '## Synthesis');
    // The same value as text, for clients that read only the content.
    assert.deepEqual(JSON.parse(textOf(first)), first.structuredContent);

    const fixed = await call(client, 'fix_snapshots', { paths: [SNAPSHOT_REL] });
    const fixRun = fixed.structuredContent as unknown as RunJson;
    assert.deepEqual(fixRun.written, [SNAPSHOT_REL]);
    assert.equal(fixRun.ok, true, textOf(fixed));
    assert.ok(ws.read(SNAPSHOT_REL).includes('\n## Synthesis\n'), 'the fix is on disk');

    const again = await call(client, 'validate_snapshots', { paths: [SNAPSHOT_REL] });
    assert.equal((again.structuredContent as unknown as RunJson).ok, true, textOf(again));
    assert.equal((again.structuredContent as unknown as RunJson).errors, 0);
  });

  it('validates every snapshot of the repository when no path is given, and globs', async () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    ws.write('docs/reviews/snapshots/broken.md', VALID_TEXT.replace('Model: gpt-5-codex\n', ''));
    const all = (await call(client, 'validate_snapshots')).structuredContent as unknown as RunJson;
    // The repository's review prompt is checked too (it conforms).
    assert.deepEqual(all.files.map((f) => f.file).sort(), [
      'docs/reviews/prompts/self_healing.md',
      'docs/reviews/snapshots/2026-02-19_self-heal-run.md',
      'docs/reviews/snapshots/broken.md',
    ]);
    assert.equal(all.files.find((f) => f.file.includes('/prompts/'))?.prompt, true);
    assert.equal(all.errors, 1);
    const glob = (await call(client, 'validate_snapshots', { paths: ['docs/**/broken.md'] })).structuredContent as unknown as RunJson;
    assert.deepEqual(
      glob.files.map((f) => f.file),
      ['docs/reviews/snapshots/broken.md'],
    );
  });

  it('explains a rule, and says which ids are near an unknown one', async () => {
    const r = await call(client, 'explain_rule', { rule: 'section/near-miss' });
    assert.match((r.structuredContent as { page: string }).page, /^# section\/near-miss\n/);
    const unknown = await call(client, 'explain_rule', { rule: 'near-miss' });
    assert.equal(unknown.isError, true);
    assert.match(textOf(unknown), /did you mean .*section\/near-miss/);
  });

  it('writes a new snapshot only at an explicit path inside the repository, never over a file without force', async () => {
    const rel = 'docs/reviews/snapshots/2026-03-01_new.md';
    const r = await call(client, 'new_snapshot', { path: rel, model: 'agent-1', date: '2026-03-01' });
    assert.equal(r.isError, undefined, textOf(r));
    assert.match(ws.read(rel), /^# Review Snapshot\n\nDate: 2026-03-01\nModel: agent-1\n/);
    const again = await call(client, 'new_snapshot', { path: rel });
    assert.equal(again.isError, true);
    assert.match(textOf(again), /exists; pass force/);
  });

  it('converts a valid snapshot to its pending spec, and refuses one with errors', async () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    const r = await call(client, 'convert_to_pending', { path: SNAPSHOT_REL });
    assert.equal(r.isError, undefined, textOf(r));
    const out = (r.structuredContent as { path: string }).path;
    assert.equal(out, 'specs/governance/pending/2026-02-19_self-heal-run-pending.yaml');
    assert.match(ws.read(out), /source_snapshot: docs\/reviews\/snapshots\/2026-02-19_self-heal-run\.md/);
    ws.write('docs/reviews/snapshots/bad.md', VALID_TEXT.replace('Model: gpt-5-codex\n', ''));
    const bad = await call(client, 'convert_to_pending', { path: 'docs/reviews/snapshots/bad.md' });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /1 contract error; nothing written/);
    assert.equal(ws.exists('specs/governance/pending/bad-pending.yaml'), false);
  });

  it('converts into the form of the pending spec the repository already has for the snapshot, as to-pending does', async () => {
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    ws.write('specs/governance/pending/2026-02-19_self-heal-run-pending.md', '# Pending spec\n');
    const r = await call(client, 'convert_to_pending', { path: SNAPSHOT_REL, force: true });
    assert.equal(r.isError, undefined, textOf(r));
    assert.deepEqual(
      [(r.structuredContent as { path: string }).path, (r.structuredContent as { format: string }).format],
      ['specs/governance/pending/2026-02-19_self-heal-run-pending.md', 'markdown'],
    );
    assert.equal(ws.exists('specs/governance/pending/2026-02-19_self-heal-run-pending.yaml'), false, 'no second pending spec beside it');
  });

  it('serves the schema, the rule pages, the template and the write_review_snapshot prompt', async () => {
    const schema = await client.readResource({ uri: 'review-snapshot://schema' });
    assert.match((schema.contents[0] as { text: string }).text, /^version: 1\nid: review_snapshot_schema_v1/);
    const { resources } = await client.listResources();
    assert.ok(resources.some((r) => r.uri === 'review-snapshot://rules/metadata/missing'));
    const page = await client.readResource({ uri: 'review-snapshot://rules/metadata/missing' });
    assert.match((page.contents[0] as { text: string }).text, /^# metadata\/missing/);
    const template = await client.readResource({ uri: 'review-snapshot://template' });
    assert.match((template.contents[0] as { text: string }).text, /^# Review Snapshot\n/);
    const prompt = await client.getPrompt({ name: 'write_review_snapshot', arguments: { path: 'docs/reviews/snapshots/x.md' } });
    const text = (prompt.messages[0].content as { text: string }).text;
    const headings = [...text.matchAll(/^\d+\. `(## [^`]+)`$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, [
      '## Scope Notes',
      '## Command Execution Log',
      '## Findings',
      '## Synthesis',
      '## Spec Candidates (YAML)',
      '## Classification Labels',
      '## Reject / Defer List',
      '## Raw Output',
    ]);
    assert.match(text, /validate_snapshots[\s\S]*fix_snapshots[\s\S]*validate_snapshots/);
    assert.match(
      text,
      /Schema: `\/specs\/schema\/review_snapshot_schema_v1\.yaml`; output contract: `\/specs\/contract\/26_review_output_contract\.md`/,
    );
  });

  describe('paths outside the repository', () => {
    let outside: string;
    beforeEach(() => {
      outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-mcp-out-')));
      fs.writeFileSync(path.join(outside, 'secret.md'), VALID_TEXT.replace('Model: gpt-5-codex', 'Model: SECRET-MODEL'));
      fs.symlinkSync(outside, ws.path('docs/out'));
      fs.mkdirSync(ws.path('docs/reviews/snapshots'), { recursive: true });
      fs.symlinkSync(path.join(outside, 'secret.md'), ws.path('docs/reviews/snapshots/linked.md'));
    });
    afterEach(() => fs.rmSync(outside, { recursive: true, force: true }));

    it('refuses them, through a link too, with one message that says nothing of what is there', async () => {
      const asked = [
        '../x.md',
        path.join(outside, 'secret.md'),
        'docs/out/secret.md',
        'docs/out/nothing.md',
        'docs/reviews/snapshots/linked.md',
      ];
      for (const p of asked) {
        const r = await call(client, 'validate_snapshots', { paths: [p] });
        assert.equal(r.isError, true, p);
        assert.equal(textOf(r), `${JSON.stringify(p)} is not a path inside the repository`);
        assert.equal(r.structuredContent, undefined);
      }
      for (const [tool, args] of [
        ['fix_snapshots', { paths: ['docs/out/secret.md'] }],
        ['convert_to_pending', { path: 'docs/out/secret.md' }],
        ['new_snapshot', { path: 'docs/out/new.md' }],
        ['new_snapshot', { path: '../new.md' }],
      ] as const) {
        const r = await call(client, tool, args);
        assert.equal(r.isError, true, tool);
        assert.match(textOf(r), /is not a path inside the repository$/);
      }
      assert.deepEqual(fs.readdirSync(outside), ['secret.md'], 'nothing written outside');
      assert.doesNotMatch(stderr(), /SECRET/);
    });

    it('leaves links out of a folder or glob out of what it checks', async () => {
      ws.write(SNAPSHOT_REL, VALID_TEXT);
      const r = await call(client, 'validate_snapshots', { paths: ['**/*.md'] });
      const files = (r.structuredContent as unknown as RunJson).files.map((f) => f.file);
      assert.deepEqual(files, ['docs/reviews/prompts/self_healing.md', SNAPSHOT_REL]);
      assert.doesNotMatch(textOf(r), /SECRET/);
    });
  });

  it('answers arguments of the wrong shape with an error, and goes on', async () => {
    const r = await call(client, 'validate_snapshots', { paths: 42 });
    assert.equal(r.isError, true);
    assert.match(textOf(r), /Input validation error/);
    const many = await call(client, 'validate_snapshots', { paths: Array.from({ length: 101 }, (_, i) => `f${i}.md`) });
    assert.equal(many.isError, true);
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    const ok = await call(client, 'validate_snapshots', { paths: [SNAPSHOT_REL] });
    assert.equal((ok.structuredContent as unknown as RunJson).ok, true, textOf(ok));
  });
});

describe('CLI: mcp over raw standard input', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-mcp-raw-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
  });
  afterEach(() => ws.dispose());

  it('answers a line that is no JSON-RPC message with its error, serves the next, and exits 0 when input ends', async () => {
    const p = spawn(process.execPath, [CLI, 'mcp'], { cwd: ws.root });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const init = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } };
    p.stdin.write('this is not json\n');
    p.stdin.write('{"jsonrpc":"2.0","id":1,"method":"tools/list"}{broken\n');
    p.stdin.write('{"no":"rpc"}\n');
    p.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'initialize', params: init }) + '\n');
    p.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'no/such/method' }) + '\n');
    p.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'no_such_tool' } }) + '\n');
    await new Promise((r) => setTimeout(r, 1500));
    p.stdin.end();
    const code = await new Promise<number | null>((r) => p.on('close', r));
    assert.equal(code, 0, err);
    const messages = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number | null; error?: { code: number }; result?: { isError?: boolean; serverInfo?: unknown } });
    assert.deepEqual(
      messages.filter((m) => m.id === null).map((m) => m.error?.code),
      [-32700, -32700, -32600],
    );
    assert.ok(messages.find((m) => m.id === 2)?.result?.serverInfo, out);
    assert.equal(messages.find((m) => m.id === 3)?.error?.code, -32601);
    const unknownTool = messages.find((m) => m.id === 4);
    assert.ok(unknownTool?.error || unknownTool?.result?.isError, out);
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  });

  it('ends the session on a message over the 4 MB cap, saying why, instead of buffering without end', async () => {
    const p = spawn(process.execPath, [CLI, 'mcp'], { cwd: ws.root });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.stdin.on('error', () => undefined); // the server may be gone before the rest is written
    p.stdin.write(`{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":"${'a'.repeat(5 * 1024 * 1024)}"}}\n`);
    const code = await new Promise<number | null>((r) => p.on('close', r));
    assert.equal(code, 0);
    assert.match(err, /exceeded maximum size of 4194304 bytes/);
  });

  it('is a command with its help, and refuses a root that is not there', () => {
    const help = cli(['mcp', '--help'], ws.root);
    assert.equal(help.code, 0);
    assert.match(help.out, /validate_snapshots/);
    const r = cli(['mcp', '--root', 'nowhere'], ws.root);
    assert.equal(r.code, 2);
    assert.match(r.err, /--root nowhere: no such directory/);
  });
});

describe('CLI: mcp check_freshness (a real git repository)', function () {
  this.timeout(30000);
  it("says where each cite's code went since the snapshot's Repo revision, read-only, and refuses a path outside", async () => {
    const repo = new TempRepo();
    const r = repo.commit({ 'src/a.ts': numbered(30) }, 'code');
    repo.commit({ [SNAPSHOT]: snapshotText(r, ['src/a.ts:10', 'src/a.ts:20']) }, 'the review');
    // Three lines inserted above line 10, and line 20 edited.
    const lines = numbered(30).split('\n');
    lines[19] = 'code statement number 20 was rewritten;';
    repo.commit({ 'src/a.ts': ['x', 'y', 'z', ...lines].join('\n') }, 'later');
    const { client } = await connect(repo.dir);
    try {
      const { tools } = await client.listTools();
      assert.equal(tools.find((t) => t.name === 'check_freshness')?.annotations?.readOnlyHint, true);
      const res = await call(client, 'check_freshness', { path: SNAPSHOT });
      assert.ok(!res.isError, textOf(res));
      const cites = (res.structuredContent as { cites: { cite: string; status: string; now: { path: string; line: number } | null }[] })
        .cites;
      assert.deepEqual(
        cites.map((c) => [c.cite, c.status, c.now?.line]),
        [
          ['src/a.ts:10', 'moved', 13],
          ['src/a.ts:20', 'changed', 23],
        ],
      );
      assert.equal(repo.read('src/a.ts').split('\n')[0], 'x', 'nothing written');
      const out = await call(client, 'check_freshness', { path: '../elsewhere.md' });
      assert.equal(out.isError, true);
      assert.match(textOf(out), /is not a path inside the repository/);
      fs.writeFileSync(path.join(repo.dir, '.review-snapshot.yaml'), 'rules: [\n');
      const broken = await call(client, 'check_freshness', { path: SNAPSHOT });
      assert.equal(broken.isError, true, 'a broken configuration stops the call');
      assert.match(textOf(broken), /configuration file has problems/);
    } finally {
      await client.close();
      fs.rmSync(path.dirname(repo.dir), { recursive: true, force: true });
    }
  });
});
