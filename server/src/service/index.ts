// The service facade: everything the language server and the CLI ask of the engine, built on
// one Workspace port (in the spirit of vscode-markdown-languageservice's createLanguageService).
// Each feature is a module of its own under features/; this object owns the caches, so a fresh
// service is a cold start and nothing cached can be missed when it is dropped. Its core (checks,
// settings, roles, new snapshots, pending plans: core.ts) is what the CLI uses on its own.
// This module is the language server's door into the engine (lint allows it no other): it passes
// on everything core.ts exports, and adds what the editor's wiring needs.
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  Range,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver-types';
import { SnapshotCore, type ServiceInit, type SnapshotDocument } from './core';
import type { CheckResult } from './engine';
import { fixAllAction, pendingActions, quickFixes, FIX_ALL_KIND } from './features/actions';
import { completionsAt, type CompletionQuery } from './features/completion';
import type { AuthoringContext, AuthoringRequest } from './features/context';
import { foldingRanges } from './features/folding';
import { gatesOf, recordResultsEdits, type Gate, type GateResult } from './features/gates';
import { hoverAt } from './features/hover';
import { authoringHover } from './features/hoverInfo';
import { codeLenses } from './features/lenses';
import { documentLinks } from './features/links';
import {
  definitionAt,
  definitionOf,
  highlightsAt,
  pendingIdAt,
  prepareRenameAt,
  referencesAt,
  referencesOf,
  renameAt,
  renameOf,
  type RenameOutcome,
} from './features/navigation';
import { textOf } from './features/pendingFiles';
import type { PendingPlanInput, PendingPlan } from './features/pending';
import type { NewSnapshotInput } from './features/skeleton';
import type { FileRole } from './repo/files';
import { documentSymbols } from './features/symbols';
import { snapshotEntry, WorkspaceIndex, type IndexEntry } from './features/workspaceIndex';
import { todayIso } from './text/clock';
import { escapeEditorText } from './text/escape';
import type { SnapshotSettings } from './config/settings';

// Symbols, lenses and action titles are built from document text and shown by the editor as
// plain text: they leave the service through these, with hidden characters shown (escape.ts).
function shownSymbols(symbols: DocumentSymbol[]): DocumentSymbol[] {
  return symbols.map((s) => ({
    ...s,
    name: escapeEditorText(s.name),
    ...(s.detail !== undefined && { detail: escapeEditorText(s.detail) }),
    ...(s.children && { children: shownSymbols(s.children) }),
  }));
}

function shownTitled<T extends { title: string }>(items: T[]): T[] {
  return items.map((a) => ({ ...a, title: escapeEditorText(a.title) }));
}

export interface CodeActionRequest {
  uri: string;
  range: Range;
  diagnostics: Diagnostic[];
  /** The kinds the editor asked for (all when absent). */
  only?: string[];
}

export class SnapshotService extends SnapshotCore {
  /** Candidate ids and titles of every snapshot and pending spec in the workspace folders. */
  readonly index: WorkspaceIndex;

  constructor(init: ServiceInit) {
    super(init);
    this.index = new WorkspaceIndex(init.workspace, this.caches.fileGlobs);
  }

  /** A file changed on disk: forget what was read from it (schemas, configuration files, templates), and index it again. */
  override invalidate(abs?: string): void {
    super.invalidate(abs);
    this.index.touch(abs);
  }

  codeActions(result: CheckResult, req: CodeActionRequest): CodeAction[] {
    const wants = (kind: string) => !req.only || req.only.some((k) => kind === k || kind.startsWith(k + '.'));
    const out: CodeAction[] = [];
    if (wants('quickfix')) {
      out.push(...quickFixes(req.uri, result.model, result.findings, req.diagnostics));
      out.push(...pendingActions(req.uri, result.model, result.findings, req.range));
    }
    const all = wants(FIX_ALL_KIND) ? fixAllAction(req.uri, result.findings) : undefined;
    if (all) out.push(all);
    return shownTitled(out);
  }

  /** Exit codes and severities; with a request, also ids, File:Line cells, keys, headings and labels. */
  hover(result: CheckResult, position: Position, req?: AuthoringRequest): Hover | undefined {
    return hoverAt(result.model, result.conventions, position) ?? (req ? authoringHover(result, position, this.authoring(req)) : undefined);
  }

  private authoring(req: AuthoringRequest): AuthoringContext {
    return { ...req, workspace: this.init.workspace, today: req.today ?? todayIso(), index: this.index };
  }

  completion(result: CheckResult, req: AuthoringRequest, query: CompletionQuery): CompletionList {
    return completionsAt(result, this.authoring(req), query);
  }

  documentSymbols(result: CheckResult): DocumentSymbol[] {
    return shownSymbols(documentSymbols(result));
  }

  foldingRanges(result: CheckResult): FoldingRange[] {
    return foldingRanges(result);
  }

  codeLenses(result: CheckResult, req: AuthoringRequest): CodeLens[] {
    return codeLenses(result, this.authoring(req)).map((l) => (l.command ? { ...l, command: shownTitled([l.command])[0] } : l));
  }

  definition(result: CheckResult, position: Position, req: AuthoringRequest): Location[] {
    return definitionAt(result, position, req.uri);
  }

  references(result: CheckResult, position: Position, req: AuthoringRequest, includeDeclaration: boolean): Location[] {
    return referencesAt(result, position, this.authoring(req), includeDeclaration);
  }

  highlights(result: CheckResult, position: Position): DocumentHighlight[] {
    return highlightsAt(result, position);
  }

  prepareRename(result: CheckResult, position: Position): { range: Range; placeholder: string } | null {
    return prepareRenameAt(result, position);
  }

  /** The edit renaming the id at `position`, or why it is refused; undefined where no id is. */
  rename(result: CheckResult, position: Position, newName: string, req: AuthoringRequest): RenameOutcome | undefined {
    return renameAt(result, position, newName, this.authoring(req));
  }

  /** Candidates across the workspace; `open` holds the entries of open snapshots (newer than the disk). */
  workspaceSymbols(query: string, open?: ReadonlyMap<string, IndexEntry>): SymbolInformation[] {
    return this.index.symbols(query, open).map((s) => ({
      ...s,
      name: escapeEditorText(s.name),
      ...(s.containerName !== undefined && { containerName: escapeEditorText(s.containerName) }),
    }));
  }

  /** An open snapshot's index entry, from its check. */
  indexEntry(root: string, file: string, result: CheckResult): IndexEntry {
    return snapshotEntry(root, file, result.model);
  }

  /** In a pending spec: the candidate id at `position`, and the snapshot it came from. */
  pendingIdAt(
    text: string,
    file: string,
    position: Position,
    root: string | undefined,
  ): { id: string; range: Range; snapshot?: string } | undefined {
    return pendingIdAt(text, file, position, { root, index: this.index });
  }

  /** Navigation by id, once a request in a pending spec has found its snapshot's check. */
  byId(result: CheckResult, id: string, req: AuthoringRequest) {
    const ctx = this.authoring(req);
    return {
      /** Whether the snapshot still has a candidate with this id (else nothing follows from it). */
      known: definitionOf(result, id, req.uri).length > 0,
      definition: () => definitionOf(result, id, req.uri),
      references: (includeDeclaration: boolean) => referencesOf(result, id, ctx, includeDeclaration),
      rename: (newName: string) => renameOf(result, id, newName, ctx),
    };
  }

  /** A snapshot's check from its text (open in the editor, else on disk inside the folder). */
  checkFile(
    file: string,
    root: string,
    settings: SnapshotSettings,
    openText?: (abs: string) => string | undefined,
  ): CheckResult | undefined {
    const text = textOf(this.init.workspace, root, file, openText);
    return text === undefined ? undefined : this.check({ text, root }, settings);
  }

  documentLinks(result: CheckResult): DocumentLink[] {
    return documentLinks(result.refs);
  }

  gates(result: CheckResult): Gate[] {
    return gatesOf(result.model);
  }

  recordResults(result: CheckResult, results: GateResult[]): TextEdit[] {
    return recordResultsEdits(result.model, result.conventions, results);
  }
}

export function createSnapshotService(init: ServiceInit): SnapshotService {
  return new SnapshotService(init);
}

export type { FileCheck, FileRequest } from './fileCheck';
export type { FileRole, ServiceInit, SnapshotDocument };
export type { CheckResult, Gate, GateResult, PendingPlan, PendingPlanInput, NewSnapshotInput, AuthoringRequest, IndexEntry, RenameOutcome };

// What the language server's wiring takes from the engine besides the service.
export * from './core';
export { CONFIG_NAMES, isConfigName } from './config/config';
export { normalizeSettings } from './config/settings';
export { FIX_ALL_KIND, fixAllAction, quickFixes } from './features/actions';
export { TRIGGER_CHARACTERS, triggerMayComplete } from './features/completion';
export { publishedDiagnostics, SOURCE, toDiagnostic, type RuleDocUrl } from './features/diagnostics';
export { isPendingPath } from './features/pendingFiles';
export { hunksOfLines } from './freshness/map';
export { freshnessFindings, freshnessHover } from './freshness/present';
export { rebaseAction, type RebaseRequest } from './freshness/rebase';
export { fileUrl } from './model/refs';
export type { SnapshotModel } from './model/snapshot';
export { containsPosition } from './model/text';
export { runSliced } from './steps';
export { compareMarkdown, previousReview, type ReviewRef } from './lifecycle/compareView';
export { groupKey, viewCounts, viewDetails, withAcross, type IdLookup } from './lifecycle/viewData';
export type { FileFreshness } from './freshness/types';
