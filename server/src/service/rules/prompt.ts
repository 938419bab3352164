// The review prompts are checked too: a prompt (a Markdown file the `prompts` globs match, by
// default under reviews/prompts/) must name the schema and the output contract the repository
// uses, and ask for every required section by its exact `## ` heading, in the schema's order —
// what the contract's home repository enforces on its own prompts in its governance suite. The
// findings carry fixes that insert what is missing where the prompt's text is (inside its
// ```text fence when it has one, else at its end). Prompts are not snapshots: these findings
// are made here, not by the snapshot rule modules.
import type { Range } from 'vscode-languageserver-types';
import type { RuleLevel } from '../config/config';
import { matchesFiles, isSnapshot, type CompiledGlobs } from '../repo/files';
import type { Finding, Fix } from '../findings';
import { readBlocks } from '../model/blocks';
import { fenceLang } from '../model/lines';
import { TextLines } from '../model/text';
import type { PromptContract } from '../contract/promptContract';
import type { SnapshotSettings } from '../config/settings';
import { defineRules } from './registry';

export const promptRules = defineRules({
  family: 'prompt',
  rules: [
    {
      id: 'prompt/schema-ref',
      contract: false,
      fixable: true,
      description: "A review prompt does not name the repository's review snapshot schema file.",
    },
    {
      id: 'prompt/contract-ref',
      contract: false,
      fixable: true,
      description: "A review prompt does not name the repository's output contract (`…review_output_contract.md`).",
    },
    {
      id: 'prompt/section-missing',
      contract: false,
      fixable: true,
      description: 'A review prompt does not ask for a required section by its exact `## ` heading.',
    },
    {
      id: 'prompt/section-order',
      contract: false,
      fixable: false,
      description: "A review prompt asks for the required sections out of the schema's order.",
    },
  ],
  check: () => undefined,
});

/** Whether a file is a review prompt: Markdown, matched by the `prompts` globs, neither ignored nor a snapshot. */
export function isReviewPrompt(
  relPath: string | undefined,
  text: string,
  settings: Pick<SnapshotSettings, 'files' | 'ignores' | 'prompts'>,
  compiled: CompiledGlobs,
): boolean {
  if (relPath === undefined || !relPath.toLowerCase().endsWith('.md') || !settings.prompts.length) return false;
  if (!matchesFiles(relPath, settings.prompts, compiled)) return false;
  if (settings.ignores.length && matchesFiles(relPath, settings.ignores, compiled)) return false;
  return !isSnapshot(relPath, text, settings, compiled);
}

interface Lines {
  text: string;
  lines: string[];
  starts: number[];
}

function linesOf(text: string): Lines {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  return { text, lines, starts };
}

function rangeAt(l: Lines, offset: number, length: number): Range {
  let line = 0;
  while (line + 1 < l.starts.length && l.starts[line + 1] <= offset) line++;
  const character = offset - l.starts[line];
  return { start: { line, character }, end: { line, character: character + length } };
}

function lineRange(l: Lines, line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: l.lines[line].replace(/\r$/, '').length } };
}

/**
 * Where inserted text goes: before the closing fence of the prompt's last ```text (or untagged,
 * or Markdown) fence — the prompt an agent is given — else after the last line.
 */
function insertionLine(l: Lines): { line: number; atEnd: boolean } {
  // The fences as CommonMark reads them (blocks.ts): a fence in a block quote or list is not the prompt.
  const fences = readBlocks(new TextLines(l.text)).fences.filter(
    (f) => !f.nested && f.closeLine !== undefined && ['', 'text', 'markdown', 'md', 'txt'].includes(fenceLang(f.info)),
  );
  const found = fences.at(-1)?.closeLine;
  return found !== undefined ? { line: found, atEnd: false } : { line: l.lines.length, atEnd: true };
}

/** A fix that inserts `block` (whole lines) where the prompt's text is. */
function insertFix(l: Lines, title: string, block: string[]): Fix {
  const at = insertionLine(l);
  const last = l.lines.length - 1;
  if (!at.atEnd) {
    const pos = { line: at.line, character: 0 };
    return { title, safe: true, edits: [{ range: { start: pos, end: pos }, newText: ['', ...block, ''].join('\n') }] };
  }
  const end = { line: last, character: l.lines[last].length };
  const sep = l.lines[last] === '' ? '\n' : '\n\n';
  return { title, safe: true, edits: [{ range: { start: end, end }, newText: sep + block.join('\n') + '\n' }] };
}

/** Whether `ref` (a repository path, with or without its leading `/`) is written in the prompt. */
function names(text: string, ref: string): boolean {
  return text.includes(ref.replace(/^\//, ''));
}

const SCHEMA_STEM = 'review_snapshot_schema_v';
/** A schema file name is short: a mention is read this far at most (linear in the text, whatever it holds). */
const MAX_NAME = 64;

/** Whether the text names some `review_snapshot_schema_v*.yaml` (or `.yml`). */
function namesAnySchema(text: string): boolean {
  for (let i = text.indexOf(SCHEMA_STEM); i >= 0; i = text.indexOf(SCHEMA_STEM, i + 1)) {
    let e = i + SCHEMA_STEM.length;
    const stop = Math.min(text.length, e + MAX_NAME);
    while (e < stop && /[\w.-]/.test(text[e])) e++;
    const name = text.slice(i, e);
    if (name.endsWith('.yaml') || name.endsWith('.yml')) return true;
  }
  return false;
}

/** Every place the token is written as a heading of its own (`## Findings`, not `### Findings` or `## Findings summary`). */
function occurrences(text: string, token: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
    const before = i > 0 ? text[i - 1] : '';
    const after = text[i + token.length] ?? '';
    if (before !== '#' && !/[\w(]/.test(after)) out.push(i);
  }
  return out;
}

const ITEM = /^(\s*)(\d+[.)]|[-*+])(\s+)/;

/** The list item that asks for the token at `index`, written like its neighbour's (`3. `, `- `). */
function itemLike(neighbour: string | undefined, token: string, index: number): string {
  const m = neighbour === undefined ? undefined : ITEM.exec(neighbour);
  if (!m) return `${index + 1}. \`${token}\``;
  const marker = /\d/.test(m[2]) ? `${index + 1}${m[2].slice(-1)}` : m[2];
  return `${m[1]}${marker}${m[3]}\`${token}\``;
}

function refFindings(l: Lines, c: PromptContract, out: Finding[]): void {
  const title = lineRange(l, 0);
  const schemaNamed = c.schemaFound ? names(l.text, c.schemaRef) : namesAnySchema(l.text);
  if (!schemaNamed) {
    out.push({
      rule: 'prompt/schema-ref',
      severity: 'warning',
      message: `The prompt does not name the schema \`${c.schemaRef}\`: an agent cannot follow a contract it is not shown.`,
      range: title,
      fixes: [insertFix(l, `Insert the schema ref ${c.schemaRef}`, [`Schema: \`${c.schemaRef}\``])],
    });
  }
  if (c.contractRef && !names(l.text, c.contractRef)) {
    out.push({
      rule: 'prompt/contract-ref',
      severity: 'warning',
      message: `The prompt does not name the output contract \`${c.contractRef}\`.`,
      range: title,
      fixes: [insertFix(l, `Insert the output contract ref ${c.contractRef}`, [`Follow \`${c.contractRef}\` exactly.`])],
    });
  }
}

/** Where each token is asked for, in order (the earliest place after the previous one), or why not. */
function placeTokens(text: string, tokens: readonly string[]): ({ at: number } | { early: number } | undefined)[] {
  let pos = -1;
  return tokens.map((t) => {
    const all = occurrences(text, t);
    const next = all.find((i) => i > pos);
    if (next !== undefined) {
      pos = next;
      return { at: next };
    }
    return all.length ? { early: all[0] } : undefined;
  });
}

function sectionFindings(l: Lines, c: PromptContract, out: Finding[]): void {
  const placed = placeTokens(l.text, c.tokens);
  if (placed.every((p) => p === undefined)) {
    out.push({
      rule: 'prompt/section-missing',
      severity: 'warning',
      message: `The prompt asks for none of the ${c.tokens.length} required sections by its exact heading (${c.tokens.map((t) => `\`${t}\``).join(', ')}).`,
      range: lineRange(l, 0),
      fixes: [
        insertFix(l, 'Insert the required section list', [
          'Use exact top-level order:',
          ...c.tokens.map((t, i) => itemLike(undefined, t, i)),
        ]),
      ],
    });
    return;
  }
  for (const [i, p] of placed.entries()) {
    const token = c.tokens[i];
    if (p && 'early' in p) {
      const after = c.tokens
        .slice(0, i)
        .reverse()
        .find((_, k) => placed[i - 1 - k] && 'at' in placed[i - 1 - k]!);
      out.push({
        rule: 'prompt/section-order',
        severity: 'warning',
        message: `\`${token}\` is asked for before \`${after ?? c.tokens[0]}\`; ask for the sections in the schema's order.`,
        range: rangeAt(l, p.early, token.length),
      });
    }
    if (p) continue;
    out.push(missingToken(l, c, placed, i));
  }
}

/** A required section the prompt's list leaves out: reported at the list, fixed by inserting its item where it belongs. */
function missingToken(l: Lines, c: PromptContract, placed: ReturnType<typeof placeTokens>, i: number): Finding {
  const token = c.tokens[i];
  const atOf = (k: number) => {
    const p = placed[k];
    return p && 'at' in p ? rangeAt(l, p.at, c.tokens[k].length).start.line : undefined;
  };
  let prev: number | undefined;
  for (let k = i - 1; k >= 0 && prev === undefined; k--) prev = atOf(k);
  let next: number | undefined;
  for (let k = i + 1; k < c.tokens.length && next === undefined; k++) next = atOf(k);
  const neighbour = l.lines[prev ?? next!];
  const item = itemLike(neighbour, token, i);
  // After the previous item's line (at its end: before anything else inserted at the next line), else before the next one.
  const pos = prev !== undefined ? { line: prev, character: l.lines[prev].replace(/\r$/, '').length } : { line: next!, character: 0 };
  const newText = prev !== undefined ? `\n${item}` : `${item}\n`;
  return {
    rule: 'prompt/section-missing',
    severity: 'warning',
    message: `The prompt does not ask for \`${token}\` (every required section by its exact heading, in order).`,
    range: lineRange(l, prev ?? next!),
    fixes: [{ title: `Insert \`${token}\``, safe: true, edits: [{ range: { start: pos, end: pos }, newText }] }],
  };
}

/** The configured levels (`off` drops a finding). */
function leveled(findings: Finding[], levels: ReadonlyMap<string, RuleLevel> | undefined): Finding[] {
  if (!levels?.size) return findings;
  return findings.flatMap((f) => {
    const level = levels.get(f.rule);
    return level === 'off' ? [] : [level ? { ...f, severity: level } : f];
  });
}

/** The findings of a review prompt's text against the repository's contract. */
export function checkPrompt(text: string, c: PromptContract, levels?: ReadonlyMap<string, RuleLevel>): Finding[] {
  const l = linesOf(text);
  const out: Finding[] = [];
  refFindings(l, c, out);
  sectionFindings(l, c, out);
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return leveled(out, levels);
}
