// Review Snapshot: Run Gates. Gates come from `reviewSnapshot.gates`, or from the snapshot's
// Command Execution Log after a modal confirmation that lists every command word for word.
// Nothing runs in an untrusted workspace.
import * as vscode from 'vscode';
import { GatesRequest, RecordResultsRequest, type GatesResult, type RecordResultsResult } from '../../server/src/protocol';
import type { SnapshotClient } from './client';
import { configuredGates, type GateSpec } from './config';
import { escapeNotification, hasHiddenCharacters, visibleControls, gatesVerdict } from '../../server/src/service/shared';
import { confirmModal } from './hooks';
import { shellKind, shellName, shellNotes, type ShellKind } from './shells';
import { openedSnapshot } from './snapshotsView';
import { gateTask } from './tasks';

export interface GateOutcome {
  label: string;
  command: string;
  /** undefined when the task ended without an exit code (terminated). */
  exitCode: number | undefined;
  line?: number;
}

export interface GateRunSummary {
  ran: boolean;
  /** Why nothing ran: `untrusted`, `declined`, `no-gates`, `no-folder`. */
  reason?: string;
  source?: 'setting' | 'document';
  results: GateOutcome[];
}

/** The last run, which Record Gate Results writes back into the log. */
let lastRun: GateRunSummary | undefined;

/**
 * What the confirmation shows: each command exactly, with invisible and bidirectional control
 * characters made visible (`\u202e`) — they can make a command read differently from what the
 * shell runs — and a warning above them when any are there.
 */
export function confirmationDetail(commands: string[], shell?: { kind: ShellKind; name: string }): string {
  const warn = commands.some(hasHiddenCharacters)
    ? 'WARNING: some commands hold invisible or bidirectional control characters, shown below as \\u… escapes. ' +
      'They can make a command look different from what runs. Read each command as shown here.\n\n'
    : '';
  const list = commands.map((c, i) => `${i + 1}. ${visibleControls(c)}`).join('\n');
  const notes = shell ? shellNotes(commands.map(visibleControls), shell.kind, shell.name) : '';
  return `${warn}${notes}These shell commands come from the document's Command Execution Log and will run exactly as written (shown in full, one per line, in the editor "Gates to run"):\n\n${list}`;
}

/** The shell tasks run commands in: the automation profile of this OS when one is set, else the default terminal shell. */
function gateShell(): { kind: ShellKind; name: string } {
  const os = process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'osx' : 'linux';
  const automation = vscode.workspace.getConfiguration('terminal.integrated').get<{ path?: string } | null>(`automationProfile.${os}`);
  const shellPath = automation?.path || vscode.env.shell || (process.platform === 'win32' ? 'powershell.exe' : '/bin/sh');
  const kind = shellKind(shellPath);
  return { kind, name: shellName(kind, shellPath) };
}

const LISTING_SCHEME = 'review-snapshot-gates';
const listings = new Map<string, string>();

/** The read-only listing the confirmation points at (a document of its own, shown in an editor). */
export function registerGateListing(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(LISTING_SCHEME, {
      provideTextDocumentContent: (uri) => listings.get(uri.toString()) ?? '',
    }),
  );
}

/** One command per line, numbered, exactly as it will run (hidden characters shown as escapes). */
export function gateListing(source: string, folder: string, commands: string[]): string {
  const head = [
    `# The commands of ${visibleControls(source)}'s Command Execution Log that Run Gates would run,`,
    `# one after another, from ${visibleControls(folder)}, each exactly as written below.`,
    ...(commands.some(hasHiddenCharacters)
      ? ['# WARNING: some hold invisible or bidirectional control characters, shown as \\u escapes.']
      : []),
    '',
  ];
  return [...head, ...commands.map((c, i) => `${String(i + 1).padStart(3)}  ${visibleControls(c)}`), ''].join('\n');
}

/**
 * The confirmation for commands from a document: the commands in full, one per line, in an editor
 * beside (a dialog wraps long commands mid-word, and exact reading is the point), then the modal
 * that lists them again and asks. Nothing runs unless the answer is Run.
 */
async function confirmDocumentGates(folder: vscode.WorkspaceFolder, doc: vscode.TextDocument, commands: string[]): Promise<boolean> {
  const uri = vscode.Uri.from({ scheme: LISTING_SCHEME, path: `/Gates to run (${commands.length}).txt`, query: String(Date.now()) });
  listings.set(uri.toString(), gateListing(vscode.workspace.asRelativePath(doc.uri), folder.uri.fsPath, commands));
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  try {
    const n = commands.length;
    const choice = await confirmModal(
      `Run ${n} command${n > 1 ? 's' : ''} from this snapshot in ${folder.name}?`,
      confirmationDetail(commands, gateShell()),
      'Run',
    );
    return choice === 'Run';
  } finally {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const tab = tabs.find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    if (tab) await vscode.window.tabGroups.close(tab);
    listings.delete(uri.toString());
  }
}

async function runTask(task: vscode.Task): Promise<number | undefined> {
  // Subscribe before starting, so a gate that ends at once is not missed.
  const ended: vscode.TaskProcessEndEvent[] = [];
  let wake: (() => void) | undefined;
  const sub = vscode.tasks.onDidEndTaskProcess((e) => {
    ended.push(e);
    wake?.();
  });
  try {
    const execution = await vscode.tasks.executeTask(task);
    for (;;) {
      const hit = ended.find((e) => e.execution === execution);
      if (hit) return hit.exitCode;
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    sub.dispose();
  }
}

function snapshotEditor(uri?: vscode.Uri): vscode.TextDocument | undefined {
  if (uri) return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return vscode.window.activeTextEditor?.document;
}

/** The document of `uri` (opened when it is not: the Snapshots view names closed snapshots), else the active one. */
async function snapshotDocument(sc: SnapshotClient, uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  return snapshotEditor(uri) ?? (uri?.scheme === 'file' ? openedSnapshot(sc, uri) : undefined);
}

export async function runGates(sc: SnapshotClient, uri?: vscode.Uri): Promise<GateRunSummary> {
  const done = (s: GateRunSummary) => (lastRun = s);
  if (!vscode.workspace.isTrusted) {
    void vscode.window
      .showWarningMessage(
        'Run Gates is disabled in Restricted Mode: gates are shell commands, and this workspace is not trusted. Trust the workspace to run them.',
        'Manage Workspace Trust',
      )
      .then((c) => c && vscode.commands.executeCommand('workbench.trust.manage'));
    return done({ ran: false, reason: 'untrusted', results: [] });
  }
  const doc = await snapshotDocument(sc, uri);
  const folder = doc ? vscode.workspace.getWorkspaceFolder(doc.uri) : vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Run Gates needs a workspace folder: gates run from its root.');
    return done({ ran: false, reason: 'no-folder', results: [] });
  }
  let gates: (GateSpec & { line?: number })[] | undefined = configuredGates(folder.uri);
  let source: 'setting' | 'document' = 'setting';
  if (!gates) {
    source = 'document';
    if (!doc || !sc.isSnapshot(doc.uri)) {
      void vscode.window.showWarningMessage(
        'Open a review snapshot to run the gates of its Command Execution Log, or set reviewSnapshot.gates.',
      );
      return done({ ran: false, reason: 'no-gates', results: [] });
    }
    const r: GatesResult = await sc.client.sendRequest(GatesRequest, { uri: doc.uri.toString() });
    gates = r.gates.map((g) => ({ label: g.command, command: g.command, line: g.line }));
    if (!gates.length) {
      void vscode.window.showWarningMessage("The snapshot's Command Execution Log lists no commands.");
      return done({ ran: false, reason: 'no-gates', results: [] });
    }
    // The snapshot is text from anyone: its commands run only once the user has read them.
    if (
      !(await confirmDocumentGates(
        folder,
        doc,
        gates.map((g) => g.command),
      ))
    ) {
      return done({ ran: false, reason: 'declined', source, results: [] });
    }
  }
  const results: GateOutcome[] = [];
  for (const g of gates) {
    const exitCode = await runTask(gateTask(folder, g));
    results.push({ label: g.label, command: g.command, exitCode, line: g.line });
  }
  const summary = done({ ran: true, source, results });
  const failed = results.filter((r) => r.exitCode !== 0);
  const text = results
    .map((r) => `${r.exitCode === 0 ? 'passed' : 'FAILED'} (${r.exitCode ?? 'no exit code'}): ${escapeNotification(r.label)}`)
    .join('; ');
  const message = `${gatesVerdict(results.length, failed.length)} — ${text}`;
  const canRecord = !!doc && sc.isSnapshot(doc.uri);
  const show = failed.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, ...(canRecord ? ['Record results'] : [])).then((c) => {
    if (c === 'Record results' && doc) void recordResults(sc, doc.uri, summary);
  });
  return summary;
}

/** Writes the last run's status and exit codes into the matching log rows (one undoable edit). */
export async function recordResults(sc: SnapshotClient, uri?: vscode.Uri, summary = lastRun): Promise<number> {
  const doc = snapshotEditor(uri);
  if (!doc || !summary?.ran) {
    void vscode.window.showInformationMessage('Run the gates first; then their results can be recorded.');
    return 0;
  }
  const results = summary.results
    .filter((r) => r.exitCode !== undefined)
    .map((r) => ({ command: r.command, line: r.line, exitCode: r.exitCode! }));
  const r: RecordResultsResult = await sc.client.sendRequest(RecordResultsRequest, { uri: doc.uri.toString(), results });
  if (!r.edit) {
    void vscode.window.showInformationMessage('No Command Execution Log row matches the gates that ran, or they already say so.');
    return 0;
  }
  const edit = await sc.client.protocol2CodeConverter.asWorkspaceEdit(r.edit);
  const ok = await vscode.workspace.applyEdit(edit);
  return ok ? r.updated : 0;
}
