// Comparing two reviews in the editor: the workspace's snapshots and the previous review of a
// prompt (from the workspace index), and the comparison itself by the CLI's engine
// (service/lifecycle/reviewDiff.ts), so the editor and CI agree. Read-only, so it answers in
// Restricted Mode too; only renames need git, which runs in a trusted workspace alone.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompareReviewsRequest,
  ReviewsRequest,
  type CompareReviewsParams,
  type CompareReviewsResult,
  type ReviewListItem,
  type ReviewsParams,
  type ReviewsResult,
} from '../protocol';
import type { DiskWorkspace } from '../node/diskWorkspace';
import { isPlainRepoPath } from '../node/git';
import { gitRenames } from '../node/reviewRenames';
import {
  compareMarkdown,
  compareReviews,
  previousReview,
  readReview,
  toRepoPath,
  type IndexEntry,
  type RenameInfo,
  type ReviewRef,
  type SnapshotService,
} from '../service/index';
import { filePath, type Folders } from './folders';
import type { IndexRunner } from './symbolIndex';

export interface CompareDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: SnapshotService;
  workspace: DiskWorkspace;
  folders: Folders;
  indexer?: IndexRunner;
  /** Whether git may run (the workspace is trusted). */
  trusted: () => boolean;
}

export function registerCompare(d: CompareDeps): void {
  d.connection.onRequest(ReviewsRequest, (p) => reviews(d, p));
  d.connection.onRequest(CompareReviewsRequest, (p) => compare(d, p));
}

function item(e: IndexEntry | ReviewRef): ReviewListItem {
  const out: ReviewListItem = { uri: pathToFileURL(e.abs).toString(), rel: e.rel };
  if (e.prompt) out.prompt = e.prompt;
  if (e.date) out.date = e.date;
  return out;
}

async function reviews(d: CompareDeps, p: ReviewsParams): Promise<ReviewsResult> {
  await d.indexer?.ready();
  const all = d.service.index.snapshots().sort((a, b) => a.rel.localeCompare(b.rel));
  const out: ReviewsResult = { reviews: all.map(item) };
  if (typeof p?.uri !== 'string') return out;
  const file = filePath(p.uri);
  const of = file ? all.find((e) => e.abs === file) : undefined;
  if (!of) out.noPrevious = 'it is not a snapshot of the workspace (or the workspace index does not hold it yet)';
  else if (!of.prompt) out.noPrevious = 'it names no Prompt';
  else {
    const prev = previousReview(of, all);
    if (prev) out.previous = item(prev);
    else out.noPrevious = 'it is the first review of its prompt in the workspace';
  }
  return out;
}

/**
 * How the page links a file at a line: a `file:` URI with `#L12` (the default), or — Markdown
 * renderers refuse `file:` links, VS Code's preview among them — the editor's own URL handler,
 * `<prefix>/<absolute path>:12` (`vscode://file` in VS Code; the client sends its `uriScheme`).
 */
function fileLink(prefix: unknown): (abs: string, line?: number) => string {
  if (typeof prefix === 'string' && /^[a-z][a-z0-9+.-]*:\/\/file$/i.test(prefix)) {
    return (abs, line) =>
      `${prefix}${encodeURI(
        abs
          .split(path.sep)
          .join('/')
          .replace(/^(?!\/)/, '/'),
      )}${line ? `:${line}` : ''}`;
  }
  return (abs, line) => `${pathToFileURL(abs).toString()}${line ? `#L${line}` : ''}`;
}

interface Side {
  file: string;
  root: string;
  name: string;
  text: string;
}

/** A snapshot's text (the open document's, else the file's through the guarded read), and its name in the folder. */
function side(d: CompareDeps, uri: unknown): Side | string {
  const file = typeof uri === 'string' ? filePath(uri) : undefined;
  const root = file ? d.folders.rootOf(uri as string) : undefined;
  if (!file || !root) return `${String(uri)} is not a file of the workspace`;
  const folder = d.folders.folderOf(uri as string) ?? root;
  const name = toRepoPath(folder, file) ?? file;
  const open = d.documents.get(uri as string)?.getText();
  if (open !== undefined) return { file, root, name, text: open };
  const r = d.workspace.readText(root, file);
  return r.ok ? { file, root, name, text: r.text } : `${name}: cannot read (${r.reason}${r.detail ? `: ${r.detail}` : ''})`;
}

async function compare(d: CompareDeps, p: CompareReviewsParams): Promise<CompareReviewsResult> {
  const a = side(d, p?.older);
  const b = side(d, p?.newer);
  if (typeof a === 'string' || typeof b === 'string') return { error: typeof a === 'string' ? a : (b as string) };
  const older = readReview(a.name, a.text);
  const newer = readReview(b.name, b.text);
  const renames: RenameInfo = d.trusted()
    ? await gitRenames(b.file, older.revision, newer.revision)
    : { followed: { followed: false, reason: 'the workspace is not trusted: git is not run in Restricted Mode' }, paths: new Map() };
  const diff = compareReviews(older, newer, renames);
  const at = fileLink(p.fileLinks);
  const code = (file: string, line?: number) => (isPlainRepoPath(file) ? at(path.join(b.root, ...file.split('/')), line) : undefined);
  const markdown = compareMarkdown(diff, { older: (line) => at(a.file, line), newer: (line) => at(b.file, line), code });
  return { diff, markdown };
}
