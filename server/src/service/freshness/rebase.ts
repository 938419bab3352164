// "Re-base this snapshot to HEAD": a line number rewritten to HEAD belongs to a document that
// still says R, so cites are never re-anchored one by one. Only when every line cite is unchanged
// or moved (and each was read at the snapshot's own R, in this repository, against HEAD's text)
// is one edit offered that rewrites the moved cites' line numbers and `Repo revision` together —
// one undoable change whose title says what it changes. It is not a safe fix: fix-all never applies it.
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { META } from '../contract/contract';
import type { SnapshotModel } from '../model/snapshot';
import { rangesOverlap } from '../model/text';
import { isFresh, type CiteFreshness, type FileFreshness } from './types';

export const REBASE_KIND = 'source.rebase.reviewSnapshot';

/** Why the snapshot cannot be re-based (undefined when it can). */
function blocker(file: FileFreshness): string | undefined {
  if (file.error || !file.head || !file.revision) return 'freshness could not be worked out';
  if (file.approximate) return 'the base is approximate';
  if (!file.cites.length) return 'it has no line cites';
  const bad = file.cites.find((c) => !isFresh(c.status) || c.approximate || c.base || c.repository || c.worktree || !c.now?.line);
  return bad ? `${bad.cite} is ${bad.status}` : undefined;
}

/** The edit of one moved cite: its line (or lines) after the last colon, as they are at HEAD. */
function citeEdit(c: CiteFreshness): TextEdit | undefined {
  const colon = c.cite.lastIndexOf(':');
  const { start, end } = c.range;
  if (colon < 0 || !c.now?.line || start.line !== end.line || end.character - start.character !== c.cite.length) return undefined;
  const lines = c.endLine !== undefined && c.now.endLine ? `${c.now.line}-${c.now.endLine}` : String(c.now.line);
  if (lines === c.cite.slice(colon + 1)) return undefined;
  return { range: { start: { line: start.line, character: start.character + colon + 1 }, end }, newText: lines };
}

/** The edits of a re-base (moved cites, then `Repo revision`), or undefined when it is not offered. */
export function rebaseEdits(file: FileFreshness, model: SnapshotModel): { edits: TextEdit[]; moved: number; revision: Range } | undefined {
  const meta = model.metadata.find((e) => e.key === META.repoRevision);
  if (!meta?.value || blocker(file) || !file.head) return undefined;
  const cites = file.cites.map(citeEdit).filter((e): e is TextEdit => e !== undefined);
  const moved = file.cites.filter((c) => c.status === 'moved');
  if (cites.length !== moved.length) return undefined;
  if (!cites.length && meta.value === file.head) return undefined;
  return { edits: [...cites, { range: meta.valueRange, newText: file.head }], moved: cites.length, revision: meta.valueRange };
}

export interface RebaseRequest {
  uri: string;
  version: number;
  range: Range;
  diagnostics: Diagnostic[];
  only?: string[];
}

/**
 * The action, as a quick fix where it is asked for (the `Repo revision` line, a `freshness/moved`
 * diagnostic) and as a source action when source actions are asked for.
 */
export function rebaseAction(file: FileFreshness, model: SnapshotModel, req: RebaseRequest): CodeAction | undefined {
  const wants = (kind: string) => !req.only || req.only.some((k) => kind === k || kind.startsWith(k + '.'));
  const r = rebaseEdits(file, model);
  if (!r || !file.head) return undefined;
  const moved = req.diagnostics.filter((d) => d.code === 'freshness/moved');
  const onRevision = req.range.start.line <= r.revision.start.line && req.range.end.line >= r.revision.start.line;
  const quick = wants('quickfix') && (moved.length > 0 || onRevision || rangesOverlap(req.range, r.revision));
  if (!quick && !(req.only && wants(REBASE_KIND))) return undefined;
  const what = r.moved ? `update ${r.moved} moved cite${r.moved > 1 ? 's' : ''} and Repo revision` : 'update Repo revision';
  return {
    title: `Re-base this snapshot to HEAD ${file.head.slice(0, 7)}: ${what}`,
    kind: quick ? 'quickfix' : REBASE_KIND,
    ...(moved.length ? { diagnostics: moved } : {}),
    edit: { documentChanges: [{ textDocument: { uri: req.uri, version: req.version }, edits: r.edits }] },
  };
}
