// candidates → pending spec text (YAML, or the Markdown form the earlier converter wrote).
// YAML is written by the `yaml` library, never by concatenation; an existing pending file
// is merged: the converted candidates replace their own entries (by id) and every other
// entry, comment and hand edit in the file is kept.
import * as path from 'node:path';
import { Document, isAlias, isMap, isScalar, isSeq, visit, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { candidateValue, readCandidates, type Candidate } from '../model/candidates';
import { META, PENDING_TITLE } from '../contract/contract';
import type { CheckResult } from '../engine';
import { isInside, resolveWritten, toRepoPath, writeRoot } from '../repo/paths';
import { describeDenied, type Workspace } from '../repo/workspace';
import type { SnapshotModel } from '../model/snapshot';
import { trimTrailing } from '../model/text';
import { parseYaml } from '../model/yaml';

export type PendingFormat = 'yaml' | 'markdown';

/** `docs/reviews/snapshots/2026-02-19_x.md` → `<dir>/2026-02-19_x-pending.yaml`. */
export function pendingPath(snapshotPath: string, dir: string, format: PendingFormat): string {
  const stem = path.basename(snapshotPath).replace(/\.[^.]*$/, '');
  return path.posix.join(trimTrailing(dir.replace(/\\/g, '/'), '/'), `${stem}-pending.${format === 'yaml' ? 'yaml' : 'md'}`);
}

export interface PendingCandidate {
  id: string;
  title: string;
  type: string;
  class: string;
  target_area: string;
  risk: string;
  classification: string;
  acceptance_criteria: string[];
  affected_paths: string[];
}

export function pendingId(model: SnapshotModel): string {
  const date = model.metadata.find((m) => m.key === META.date)?.value ?? '';
  return `CK-REVIEW-${date.replace(/-/g, '')}`;
}

export function pendingCandidates(model: SnapshotModel, ids?: string[]): PendingCandidate[] {
  const labels = new Map<string, string>();
  for (const l of model.labels) if (!labels.has(l.id)) labels.set(l.id, l.label);
  const want = ids ? new Set(ids) : undefined;
  const out: PendingCandidate[] = [];
  for (const c of readCandidates(model)) {
    if (!c.id || (want && !want.has(c.id))) continue;
    out.push(toPending(model, c, labels.get(c.id) ?? 'unclassified'));
  }
  return out;
}

function toPending(model: SnapshotModel, c: Candidate, classification: string): PendingCandidate {
  const str = (k: string) => {
    const v = candidateValue(model, c, k);
    return typeof v === 'string' ? v : '';
  };
  const list = (k: string) => {
    const v = candidateValue(model, c, k);
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  };
  return {
    id: c.id!,
    title: str('title'),
    type: str('type'),
    class: str('class'),
    target_area: str('target_area'),
    risk: str('risk'),
    classification,
    acceptance_criteria: list('acceptance_criteria'),
    affected_paths: list('affected_paths'),
  };
}

export interface ConvertOptions {
  /** The snapshot's path relative to the repository root, `/`-separated. */
  sourcePath: string;
  format: PendingFormat;
  /** The pending file's current text, when it exists. */
  existing?: string;
  /** Candidate ids to convert (all when absent). */
  ids?: string[];
}

export type ConvertResult = { ok: true; text: string; ids: string[] } | { ok: false; error: string };

const TO_STRING = { lineWidth: 0, minContentWidth: 0 } as const;

function yamlFresh(model: SnapshotModel, opts: ConvertOptions, cands: PendingCandidate[]): string {
  const doc = new Document({
    id: pendingId(model),
    title: PENDING_TITLE,
    priority: 'P1',
    source_snapshot: opts.sourcePath,
    candidates: cands,
  });
  return doc.toString(TO_STRING);
}

function yamlMerge(existing: string, cands: PendingCandidate[]): ConvertResult {
  const doc = parseYaml(existing);
  if (doc.errors.length) {
    const e = doc.errors[0];
    return { ok: false, error: `the existing pending file is not valid YAML (${e.message.split('\n')[0]}); fix or move it first` };
  }
  const root = doc.contents as unknown;
  if (!isMap(root)) return { ok: false, error: 'the existing pending file is not a YAML mapping; fix or move it first' };
  let seq = root.get('candidates', true) as unknown;
  if (seq === undefined || seq === null || (isScalar(seq) && seq.value === null)) {
    root.set('candidates', doc.createNode([]));
    seq = root.get('candidates', true);
  }
  if (!isSeq(seq)) return { ok: false, error: 'the existing pending file\'s "candidates" is not a list; fix or move it first' };
  const replaced: { id: string; node: unknown }[] = [];
  for (const c of cands) {
    const node = doc.createNode(c);
    const at = seq.items.findIndex((item) => isMap(item) && item.get('id') === c.id);
    if (at === -1) seq.items.push(node);
    else {
      // Keep a comment written above the entry.
      const old = seq.items[at] as { commentBefore?: string | null };
      (node as { commentBefore?: string | null }).commentBefore = old.commentBefore;
      replaced.push({ id: c.id, node: seq.items[at] });
      seq.items[at] = node;
    }
  }
  const broken = aliasesLeftDangling(doc, replaced);
  if (broken) return { ok: false, error: broken };
  return { ok: true, text: doc.toString(TO_STRING), ids: cands.map((c) => c.id) };
}

/**
 * An entry that is replaced takes its anchors (`&name`) with it: an alias (`*name`) elsewhere in
 * the file that used one would point at nothing (the YAML library then fails to write the file
 * at all). Such a merge is refused, naming the entry and the anchor, rather than guessing whether
 * the other entry meant the old content or the new.
 */
function aliasesLeftDangling(doc: Document.Parsed, replaced: { id: string; node: unknown }[]): string | undefined {
  if (!replaced.length) return undefined;
  const anchors = new Set<string>();
  visit(doc, {
    Node: (_, n) => {
      if (!isAlias(n) && n.anchor) anchors.add(n.anchor);
    },
  });
  const used: string[] = [];
  visit(doc, {
    Alias: (_, a) => {
      if (!anchors.has(a.source) && !used.includes(a.source)) used.push(a.source);
    },
  });
  if (!used.length) return undefined;
  const gone = replaced.find((r) => {
    let holds = false;
    visit(r.node as Node, { Node: (_, n) => void (holds ||= !isAlias(n) && !!n.anchor && used.includes(n.anchor)) });
    return holds;
  });
  const which = gone ? `the entry "${gone.id}" holds the anchor &${used[0]}` : `the anchor &${used[0]} is in a replaced entry`;
  return `the existing pending file cannot be merged: ${which}, which another part of the file uses (*${used[0]}); replacing the entry would leave that alias pointing at nothing. Write the alias out in full (or remove it), then convert again`;
}

/** One `###` block of the Markdown form, exactly as the earlier converter wrote it. */
export function markdownBlock(c: PendingCandidate): string {
  return [
    `### ${c.id}`,
    '',
    `- title: ${c.title}`,
    `- type: \`${c.type}\``,
    `- class: \`${c.class}\``,
    `- target_area: \`${c.target_area}\``,
    `- risk: \`${c.risk}\``,
    `- classification: \`${c.classification}\``,
    '- acceptance_criteria:',
    ...c.acceptance_criteria.map((a) => `  - ${a}`),
    '- affected_paths:',
    ...c.affected_paths.map((p) => `  - \`${p}\``),
  ].join('\n');
}

function markdownFresh(model: SnapshotModel, opts: ConvertOptions, cands: PendingCandidate[]): string {
  const parts = [
    ['---', `id: ${pendingId(model)}`, `title: ${PENDING_TITLE}`, 'priority: P1', '---'].join('\n'),
    `# ${PENDING_TITLE}`,
    `Source snapshot: \`${opts.sourcePath}\``,
    '## Canonical Candidates',
    ...cands.map(markdownBlock),
  ];
  return parts.join('\n\n') + '\n';
}

/** `### <id>` with nothing after it but blanks. */
function isBlockHeading(line: string, id: string): boolean {
  if (!line.startsWith(`### ${id}`)) return false;
  for (let i = 4 + id.length; i < line.length; i++) if (line[i] !== ' ' && line[i] !== '\t') return false;
  return true;
}

/** A heading of level 1–3 (`# `, `## `, `### `): where a candidate's block ends. */
function isUpperHeading(line: string): boolean {
  let n = 0;
  while (n < line.length && line[n] === '#') n++;
  return n >= 1 && n <= 3 && line[n] === ' ';
}

function withoutTrailingBlankLines(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  return lines.slice(0, end);
}

/** Line by line (linear in the file's size): each candidate's block replaced in place, or appended. */
function markdownMerge(existing: string, cands: PendingCandidate[]): string {
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  let lines = existing.split(/\r?\n/);
  for (const c of cands) {
    const block = markdownBlock(c).split('\n');
    const at = lines.findIndex((l) => isBlockHeading(l, c.id));
    if (at < 0) {
      lines = [...withoutTrailingBlankLines(lines), '', ...block, ''];
      continue;
    }
    // The block runs to the next heading of level 1–3, or the end.
    const next = lines.findIndex((l, k) => k > at && isUpperHeading(l));
    lines = next < 0 ? [...lines.slice(0, at), ...block, ''] : [...lines.slice(0, at), ...block, '', ...lines.slice(next)];
  }
  return [...withoutTrailingBlankLines(lines), ''].join(eol);
}

export function convertToPending(model: SnapshotModel, opts: ConvertOptions): ConvertResult {
  const cands = pendingCandidates(model, opts.ids);
  if (opts.ids) {
    const missing = opts.ids.filter((id) => !cands.some((c) => c.id === id));
    if (missing.length) return { ok: false, error: `no candidate with the id ${missing.join(', ')}` };
  }
  if (cands.length === 0) return { ok: false, error: 'the snapshot has no spec candidates to convert' };
  const ids = cands.map((c) => c.id);
  if (opts.format === 'markdown') {
    return { ok: true, ids, text: opts.existing ? markdownMerge(opts.existing, cands) : markdownFresh(model, opts, cands) };
  }
  if (opts.existing && opts.existing.trim()) return yamlMerge(opts.existing, cands);
  return { ok: true, ids, text: yamlFresh(model, opts, cands) };
}

/** Where a pending spec goes, and what the conversion would write there. */
export interface PendingPlanInput {
  /** The snapshot's check (undefined when the file is not a snapshot). */
  result: CheckResult | undefined;
  /** Absolute paths of the snapshot and its workspace folder. */
  file: string | undefined;
  root: string | undefined;
  /**
   * The workspace folder the user opened that holds the snapshot (default: `root`): the pending
   * spec must stay in it too (`writeRoot`), whatever the configuration's `pending.directory` says.
   */
  opened?: string;
  directory: string;
  /** The configured format; the repository's own pending specs may decide otherwise (pendingFormat.ts). */
  format: PendingFormat;
  /** A format asked for explicitly: it wins. */
  explicitFormat?: PendingFormat;
  ids?: string[];
  /** The pending file's text when it is open in the editor (newer than the disk). */
  openText?: (abs: string) => string | undefined;
}

export interface PendingError {
  message: string;
  range: Range;
  rule: string;
}

export type PendingPlan =
  | { ok: false; errors: PendingError[] }
  | {
      ok: true;
      target: string;
      exists: boolean;
      before: string;
      after: string;
      ids: string[];
      /** The format written, and why (core.ts decides it). */
      format?: PendingFormat;
      formatWhy?: string;
    };

const NO_PLACE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function refused(rule: string, message: string): PendingPlan {
  return { ok: false, errors: [{ message, range: NO_PLACE, rule }] };
}

/** The text the target holds now: open in the editor, on disk, or nothing; refused unless it may be written (`Workspace.writable`). */
function currentText(workspace: Workspace, input: PendingPlanInput, root: string, target: string): { text?: string; error?: string } {
  const why = workspace.writable(root, target);
  const rule = 'it must stay inside the repository, never written through a symbolic link';
  if (why) return { error: `The pending spec cannot be written there: ${why} (${rule}).` };
  const open = input.openText?.(target);
  if (open !== undefined) return { text: open };
  const read = workspace.readText(root, target);
  if (read.ok) return { text: read.text };
  if (read.reason === 'missing') return {};
  return { error: `${toRepoPath(root, target)}: ${describeDenied(read)}` };
}

export function planPending(workspace: Workspace, input: PendingPlanInput): PendingPlan {
  const { result, root, file } = input;
  if (!result) return refused('pending/not-snapshot', 'This file is not a review snapshot.');
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length) return { ok: false, errors: errors.map((f) => ({ message: f.message, range: f.range, rule: f.rule })) };
  const rel = root && file ? toRepoPath(root, file) : undefined;
  if (!root || !rel) return refused('pending/no-folder', 'The snapshot must be in a workspace folder on disk.');
  const scope = writeRoot(root, input.opened ?? root);
  const { abs: target, outside } = resolveWritten(root, pendingPath(rel, input.directory, input.format));
  if (outside) return refused('pending/outside', 'The pending directory leads outside the repository.');
  if (!scope || !isInside(scope, target)) {
    return refused('pending/outside', `The pending directory leads outside the folder you opened (${input.opened ?? root}): ${target}`);
  }
  const now = currentText(workspace, input, scope, target);
  if (now.error) return refused('pending/outside', now.error);
  const exists = now.text !== undefined;
  const conv = convertToPending(result.model, { sourcePath: rel, format: input.format, existing: now.text, ids: input.ids });
  if (!conv.ok) return refused('pending/convert', conv.error);
  return { ok: true, target, exists, before: now.text ?? '', after: conv.text, ids: conv.ids };
}
