// Hovers that explain what is written: a candidate id (its title, label, target area, risk, and
// whether a pending spec carries it), a File:Line cell (the cited lines, a few around them, in a
// fenced block with the file's language), a metadata key or section heading (what the schema in
// use requires of it), a label value (its meaning). Every piece of text taken from the document
// or a cited file is escaped or fenced (escape.ts); no link is built from document text.
import * as path from 'node:path';
import type { Hover, MarkupContent, Position, Range } from 'vscode-languageserver-types';
import { candidateValue } from '../model/candidates';
import { CANDIDATE } from '../contract/contract';
import type { CheckResult } from '../engine';
import { codeBlock, escapeMarkdown, inlineCode } from '../text/escape';
import { help } from '../contract/help';
import { resolveWritten, toRepoPath } from '../repo/paths';
import type { ResolvedRef } from '../model/refs';
import { delimiterRow, headerRow } from '../contract/templates';
import { tableKeyOf } from '../contract/schema';
import type { AuthoringContext } from './context';
import { pendingSpecsFor } from './navigation';
import { candidateById, occurrenceAt } from './occurrences';
import { holds } from './where';

/** Lines shown around the cited ones, and at most this many in all. */
const CONTEXT_LINES = 2;
const MAX_SHOWN = 30;
const MAX_CITED_BYTES = 1024 * 1024;
const MAX_LINE_CHARS = 200;

/** Fence languages by extension, where the extension is not itself a name VS Code knows. */
const LANGUAGES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  jsx: 'javascriptreact',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  rs: 'rust',
  sh: 'shellscript',
  bash: 'shellscript',
  yml: 'yaml',
  md: 'markdown',
  rb: 'ruby',
  kt: 'kotlin',
  cs: 'csharp',
  h: 'c',
  hpp: 'cpp',
  cc: 'cpp',
};

function languageOf(file: string): string {
  const ext = path.extname(file).slice(1).toLowerCase();
  return LANGUAGES[ext] ?? ext;
}

function markdown(range: Range, value: string): Hover {
  const contents: MarkupContent = { kind: 'markdown', value };
  return { range, contents };
}

/** A file URL as a Markdown link target (parentheses would end it early). */
function linkTarget(uri: string): string {
  return uri.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function candidateHover(result: CheckResult, pos: Position, ctx: AuthoringContext): Hover | undefined {
  const occ = occurrenceAt(result.model, pos);
  const c = occ && candidateById(result.model, occ.id);
  if (!occ || !c) return undefined;
  const value = (k: string) => {
    const v = candidateValue(result.model, c, k);
    return typeof v === 'string' && v ? escapeMarkdown(v) : '—';
  };
  const label = result.model.labels.find((l) => l.id === occ.id)?.label;
  const lines = [
    `**${escapeMarkdown(occ.id)}** — ${value(CANDIDATE.title)}`,
    '',
    `label: ${label ? escapeMarkdown(label) : '*none*'} · target area: ${value(CANDIDATE.targetArea)} · risk: ${value(CANDIDATE.risk)}`,
    '',
  ];
  const spec = pendingSpecsFor(ctx).find((s) => s.entries.some((e) => e.id === occ.id));
  const entry = spec?.entries.find((e) => e.id === occ.id);
  if (spec && entry && ctx.root) {
    const shown = escapeMarkdown(toRepoPath(ctx.root, spec.abs) ?? path.basename(spec.abs));
    lines.push(`pending spec: [${shown}](${linkTarget(spec.uri)}#L${entry.range.start.line + 1})`);
  } else {
    lines.push('pending spec: none yet (*Convert Candidates to Pending Spec* creates it)');
  }
  return markdown(occ.range, lines.join('\n'));
}

/** The cited lines of a File:Line cell, with a few around them. */
function fileLineHover(result: CheckResult, pos: Position, ctx: AuthoringContext): Hover | undefined {
  const ref = result.refs.find((r: ResolvedRef) => r.source === 'location' && holds(r.range, pos));
  if (!ref || !ctx.root || ref.line === undefined || (ref.status !== 'ok' && ref.status !== 'line')) return undefined;
  const { abs, outside } = resolveWritten(ctx.root, ref.rel);
  if (outside) return undefined;
  const read = ctx.workspace.readText(ctx.root, abs, MAX_CITED_BYTES);
  if (!read.ok) return undefined;
  const lines = read.text.split(/\r\n|\r|\n/);
  if (read.text.endsWith('\n')) lines.pop();
  const last = Math.max(ref.line, ref.endLine ?? ref.line);
  if (ref.line < 1 || ref.line > lines.length) {
    return markdown(ref.range, `${inlineCode(ref.shown)} has ${lines.length} lines: line ${ref.line} is past its end.`);
  }
  const from = Math.max(1, ref.line - CONTEXT_LINES);
  const to = Math.min(lines.length, last + CONTEXT_LINES, from + MAX_SHOWN - 1);
  // Each line numbered, the cited ones marked `>`: the reader sees which of them the finding means.
  const width = String(to).length;
  const first = ref.line;
  const shown = lines.slice(from - 1, to).map((l, i) => {
    const n = from + i;
    const text = l.length > MAX_LINE_CHARS ? l.slice(0, MAX_LINE_CHARS) + ' …' : l;
    return `${n >= first && n <= last ? '>' : ' '} ${String(n).padStart(width)} | ${text}`;
  });
  const cited = last > ref.line ? `lines ${ref.line}–${Math.min(last, to)}` : `line ${ref.line}`;
  const head = `${inlineCode(ref.shown)} — ${cited} (showing ${from}–${to} of ${lines.length})`;
  return markdown(ref.range, `${head}\n\n${codeBlock(shown.join('\n'), languageOf(abs))}`);
}

function metadataHover(result: CheckResult, pos: Position): Hover | undefined {
  const m = result.model.metadata.find((e) => holds(e.keyRange, pos));
  if (!m) return undefined;
  const required = result.schema.requiredMetadata;
  const i = required.indexOf(m.key);
  const facts =
    i < 0
      ? `not a metadata key of the schema (${escapeMarkdown(result.schema.source)})`
      : `required metadata key ${i + 1} of ${required.length} (schema ${inlineCode(result.schema.id)}, ${escapeMarkdown(result.schema.source)})`;
  const words = help().metadata.get(m.key);
  return markdown(m.keyRange, `**${escapeMarkdown(m.key)}** — ${facts}${words ? `\n\n${words}` : ''}`);
}

function sectionHover(result: CheckResult, pos: Position): Hover | undefined {
  const s = result.model.sections.find((x) => holds(x.heading.textRange, pos));
  if (!s) return undefined;
  const required = result.schema.requiredSections;
  const i = required.indexOf(s.name);
  const parts = [`**${escapeMarkdown(s.name)}** — `];
  if (i < 0) parts.push(`not a section of the schema (${escapeMarkdown(result.schema.source)})`);
  else {
    parts.push(`required section ${i + 1} of ${required.length}`);
    if (i > 0) parts.push(`, after ${escapeMarkdown(required[i - 1])}`);
    if (i + 1 < required.length) parts.push(`, before ${escapeMarkdown(required[i + 1])}`);
  }
  const header = result.schema.tableHeaders.get(tableKeyOf(s.name));
  if (header) parts.push(`\n\nIts table starts:\n\n${codeBlock(`${headerRow(header)}\n${delimiterRow(header)}`, 'markdown')}`);
  const words = help().sections.get(s.name);
  if (words) parts.push(`\n\n${words}`);
  return markdown(s.heading.textRange, parts.join(''));
}

function labelHover(result: CheckResult, pos: Position): Hover | undefined {
  const l = result.model.labels.find((x) => x.label && holds(x.labelRange, pos));
  if (!l) return undefined;
  const allowed = result.schema.labels.allowed;
  if (!allowed.includes(l.label)) {
    return markdown(
      l.labelRange,
      `**${escapeMarkdown(l.label)}** is not an allowed label; the schema allows ${allowed.map(inlineCode).join(', ')}.`,
    );
  }
  const words = help().labels.get(l.label);
  return markdown(l.labelRange, `**${escapeMarkdown(l.label)}** — classification label${words ? `: ${words}` : ''}`);
}

export function authoringHover(result: CheckResult, pos: Position, ctx: AuthoringContext): Hover | undefined {
  return (
    candidateHover(result, pos, ctx) ??
    fileLineHover(result, pos, ctx) ??
    metadataHover(result, pos) ??
    sectionHover(result, pos) ??
    labelHover(result, pos)
  );
}
