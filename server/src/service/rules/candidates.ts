// candidates/*: the fenced YAML list of spec candidates, checked against the schema's keys and
// types, with YAML errors at their exact line and column.
import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { deref, nodeRange, readCandidates, type Candidate } from '../candidates';
import { CANDIDATES_LANG, PLACEHOLDER, SECTION } from '../contract';
import type { Fix } from '../findings';
import type { Section } from '../snapshot';
import { candidatePlaceholder } from '../templates';
import { insertLinesAfter, lineSpan } from '../text';
import { parseYaml } from '../yaml';
import { defineRules, type Report, type RuleContext } from './registry';

function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'null';
    return typeof node.value === 'string' ? 'a string' : `a ${typeof node.value}`;
  }
  return 'something else';
}

/** No yaml block in the section: another fence to mark as yaml, or a block to insert. */
function reportNoBlock(ctx: RuleContext, section: Section, report: Report): void {
  const { model } = ctx;
  const other = model.fences.find((f) => f.openLine > section.heading.line && f.openLine < section.endLine);
  const eol = model.text.eol();
  if (!other) {
    report(
      'candidates/block',
      section.heading.textRange,
      `Section "${SECTION.candidates}" needs a fenced \`\`\`yaml block with the list of spec candidates.`,
      {
        fixes: [
          {
            title: 'Insert an empty candidates block',
            safe: true,
            preferred: true,
            edits: [insertLinesAfter(model.text, section.heading.line, `${eol}\`\`\`yaml${eol}[]${eol}\`\`\`${eol}`)],
          },
        ],
      },
    );
    return;
  }
  // Marking a block as yaml is safe only when what it holds already reads as a YAML list.
  const readsAsList = (() => {
    if (other.lang !== '' || other.closeLine === undefined) return false;
    const d = parseYaml(model.text.text.slice(other.contentStart, other.contentEnd));
    return d.errors.length === 0 && isSeq(d.contents);
  })();
  const open = model.text.lineText(other.openLine);
  const markerEnd = open.indexOf(other.marker) + other.marker.length;
  const fix: Fix = {
    title: 'Mark the block as yaml',
    safe: readsAsList,
    preferred: true,
    edits: [
      {
        range: model.text.lineRange(other.openLine),
        newText: open.slice(0, markerEnd) + CANDIDATES_LANG + afterFirstWord(open.slice(markerEnd)),
      },
    ],
  };
  const has = other.lang ? `"${other.lang}"` : 'none';
  report(
    'candidates/block',
    model.text.lineRange(other.openLine),
    `The candidates block must be a fenced block with the info string "yaml" (this one has ${has}).`,
    {
      fixes: [fix],
    },
  );
}

/** The info string after its first word (what follows a language name is kept). */
function afterFirstWord(info: string): string {
  const s = info.trimStart();
  const sp = s.search(/[ \t]/);
  return sp < 0 ? '' : s.slice(sp);
}

function reportYamlErrors(ctx: RuleContext, doc: Document.Parsed, offset: number, report: Report): void {
  for (const err of doc.errors) {
    const [a, b] = err.pos;
    report(
      'candidates/yaml-syntax',
      ctx.model.text.rangeOf(offset + a, offset + Math.max(b, a + 1)),
      `YAML: ${err.message.split('\n')[0]}`,
    );
  }
}

function checkMissingKeys(ctx: RuleContext, c: Candidate, report: Report): void {
  const { model, schema } = ctx;
  const missing = schema.candidates.requiredKeys.filter((k) => !c.node.has(k));
  if (!missing.length) return;
  const name = c.id ? `Candidate ${c.id}` : 'This candidate';
  const indent = ' '.repeat(c.keyColumn);
  const lastText = model.text.lineText(c.lastLine);
  const eol = model.text.eol();
  const insert = missing
    .map((k) => `${indent}${k}:${candidatePlaceholder(schema.candidates.keyTypes.get(k)).replace('\n', eol + indent)}`)
    .join(eol);
  const range = c.idRange ?? lineSpan(c.range.start.line, c.range.start.character, model.text.lineText(c.range.start.line).length);
  report('candidates/missing-key', range, `${name} is missing required key${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`, {
    fixes: [
      {
        title: `Add ${missing.join(', ')} with placeholders`,
        safe: true,
        preferred: true,
        edits: [{ range: lineSpan(c.lastLine, lastText.length, lastText.length), newText: eol + insert }],
      },
    ],
  });
}

const isText = (n: unknown) => isScalar(n) && typeof n.value === 'string' && n.value.trim() !== '';

function checkString(key: string, value: unknown, at: Range, report: Report): void {
  if (isText(value)) return;
  const what = isScalar(value) && typeof value.value === 'string' ? 'an empty string' : describe(value);
  const quote = isScalar(value) && (typeof value.value === 'number' || typeof value.value === 'boolean') ? '; quote it' : '';
  report('candidates/key-type', at, `"${key}" must be a non-empty string (it is ${what}${quote}).`);
}

function checkList(ctx: RuleContext, doc: Document.Parsed, key: string, value: unknown, at: Range, report: Report): void {
  if (!isSeq(value) || value.items.length === 0) {
    report(
      'candidates/key-type',
      at,
      `"${key}" must be a non-empty list of strings (it is ${isSeq(value) ? 'an empty list' : describe(value)}).`,
    );
    return;
  }
  for (const x of value.items) {
    const y = deref(doc, x);
    if (isText(y)) continue;
    const what = isScalar(y) && typeof y.value === 'string' ? 'an empty string' : describe(y);
    report(
      'candidates/key-type',
      nodeRange(ctx.model, ctx.model.candidates!.offset, x as Node) ?? at,
      `Each item of "${key}" must be a non-empty string (this one is ${what}).`,
    );
  }
}

function conventionalValues(ctx: RuleContext, key: string): string[] | undefined {
  const conv = ctx.conventions;
  if (key === 'type') return conv.candidateTypes;
  if (key === 'class') return conv.candidateClasses;
  if (key === 'risk') return conv.candidateRisks;
  return undefined;
}

function checkPair(ctx: RuleContext, pair: Pair, report: Report): void {
  const block = ctx.model.candidates!;
  const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
  if (!key) return;
  const value = deref(block.doc, pair.value);
  const keyAt = nodeRange(ctx.model, block.offset, pair.key as Node)!;
  const at = pair.value ? (nodeRange(ctx.model, block.offset, pair.value as Node) ?? keyAt) : keyAt;
  const type = ctx.schema.candidates.keyTypes.get(key);
  if (type === 'string') checkString(key, value, at, report);
  else if (type === 'list[string]') checkList(ctx, block.doc, key, value, at, report);
  const allowed = conventionalValues(ctx, key);
  // `TODO` is the placeholder fixes and new snapshots write: the author's to fill, not a wrong value.
  if (!allowed?.length || !isText(value) || (value as { value: string }).value === PLACEHOLDER) return;
  const v = (value as { value: string }).value;
  if (!allowed.includes(v)) report('candidates/convention', at, `"${key}: ${v}" is not a conventional value (${allowed.join(', ')}).`);
}

function checkItems(ctx: RuleContext, report: Report): void {
  const block = ctx.model.candidates!;
  const root = block.doc.contents;
  if (!isSeq(root)) {
    const at = nodeRange(ctx.model, block.offset, root as Node | null) ?? ctx.model.text.lineRange(block.fence.openLine);
    report('candidates/root', at, `The candidates block must be a YAML list of candidates (it is ${describe(root)}).`);
    return;
  }
  for (const raw of root.items) {
    const item = deref(block.doc, raw);
    if (isMap(item)) continue;
    const at = nodeRange(ctx.model, block.offset, raw as Node) ?? ctx.model.text.lineRange(block.fence.openLine);
    report('candidates/item', at, `Each candidate must be a mapping of keys (this item is ${describe(item)}).`);
  }
}

function checkDuplicateIds(candidates: Candidate[], report: Report): void {
  const first = new Map<string, Range>();
  for (const c of candidates) {
    if (!c.id || !c.idRange) continue;
    const seen = first.get(c.id);
    if (!seen) {
      first.set(c.id, c.idRange);
      continue;
    }
    report(
      'candidates/duplicate-id',
      c.idRange,
      `Duplicate candidate id "${c.id}" (first on line ${seen.start.line + 1}); labels and pending specs are keyed by id.`,
      {
        related: [{ message: 'first candidate with this id', range: seen }],
      },
    );
  }
}

function check(ctx: RuleContext, report: Report): void {
  const { model } = ctx;
  const section = model.sections.find((s) => s.name === SECTION.candidates);
  if (!section) return;
  const block = model.candidates;
  if (!block) return reportNoBlock(ctx, section, report);
  if (block.doc.errors.length) return reportYamlErrors(ctx, block.doc, block.offset, report);
  checkItems(ctx, report);
  const candidates = readCandidates(model);
  for (const c of candidates) {
    checkMissingKeys(ctx, c, report);
    for (const pair of c.node.items) checkPair(ctx, pair, report);
  }
  checkDuplicateIds(candidates, report);
}

export const candidateRules = defineRules({
  family: 'candidates',
  rules: [
    { id: 'candidates/block', contract: true, fixable: true, description: 'Spec Candidates (YAML) has no fenced ```` ```yaml ```` block.' },
    {
      id: 'candidates/yaml-syntax',
      contract: true,
      fixable: false,
      description: 'The candidates block is not valid YAML (reported at the line and column).',
    },
    { id: 'candidates/root', contract: true, fixable: false, description: 'The candidates YAML is not a list.' },
    { id: 'candidates/item', contract: true, fixable: false, description: 'A candidate is not a mapping of keys.' },
    { id: 'candidates/missing-key', contract: true, fixable: true, description: 'A candidate lacks a key the schema requires.' },
    {
      id: 'candidates/key-type',
      contract: true,
      fixable: false,
      description: 'A value is not a non-empty string, or not a non-empty list of non-empty strings, as the schema types it.',
    },
    { id: 'candidates/convention', contract: false, fixable: false, description: '`type`, `class` or `risk` is not a conventional value.' },
    { id: 'candidates/duplicate-id', contract: false, fixable: false, description: 'Two candidates share an id.' },
  ],
  check,
});
