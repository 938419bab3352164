// The custom LSP surface between the client and the language server. Both sides import
// these names, so a request can never be misspelt on one side only.
import type { Range, WorkspaceEdit } from 'vscode-languageserver-protocol';

/** A gate: one command of the snapshot's Command Execution Log. */
export interface Gate {
  command: string;
  /** 0-based line of the table row that holds the command. */
  line: number;
}

/** `reviewSnapshot/gates`: the gate commands written in a snapshot's Command Execution Log. */
export const GatesRequest = 'reviewSnapshot/gates';
export interface GatesParams {
  uri: string;
}
export interface GatesResult {
  gates: Gate[];
}

/** One finished gate run, to be written back into the log. */
export interface GateResult {
  command: string;
  /** 0-based line of the row to update; rows are matched by line, then by command text. */
  line?: number;
  exitCode: number;
}

/** `reviewSnapshot/recordResults`: the edit that writes status and exit_code into the log rows. */
export const RecordResultsRequest = 'reviewSnapshot/recordResults';
export interface RecordResultsParams {
  uri: string;
  results: GateResult[];
}
export interface RecordResultsResult {
  edit: WorkspaceEdit | null;
  updated: number;
}

/** `reviewSnapshot/skeleton`: the text of a new snapshot, built from the schema in use. */
export const SkeletonRequest = 'reviewSnapshot/skeleton';
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

/**
 * Node flags the client starts the server with (the benchmark uses the same). `--expose-gc`
 * lets the server give memory back once it is idle after a big document (`compactWhenIdle` in
 * server.ts); a 4 MB young generation (V8's default grows to 16 MB per semi-space) keeps the
 * resident size near what is live: with the 5 MB benchmark document open, about 135-140 MB instead
 * of 155-180 MB, for about 1 ms more per 1 MB validation.
 */
export const SERVER_NODE_ARGS = ['--expose-gc', '--max-semi-space-size=4'];

/** `reviewSnapshot/status` (server → client): what the status item shows for a snapshot. */
export const StatusNotification = 'reviewSnapshot/status';
export interface StatusParams {
  uri: string;
  /** False when the document is not (or no longer) a snapshot: the client hides its UI. */
  snapshot: boolean;
  /** Human-readable name of the schema in use, e.g. `bundled v1` or a workspace path. */
  schema: string;
  errors: number;
  warnings: number;
}

/**
 * `reviewSnapshot/timing` (server → client), only when the client asks for it with
 * `initializationOptions: { timing: true }` (the benchmark does): how one validation was spent.
 */
export const TimingNotification = 'reviewSnapshot/timing';
export interface TimingParams {
  uri: string;
  version: number;
  /** From the change that scheduled the run to the start of the run (the debounce, and any lateness). */
  waitedMs: number;
  /** From the start of the run to the diagnostics being sent: the server's work. */
  workMs: number;
  heapUsedMb: number;
  rssMb: number;
}

/** workspace/executeCommand: compute the pending-spec edit (nothing is written by the server). */
export const PendingCommand = 'reviewSnapshot.server.pending';
export interface PendingParams {
  uri: string;
  /** Candidate ids to convert; all candidates when absent. */
  ids?: string[];
  /** Overrides the `reviewSnapshot.pending.format` setting. */
  format?: 'yaml' | 'markdown';
}
export interface PendingError {
  message: string;
  range: Range;
  rule: string;
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
    };

/** The client command that a pending code action invokes: arguments `[uri, ids?]`. */
export const ConvertClientCommand = 'reviewSnapshot.convertToPending';
