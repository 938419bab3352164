// Finding freshness in the editor: after a snapshot's diagnostics are published, its cites are
// followed with git in the background (node/freshness.ts) — never delaying the check, cancelled
// by the next edit, answered from git's kept answers (blobs, hunks, renames by commit) when warm —
// and the document's diagnostics are published again with a `freshness/*` diagnostic per stale
// cite, for the same version only. The File:Line hover shows the cited lines at R beside the
// lines now. Only in a trusted workspace (git reads the repository's own configuration).
import * as path from 'node:path';
import type { CodeAction, Position } from 'vscode-languageserver-types';
import type * as Diff from 'diff';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkCites } from '../node/freshness';
import { GitError, HEX, isPlainRepoPath } from '../node/git';
import { gitRepo } from '../node/gitRepo';
import type { FileAtRevisionParams, FileAtRevisionResult } from '../protocol';
import {
  OPEN_AT_REVISION_COMMAND,
  type OpenAtRevisionArgs,
  type CheckResult,
  type Finding,
  hunksOfLines,
  freshnessFindings,
  freshnessHover,
  rebaseAction,
  type RebaseRequest,
  type SnapshotModel,
  citesOf,
  writtenRevision,
  type CiteInput,
  type FileFreshness,
  fileUrl,
  type SnapshotSettings,
} from '../service/index';
import { gitRoot } from '../node/repoRoot';
import { safeReadText } from '../node/safeFs';
import { filePath } from './folders';

/** A pause after the check before git is asked (typing goes on: no process per keystroke). */
const DELAY_MS = 250;
/** Files read from disk to compare with HEAD, at most this big. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export interface FreshnessDeps {
  documents: TextDocuments<TextDocument>;
  log: (m: string) => void;
  /** The document's diagnostics are to be published again (freshness for this version is in). */
  republish: (uri: string, version: number) => void;
}

interface Done {
  version: number;
  file: FileFreshness;
  findings: Finding[];
  /** The git root and the workspace root (cites are relative to the latter). */
  top: string;
}

export class FreshnessRunner {
  /** Whether git may run (the client says the workspace is trusted). */
  trusted = false;
  private readonly done = new Map<string, Done>();
  private readonly running = new Map<string, { cancel: () => void }>();

  constructor(private readonly d: FreshnessDeps) {}

  /** A new check of a snapshot was published: work out its freshness in the background. */
  start(
    uri: string,
    version: number,
    result: CheckResult,
    root: string | undefined,
    settings: SnapshotSettings,
    siblings: ReadonlyMap<string, string> = new Map(),
  ): void {
    this.cancel(uri);
    const file = filePath(uri);
    if (!this.trusted || !root || !file) return;
    const top = gitRoot(path.dirname(file));
    if (!top) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void this.run(uri, version, result, { root, top, file, settings, siblings }, controller.signal).catch((e: unknown) => {
        if (!controller.signal.aborted) this.d.log(`freshness of ${uri} failed: ${(e as Error)?.message ?? e}`);
      });
    }, DELAY_MS);
    this.running.set(uri, {
      cancel: () => {
        clearTimeout(timer);
        controller.abort();
      },
    });
  }

  cancel(uri: string): void {
    this.running.get(uri)?.cancel();
    this.running.delete(uri);
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.done.delete(uri);
  }

  private async run(
    uri: string,
    version: number,
    result: CheckResult,
    at: { root: string; top: string; file: string; settings: SnapshotSettings; siblings: ReadonlyMap<string, string> },
    signal: AbortSignal,
  ): Promise<void> {
    const { root, top, settings } = at;
    // Cites are written from the workspace folder; git names paths from the repository's top.
    const rebase = (c: CiteInput): CiteInput =>
      root === top ? c : { ...c, path: path.relative(top, path.join(root, c.path)).split(path.sep).join('/') };
    // A sibling open as a workspace folder of that name is used unless the configuration says where it is.
    const repositories = new Map([...at.siblings, ...[...settings.repositories].map(([k, v]) => [k, path.resolve(root, v)] as const)]);
    const file = await checkCites({
      root: top,
      snapshot: path.relative(top, at.file).split(path.sep).join('/'),
      file: at.file,
      written: writtenRevision(result),
      cites: citesOf(result).map(rebase),
      repositories,
      textNow: (repoRoot, rel) => this.textNow(repoRoot, rel),
      diffTexts: (a, b) => hunksOfLines(a, b, lineDiff()),
      signal,
    });
    if (signal.aborted || this.d.documents.get(uri)?.version !== version) return;
    this.running.delete(uri);
    this.done.set(uri, { version, file, findings: freshnessFindings(file, settings.rules), top });
    this.d.republish(uri, version);
  }

  /** The file as the editor has it: its open buffer, else the working tree. */
  private textNow(repoRoot: string, rel: string): string | undefined {
    const abs = path.join(repoRoot, ...rel.split('/'));
    const open = this.d.documents.all().find((doc) => filePath(doc.uri) === abs);
    if (open) return open.getText();
    const r = safeReadText(repoRoot, abs, MAX_FILE_BYTES);
    return r.ok ? r.text : undefined;
  }

  /** The freshness findings of this version of the document (none until they are worked out). */
  findings(uri: string, version: number): Finding[] {
    const d = this.done.get(uri);
    return d && d.version === version ? d.findings : [];
  }

  /** "Re-base this snapshot to HEAD", for this version, when every cite is unchanged or moved (none before freshness ran). */
  rebase(model: SnapshotModel, req: RebaseRequest): CodeAction | undefined {
    const d = this.done.get(req.uri);
    return d && d.version === req.version ? rebaseAction(d.file, model, req) : undefined;
  }

  /** The hover section of the cite at `pos`, for this version. */
  hover(uri: string, version: number, pos: Position): string | undefined {
    const d = this.done.get(uri);
    if (!d || d.version !== version) return undefined;
    return freshnessHover(d.file, pos, {
      now: (c) =>
        c.now && !c.repository && c.now.line !== null ? `${fileUrl(path.join(d.top, ...c.now.path.split('/')))}#L${c.now.line}` : undefined,
      atBase: (c) => {
        const revision = c.base ?? d.file.revision;
        if (c.repository || !revision) return undefined;
        const args: OpenAtRevisionArgs = { uri, path: c.path, revision, line: c.line };
        // A command link's arguments are URI-encoded JSON; parentheses too, so the Markdown link cannot end early.
        const q = encodeURIComponent(JSON.stringify([args]))
          .replace(/\(/g, '%28')
          .replace(/\)/g, '%29');
        return `command:${OPEN_AT_REVISION_COMMAND}?${q}`;
      },
    });
  }

  /** A file of the snapshot's repository at a commit (hex only, a plain path; in a trusted workspace). */
  async fileAtRevision(p: FileAtRevisionParams): Promise<FileAtRevisionResult> {
    const file = filePath(p.uri);
    const top = this.trusted && file ? gitRoot(path.dirname(file)) : undefined;
    if (!top) return { error: 'files at a revision are read only for a snapshot in a git repository of a trusted workspace' };
    if (typeof p.revision !== 'string' || !HEX.test(p.revision)) return { error: 'the revision is not a hex commit name' };
    if (typeof p.path !== 'string' || !isPlainRepoPath(p.path)) {
      return { error: `${JSON.stringify(p.path)} is not a path inside the repository` };
    }
    try {
      const repo = gitRepo(top);
      const commit = await repo.commit(p.revision);
      const blob = commit ? await repo.blob(commit, p.path) : undefined;
      if (!commit) return { error: `${p.revision} is not a commit of this repository` };
      if (!blob) return { error: `${p.path} is not in the repository at ${p.revision.slice(0, 7)}` };
      if (blob.data.includes(0) || blob.data.length > MAX_FILE_BYTES) return { error: `${p.path} is not a text file of at most 8 MB` };
      return { text: blob.data.toString('utf8') };
    } catch (e) {
      if (e instanceof GitError) return { error: e.message };
      throw e;
    }
  }
}

/** jsdiff's array diff, loaded when an open buffer first differs from HEAD. */
function lineDiff(): (a: string[], b: string[]) => Diff.ChangeObject<string[]>[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the server loads it only when needed
  return (require('diff') as typeof Diff).diffArrays;
}
