// A minimal LSP client for protocol tests: the bundled server as a child process over stdio,
// spoken to with vscode-languageserver-protocol as an editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';

export interface StartOptions {
  /** Workspace folders (absolute paths). */
  folders?: string[];
  /** `reviewSnapshot` settings returned for every scope. */
  settings?: Record<string, unknown>;
}

export class LspSession {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly statuses: { uri: string; snapshot: boolean; errors: number; warnings: number; schema: string }[] = [];
  readonly logs: string[] = [];
  settings: Record<string, unknown>;
  capabilities!: InitializeResult['capabilities'];
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    opts: StartOptions,
  ) {
    this.settings = opts.settings ?? {};
  }

  static async start(opts: StartOptions = {}): Promise<LspSession> {
    const proc = spawn(process.execPath, [path.join(process.cwd(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const s = new LspSession(proc, conn, opts);
    proc.stderr!.on('data', (d) => s.logs.push(String(d)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = s.diagnostics.get(p.uri) ?? [];
      list.push(p);
      s.diagnostics.set(p.uri, list);
      s.wake();
    });
    conn.onNotification('reviewSnapshot/status', (p: LspSession['statuses'][number]) => {
      s.statuses.push(p);
      s.wake();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => s.logs.push(p.message));
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => s.settings));
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    const folders = (opts.folders ?? []).map((f) => ({ uri: pathToFileURL(f).toString(), name: path.basename(f) }));
    const r = await conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    s.capabilities = r.capabilities;
    conn.sendNotification('initialized', {});
    return s;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `pred` holds, re-checked on every notification; rejects after `ms`. */
  async until<T>(what: string, pred: () => T | undefined | false, ms = 10000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = pred();
      if (v) return v;
      const left = end - Date.now();
      if (left <= 0)
        {throw new Error(
          `timed out waiting for ${what}; diagnostics: ${JSON.stringify([...this.diagnostics.entries()].map(([u, l]) => [u, l.at(-1)]))}\nlogs: ${this.logs.join('\n')}`,
        );}
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  last(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri)?.at(-1);
  }

  /** The diagnostics published for exactly this version of the document. */
  diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.until(`diagnostics for ${uri} v${version}`, () => this.diagnostics.get(uri)?.find((p) => p.version === version));
  }

  open(uri: string, text: string, languageId = 'markdown'): number {
    this.versions.set(uri, 1);
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  change(uri: string, changes: unknown[]): number {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: changes });
    return v;
  }

  close(uri: string): void {
    this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest<T>(method, params);
  }

  notify(method: string, params: unknown): void {
    this.conn.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((r) => (this.proc.exitCode !== null ? r() : this.proc.once('exit', () => r())));
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      this.conn.sendNotification('exit');
    } catch {
      // the connection may already be gone
    }
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
    this.conn.dispose();
  }
}
