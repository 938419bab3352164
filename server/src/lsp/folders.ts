// The workspace folders the client reports, and which one holds a document.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InitializeParams, WorkspaceFolder, WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { forgetGitRoots, gitRoot } from '../node/repoRoot';
import { isConfigName, isInside, toRepoPath } from '../service/index';

export function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export class Folders {
  private folders: WorkspaceFolder[] = [];
  private rootFallback: string | undefined;

  init(params: InitializeParams): void {
    this.folders = params.workspaceFolders ?? [];
    if (params.rootUri) this.rootFallback = filePath(params.rootUri);
    else if (params.rootPath) this.rootFallback = params.rootPath;
    if (!this.folders.length && params.rootUri) this.folders = [{ uri: params.rootUri, name: 'root' }];
  }

  change(e: WorkspaceFoldersChangeEvent): void {
    forgetGitRoots();
    this.folders = this.folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)).concat(e.added);
  }

  /** The workspace folders on disk (absolute paths). */
  roots(): string[] {
    return this.folders.map((f) => filePath(f.uri)).filter((p): p is string => !!p);
  }

  /**
   * The root a file is checked from: its repository (the nearest folder holding `.git`, as the CLI
   * finds it) when that is the workspace folder holding it, lies inside it or holds it (a package
   * of a monorepo opened alone); else that workspace folder (the innermost one, for nested
   * folders). Files outside every folder fall back to the workspace root.
   */
  rootOf(uri: string): string | undefined {
    const p = filePath(uri);
    if (!p) return undefined;
    const best = this.folderOf(uri);
    const repo = gitRoot(path.dirname(p));
    if (!best) {
      // Above every folder, only a configuration file is rooted at a repository: the one of a
      // workspace folder (whose snapshots it governs). Any other file keeps the fallback root: a
      // repository that merely holds a folder (a dotfiles `~/.git`) roots nothing it opens.
      const configOfFolder = repo && isConfigName(path.basename(p)) && this.roots().some((f) => gitRoot(f) === repo);
      return configOfFolder ? repo : this.rootFallback;
    }
    if (!repo || !(isInside(best, repo) || isInside(repo, best))) return best;
    if (repo !== best && isInside(repo, best)) this.onRootAbove?.(repo, best);
    return repo;
  }

  /** The workspace folder that holds a file (the innermost one, for nested folders): where writes stay. */
  folderOf(uri: string): string | undefined {
    const p = filePath(uri);
    let best: string | undefined;
    for (const f of p ? this.folders : []) {
      const fp = filePath(f.uri);
      if (fp && isInside(fp, p!) && (!best || fp.length > best.length)) best = fp;
    }
    return best;
  }

  /**
   * Told of a repository that holds a workspace folder (a package of a monorepo opened alone):
   * the configuration files between the two are outside what the folder's watchers see.
   */
  onRootAbove?: (repo: string, folder: string) => void;

  /** Every workspace folder on disk: name → absolute path. */
  all(): Map<string, string> {
    const out = new Map<string, string>();
    for (const f of this.folders) {
      const p = filePath(f.uri);
      if (p) out.set(f.name, p);
    }
    return out;
  }

  /** The other workspace folders (multi-root), by name: cited paths of another repository may link into them. */
  siblingsOf(root: string | undefined): Map<string, string> {
    const out = this.all();
    for (const [name, p] of out) if (p === root || (root && isInside(root, p))) out.delete(name);
    return out;
  }

  /** The document's path relative to its folder (`/`-separated), else its file name. */
  relPath(uri: string): string | undefined {
    const p = filePath(uri);
    if (!p) return undefined;
    const root = this.rootOf(uri);
    return (root && toRepoPath(root, p)) ?? path.basename(p);
  }
}
