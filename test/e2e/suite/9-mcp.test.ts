// The MCP server registered for VS Code's agent mode: where the running VS Code has the MCP
// server definition API, the extension registers its provider, the provider gives one stdio
// server for the folder (the editor's Node.js running the bundled CLI's `mcp`), and that
// command, started as VS Code would start it, speaks MCP: initialize, tools/list, a tool call.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, folder, hostHasMcpApi, mcpDefinitions, screenshot, type McpStdioDefinition } from './util';

interface RpcAnswer {
  id?: number | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** A raw JSON-RPC client over the child's stdin/stdout (newline-delimited, as MCP's stdio transport frames it). */
function rpc(child: ChildProcess): (method: string, params?: unknown) => Promise<RpcAnswer> {
  let buf = '';
  let nextId = 1;
  const waiting = new Map<number, (a: RpcAnswer) => void>();
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line) continue;
      const a = JSON.parse(line) as RpcAnswer;
      if (typeof a.id === 'number') waiting.get(a.id)?.(a);
    }
  });
  return (method, params) => {
    const id = nextId++;
    const answer = new Promise<RpcAnswer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} in 20 s`)), 20000);
      waiting.set(id, (a) => (clearTimeout(timer), resolve(a)));
    });
    child.stdin!.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
    return answer;
  };
}

/** Starts the definition's command the way VS Code does: its command, args, env over the host's, cwd. */
function start(def: McpStdioDefinition): { child: ChildProcess; stderr: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(def.env ?? {})) {
    if (v === null) delete env[k];
    else env[k] = String(v);
  }
  const child = spawn(def.command, def.args, { cwd: def.cwd?.fsPath, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (c: string) => (err += c));
  return { child, stderr: () => err };
}

suite('MCP server registration (agent mode)', () => {
  let def: McpStdioDefinition;

  suiteSetup(function () {
    // Feature-detected, never assumed: the extension supports VS Code versions without the API.
    if (!hostHasMcpApi()) {
      console.log(`[e2e] skipped: VS Code ${vscode.version} has no vscode.lm.registerMcpServerDefinitionProvider (1.101+)`);
      this.skip();
    }
  });

  test('the extension registers its provider, which gives one stdio server: node running the bundled CLI `mcp`, rooted at the folder', async () => {
    const defs = await mcpDefinitions();
    assert.ok(defs, `VS Code ${vscode.version} has the MCP API, but the extension registered no provider`);
    assert.equal(defs.length, 1, 'one server for the one folder');
    def = defs[0];
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(def.label, 'Review Snapshot');
    assert.equal(def.command, process.execPath, "the editor's own Node.js");
    assert.deepEqual(def.args, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'mcp', '--root', folder().fsPath]);
    assert.equal(def.cwd?.fsPath, folder().fsPath);
    assert.equal(def.version, (ext.packageJSON as { version: string }).version);
  });

  test('the command it gives starts an MCP server that answers initialize, lists its tools and validates the folder', async () => {
    assert.ok(def, 'the definition (previous test)');
    const { child, stderr } = start(def);
    try {
      const call = rpc(child);
      const init = await call('initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'review-snapshot-e2e', version: '0' },
      });
      assert.equal(init.error, undefined, stderr());
      assert.equal((init.result?.serverInfo as { name: string }).name, 'review-snapshot');
      child.stdin!.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
      const list = await call('tools/list', {});
      const names = (list.result?.tools as { name: string }[]).map((t) => t.name).sort();
      console.log(`[e2e] MCP tools: ${names.join(', ')}`);
      for (const n of ['check_freshness', 'convert_to_pending', 'explain_rule', 'fix_snapshots', 'new_snapshot', 'validate_snapshots']) {
        assert.ok(names.includes(n), `tool ${n} listed (got ${names.join(', ')})`);
      }
      // Rooted at the folder: the broken snapshot of this workspace is found and has errors.
      const v = await call('tools/call', {
        name: 'validate_snapshots',
        arguments: { paths: ['docs/reviews/snapshots/2026-03-01_broken.md'] },
      });
      const out = v.result?.structuredContent as { ok: boolean; files: { file: string }[] };
      assert.notEqual(v.result?.isError, true, JSON.stringify(v.result?.content));
      assert.equal(out.ok, false, 'the broken snapshot has errors');
      assert.ok(
        out.files.some((f) => f.file.endsWith('2026-03-01_broken.md')),
        JSON.stringify(out.files.map((f) => f.file)),
      );
    } finally {
      child.stdin!.end();
      child.kill();
    }
  });

  test('VS Code lists the server (MCP: List Servers), when it has that command', async () => {
    const commands = await vscode.commands.getCommands(true);
    const list = commands.find((c) => c === 'workbench.mcp.listServer');
    if (!list) return console.log('[e2e] no workbench.mcp.listServer command in this host: nothing to picture');
    void vscode.commands.executeCommand(list).then(undefined, () => undefined);
    await screenshot('mcp-servers');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
});
