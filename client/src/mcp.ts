// The MCP server (`review-snapshot mcp`, the bundled CLI) registered for VS Code's agent mode:
// one server per workspace folder, rooted there, started with the editor's own Node.js. Only
// where the running VS Code has the MCP server definition API (1.101 and later; the extension
// supports older versions, so it is looked up, not assumed), and only in a trusted workspace:
// the server writes files (fix_snapshots, new_snapshot, convert_to_pending), and opening a
// folder is no consent to let an agent write in it.
import * as vscode from 'vscode';

/** The provider id, as package.json contributes it (`mcpServerDefinitionProviders`). */
export const MCP_PROVIDER_ID = 'reviewSnapshot.mcp';

/** The part of the MCP API this uses (not in the @types/vscode the extension builds against). */
interface McpApi {
  lm?: {
    registerMcpServerDefinitionProvider?: (
      id: string,
      provider: { onDidChangeMcpServerDefinitions?: vscode.Event<void>; provideMcpServerDefinitions(): unknown[] },
    ) => vscode.Disposable;
  };
  McpStdioServerDefinition?: new (
    label: string,
    command: string,
    args?: string[],
    env?: Record<string, string | number | null>,
    version?: string,
  ) => { cwd?: vscode.Uri };
}

/** The server definitions: one per folder on disk of a trusted workspace. */
export function mcpServers(api: McpApi, cliPath: string, version: string): unknown[] {
  const Definition = api.McpStdioServerDefinition;
  if (!Definition || !vscode.workspace.isTrusted) return [];
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  return folders.map((f) => {
    const label = folders.length > 1 ? `Review Snapshot (${f.name})` : 'Review Snapshot';
    // The editor's Node.js: Electron's binary run as Node.
    const def = new Definition(label, process.execPath, [cliPath, 'mcp', '--root', f.uri.fsPath], { ELECTRON_RUN_AS_NODE: '1' }, version);
    def.cwd = f.uri;
    return def;
  });
}

/** The provider as registered with VS Code (the extension's API hands it out, so the real-editor suite can ask it). */
export interface McpProvider {
  onDidChangeMcpServerDefinitions: vscode.Event<void>;
  provideMcpServerDefinitions(): unknown[];
}

/** Registers the provider where the API exists; the provider registered, or undefined where the API is absent. */
export function registerMcpServers(context: vscode.ExtensionContext): McpProvider | undefined {
  const api = vscode as unknown as McpApi;
  const register = api.lm?.registerMcpServerDefinitionProvider;
  if (!register || !api.McpStdioServerDefinition) return undefined;
  const changed = new vscode.EventEmitter<void>();
  const cliPath = context.asAbsolutePath('dist/cli.js');
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
  const provider: McpProvider = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () => mcpServers(api, cliPath, version),
  };
  context.subscriptions.push(
    changed,
    register.call(api.lm, MCP_PROVIDER_ID, provider),
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
  );
  return provider;
}
