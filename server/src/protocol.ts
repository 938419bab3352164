// The custom LSP surface between the client and the language server, as typed message objects
// (the pattern of vscode-eslint's customMessages.ts). The client, the server, the tests and the
// benchmark all import these, so a method name or a parameter shape can never differ between
// two sides.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import {
  type Gate,
  type GateResult,
  type PendingError,
  type ViewCounts,
  type ViewDetails,
  type ReviewDiff,
  plural,
  snapshotsAndTemplates,
} from './service/shared';

export type { Gate, GateResult, PendingError };

/** `reviewSnapshot/gates`: the gate commands written in a snapshot's Command Execution Log. */
export interface GatesParams {
  uri: string;
}
export interface GatesResult {
  gates: Gate[];
}
export const GatesRequest = new RequestType<GatesParams, GatesResult, void>('reviewSnapshot/gates');

/** `reviewSnapshot/recordResults`: the edit that writes status and exit_code into the log rows. */
export interface RecordResultsParams {
  uri: string;
  results: GateResult[];
}
export interface RecordResultsResult {
  edit: WorkspaceEdit | null;
  updated: number;
}
export const RecordResultsRequest = new RequestType<RecordResultsParams, RecordResultsResult, void>('reviewSnapshot/recordResults');

/** `reviewSnapshot/skeleton`: the text of a new snapshot, built from the schema in use. */
export interface SkeletonParams {
  /** The workspace folder the snapshot will live in (its settings pick the schema). */
  folderUri: string;
  date: string;
  model?: string;
  prompt: string;
  promptRevision: string;
  repoRevision: string;
}
export interface SkeletonResult {
  text: string;
}
export const SkeletonRequest = new RequestType<SkeletonParams, SkeletonResult, void>('reviewSnapshot/skeleton');

/** `reviewSnapshot/pending`: the pending-spec edit for a snapshot's candidates (nothing is written by the server). */
export interface PendingParams {
  uri: string;
  /** Candidate ids to convert; all candidates when absent. */
  ids?: string[];
  /** Overrides the `reviewSnapshot.pending.format` setting and the repository's own pending specs. */
  format?: 'yaml' | 'markdown';
}
export type PendingResult =
  | { ok: false; errors: PendingError[] }
  | {
      ok: true;
      /** Where the pending spec goes. */
      pendingUri: string;
      /** Whether that file exists now (the edit then replaces its whole text). */
      exists: boolean;
      /** The text before (empty when new) and after, so the client can show a diff. */
      before: string;
      after: string;
      /** Creates or rewrites the pending file; the client applies it (undoable). */
      edit: WorkspaceEdit;
      ids: string[];
      /** The format written, and why: the repository's own pending specs win over the setting. */
      format?: 'yaml' | 'markdown';
      formatWhy?: string;
    };
export const PendingRequest = new RequestType<PendingParams, PendingResult, void>('reviewSnapshot/pending');

/**
 * What the Validate Workspace (CLI) task runs (`dist/cli.js` and these, in the workspace folder):
 * no `--root`, so each file's root is its repository as the editor finds it (`lsp/folders.ts`
 * `rootOf`: the nearest folder holding `.git`, else the folder), and a configuration file above a
 * package opened alone applies in the task as in the editor.
 */
export const VALIDATE_TASK_ARGS = ['validate', '.'];

/**
 * `reviewSnapshot/checkWorkspace`: check every snapshot of every workspace folder and publish the
 * findings (for files that are not open too), with progress; one collection of problems, so each
 * finding is listed once.
 */
export interface CheckWorkspaceResult {
  files: number;
  /** Snapshots checked, templates included. */
  snapshots: number;
  /** Review prompts checked besides (the `prompts` globs). */
  prompts?: number;
  /** How many of them are templates. */
  templates?: number;
  errors: number;
  warnings: number;
}

/** Check Workspace's summary, worded as the CLI words its own ("5 snapshots and 1 template checked …"). */
export function checkWorkspaceSummary(r: CheckWorkspaceResult): string {
  const t = r.templates ?? 0;
  const what = snapshotsAndTemplates(r.snapshots - t, t, r.prompts ?? 0);
  return `${what} checked (of ${plural(r.files, 'Markdown file')}): ${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}`;
}
export const CheckWorkspaceRequest = new RequestType<Record<string, never>, CheckWorkspaceResult, void>('reviewSnapshot/checkWorkspace');

/** `reviewSnapshot/status` (server → client): what the status item shows for a snapshot. */
export interface StatusParams {
  uri: string;
  /** False when the document is not (or no longer) a snapshot, or is ignored: the client hides its UI. */
  snapshot: boolean;
  /** A snapshot template (the `templates` globs): placeholders are accepted, the structure is checked. */
  template?: boolean;
  /** Human-readable name of the schema in use, e.g. `bundled v1` or a workspace path. */
  schema: string;
  errors: number;
  warnings: number;
}
export const StatusNotification = new NotificationType<StatusParams>('reviewSnapshot/status');

/**
 * `reviewSnapshot/timing` (server → client), only when the client asks for it with
 * `initializationOptions: { timing: true }` (the benchmark does): how one validation was spent.
 */
export interface TimingParams {
  uri: string;
  version: number;
  /** From the change that scheduled the run to the start of the run (the debounce, and any lateness). */
  waitedMs: number;
  /** The pause the server chose before this run (lsp/validation.ts `adaptiveDebounceMs`): 0 for a run at once. */
  debounceMs: number;
  /** From the start of the run to the diagnostics being sent: the server's work. */
  workMs: number;
  heapUsedMb: number;
  rssMb: number;
}
export const TimingNotification = new NotificationType<TimingParams>('reviewSnapshot/timing');

/** The client command that a pending code action invokes: arguments `[uri, ids?]`. */
export { CONVERT_COMMAND as ConvertClientCommand } from './service/shared';

/**
 * The client commands the code lenses on a candidate invoke: pick another label (argument: the
 * choices, each with its edits, for one document version), and open a pending spec at an entry.
 */
export {
  PICK_LABEL_COMMAND as PickLabelClientCommand,
  OPEN_PENDING_COMMAND as OpenPendingClientCommand,
  OPEN_AT_REVISION_COMMAND as OpenAtRevisionClientCommand,
} from './service/shared';
export type { PickLabelArgs, OpenPendingArgs, OpenAtRevisionArgs, LabelChoice } from './service/shared';

/**
 * `reviewSnapshot/fileAtRevision`: a file of the snapshot's repository as it was at a commit (the
 * freshness hover's "open at R"). Only in a trusted workspace; the path must be a plain
 * repository path and the revision hex, else the answer says why nothing was read.
 */
export interface FileAtRevisionParams {
  uri: string;
  path: string;
  revision: string;
}
export type FileAtRevisionResult = { text: string } | { error: string };
export const FileAtRevisionRequest = new RequestType<FileAtRevisionParams, FileAtRevisionResult, void>('reviewSnapshot/fileAtRevision');

/**
 * Node flags the client starts the server with (the benchmark uses the same). `--expose-gc`
 * lets the server give memory back once it is idle after a big document (lsp/memory.ts); a 4 MB
 * young generation (V8's default grows to 16 MB per semi-space) keeps the resident size near
 * what is live: with the 5 MB benchmark document open, about 135-140 MB instead of 155-180 MB,
 * for about 1 ms more per 1 MB validation.
 */
export const SERVER_NODE_ARGS = ['--expose-gc', '--max-semi-space-size=4'];

/**
 * `reviewSnapshot/trusted` (client → server): the workspace became trusted. Finding freshness
 * starts git in the workspace's repository (whose configuration a stranger may have written), so
 * the server runs it only in a trusted workspace: `initializationOptions: { trusted: true }` at
 * start, or this notification later.
 */
export const TrustedNotification = new NotificationType<Record<string, never>>('reviewSnapshot/trusted');

/**
 * `reviewSnapshot/reviews`: the snapshots of the workspace (from the workspace index) with their
 * `Prompt:` and `Date:`, and, given `uri`, the previous review of the same prompt (see
 * service/lifecycle/compareView.ts `previousReview`), for "Compare with Previous Review".
 */
export interface ReviewsParams {
  uri?: string;
}
export interface ReviewListItem {
  uri: string;
  /** Repository path in its folder. */
  rel: string;
  prompt?: string;
  date?: string;
}
export interface ReviewsResult {
  reviews: ReviewListItem[];
  /** The previous review of `uri`'s prompt, when there is one. */
  previous?: ReviewListItem;
  /** Why there is none (no `Prompt:`, the first run of its prompt, not a snapshot). */
  noPrevious?: string;
}
export const ReviewsRequest = new RequestType<ReviewsParams, ReviewsResult, void>('reviewSnapshot/reviews');

/**
 * `reviewSnapshot/compareReviews`: what changed between two reviews, by the CLI's engine
 * (`diff` is what `review-snapshot diff --format json` prints for the same pair, names relative
 * to the workspace folder), and the comparison page as Markdown with links. Read-only; renames
 * are followed with git only in a trusted workspace.
 */
export interface CompareReviewsParams {
  older: string;
  newer: string;
  /**
   * Links on the page to a file at a line: absent, `file:` URIs with `#L12`; `<scheme>://file`
   * (VS Code's URL handler, `vscode://file/<path>:12`), for a Markdown preview that refuses `file:` links.
   */
  fileLinks?: string;
}
export type CompareReviewsResult = { diff: ReviewDiff; markdown: string } | { error: string };
export const CompareReviewsRequest = new RequestType<CompareReviewsParams, CompareReviewsResult, void>('reviewSnapshot/compareReviews');
/** The Snapshots view: how snapshots are grouped (the `reviewSnapshot.snapshotsView.groupBy` setting). */
export type SnapshotsGroupBy = 'folder' | 'date';
export type { ViewCounts, ViewVerdict, ViewDetails, ViewFinding, ViewCandidate, ViewGate, Journey, IdPlace } from './service/shared';

/** One snapshot or template of the view's first level: where it is, its verdict and counts. */
export interface SnapshotsViewItem extends ViewCounts {
  uri: string;
  /** Repository path (from its workspace folder's root). */
  rel: string;
  /** The workspace folder's name (several folders: shown in the group's label). */
  folder: string;
  /** Which version of the file the verdict is of (changes when the file does: the client asks for its children again). */
  version?: string;
}

export interface SnapshotsViewGroup {
  /** A folder (repository path) or a month (`2026-02`, or `undated`). */
  label: string;
  items: SnapshotsViewItem[];
}

/**
 * `reviewSnapshot/snapshotsView`: every snapshot and template of the workspace, grouped, each
 * with its verdict and counts, in one answer (children are asked for on expand). Answered once
 * the workspace index is built; verdicts not worked out yet are `unchecked` (worked out in the
 * background; a `reviewSnapshot/snapshotsViewChanged` follows).
 */
export interface SnapshotsViewParams {
  groupBy?: SnapshotsGroupBy;
}
export interface SnapshotsViewResult {
  groups: SnapshotsViewGroup[];
  /** Snapshots whose verdict is still being worked out. */
  unchecked: number;
}
export const SnapshotsViewRequest = new RequestType<SnapshotsViewParams, SnapshotsViewResult, void>('reviewSnapshot/snapshotsView');

/**
 * `reviewSnapshot/snapshotDetails`: what an expanded snapshot shows: its Findings rows by severity
 * (with finding freshness when `freshness` is asked for and the workspace is trusted), its
 * candidates and their journey, the last recorded gate results.
 */
export interface SnapshotDetailsParams {
  uri: string;
  freshness?: boolean;
}
export type SnapshotDetailsResult =
  | (ViewDetails & {
      /** Why freshness is not shown (untrusted, not a git repository, git failed), when it was asked for. */
      freshnessNote?: string;
    })
  | { error: string };
export const SnapshotDetailsRequest = new RequestType<SnapshotDetailsParams, SnapshotDetailsResult, void>('reviewSnapshot/snapshotDetails');

/** `reviewSnapshot/snapshotsViewChanged` (server → client): the index or a verdict changed; ask again. */
export const SnapshotsViewChangedNotification = new NotificationType<Record<string, never>>('reviewSnapshot/snapshotsViewChanged');
