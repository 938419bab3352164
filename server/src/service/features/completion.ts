// Completion, contextual and schema-driven: what may be written at a position, from the schema in
// use, the conventions and the snapshot itself. Metadata keys and their values and section
// headings are here; table cells (completeTables.ts), the candidates YAML and the labels
// (completeCandidates.ts) and repository paths (completePaths.ts) each have their own module.
// A position where nothing belongs (prose, Raw Output, another fenced block, past the end)
// answers an empty list.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import { DEFAULTS, META } from '../contract/contract';
import type { CheckResult } from '../engine';
import { help } from '../contract/help';
import { parseBullet, parseMetaLine } from '../model/lines';
import { headRevision } from '../repo/repoRevision';
import type { SnapshotModel } from '../model/snapshot';
import { sectionBody } from '../contract/templates';
import { lineSpan } from '../model/text';
import { candidateCompletions, labelCompletions } from './completeCandidates';
import { pathItems } from './completePaths';
import { cellCompletions } from './completeTables';
import type { AuthoringContext } from './context';
import { folderSchema } from './skeleton';
import { fenceAt, inCandidatesBlock, lineAt } from './where';
import { markdownDoc, snippetChoice, snippetText, type Site } from './completeSite';

/** Characters that open the list in Markdown, where VS Code turns quick suggestions off. */
export const TRIGGER_CHARACTERS = ['`', ':', '|', '-', '/', ' '];

/**
 * Whether a typed trigger character can open anything, judged from the line before the cursor
 * alone. A space or a dash in prose is typed all the time; answering those would otherwise check
 * the new version at once instead of after the pause in typing, for an empty list.
 */
export function triggerMayComplete(before: string, trigger: string | undefined): boolean {
  // After `## `, `- `, `| `, `Key: ` and `` `ID`: ``: a heading, a bullet, a cell, a value.
  if (trigger === ' ') return /[#|:*+`-] $/.test(before);
  // A bullet being started (labels, refs, a new candidate).
  if (trigger === '-') return /^\s*-$/.test(before);
  return true;
}

export interface CompletionQuery {
  position: Position;
  /** The character that opened the list, when one did (undefined: invoked, or typing on). */
  trigger?: string;
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export function completionsAt(result: CheckResult, ctx: AuthoringContext, q: CompletionQuery): CompletionList {
  const at = lineAt(result.model, q.position);
  if (!at) return EMPTY;
  const site: Site = { result, ctx, pos: q.position, text: at.text, before: at.before, trigger: q.trigger };
  // In the order the editor shows them (it sorts by sortText too), so every client sees one order.
  const items = itemsAt(site).sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  return { isIncomplete: false, items };
}

function itemsAt(site: Site): CompletionItem[] {
  const { model } = site.result;
  const line = site.pos.line;
  if (inCandidatesBlock(model, line)) return candidateCompletions(site);
  if (fenceAt(model, line)) return [];
  if (line < model.headerEnd && (!model.title || line > model.title.line)) {
    const meta = metadataCompletions(site);
    // With every key written, a blank line there can still take the first section.
    if (meta && (meta.length || site.text.trim() !== '')) return meta;
  }
  const heading = headingCompletions(site);
  if (heading) return heading;
  return cellCompletions(site) ?? labelCompletions(site) ?? [];
}

/** Metadata: keys not yet written (in the contract's order), then a value hint for the key. */
function metadataCompletions(site: Site): CompletionItem[] | undefined {
  const { before, text } = site;
  if (!text.includes(':') && /^(?:[a-z][a-z ]*)?$/i.test(before) && !(before === '' && site.trigger)) return keyItems(site);
  const meta = parseMetaLine(before);
  if (meta) return valueItems(site, meta.key, meta.valueStart);
  const bullet = parseBullet(before);
  if (bullet && listKeyAbove(site.result.model, site.pos.line) === META.refs) {
    const root = site.ctx.root;
    if (!root) return [];
    const typed = before.slice(bullet.start).replace(/^`/, '');
    return pathItems({
      workspace: site.ctx.workspace,
      root,
      typed,
      line: site.pos.line,
      start: before.length - typed.length,
      withLine: false,
    });
  }
  return undefined;
}

/** The key of the `Key:` line (with no inline value) whose bullet list holds `line`. */
function listKeyAbove(model: SnapshotModel, line: number): string | undefined {
  for (let i = line - 1; i >= 0; i--) {
    const t = model.text.lineText(i);
    if (parseBullet(t)) continue;
    const m = parseMetaLine(t);
    return m && m.value === '' ? m.key : undefined;
  }
  return undefined;
}

/** The value a key is completed with, as a snippet (and its hint in words). */
function valueHint(site: Site, key: string): { snippet: string; hint?: string } {
  const { ctx } = site;
  if (key === META.date) return { snippet: `\${1:${ctx.today}}`, hint: 'today' };
  if (key === META.repoRevision) {
    const head = ctx.root ? headRevision(ctx.workspace, ctx.root) : undefined;
    return head ? { snippet: `\${1:${head}}`, hint: 'HEAD' } : { snippet: '$1' };
  }
  if (key === META.runnerLane) return { snippet: snippetChoice(1, site.result.conventions.runnerLanes) };
  if (key === META.refs) return { snippet: `${site.result.model.text.eol()}- \${1:${snippetText(schemaRef(site))}}` };
  return { snippet: '$1' };
}

/** The schema path as a ref: the folder's schema file when it has one, else the contract's default. */
function schemaRef(site: Site): string {
  return folderSchema(site.ctx.workspace, site.ctx.root, site.ctx.settings).ref ?? DEFAULTS.schemaRef;
}

function keyItems(site: Site): CompletionItem[] {
  const { model, schema } = site.result;
  const written = new Set(model.metadata.map((m) => m.key));
  const range = lineSpan(site.pos.line, 0, site.pos.character);
  const words = help().metadata;
  const required = schema.requiredMetadata;
  return required
    .filter((k) => !written.has(k))
    .map((key) => {
      const hint = valueHint(site, key);
      const sep = key === META.refs ? ':' : ': ';
      return {
        label: key,
        kind: CompletionItemKind.Property,
        detail: `required metadata (${required.indexOf(key) + 1} of ${required.length})${hint.hint ? ` · ${hint.hint}` : ''}`,
        documentation: words.has(key) ? markdownDoc(words.get(key)!) : undefined,
        sortText: String(required.indexOf(key)).padStart(3, '0'),
        filterText: key,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: `${snippetText(key)}${sep}${hint.snippet}` },
      };
    });
}

function valueItems(site: Site, key: string, valueStart: number): CompletionItem[] {
  const { ctx, pos, before } = site;
  const typed = before.slice(valueStart);
  const range = lineSpan(pos.line, valueStart, pos.character);
  let order = 0;
  const item = (value: string, detail: string): CompletionItem => ({
    label: value,
    kind: CompletionItemKind.Value,
    detail,
    sortText: String(order++).padStart(3, '0'),
    filterText: value,
    textEdit: { range, newText: value },
  });
  if (key === META.date) return [item(ctx.today, 'today')];
  if (key === META.repoRevision) {
    const head = ctx.root ? headRevision(ctx.workspace, ctx.root) : undefined;
    return head ? [item(head, 'HEAD of the repository (read from .git)')] : [];
  }
  if (key === META.runnerLane) return site.result.conventions.runnerLanes.map((l) => item(l, 'runner lane'));
  if (key === META.prompt && ctx.root) {
    const path = typed.replace(/^`/, '');
    const start = valueStart + typed.length - path.length;
    return pathItems({ workspace: ctx.workspace, root: ctx.root, typed: path, line: pos.line, start, withLine: false });
  }
  return [];
}

/** At a heading position: the missing sections, the one that belongs here first, with its table header. */
function headingCompletions(site: Site): CompletionItem[] | undefined {
  const { before, text, pos } = site;
  if (text.slice(pos.character).trim() !== '') return undefined;
  const typedHeading = /^#{1,2}(?: [^#]*)?$/.test(before);
  const blankInvoked = before.trim() === '' && text.trim() === '' && !site.trigger;
  if (!typedHeading && !blankInvoked) return undefined;
  const { model, schema } = site.result;
  const present = new Set(model.sections.map((s) => s.name));
  const required = schema.requiredSections;
  const lastBefore = Math.max(-1, ...model.sections.filter((s) => s.heading.line < pos.line).map((s) => required.indexOf(s.name)));
  const next = required.find((name, i) => i > lastBefore && !present.has(name));
  const eol = model.text.eol();
  const range = lineSpan(pos.line, 0, pos.character);
  const words = help().sections;
  return required
    .filter((name) => !present.has(name))
    .map((name) => {
      const body = sectionBody(schema, name).map(snippetText);
      const newText = [`## ${snippetText(name)}`, '', ...body].join(eol) + (body.length ? '$0' : `${eol}$0`);
      return {
        label: `## ${name}`,
        kind: CompletionItemKind.Module,
        detail: `required section ${required.indexOf(name) + 1} of ${required.length}${name === next ? ' · belongs here' : ''}`,
        documentation: words.has(name) ? markdownDoc(words.get(name)!) : undefined,
        preselect: name === next,
        sortText: name === next ? '0' : `1${String(required.indexOf(name)).padStart(3, '0')}`,
        filterText: `## ${name}`,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText },
      };
    });
}
