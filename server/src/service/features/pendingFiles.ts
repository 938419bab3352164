// Pending spec files read back: which candidate ids a pending spec carries and where (the
// `id:` of each entry of the YAML form, the `### ID` heading of the Markdown form), and which
// snapshot it came from. Navigation follows an id from a pending spec to its candidate, a rename
// rewrites it there, hovers and lenses say whether a candidate has one.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { CANDIDATE, PENDING } from '../contract/contract';
import { resolveWritten, toRepoPath } from '../repo/paths';
import { TextLines, lineSpan, trimTrailing } from '../model/text';
import type { Workspace } from '../repo/workspace';
import { parseYaml } from '../model/yaml';
import { pendingPath, type PendingFormat } from './pending';

export interface PendingEntry {
  id: string;
  /** The id as written (inside quotes, when quoted). */
  range: Range;
  title?: string;
}

export interface PendingSpec {
  abs: string;
  uri: string;
  format: PendingFormat;
  entries: PendingEntry[];
  /** The snapshot it names as its source (repository path, as written). */
  source?: string;
}

/** A pending spec's file name: `<stem>-pending.yaml|yml|md`. */
export function pendingFormatOf(file: string): PendingFormat | undefined {
  const name = path.basename(file);
  if (/-pending\.ya?ml$/i.test(name)) return 'yaml';
  if (/-pending\.md$/i.test(name)) return 'markdown';
  return undefined;
}

/** Whether a repository path is a pending spec under the pending directory. */
export function isPendingPath(rel: string, directory: string): boolean {
  let dir = trimTrailing(directory.replace(/\\/g, '/'), '/');
  if (dir.startsWith('./')) dir = dir.slice(1);
  while (dir.startsWith('/')) dir = dir.slice(1);
  return pendingFormatOf(rel) !== undefined && (dir === '' || rel.startsWith(dir + '/'));
}

function yamlEntries(text: string): { entries: PendingEntry[]; source?: string } {
  const doc = parseYaml(text);
  const lines = new TextLines(text);
  const root = doc.contents;
  if (!isMap(root)) return { entries: [] };
  const src = root.get(PENDING.source, true);
  const source = isScalar(src) && typeof src.value === 'string' ? src.value : undefined;
  const seq = root.get(PENDING.candidates, true);
  const entries: PendingEntry[] = [];
  for (const item of isSeq(seq) ? seq.items : []) {
    if (!isMap(item)) continue;
    const idNode = item.get(CANDIDATE.id, true) as Node | undefined;
    if (!isScalar(idNode) || typeof idNode.value !== 'string' || !idNode.range) continue;
    const quoted = idNode.type === 'QUOTE_DOUBLE' || idNode.type === 'QUOTE_SINGLE' ? 1 : 0;
    const range = lines.rangeOf(idNode.range[0] + quoted, idNode.range[1] - quoted);
    const title = item.get(CANDIDATE.title);
    entries.push({ id: idNode.value, range, title: typeof title === 'string' ? title : undefined });
  }
  return { entries, source };
}

function markdownEntries(text: string): { entries: PendingEntry[]; source?: string } {
  const lines = new TextLines(text);
  const entries: PendingEntry[] = [];
  let source: string | undefined;
  for (let i = 0; i < lines.lineCount; i++) {
    const t = lines.lineText(i);
    if (t.startsWith(PENDING.sourceLine) && source === undefined) source = t.slice(PENDING.sourceLine.length).trim().replace(/^`|`$/g, '');
    if (!t.startsWith(PENDING.candidateHeading)) continue;
    const start = PENDING.candidateHeading.length;
    const id = t.slice(start).trim();
    if (!id || /\s/.test(id)) continue;
    const titleLine = /^- title: (.*)$/.exec(lines.lineText(i + 2)) ?? /^- title: (.*)$/.exec(lines.lineText(i + 1));
    entries.push({ id, range: lineSpan(i, start, start + id.length), title: titleLine?.[1] });
  }
  return { entries, source };
}

/** The ids a pending spec carries, and the snapshot it names; nothing for text that does not parse. */
export function readPendingSpec(text: string, format: PendingFormat): { entries: PendingEntry[]; source?: string } {
  try {
    return format === 'yaml' ? yamlEntries(text) : markdownEntries(text);
  } catch {
    return { entries: [] };
  }
}

export interface PendingLookup {
  workspace: Workspace;
  root: string;
  /** The snapshot (absolute path) and the pending directory setting. */
  snapshot: string;
  directory: string;
  openText?: (abs: string) => string | undefined;
}

/** The text of a file: open in the editor, or on disk inside the folder. */
export function textOf(
  workspace: Workspace,
  root: string,
  abs: string,
  openText?: (abs: string) => string | undefined,
): string | undefined {
  const open = openText?.(abs);
  if (open !== undefined) return open;
  const r = workspace.readText(root, abs);
  return r.ok ? r.text : undefined;
}

/** The pending specs converted from a snapshot (either format), those that exist. */
export function pendingSpecsOf(q: PendingLookup): PendingSpec[] {
  const rel = toRepoPath(q.root, q.snapshot);
  if (!rel) return [];
  const out: PendingSpec[] = [];
  for (const format of ['yaml', 'markdown'] as PendingFormat[]) {
    const { abs, outside } = resolveWritten(q.root, pendingPath(rel, q.directory, format));
    if (outside) continue;
    const text = textOf(q.workspace, q.root, abs, q.openText);
    if (text === undefined) continue;
    out.push({ abs, uri: pathToFileURL(abs).toString(), format, ...readPendingSpec(text, format) });
  }
  return out;
}
