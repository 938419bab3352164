// Rule pages open rendered. A diagnostic's rule id links to its page (`codeDescription.href`);
// with no public page that is the Markdown file shipped in the install folder, which the editor
// would open as an editable text file. The client points those links at a read-only virtual
// document of the same page instead, and shows it in VS Code's Markdown preview: the way
// linters with an https page show theirs rendered in the browser.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export const RULE_SCHEME = 'review-snapshot-rule';
/** `/<family>/<name>.md`, the only paths served: rule ids are lower-case words and dashes. */
const RULE_PATH = /^\/([a-z0-9-]+)\/([a-z0-9-]+)\.md$/;

/** The virtual document of the page a shipped rule page's file URL names (undefined: not one). */
export function rulePageUri(target: vscode.Uri, rulesDir: vscode.Uri): vscode.Uri | undefined {
  if (target.scheme !== 'file') return undefined;
  // Windows: the server's URL and the extension's folder may spell the drive letter differently.
  const fold = (p: string) => (process.platform === 'win32' ? p.toLowerCase() : p);
  const base = rulesDir.path.endsWith('/') ? rulesDir.path : `${rulesDir.path}/`;
  if (!fold(target.path).startsWith(fold(base))) return undefined;
  const rel = `/${target.path.slice(base.length)}`;
  return RULE_PATH.test(rel) ? vscode.Uri.from({ scheme: RULE_SCHEME, path: rel }) : undefined;
}

/** Rewrites the rule links of published diagnostics to the rendered pages. */
export function rulePageMiddleware(rulesDir: vscode.Uri): Middleware {
  return {
    handleDiagnostics(uri, diagnostics, next) {
      for (const d of diagnostics) {
        const code = d.code;
        if (typeof code !== 'object' || !code.target) continue;
        const page = rulePageUri(code.target, rulesDir);
        if (page) d.code = { value: code.value, target: page };
      }
      next(uri, diagnostics);
    },
  };
}

export function registerRulePages(context: vscode.ExtensionContext, rulesDir: vscode.Uri): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, {
      async provideTextDocumentContent(uri) {
        const m = RULE_PATH.exec(uri.path);
        if (!m) return `No rule page at ${uri.path}.`;
        try {
          return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(rulesDir, m[1], `${m[2]}.md`)));
        } catch {
          return `The page of ${m[1]}/${m[2]} is missing from this installation.`;
        }
      },
    }),
    // A link opens the page as a text editor (the only way a link can open a document): it is
    // replaced at once by the rendered preview of the same page.
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.opened) {
        if (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === RULE_SCHEME) void showRendered(tab);
      }
    }),
  );
}

async function showRendered(tab: vscode.Tab): Promise<void> {
  const uri = (tab.input as vscode.TabInputText).uri;
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    return; // No Markdown preview (the built-in extension disabled): the read-only text stays.
  }
  const still = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (still) await vscode.window.tabGroups.close(still);
}
