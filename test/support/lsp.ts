// A minimal LSP client for protocol tests and the benchmark: the bundled server as a child
// process over stdio, spoken to with vscode-languageserver-protocol as an editor would. Custom
// messages are the typed objects of server/src/protocol.ts.
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
  type NotificationType,
  type RequestType,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_ARGS, StatusNotification, TimingNotification, type StatusParams, type TimingParams } from '../../server/src/protocol';

export interface StartOptions {
  /** Workspace folders (absolute paths). */
  folders?: string[];
  /** `reviewSnapshot` settings returned for every scope. */
  settings?: Record<string, unknown>;
  /** Extra Node flags for the server (the client's own flags are always used). */
  nodeArgs?: string[];
  initializationOptions?: unknown;
  /** Show the server's stderr (the benchmark does); tests keep it in `logs`. */
  inheritStderr?: boolean;
  /** Client capabilities beyond the defaults. */
  watchFiles?: boolean;
  /** Environment variables for the server process beyond this one's (`HOME`, say). */
  env?: Record<string, string>;
}

export class LspSession {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly statuses: StatusParams[] = [];
  /** When each publication arrived (performance.now()), in the order of `diagnostics`. */
  readonly arrivals = new Map<string, number[]>();
  /** The server's own account of each check, by `uri#version` (with initializationOptions.timing). */
  readonly timings = new Map<string, TimingParams>();
  readonly logs: string[] = [];
  /** What the server registered with the client (file watchers, configuration), in order. */
  readonly registrations: Registration[] = [];
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
    const args = [...SERVER_NODE_ARGS, ...(opts.nodeArgs ?? []), path.join(process.cwd(), 'dist', 'server.js'), '--stdio'];
    const proc = spawn(process.execPath, args, {
      stdio: ['pipe', 'pipe', opts.inheritStderr ? 'inherit' : 'pipe'],
      env: { ...process.env, ...opts.env },
    });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const s = new LspSession(proc, conn, opts);
    proc.stderr?.on('data', (d) => s.logs.push(String(d)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = s.diagnostics.get(p.uri) ?? [];
      list.push(p);
      s.diagnostics.set(p.uri, list);
      s.arrivals.set(p.uri, [...(s.arrivals.get(p.uri) ?? []), performance.now()]);
      s.wake();
    });
    conn.onNotification(StatusNotification, (p) => {
      s.statuses.push(p);
      s.wake();
    });
    conn.onNotification(TimingNotification, (t) => {
      s.timings.set(`${t.uri}#${t.version}`, t);
      s.wake();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => s.logs.push(p.message));
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => s.settings));
    conn.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      s.registrations.push(...p.registrations);
      s.wake();
      return null;
    });
    conn.listen();
    const folders = (opts.folders ?? []).map((f) => ({ uri: pathToFileURL(f).toString(), name: path.basename(f) }));
    const r = await conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      initializationOptions: opts.initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          // As VS Code: watchers may be relative to a folder outside the workspace.
          didChangeWatchedFiles: { dynamicRegistration: opts.watchFiles !== false, relativePatternSupport: true },
        },
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
      if (left <= 0) {
        throw new Error(
          `timed out waiting for ${what}; diagnostics: ${JSON.stringify([...this.diagnostics.entries()].map(([u, l]) => [u, l.at(-1)]))}\nlogs: ${this.logs.join('\n')}`,
        );
      }
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

  request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  request<T>(method: string, params: unknown): Promise<T>;
  request(method: string | RequestType<unknown, unknown, void>, params: unknown): Promise<unknown> {
    return typeof method === 'string' ? this.conn.sendRequest(method, params) : this.conn.sendRequest(method, params);
  }

  notify<P>(type: NotificationType<P>, params: P): void;
  notify(method: string, params: unknown): void;
  notify(method: string | NotificationType<unknown>, params: unknown): void {
    if (typeof method === 'string') this.conn.sendNotification(method, params);
    else this.conn.sendNotification(method, params);
  }

  /** When the diagnostics of this version arrived (performance.now()). */
  async arrivalOf(uri: string, version: number, ms = 60000): Promise<number> {
    await this.until(`diagnostics for ${uri} v${version}`, () => this.diagnostics.get(uri)?.some((p) => p.version === version), ms);
    const i = this.diagnostics.get(uri)!.findIndex((p) => p.version === version);
    return this.arrivals.get(uri)![i];
  }

  timingOf(uri: string, version: number, ms = 10000): Promise<TimingParams> {
    return this.until(`timing of ${uri} v${version}`, () => this.timings.get(`${uri}#${version}`), ms);
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
