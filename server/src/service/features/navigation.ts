// Candidate ids as first-class names: go to definition (from a label, a mention or a pending
// spec to the candidate), references, document highlights, and rename across the snapshot's
// YAML, labels and mentions and the pending specs that carry the id — one WorkspaceEdit, refused
// with the reason when the new id is malformed or taken.
import { pathToFileURL } from 'node:url';
import {
  DocumentHighlightKind,
  type DocumentHighlight,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { CheckResult } from '../engine';
import { resolveWritten, toRepoPath, writeRoot } from '../repo/paths';
import type { AuthoringContext } from './context';
import { occurrenceAt, occurrencesOf, type Occurrence } from './occurrences';
import { pendingFormatOf, pendingSpecsOf, readPendingSpec, textOf, type PendingEntry, type PendingSpec } from './pendingFiles';
import { holds } from './where';

/** What an id may be: it must stay one YAML plain scalar, one label id, one word in prose. */
const ID_SHAPE = /^\w(?:[\w.-]*[\w-])?$/;

/** The pending specs that carry this snapshot's candidates: its own (by name) and any that name it as their source. */
export function pendingSpecsFor(ctx: AuthoringContext): PendingSpec[] {
  if (!ctx.root || !ctx.file) return [];
  const root = ctx.root;
  const own = pendingSpecsOf({
    workspace: ctx.workspace,
    root,
    snapshot: ctx.file,
    directory: ctx.settings.pending.directory,
    openText: ctx.openText,
  });
  const seen = new Set(own.map((s) => s.abs));
  for (const e of ctx.index.pendingOf(ctx.file)) {
    const format = pendingFormatOf(e.abs);
    if (seen.has(e.abs) || !format) continue;
    const text = textOf(ctx.workspace, root, e.abs, ctx.openText);
    if (text !== undefined) own.push({ abs: e.abs, uri: pathToFileURL(e.abs).toString(), format, ...readPendingSpec(text, format) });
  }
  return own;
}

/** The id at a position of the snapshot, when it is a candidate's (a label of an unknown id is not a name). */
function nameAt(result: CheckResult, pos: Position): Occurrence | undefined {
  const occ = occurrenceAt(result.model, pos);
  return occ && occurrencesOf(result.model, occ.id).some((o) => o.kind === 'definition') ? occ : undefined;
}

export function definitionOf(result: CheckResult, id: string, uri: string): Location[] {
  const def = occurrencesOf(result.model, id).find((o) => o.kind === 'definition');
  return def ? [{ uri, range: def.range }] : [];
}

export function definitionAt(result: CheckResult, pos: Position, uri: string): Location[] {
  const occ = nameAt(result, pos);
  return occ ? definitionOf(result, occ.id, uri) : [];
}

export function referencesOf(result: CheckResult, id: string, ctx: AuthoringContext, includeDeclaration: boolean): Location[] {
  const out: Location[] = [];
  for (const o of occurrencesOf(result.model, id)) {
    if (o.kind !== 'definition' || includeDeclaration) out.push({ uri: ctx.uri, range: o.range });
  }
  for (const spec of pendingSpecsFor(ctx)) for (const e of spec.entries) if (e.id === id) out.push({ uri: spec.uri, range: e.range });
  return out;
}

export function referencesAt(result: CheckResult, pos: Position, ctx: AuthoringContext, includeDeclaration: boolean): Location[] {
  const occ = nameAt(result, pos);
  return occ ? referencesOf(result, occ.id, ctx, includeDeclaration) : [];
}

const HIGHLIGHT: Record<Occurrence['kind'], DocumentHighlightKind> = {
  definition: DocumentHighlightKind.Write,
  label: DocumentHighlightKind.Read,
  mention: DocumentHighlightKind.Text,
};

export function highlightsAt(result: CheckResult, pos: Position): DocumentHighlight[] {
  const occ = nameAt(result, pos);
  return occ ? occurrencesOf(result.model, occ.id).map((o) => ({ range: o.range, kind: HIGHLIGHT[o.kind] })) : [];
}

export function prepareRenameAt(result: CheckResult, pos: Position): { range: Range; placeholder: string } | null {
  const occ = nameAt(result, pos);
  return occ ? { range: occ.range, placeholder: occ.id } : null;
}

export type RenameOutcome = { edit: WorkspaceEdit } | { error: string };

/** Why `newName` cannot replace `id`, or undefined when it can. */
function refusal(result: CheckResult, newName: string, ctx: AuthoringContext, specs: PendingSpec[]): string | undefined {
  if (!ID_SHAPE.test(newName)) {
    return `"${newName}" cannot be a candidate id: use letters, digits, "_", "-" and "." (no blanks, quotes, backticks or colons).`;
  }
  const here = occurrencesOf(result.model, newName).find((o) => o.kind !== 'mention');
  if (here) {
    const what = here.kind === 'definition' ? 'the id of a candidate' : 'labelled';
    return `"${newName}" is already ${what} in this snapshot (line ${here.range.start.line + 1}).`;
  }
  const spec = specs.find((s) => s.entries.some((e) => e.id === newName));
  if (spec && ctx.root) return `"${newName}" is already an entry of the pending spec ${toRepoPath(ctx.root, spec.abs) ?? spec.abs}.`;
  const elsewhere = ctx.index.withId(newName).find((w) => w.entry.abs !== ctx.file && w.entry.kind === 'snapshot');
  if (elsewhere) return `"${newName}" is already the id of a candidate in ${elsewhere.entry.rel} (ids are unique in the workspace).`;
  return undefined;
}

export function renameOf(result: CheckResult, id: string, newName: string, ctx: AuthoringContext): RenameOutcome {
  const specs = pendingSpecsFor(ctx);
  if (newName === id) return { edit: { changes: {} } };
  const why = refusal(result, newName, ctx, specs);
  if (why) return { error: why };
  const changes: Record<string, TextEdit[]> = {};
  changes[ctx.uri] = occurrencesOf(result.model, id).map((o) => ({ range: o.range, newText: newName }));
  for (const spec of specs) {
    // Only a pending spec by its real path is edited: a `*-pending.yaml` link (to an unrelated
    // file, in the repository or not) is not, whatever ids the file it leads to holds.
    const scope = ctx.root && writeRoot(ctx.root, ctx.opened ?? ctx.root);
    if (!scope || ctx.workspace.writable(scope, spec.abs)) continue;
    const edits = spec.entries.filter((e: PendingEntry) => e.id === id).map((e) => ({ range: e.range, newText: newName }));
    if (edits.length) changes[spec.uri] = edits;
  }
  return { edit: { changes } };
}

export function renameAt(result: CheckResult, pos: Position, newName: string, ctx: AuthoringContext): RenameOutcome | undefined {
  const occ = nameAt(result, pos);
  return occ ? renameOf(result, occ.id, newName, ctx) : undefined;
}

/** In a pending spec: the entry whose id is at `pos`, and the snapshot it came from (absolute), if known. */
export function pendingIdAt(
  text: string,
  file: string,
  pos: Position,
  ctx: Pick<AuthoringContext, 'root' | 'index'>,
): { id: string; range: Range; snapshot?: string } | undefined {
  const format = pendingFormatOf(file);
  if (!format) return undefined;
  const spec = readPendingSpec(text, format);
  const entry = spec.entries.find((e) => holds(e.range, pos));
  if (!entry) return undefined;
  // The snapshot the spec names, else the snapshot in the workspace that has the id.
  const named = spec.source && ctx.root ? resolveWritten(ctx.root, spec.source) : undefined;
  if (named && !named.outside) return { id: entry.id, range: entry.range, snapshot: named.abs };
  const indexed = ctx.index.withId(entry.id).find((w) => w.entry.kind === 'snapshot');
  return { id: entry.id, range: entry.range, snapshot: indexed?.entry.abs };
}
