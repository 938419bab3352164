// candidates → pending spec text (YAML, or the Markdown form the earlier converter wrote).
// YAML is written by the `yaml` library, never by concatenation; an existing pending file
// is merged: the converted candidates replace their own entries (by id) and every other
// entry, comment and hand edit in the file is kept.
import * as path from 'node:path';
import { Document, isMap, isScalar, isSeq } from 'yaml';
import { parseYaml } from './yaml';
import { candidateValue, readCandidates, type Candidate } from './candidates';
import type { SnapshotModel } from './snapshot';
import { DATE_KEY } from './rules/metadata';

export type PendingFormat = 'yaml' | 'markdown';

export const PENDING_TITLE = 'Review-Derived Spec Candidates';

/** `docs/reviews/snapshots/2026-02-19_x.md` → `<dir>/2026-02-19_x-pending.yaml`. */
export function pendingPath(snapshotPath: string, dir: string, format: PendingFormat): string {
  const stem = path.basename(snapshotPath).replace(/\.[^.]*$/, '');
  return path.posix.join(dir.replace(/\\/g, '/').replace(/\/+$/, ''), `${stem}-pending.${format === 'yaml' ? 'yaml' : 'md'}`);
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
  const date = model.metadata.find((m) => m.key === DATE_KEY)?.value ?? '';
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
  for (const c of cands) {
    const node = doc.createNode(c);
    const at = seq.items.findIndex((item) => isMap(item) && item.get('id') === c.id);
    if (at === -1) seq.items.push(node);
    else {
      // Keep a comment written above the entry.
      const old = seq.items[at] as { commentBefore?: string | null };
      (node as { commentBefore?: string | null }).commentBefore = old.commentBefore;
      seq.items[at] = node;
    }
  }
  return { ok: true, text: doc.toString(TO_STRING), ids: cands.map((c) => c.id) };
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

function markdownMerge(existing: string, cands: PendingCandidate[]): string {
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing.split(/\r?\n/);
  let text = lines.join('\n');
  for (const c of cands) {
    const block = markdownBlock(c);
    const re = new RegExp(`^### ${c.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*$`, 'm');
    const m = re.exec(text);
    if (m) {
      // The block runs to the next heading of level 1–3, or the end.
      const rest = text.slice(m.index + m[0].length);
      const next = /^#{1,3} /m.exec(rest);
      const end = next ? m.index + m[0].length + next.index : text.length;
      const tail = text.slice(end);
      text = text.slice(0, m.index) + block + (tail ? '\n\n' + tail.replace(/^\n+/, '') : '\n');
    } else {
      text = text.replace(/\n*$/, '') + '\n\n' + block + '\n';
    }
  }
  text = text.replace(/\n*$/, '\n');
  return eol === '\n' ? text : text.replace(/\n/g, eol);
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
