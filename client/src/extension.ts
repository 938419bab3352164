// Activation: the language client, commands, tasks, status item and workspace trust.
import * as vscode from 'vscode';
import { ConvertClientCommand } from '../../server/src/protocol';
import { registerAtRevision } from './atRevision';
import { registerAuthoring } from './authoring';
import { SnapshotClient, rulePagesDir } from './client';
import { registerCompare } from './compare';
import { recordResults, registerGateListing, runGates } from './gates';
import { testHooks, type TestHooks } from './hooks';
import { registerMcpServers, type McpProvider } from './mcp';
import { convertToPending, registerPreviewProvider } from './pending';
import { newSnapshot } from './scaffold';
import { registerRulePages } from './rulePages';
import { registerSnapshotsView, type SnapshotsTree } from './snapshotsView';
import { registerStatus } from './status';
import { registerTasks } from './tasks';
import { registerWorkspaceCheck } from './workspaceCheck';

export interface ReviewSnapshotApi {
  client: SnapshotClient['client'];
  testHooks: TestHooks;
  /** The MCP server definition provider registered with VS Code; undefined where the running VS Code has no such API. */
  mcpProvider: McpProvider | undefined;
  /** Milliseconds from the start of activate() to the language client ready (its server initialized). */
  activationMs: number;
  /** The Snapshots view's data provider (the e2e suite reads what it shows). */
  snapshotsView: SnapshotsTree;
}

let sc: SnapshotClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ReviewSnapshotApi> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Review Snapshot');
  context.subscriptions.push(output);
  sc = new SnapshotClient(context, output);
  const client = sc;
  context.subscriptions.push(client);
  registerStatus(context, client);
  registerTasks(context);
  registerPreviewProvider(context);
  registerGateListing(context);
  registerAuthoring(context, client);
  registerAtRevision(context, client);
  registerRulePages(context, rulePagesDir(context));
  registerCompare(context, client);
  const uriOf = (arg: unknown) => (arg instanceof vscode.Uri ? arg : undefined);
  context.subscriptions.push(
    vscode.commands.registerCommand('reviewSnapshot.runGates', (arg?: unknown) => runGates(client, uriOf(arg))),
    vscode.commands.registerCommand('reviewSnapshot.recordGateResults', (arg?: unknown) => recordResults(client, uriOf(arg))),
    vscode.commands.registerCommand(ConvertClientCommand, (uri?: string | vscode.Uri, ids?: unknown) => convertToPending(client, uri, ids)),
    vscode.commands.registerCommand('reviewSnapshot.newSnapshot', () => newSnapshot(client)),
    vscode.commands.registerCommand('reviewSnapshot.restartServer', async () => {
      await client.restart();
      void vscode.window.setStatusBarMessage('Review Snapshot: language server restarted', 3000);
    }),
  );
  await client.start();
  const activationMs = Math.round(performance.now() - started);
  output.appendLine(`Activated in ${activationMs} ms (the language server is ready).`);
  registerWorkspaceCheck(context, client);
  const snapshotsView = registerSnapshotsView(context, client);
  const mcpProvider = registerMcpServers(context);
  welcomeOnFirstInstall(context);
  return { client: client.client, testHooks, mcpProvider, activationMs, snapshotsView };
}

/** The walkthrough opens once, on the first activation after install; the Get Started page keeps it. */
function welcomeOnFirstInstall(context: vscode.ExtensionContext): void {
  const KEY = 'reviewSnapshot.welcomed';
  if (context.globalState.get<boolean>(KEY)) return;
  void context.globalState.update(KEY, true);
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#welcome`, false);
}

export async function deactivate(): Promise<void> {
  await sc?.client.stop();
}
