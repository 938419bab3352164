// Helpers for the e2e tests.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'review-snapshot.review-snapshot';

export async function waitFor<T>(
  what: string,
  fn: () => T | undefined | false | null | Promise<T | undefined | false | null>,
  ms = 20000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function folder(): vscode.Uri {
  return vscode.workspace.workspaceFolders![0].uri;
}

export function file(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), ...rel.split('/'));
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(file(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'review-snapshot');
}

export function code(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Asks the offline host's driver for a screenshot of the workbench (a no-op elsewhere). */
export async function screenshot(name: string): Promise<void> {
  console.log(`[e2e-screenshot] ${name}`);
  await new Promise((r) => setTimeout(r, 1500));
}

/** Closes the menus and hovers a test opened for a screenshot (commands a host may lack are skipped), and gives the editor its focus back. */
export async function closeWidgets(editor: vscode.TextEditor): Promise<void> {
  for (const c of ['hideCodeActionWidget', 'editor.action.hideHover', 'hideSuggestWidget', 'workbench.action.closeQuickOpen']) {
    await vscode.commands.executeCommand(c).then(undefined, () => undefined);
  }
  await vscode.window.showTextDocument(editor.document);
}

/** The quick fixes offered on `range`, as the lightbulb asks for them. */
export function quickFixes(uri: vscode.Uri, range: vscode.Range): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
}

/** Opens the quick-fix menu on a diagnostic (a screenshot of it named `shot`), closes it, and returns what it offered. */
export async function quickFixMenu(editor: vscode.TextEditor, d: vscode.Diagnostic, shot: string): Promise<vscode.CodeAction[]> {
  editor.selection = new vscode.Selection(d.range.start, d.range.start);
  await vscode.commands.executeCommand('editor.action.quickFix');
  await screenshot(shot);
  await closeWidgets(editor);
  return quickFixes(editor.document.uri, d.range);
}

export interface Api {
  testHooks: {
    confirm?: (message: string, detail: string, items: string[]) => Promise<string | undefined>;
    pick?: (labels: string[]) => Promise<string | undefined>;
    input?: (prompt: string) => Promise<string | undefined>;
    lastConfirm?: { message: string; detail: string };
  };
  mcpProvider?: { provideMcpServerDefinitions(): unknown[] | Thenable<unknown[]> };
  activationMs?: number;
}

export async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  return (await ext.activate()) as Api;
}

/** An MCP stdio server definition as VS Code's `McpStdioServerDefinition` holds it. */
export interface McpStdioDefinition {
  label: string;
  command: string;
  args: string[];
  env: Record<string, string | number | null>;
  cwd?: vscode.Uri;
  version?: string;
}

/** Whether the running VS Code has the MCP server definition API (finalized in 1.101). */
export function hostHasMcpApi(): boolean {
  const lm = (vscode as unknown as { lm?: { registerMcpServerDefinitionProvider?: unknown } }).lm;
  return typeof lm?.registerMcpServerDefinitionProvider === 'function';
}

/** What the extension's registered MCP provider gives VS Code now (undefined: it registered none). */
export async function mcpDefinitions(): Promise<McpStdioDefinition[] | undefined> {
  const provider = (await api()).mcpProvider;
  return provider ? ((await provider.provideMcpServerDefinitions()) as McpStdioDefinition[]) : undefined;
}
