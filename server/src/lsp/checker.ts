// How the server checks a file, open or not: the settings that apply (the repository's
// configuration file over the editor settings), whether it is a snapshot, the sliced check. Also
// the workspace check (every snapshot of every folder, published once, whether open or not), and
// the configuration files' own problems, published on the configuration file.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { safeReadBytes } from '../node/safeFs';
import { walk } from '../node/walk';
import {
  isConfigName,
  decodeText,
  counts,
  type CheckResult,
  type Finding,
  describeDenied,
  SOURCE,
  publishedDiagnostics,
  toDiagnostic,
  type RuleDocUrl,
  type SnapshotService,
  type SnapshotSettings,
  type FileCheck,
  runSliced,
} from '../service/index';
import { allFindings, type CrossSnapshots } from './crossSnapshot';
import { filePath, type Folders } from './folders';
import type { Prompts } from './prompts';
import type { SettingsStore } from './settings';

/** Snapshots bigger than this are not read by the workspace check (open them to check them). */
const MAX_WORKSPACE_FILE_BYTES = 16 * 1024 * 1024;

export function toDiagnostics(uri: string, result: CheckResult, ruleDocUrl?: RuleDocUrl, cross?: CrossSnapshots): Diagnostic[] {
  return publishedDiagnostics(allFindings(uri, result, cross), uri, ruleDocUrl);
}

export interface CheckerDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: SnapshotService;
  folders: Folders;
  settings: SettingsStore;
  log: (m: string) => void;
  /** Where a rule's page is (diagnostics link their code to it). */
  ruleDocUrl?: RuleDocUrl;
}

type ReadResultBytes = ReturnType<typeof safeReadBytes>;
type Rechecked = { snapshot: boolean; result?: CheckResult; unread?: Finding; prompt?: Finding[] };

export interface WorkspaceSummary {
  files: number;
  snapshots: number;
  /** Review prompts checked (and published) besides. */
  prompts: number;
  templates: number;
  errors: number;
  warnings: number;
}

export class Checker {
  /** Candidates across snapshots, added to every snapshot's diagnostics (set by the server). */
  cross?: CrossSnapshots;
  /** Files the workspace check published diagnostics for (closed ones stay published). */
  private readonly covered = new Set<string>();
  /** Configuration files with problems published, by URI. */
  private readonly configsShown = new Map<string, string>();
  /** A workspace check has run: files that appear on disk are checked as they come. */
  private workspaceChecked = false;
  /** Review prompts: a closed prompt gets its findings too (set once the server has made it). */
  prompts?: Pick<Prompts, 'ofText'>;

  constructor(private readonly d: CheckerDeps) {}

  /**
   * The recipe of the file at `uri`, as every front end has it (service/fileCheck.ts): what the
   * server alone knows (where the file is, its editor settings, the other workspace folders) goes
   * in; its settings, role and check come out.
   */
  async fileCheck(uri: string, text: string, open = false): Promise<FileCheck> {
    const root = this.d.folders.rootOf(uri);
    const editor = await this.d.settings.get(uri);
    // An open document's next version is checked incrementally from this check.
    const options = { siblings: this.d.folders.siblingsOf(root), incremental: open ? uri : undefined };
    return this.d.service.fileCheck({ file: filePath(uri), root, editor, options }, text);
  }

  /** The settings that apply to a file (see service/config/settings.ts for the precedence). */
  async settingsFor(uri: string): Promise<SnapshotSettings> {
    return (await this.fileCheck(uri, '')).settings;
  }

  /** Checks `text` as the file at `uri`: the check of a snapshot (undefined when cancelled), or `snapshot: false`. */
  async check(uri: string, text: string, isCancelled: () => boolean, open = false): Promise<{ result?: CheckResult; snapshot: boolean }> {
    const file = await this.fileCheck(uri, text, open);
    this.showConfig(file.settings);
    if (!file.checked) return { snapshot: false };
    return { result: await runSliced(file.steps(), isCancelled), snapshot: true };
  }

  /** Publishes (or clears) a configuration file's own problems, at their lines in that file. */
  private showConfig(settings: SnapshotSettings): void {
    if (settings.config) this.publishConfig(settings.config.file, settings.config.problems);
  }

  private publishConfig(file: string, problems: { message: string; range: Diagnostic['range'] }[]): void {
    const uri = pathToFileURL(file).toString();
    const key = JSON.stringify(problems);
    if ((this.configsShown.get(uri) ?? '[]') === key) return;
    this.configsShown.set(uri, key);
    const diagnostics = problems.map((p) => ({
      range: p.range,
      severity: 1 as const,
      code: 'config/invalid',
      source: SOURCE,
      message: p.message,
    }));
    void this.d.connection.sendDiagnostics({ uri, diagnostics });
  }

  /**
   * A configuration file changed on disk: show its problems now, whether a snapshot uses it yet or
   * not; a deleted one has none left to show.
   */
  configChanged(file: string, deleted = false): void {
    if (!isConfigName(path.basename(file))) return;
    const uri = pathToFileURL(file).toString();
    const root = this.d.folders.rootOf(uri);
    if (deleted) this.publishConfig(file, []);
    else if (root) this.publishConfig(file, this.d.service.configProblems(root, file));
  }

  /**
   * Files changed on disk: after a workspace check, the closed snapshots it reported on are checked
   * again, and Markdown files that appeared (created, or the new name of a renamed one) are checked
   * too, so the Problems panel keeps covering the whole workspace.
   */
  filesChanged(created: string[]): void {
    this.recheckCovered();
    if (!this.workspaceChecked) return;
    for (const file of created) {
      const uri = pathToFileURL(file).toString();
      if (file.toLowerCase().endsWith('.md') && !this.covered.has(uri) && !this.d.documents.get(uri)) void this.recheck(uri);
    }
  }

  covers(uri: string): boolean {
    return this.covered.has(uri);
  }

  /** Checks a closed file from disk and publishes the result (nothing for what is not a snapshot). */
  async recheck(uri: string): Promise<Rechecked> {
    const file = filePath(uri);
    const root = this.d.folders.rootOf(uri);
    const read = file && root ? safeReadBytes(root, file, MAX_WORKSPACE_FILE_BYTES) : undefined;
    const decoded = read?.ok ? decodeText(read.bytes) : undefined;
    const r: Rechecked =
      decoded && 'text' in decoded
        ? await this.check(uri, decoded.text, () => !!this.d.documents.get(uri))
        : { snapshot: false, unread: read && (await this.unread(uri, read, decoded)) };
    if (!r.snapshot && decoded && 'text' in decoded) r.prompt = await this.prompts?.ofText(uri, decoded.text);
    if (this.d.documents.get(uri)) return r; // opened meanwhile: the open document is what counts
    if (r.prompt) {
      this.covered.add(uri);
      void this.d.connection.sendDiagnostics({ uri, diagnostics: r.prompt.map((f) => toDiagnostic(f, uri, this.d.ruleDocUrl)) });
    } else if (r.snapshot && r.result) {
      this.covered.add(uri);
      void this.d.connection.sendDiagnostics({ uri, diagnostics: toDiagnostics(uri, r.result, this.d.ruleDocUrl, this.cross) });
    } else if (r.unread) {
      this.covered.add(uri);
      void this.d.connection.sendDiagnostics({ uri, diagnostics: [toDiagnostic(r.unread, uri, this.d.ruleDocUrl)] });
    } else if (this.covered.delete(uri)) void this.d.connection.sendDiagnostics({ uri, diagnostics: [] });
    return r;
  }

  /**
   * Fail closed: a file the globs name as a snapshot that could not be read or decoded is
   * reported (as the CLI reports it), not skipped as if it were no snapshot.
   */
  private async unread(
    uri: string,
    read: ReadResultBytes,
    decoded: ReturnType<typeof decodeText> | undefined,
  ): Promise<Finding | undefined> {
    if (!read.ok && read.reason === 'missing') return undefined;
    if (!(await this.fileCheck(uri, '')).checked) return undefined;
    if (decoded && 'finding' in decoded) return decoded.finding;
    if (read.ok) return undefined;
    const zero = { line: 0, character: 0 };
    return {
      rule: 'check/incomplete',
      severity: 'error',
      message: `Not checked: ${describeDenied(read, MAX_WORKSPACE_FILE_BYTES)}. Open the file to check it, or run the CLI on it.`,
      range: { start: zero, end: zero },
    };
  }

  /** Every Markdown file of every workspace folder: snapshots are checked and published, once each. */
  async checkWorkspace(report: (done: number, total: number) => void): Promise<WorkspaceSummary> {
    // Nested workspace folders walk the same files twice: each is checked and counted once.
    const files = [
      ...new Set([...this.d.folders.all().values()].flatMap((root) => walk(root).filter((f) => f.toLowerCase().endsWith('.md')))),
    ];
    const summary: WorkspaceSummary = { files: files.length, snapshots: 0, prompts: 0, templates: 0, errors: 0, warnings: 0 };
    this.workspaceChecked = true;
    for (const [i, file] of files.entries()) {
      report(i, files.length);
      const uri = pathToFileURL(file).toString();
      const open = this.d.documents.get(uri);
      const r: Rechecked = open ? await this.check(uri, open.getText(), () => false) : await this.recheck(uri);
      if (r.unread) {
        summary.snapshots++;
        summary.errors++;
      }
      if (r.prompt) {
        summary.prompts++;
        const c = counts(r.prompt);
        summary.errors += c.errors;
        summary.warnings += c.warnings;
      }
      if (!r.snapshot || !r.result) continue;
      // An open snapshot is covered too: closed, it keeps the findings of the file on disk.
      if (open) this.covered.add(uri);
      summary.snapshots++;
      if (r.result.template) summary.templates++;
      // Counted as published (and as the CLI counts): with the candidates across snapshots.
      const c = counts(allFindings(uri, r.result, this.cross));
      summary.errors += c.errors;
      summary.warnings += c.warnings;
    }
    return summary;
  }

  /** After a change on disk: check again the closed files the workspace check reported on. */
  recheckCovered(): void {
    for (const uri of this.covered) if (!this.d.documents.get(uri)) void this.recheck(uri);
  }
}
