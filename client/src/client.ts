// Starts the language server over IPC and keeps track of which open documents are snapshots
// (the server says so in its status notifications).
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { rulePageMiddleware } from './rulePages';
import {
  OpenAtRevisionClientCommand,
  SERVER_NODE_ARGS,
  StatusNotification,
  TrustedNotification,
  type StatusParams,
} from '../../server/src/protocol';

/** The rule pages shipped with the extension (`docs/rules`, the folder the server links into). */
export function rulePagesDir(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
}

export class SnapshotClient implements vscode.Disposable {
  readonly client: LanguageClient;
  private readonly statuses = new Map<string, StatusParams>();
  private readonly changed = new vscode.EventEmitter<StatusParams>();
  /** Fires when the server reports on a document (snapshot or not). */
  readonly onStatus = this.changed.event;

  constructor(context: vscode.ExtensionContext, output: vscode.OutputChannel) {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_ARGS } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // The server decides which Markdown files are snapshots and stays silent on the rest. Pending
      // specs in YAML are sent too, so an id there can be followed to its candidate and renamed.
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'file', language: 'yaml', pattern: '**/*-pending.{yaml,yml}' },
      ],
      synchronize: {
        configurationSection: 'reviewSnapshot',
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*'),
      },
      outputChannel: output,
      // A rule id links to its page, shown rendered and read-only (rulePages.ts).
      middleware: rulePageMiddleware(rulePagesDir(context)),
      // Hovers may run one command only: the freshness hover's "open the file at R" (read-only).
      markdown: { isTrusted: { enabledCommands: [OpenAtRevisionClientCommand] } },
      // Finding freshness starts git in the repository: only in a trusted workspace (see start()).
      initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
      // vscode-languageclient restarts a crashed server (up to 4 times in 3 minutes).
    };
    this.client = new LanguageClient('reviewSnapshot', 'Review Snapshot', serverOptions, clientOptions);
  }

  async start(): Promise<void> {
    await this.client.start();
    vscode.workspace.onDidGrantWorkspaceTrust(() => void this.client.sendNotification(TrustedNotification, {}));
    this.client.onNotification(StatusNotification, (p: StatusParams) => {
      if (p.snapshot) this.statuses.set(p.uri, p);
      else this.statuses.delete(p.uri);
      this.changed.fire(p);
    });
  }

  status(uri: vscode.Uri): StatusParams | undefined {
    return this.statuses.get(uri.toString());
  }

  isSnapshot(uri: vscode.Uri): boolean {
    return this.statuses.has(uri.toString());
  }

  async restart(): Promise<void> {
    this.statuses.clear();
    await this.client.restart();
  }

  dispose(): void {
    this.changed.dispose();
    void this.client.stop();
  }
}
