// candidates/*: the fenced YAML list of spec candidates, checked against the schema's keys and
// types, with YAML errors at their exact line and column.
import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { deref, nodeRange, readCandidates, type Candidate } from '../model/candidates';
import { CANDIDATES_LANG, SECTION } from '../contract/contract';
import type { Fix } from '../findings';
import { closeness, nameDifference } from '../model/nearMiss';
import { hasPlaceholder } from '../contract/placeholders';
import type { CandidatesBlock, Section } from '../model/snapshot';
import { candidatePlaceholder } from '../contract/templates';
import { insertLinesAfter, lineSpan, range as spanOf } from '../model/text';
import { parseYaml, yamlErrorCause, type YamlCause } from '../model/yaml';
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
  if (!other && reportUnfenced(ctx, section, report)) return;
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

function causeNote(cause: YamlCause): string {
  if (cause.kind === 'tab') return 'a tab indents this line; YAML indents with spaces only';
  return `the ${cause.char === '"' || cause.char === "'" ? `${cause.char} quote` : `"${cause.char}"`} opened here is never closed`;
}

/** The fix at a cause: close the quote or bracket at the end of its line, or indent with spaces. */
function causeFix(ctx: RuleContext, at: { line: number; character: number }, cause: YamlCause): Fix {
  const { text } = ctx.model;
  const t = text.lineText(at.line);
  if (cause.kind !== 'tab') {
    const close = cause.char === '[' ? ']' : cause.char === '{' ? '}' : cause.char;
    const end = t.trimEnd().length;
    return {
      title: `Close the ${close} at the end of the line`,
      safe: false,
      preferred: true,
      edits: [{ range: lineSpan(at.line, end, end), newText: close }],
    };
  }
  // As deep as the keys of the line above: where a tab-indented line almost always belongs.
  let prev = at.line - 1;
  while (prev >= 0 && text.lineText(prev).trim() === '') prev--;
  const above = prev >= 0 ? text.lineText(prev) : '';
  const column = /^[ -]*/.exec(above)![0].length;
  const lead = t.length - t.trimStart().length;
  return {
    title: 'Indent with spaces',
    safe: false,
    preferred: true,
    edits: [{ range: lineSpan(at.line, 0, lead), newText: ' '.repeat(column) }],
  };
}

/** How many yaml-syntax findings a block's text gets: the errors up to and including the one moved to its cause. */
function reportedErrors(content: string): number {
  const doc = parseYaml(content);
  const cause = yamlErrorCause(content);
  const k = cause ? doc.errors.findIndex((e) => e.pos[0] >= cause.offset) : -1;
  return k >= 0 ? k + 1 : doc.errors.length;
}

/** The fix, when applying it to the block leaves fewer YAML errors (it is tried on the block's text). */
function verifiedFix(ctx: RuleContext, block: CandidatesBlock, fix: Fix, before: number): Fix | undefined {
  const { text } = ctx.model;
  const e = fix.edits[0];
  const s = text.offsetAt(e.range.start) - block.offset;
  const content = text.text.slice(block.offset, block.fence.contentEnd);
  const after = content.slice(0, s) + e.newText + content.slice(text.offsetAt(e.range.end) - block.offset);
  return reportedErrors(after) < before ? fix : undefined;
}

/**
 * YAML errors, where they were made: an unclosed quote or bracket at its opening, a tab at the
 * tab (the parser's message kept, the place added). The errors the parser reports after the
 * cause follow from it and are left out; those before it stand.
 */
function reportYamlErrors(ctx: RuleContext, block: CandidatesBlock, report: Report): void {
  const { doc, offset } = block;
  const cause = yamlErrorCause(ctx.model.text.text.slice(offset, block.fence.contentEnd));
  const k = cause ? doc.errors.findIndex((e) => e.pos[0] >= cause.offset) : -1;
  doc.errors.forEach((err, i) => {
    if (k >= 0 && i > k) return;
    const [a, b] = err.pos;
    const message = `YAML: ${err.message.split('\n')[0]}`;
    if (i !== k || !cause) {
      report('candidates/yaml-syntax', ctx.model.text.rangeOf(offset + a, offset + Math.max(b, a + 1)), message);
      return;
    }
    const at = ctx.model.text.positionAt(offset + cause.offset);
    const gaveUp = ctx.model.text.rangeOf(offset + a, offset + Math.max(b, a + 1));
    const fix = verifiedFix(ctx, block, causeFix(ctx, at, cause), k + 1);
    report('candidates/yaml-syntax', spanOf(at.line, at.character, at.line, at.character + 1), `${message} (${causeNote(cause)}).`, {
      fixes: fix ? [fix] : undefined,
      related: [{ message: 'where the YAML parser stopped', range: gaveUp }],
    });
  });
}

/** A required key written almost right (`Title`, `acceptance-criteria`): reported on it, renamed in place. */
function nearKeys(ctx: RuleContext, c: Candidate, missing: string[], report: Report): string[] {
  const known = new Set([...ctx.schema.candidates.keyTypes.keys(), ...ctx.schema.candidates.requiredKeys]);
  const block = ctx.model.candidates!;
  const left: string[] = [];
  for (const want of missing) {
    const pair = c.node.items.find((p) => isScalar(p.key) && !known.has(String(p.key.value)) && closeness(String(p.key.value), want));
    if (!pair) {
      left.push(want);
      continue;
    }
    const found = String((pair.key as { value: unknown }).value);
    const how = closeness(found, want)!;
    const at = nodeRange(ctx.model, block.offset, pair.key as Node)!;
    const why = how === 'case' ? 'candidate keys are case-sensitive' : nameDifference(how, want);
    report('candidates/near-miss', at, `"${found}:" — ${why}; the schema requires the key "${want}:".`, {
      fixes: [{ title: `Rename the key to "${want}"`, safe: how !== 'spelling', preferred: true, edits: [{ range: at, newText: want }] }],
    });
  }
  return left;
}

function checkMissingKeys(ctx: RuleContext, c: Candidate, report: Report): void {
  const { model, schema } = ctx;
  const missing = nearKeys(
    ctx,
    c,
    schema.candidates.requiredKeys.filter((k) => !c.node.has(k)),
    report,
  );
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

function checkString(key: string, value: unknown, where: () => Range, report: Report): void {
  if (isText(value)) return;
  const at = where();
  const what = isScalar(value) && typeof value.value === 'string' ? 'an empty string' : describe(value);
  const quote = isScalar(value) && (typeof value.value === 'number' || typeof value.value === 'boolean') ? '; quote it' : '';
  report('candidates/key-type', at, `"${key}" must be a non-empty string (it is ${what}${quote}).`);
}

function checkList(ctx: RuleContext, doc: Document.Parsed, key: string, value: unknown, where: () => Range, report: Report): void {
  if (!isSeq(value) || value.items.length === 0) {
    report(
      'candidates/key-type',
      where(),
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
      nodeRange(ctx.model, ctx.model.candidates!.offset, x as Node) ?? where(),
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
  // Where the value is written, worked out when a finding needs it (most pairs have none).
  let at: Range | undefined;
  const where = (): Range => {
    const keyAt = nodeRange(ctx.model, block.offset, pair.key as Node)!;
    return (at ??= pair.value ? (nodeRange(ctx.model, block.offset, pair.value as Node) ?? keyAt) : keyAt);
  };
  const type = ctx.schema.candidates.keyTypes.get(key);
  if (type === 'string') checkString(key, value, where, report);
  else if (type === 'list[string]') checkList(ctx, block.doc, key, value, where, report);
  const allowed = conventionalValues(ctx, key);
  if (!allowed?.length || !isText(value)) return;
  const v = (value as { value: string }).value;
  // A placeholder is the author's to fill, not a wrong value: the placeholder rule reports it.
  if (hasPlaceholder(v, { alternatives: true, allowed, whole: true })) return;
  if (!allowed.includes(v)) {
    report('candidates/convention', where(), `"${key}: ${v}" is not a conventional value; use one of: ${allowed.join(', ')}.`);
  }
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

function checkDuplicateIds(ctx: RuleContext, candidates: Candidate[], report: Report): void {
  const first = new Map<string, Range>();
  for (const c of candidates) {
    // A template's candidates may all carry the placeholder id.
    if (!c.id || !c.idRange || (ctx.template && hasPlaceholder(c.id, { whole: true }))) continue;
    const seen = first.get(c.id);
    if (!seen) {
      first.set(c.id, c.idRange);
      continue;
    }
    report(
      'candidates/duplicate-id',
      c.idRange,
      `Candidate id "${c.id}" is used twice (first on line ${seen.start.line + 1}); labels and pending specs are keyed by id, so one candidate would be lost: give each its own id.`,
      {
        related: [{ message: `the first candidate with the id "${c.id}"`, range: seen }],
      },
    );
  }
}

/** The info string's first word as written (`yml`, `YAML`), and where it is on the line. */
function infoWord(line: string, marker: string): { word: string; start: number } {
  let i = line.indexOf(marker) + marker.length;
  while (line[i] === ' ' || line[i] === '\t') i++;
  let e = i;
  while (e < line.length && line[e] !== ' ' && line[e] !== '\t') e++;
  return { word: line.slice(i, e), start: i };
}

/** The block read as the candidates, marked `yml` or `YAML`: the contract's validator wants `yaml`. */
function reportFenceLang(ctx: RuleContext, block: CandidatesBlock, report: Report): void {
  const line = block.fence.openLine;
  const { word, start } = infoWord(ctx.model.text.lineText(line), block.fence.marker);
  if (word === CANDIDATES_LANG) return;
  const at = lineSpan(line, start, start + word.length);
  report('candidates/near-miss', at, `The candidates fence is "${word}"; the contract requires "${CANDIDATES_LANG}".`, {
    fixes: [
      { title: `Mark the fence "${CANDIDATES_LANG}"`, safe: true, preferred: true, edits: [{ range: at, newText: CANDIDATES_LANG }] },
    ],
  });
}

/** The lines of a YAML list written without a fence, from its first line: up to the last item or indented line. */
function listExtent(ctx: RuleContext, section: Section, first: number): number {
  let last = first;
  for (let i = first + 1; i < section.endLine; i++) {
    const t = ctx.model.text.lineText(i);
    if (t.trim() === '') continue;
    if (!(t.startsWith('-') || t.startsWith(' '))) break;
    last = i;
  }
  return last;
}

/** Candidates written in the section without a fence: reported at the list, wrapped in a ```yaml fence. */
function reportUnfenced(ctx: RuleContext, section: Section, report: Report): boolean {
  const own = ctx.unchecked.filter((c) => c.fenceLine === undefined && c.under?.line === section.heading.line);
  if (!own.length) return false;
  const { text } = ctx.model;
  // The list starts at the item that holds the first id (`- id: …`, or a `- key:` line above it).
  let first = own[0].groupLine;
  while (first > section.startLine && !text.lineText(first).startsWith('-') && text.lineText(first - 1).trim() !== '') first--;
  const last = listExtent(ctx, section, first);
  const eol = text.eol();
  const t = text.lineText(first);
  report(
    'candidates/near-miss',
    lineSpan(first, 0, t.trimEnd().length),
    `The candidates (${own.map((c) => c.id).join(', ')}) are not in a fenced block; the contract requires them inside \`\`\`yaml … \`\`\`.`,
    {
      fixes: [
        {
          title: 'Put the candidates in a ```yaml fence',
          safe: true,
          preferred: true,
          edits: [{ range: lineSpan(first, 0, 0), newText: '```yaml' + eol }, insertLinesAfter(text, last, '```' + eol)],
        },
      ],
    },
  );
  return true;
}

function check(ctx: RuleContext, report: Report): void {
  const { model } = ctx;
  const section = model.sections.find((s) => s.name === SECTION.candidates);
  if (!section) return;
  const block = model.candidates;
  if (!block) return reportNoBlock(ctx, section, report);
  reportFenceLang(ctx, block, report);
  if (block.doc.errors.length) return reportYamlErrors(ctx, block, report);
  checkItems(ctx, report);
  const candidates = readCandidates(model);
  for (const c of candidates) {
    checkMissingKeys(ctx, c, report);
    for (const pair of c.node.items) checkPair(ctx, pair, report);
  }
  checkDuplicateIds(ctx, candidates, report);
}

export const candidateRules = defineRules({
  family: 'candidates',
  rules: [
    { id: 'candidates/block', contract: true, fixable: true, description: 'Spec Candidates (YAML) has no fenced ```` ```yaml ```` block.' },
    {
      id: 'candidates/yaml-syntax',
      contract: true,
      fixable: true,
      description:
        'The candidates block is not valid YAML, reported where the error was made (an unclosed quote or bracket at its opening, a tab at the tab).',
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
    {
      id: 'candidates/convention',
      contract: false,
      convention: true,
      fixable: false,
      description: '`type`, `class` or `risk` is not a conventional value.',
    },
    {
      id: 'candidates/duplicate-id',
      contract: true,
      fixable: false,
      description: 'Two candidates share an id (labels and pending specs are keyed by id: one would be lost).',
    },
    {
      id: 'candidates/near-miss',
      contract: true,
      fixable: true,
      description:
        'The candidates are written almost right: a fence marked `yml` (or `YAML`), a list without a fence, a required key in another case or spelling; reported there and rewritten in place.',
    },
  ],
  check,
});
