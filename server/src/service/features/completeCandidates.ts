// Completion in the candidates YAML and in Classification Labels. The YAML is read line by line
// around the cursor, not from its parse: while a key is being typed the block is seldom valid
// YAML. Keys come from the schema (in its order, those the item lacks), values of type, class and
// risk from the conventions, affected_paths from the repository; a new item gets every required
// key and a fresh id that follows the snapshot's own id pattern.
import * as path from 'node:path';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { readCandidates } from '../model/candidates';
import { CANDIDATE, DEFAULTS, SECTION } from '../contract/contract';
import type { Conventions } from '../contract/conventions';
import { help } from '../contract/help';
import { parseLabelLine } from '../model/lines';
import type { Schema } from '../contract/schema';
import type { SnapshotModel } from '../model/snapshot';
import { lineSpan } from '../model/text';
import { pathItems } from './completePaths';
import { markdownDoc, snippetChoice, snippetText, type Site } from './completeSite';
import { sectionAt } from './where';

/** Candidate keys whose values the conventions list. */
function conventionalValues(conv: Conventions, key: string): string[] | undefined {
  if (key === 'type') return conv.candidateTypes;
  if (key === 'class') return conv.candidateClasses;
  if (key === 'risk') return conv.candidateRisks;
  return undefined;
}

/** How the block writes its items: the column of `- ` and the column of the keys after it. */
function itemLayout(model: SnapshotModel): { itemIndent: number; keyCol: number } {
  const f = model.candidates!.fence;
  const end = f.closeLine ?? model.text.lineCount;
  for (let i = f.openLine + 1; i < end; i++) {
    const m = /^( *)-( +)\S/.exec(model.text.lineText(i));
    if (m) return { itemIndent: m[1].length, keyCol: m[1].length + 1 + m[2].length };
  }
  return { itemIndent: 0, keyCol: 2 };
}

/** The keys written in the item that holds `line` (read from the lines, so a half-typed item counts). */
function itemKeys(model: SnapshotModel, line: number, itemIndent: number, keyCol: number): Set<string> {
  const f = model.candidates!.fence;
  const end = f.closeLine ?? model.text.lineCount;
  // An item starts at exactly `itemIndent` spaces, then `-` and a blank.
  const itemStart = {
    test: (t: string) => t.length > itemIndent + 1 && t.startsWith(' '.repeat(itemIndent) + '-') && /\s/.test(t[itemIndent + 1]),
  };
  let first = line;
  while (first > f.openLine + 1 && !itemStart.test(model.text.lineText(first))) first--;
  const keys = new Set<string>();
  for (let i = first; i < end; i++) {
    const t = model.text.lineText(i);
    if (i > first && itemStart.test(t)) break;
    if (i === line) continue;
    const m = /^( *)(?:- +)?([a-z_][\w-]*) *:/i.exec(t);
    if (m && (i === first || m[1].length === keyCol)) keys.add(m[2]);
  }
  return keys;
}

/** `SELFHEAL-RUN-001` → [`SELFHEAL-RUN-`, `001`]; undefined for an id without a final number. */
function splitNumber(id: string): [string, string] | undefined {
  let i = id.length;
  while (i > 0 && id.charCodeAt(i - 1) >= 48 && id.charCodeAt(i - 1) <= 57) i--;
  return i < id.length ? [id.slice(0, i), id.slice(i)] : undefined;
}

/** The next id in the snapshot's own pattern (`SELFHEAL-RUN-001` → `SELFHEAL-RUN-002`), else one from the file name. */
export function freshId(model: SnapshotModel, file: string | undefined): string {
  const ids = readCandidates(model)
    .map((c) => c.id)
    .filter((x): x is string => !!x);
  const numbered = ids.map(splitNumber).filter((m): m is [string, string] => !!m);
  const taken = new Set(ids);
  if (numbered.length) {
    const [prefix, digits] = numbered[numbered.length - 1];
    let n = Math.max(...numbered.filter((m) => m[0] === prefix).map((m) => Number(m[1]))) + 1;
    while (taken.has(prefix + String(n).padStart(digits.length, '0'))) n++;
    return prefix + String(n).padStart(digits.length, '0');
  }
  // `2026-02-19_self-heal-run.md` → `SELF-HEAL-RUN-001`.
  const stem = file
    ? path
        .basename(file)
        .replace(/\.[^.]*$/, '')
        .replace(/^\d{4}-\d{2}-\d{2}[_-]?/, '')
    : '';
  const base = stem
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || DEFAULTS.candidateIdPrefix}-001`;
}

/** `key: value` as a snippet, indented for a key at `indent`; list keys get their first item. */
function keySnippet(schema: Schema, conv: Conventions, key: string, indent: string, eol: string, n: number, id: string): string {
  const values = conventionalValues(conv, key);
  if (key === CANDIDATE.id) return `${key}: \${${n}:${snippetText(id)}}`;
  if (values) return `${key}: ${snippetChoice(n, values)}`;
  if (schema.candidates.keyTypes.get(key) === 'list[string]') return `${key}:${eol}${indent}- \${${n}}`;
  return `${key}: \${${n}}`;
}

function keyItems(site: Site, keys: string[], indent: string, replaceFrom: number, prefix: string): CompletionItem[] {
  const { model, schema, conventions } = site.result;
  const eol = model.text.eol();
  const id = freshId(model, site.ctx.file);
  const words = help().candidateKeys;
  const range = lineSpan(site.pos.line, replaceFrom, site.pos.character);
  return keys.map((key) => ({
    label: key,
    kind: CompletionItemKind.Property,
    detail: `${schema.candidates.keyTypes.get(key) ?? 'string'} · required`,
    documentation: words.has(key) ? markdownDoc(words.get(key)!) : undefined,
    sortText: String(schema.candidates.requiredKeys.indexOf(key)).padStart(3, '0'),
    filterText: prefix + key,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: prefix + keySnippet(schema, conventions, key, indent, eol, 1, id) },
  }));
}

/** A whole new candidate: every required key, in the schema's order, with a fresh id. */
function newItem(site: Site, itemIndent: number, keyCol: number, replaceFrom: number): CompletionItem {
  const { model, schema, conventions } = site.result;
  const eol = model.text.eol();
  const id = freshId(model, site.ctx.file);
  const pad = ' '.repeat(keyCol);
  const lines = schema.candidates.requiredKeys.map((k, i) => keySnippet(schema, conventions, k, pad, eol, i + 1, id));
  const dash = '-' + ' '.repeat(Math.max(1, keyCol - itemIndent - 1));
  return {
    label: `- ${CANDIDATE.id}: ${id}`,
    kind: CompletionItemKind.Snippet,
    detail: 'a new spec candidate with every required key',
    sortText: '0',
    filterText: '- ' + CANDIDATE.id,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: lineSpan(site.pos.line, replaceFrom, site.pos.character), newText: dash + lines.join(eol + pad) + '$0' },
  };
}

function valueItems(site: Site, key: string, valueStart: number): CompletionItem[] {
  const { model, conventions } = site.result;
  const range = lineSpan(site.pos.line, valueStart, site.pos.character);
  let order = 0;
  const item = (text: string, detail: string): CompletionItem => ({
    label: text,
    kind: CompletionItemKind.Value,
    detail,
    sortText: String(order++).padStart(3, '0'),
    filterText: text,
    textEdit: { range, newText: text },
  });
  if (key === CANDIDATE.id) return [item(freshId(model, site.ctx.file), 'a fresh id')];
  return (conventionalValues(conventions, key) ?? []).map((v) => item(v, `conventional ${key}`));
}

/** The key above whose list a `- ` line at the key column belongs to. */
function listKeyAbove(model: SnapshotModel, line: number, keyCol: number): string | undefined {
  for (let i = line - 1; i > model.candidates!.fence.openLine; i--) {
    const t = model.text.lineText(i);
    const m = /^ *(?:- +)?([a-z_][\w-]*) *:\s*$/i.exec(t);
    if (m) return m[1];
    if (!/^ *- /.test(t) || t.search(/\S/) < keyCol - 2) return undefined;
  }
  return undefined;
}

export function candidateCompletions(site: Site): CompletionItem[] {
  const { model } = site.result;
  const { before, pos } = site;
  if (site.text.slice(pos.character).trim() !== '') return [];
  const { itemIndent, keyCol } = itemLayout(model);
  const indent = before.length - before.trimStart().length;
  const keyMissing = (line: number) =>
    site.result.schema.candidates.requiredKeys.filter((k) => !itemKeys(model, line, itemIndent, keyCol).has(k));
  const value = /^ *(?:- +)?([a-z_][\w-]*) *: *(\S*)$/i.exec(before);
  if (value) return valueItems(site, value[1], before.length - value[2].length);
  const dash = /^( *)-( *)(\S*)$/.exec(before);
  if (dash && dash[1].length === itemIndent) {
    // `- ` at the items' column: a new candidate, or the first key of one.
    if (dash[3] === '') return [newItem(site, itemIndent, keyCol, indent)];
    return keyItems(site, keyMissing(pos.line), ' '.repeat(keyCol), indent + 1 + dash[2].length, '');
  }
  if (dash && dash[1].length >= itemIndent + 1) {
    const key = listKeyAbove(model, pos.line, keyCol);
    if (key !== CANDIDATE.affectedPaths || !site.ctx.root) return [];
    const typed = dash[3].replace(/^["']/, '');
    const start = before.length - typed.length;
    return pathItems({ workspace: site.ctx.workspace, root: site.ctx.root, typed, line: pos.line, start, withLine: false });
  }
  const key = /^( *)([a-z_]*)$/i.exec(before);
  if (!key) return [];
  if (key[1].length <= itemIndent && key[2] === '') return [newItem(site, itemIndent, keyCol, 0)];
  if (key[1].length === keyCol) return keyItems(site, keyMissing(pos.line), key[1], keyCol, '');
  return [];
}

/** Classification Labels: unlabelled candidate ids first, then the allowed labels after `: `. */
export function labelCompletions(site: Site): CompletionItem[] | undefined {
  const { model } = site.result;
  if (sectionAt(model, site.pos.line)?.name !== SECTION.labels) return undefined;
  const written = parseLabelLine(site.before);
  if (written?.id && /^\w*$/.test(site.before.slice(written.labelStart))) {
    return labelValueItems(site, written.labelStart, site.before[written.labelStart - 1] === ':');
  }
  const id = /^(\s*)[-*+](\s*)(`?)([^`:\s]*)$/.exec(site.before);
  if (!id || (id[2] === '' && (id[3] !== '' || id[4] !== ''))) return undefined;
  return labelIdItems(site, id[1].length + (id[2] === '' ? 0 : 1 + id[2].length), id[2] === '', id[3] === '`');
}

function labelIdItems(site: Site, from: number, needsDash: boolean, ticked: boolean): CompletionItem[] {
  const { model } = site.result;
  const labelled = new Map(model.labels.map((l) => [l.id, l.label]));
  // Written as the labels already there are: with backticks unless they are bare.
  const backticks = ticked || model.labels.length === 0 || model.text.lineText(model.labels[0].line).includes('`');
  // A closing backtick already after the cursor is replaced, not doubled.
  const after = site.text.slice(site.pos.character);
  const end = site.pos.character + (ticked && after.startsWith('`') ? 1 : 0);
  const range = lineSpan(site.pos.line, from, end);
  const ids = readCandidates(model)
    .map((c) => c.id)
    .filter((x): x is string => !!x);
  // The label goes on as a choice of the allowed labels: the editor lists those alone there (a
  // list opened again would also hold every Markdown snippet of the editor, which no label is).
  const allowed = site.result.schema.labels.allowed;
  const then = allowed.length ? snippetChoice(1, allowed) : '';
  return [...new Set(ids)].map((id) => {
    const text = `${needsDash ? '- ' : ''}${backticks ? `\`${id}\`` : id}: `;
    const label = labelled.get(id);
    const detail = label === undefined ? 'no label yet' : `labelled ${label}`;
    return {
      label: id,
      labelDetails: { description: detail },
      kind: CompletionItemKind.Reference,
      detail,
      sortText: `${label === undefined ? 0 : 1}${id}`,
      filterText: text,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: snippetText(text) + then },
    };
  });
}

function labelValueItems(site: Site, from: number, needsSpace: boolean): CompletionItem[] {
  const words = help().labels;
  const range = lineSpan(site.pos.line, from, site.pos.character);
  return site.result.schema.labels.allowed.map((label, i) => ({
    label,
    kind: CompletionItemKind.EnumMember,
    detail: 'classification label',
    documentation: words.has(label) ? markdownDoc(words.get(label)!) : undefined,
    sortText: String(i).padStart(3, '0'),
    filterText: (needsSpace ? ' ' : '') + label,
    textEdit: { range, newText: (needsSpace ? ' ' : '') + label },
  }));
}
