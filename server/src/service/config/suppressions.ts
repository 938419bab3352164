// Inline suppression of rules stricter than the contract, as a snapshot author writes it:
//   <!-- review-snapshot-disable-next-line links/missing -->   the next line
//   ... <!-- review-snapshot-disable-line links/missing -->     this line (e.g. at a row's end)
//   <!-- review-snapshot-disable table/status -->  …  <!-- review-snapshot-enable table/status -->
// and inside the candidates YAML the same words in a `#` comment. Without rule ids a directive
// covers every convention rule. Contract rules cannot be suppressed (a snapshot that violates the
// contract never conforms); a directive that names one, names an unknown rule, or suppresses
// nothing is reported, so suppressions do not rot.
//
// A directive is a whole comment and a real one: `<!--` right before it, `-->` closing it on the
// same line (an unclosed one is text), in a Markdown HTML comment as CommonMark reads it — never
// in a fence or indented code (at any depth) or a code span (quoting the syntax documents it); in
// the candidates YAML only after a `#` that the YAML parser reads as a comment — never inside a
// scalar (a block scalar, a multi-line quoted string). Blocks are per rule: `enable a` ends the `a` of `disable a b`, `b` stays disabled;
// a bare `enable` ends every open block. Applying them is one sweep over the findings in line
// order, linear in findings and directives.
import { Parser } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { Leaf, leafOf } from '../model/blocks';
import type { Finding } from '../findings';
import { ALL_RULES, nearestRuleId } from '../rules/index';
import type { SnapshotModel } from '../model/snapshot';
import { lineSpan } from '../model/text';

export const DIRECTIVE_PREFIX = 'review-snapshot-';
const KINDS = ['disable-next-line', 'disable-line', 'disable', 'enable'] as const;
type Kind = (typeof KINDS)[number];
/** Ids a directive may name; more is not a suppression anyone writes. */
const MAX_IDS = 16;
/** The key of a block that covers every convention rule. */
const ALL = '*';

interface Directive {
  kind: Kind;
  /** Rule ids named; empty: every convention rule. */
  ids: string[];
  line: number;
  range: Range;
  used: boolean;
}

/**
 * Where a directive may be, line by line: in the candidates block only after a `#` that starts a
 * real YAML comment (the YAML library's own tokens: never inside a block scalar or a multi-line
 * quoted string); elsewhere only outside code (a fence or indented code, at any depth).
 */
function placesOf(model: SnapshotModel): {
  inYaml: (l: number) => boolean;
  inCode: (l: number) => boolean;
  yamlComment: (offset: number) => boolean;
} {
  const yaml = model.candidates;
  let comments: Set<number> | undefined;
  return {
    inYaml: (l) => !!yaml && l > yaml.fence.openLine && l < (yaml.fence.closeLine ?? model.text.lineCount),
    inCode: (l) => {
      const leaf = leafOf(model.blocks, l);
      return leaf === Leaf.Fence || leaf === Leaf.Code;
    },
    yamlComment: (offset) => {
      if (!yaml) return false;
      comments ??= yamlCommentOffsets(model.text.text.slice(yaml.fence.contentStart, yaml.fence.contentEnd));
      return comments.has(offset - yaml.offset);
    },
  };
}

/** Offsets of every `#` comment of a YAML text, from the parser's concrete syntax tree. */
export function yamlCommentOffsets(source: string): Set<number> {
  const out = new Set<number>();
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const t = v as { type?: unknown; offset?: unknown };
    if (t.type === 'comment' && typeof t.offset === 'number') out.add(t.offset);
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x);
  };
  for (const token of new Parser().parse(source)) walk(token);
  return out;
}

/**
 * The code spans of a Markdown line, as [start, end) pairs: a run of backticks opens one, the
 * next run of the same length closes it (CommonMark); an unclosed run is text. One scan of the
 * line, runs indexed by length, so a line of many directives costs its length once.
 */
function codeSpans(line: string): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < line.length;) {
    if (line.charCodeAt(i) !== 96) {
      i++;
      continue;
    }
    let j = i;
    while (line.charCodeAt(j) === 96) j++;
    runs.push([i, j - i]);
    i = j;
  }
  // For each run, the index of the next run of the same length.
  const next = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    next[k] = lastOfLength.get(runs[k][1]) ?? -1;
    lastOfLength.set(runs[k][1], k);
  }
  const spans: [number, number][] = [];
  for (let k = 0; k < runs.length;) {
    const close = next[k];
    if (close < 0) {
      k++;
      continue;
    }
    spans.push([runs[k][0], runs[close][0] + runs[close][1]]);
    k = close + 1;
  }
  return spans;
}

/** The directive at `at` in a line (just after `review-snapshot-`), ending at `close` (or the line's end for `#`). */
function readDirective(text: string, at: number, line: number, start: number, close: string): Directive | undefined {
  const kind = KINDS.find((k) => text.startsWith(k, at) && !/[\w-]/.test(text[at + k.length] ?? ' '));
  if (!kind) return undefined;
  const endAt = close ? text.indexOf(close, at) : text.length;
  if (endAt < 0) return undefined; // an unclosed comment is text
  const ids = text
    .slice(at + kind.length, endAt)
    .split(/[\s,]+/)
    .filter(Boolean);
  if (ids.length > MAX_IDS) return undefined;
  return { kind, ids, line, range: lineSpan(line, start, close ? endAt + close.length : endAt), used: false };
}

/** Every directive of the snapshot: in HTML comments outside code and code spans, in `#` comments of the candidates YAML. */
export function directivesOf(model: SnapshotModel): Directive[] {
  const out: Directive[] = [];
  const { text } = model;
  const where = placesOf(model);
  let spans: { line: number; spans: [number, number][] } | undefined;
  const inCodeSpan = (line: number, lineText: string, at: number) => {
    if (spans?.line !== line) spans = { line, spans: codeSpans(lineText) };
    return spans.spans.some(([s, e]) => at > s && at < e);
  };
  for (let at = text.text.indexOf(DIRECTIVE_PREFIX); at !== -1; at = text.text.indexOf(DIRECTIVE_PREFIX, at + 1)) {
    const pos = text.positionAt(at);
    const lineText = text.lineText(pos.line);
    const before = lineText.slice(0, pos.character).trimEnd();
    const yaml = where.inYaml(pos.line);
    const opener = yaml ? '#' : '<!--';
    if (!before.endsWith(opener)) continue;
    const openAt = before.length - opener.length;
    const real = yaml
      ? where.yamlComment(text.lineStart(pos.line) + openAt)
      : !where.inCode(pos.line) && !inCodeSpan(pos.line, lineText, openAt);
    if (!real) continue;
    const d = readDirective(lineText, pos.character + DIRECTIVE_PREFIX.length, pos.line, openAt, yaml ? '' : '-->');
    if (d) out.push(d);
  }
  return out;
}

/** The blocks of `disable`/`enable`, per rule: where each starts and ends (the end of the document when never enabled). */
interface Block {
  directive: Directive;
  key: string;
  from: number;
  to: number;
}

function blocksOf(directives: Directive[], lineCount: number): Block[] {
  const open = new Map<string, Block[]>();
  const blocks: Block[] = [];
  const close = (key: string, line: number) => {
    for (const b of open.get(key) ?? []) b.to = line;
    open.delete(key);
  };
  for (const d of directives) {
    if (d.kind === 'disable') {
      for (const key of d.ids.length ? d.ids : [ALL]) {
        const b: Block = { directive: d, key, from: d.line, to: lineCount };
        blocks.push(b);
        open.set(key, [...(open.get(key) ?? []), b]);
      }
    } else if (d.kind === 'enable') {
      if (!d.ids.length) for (const key of [...open.keys()]) close(key, d.line);
      for (const key of d.ids) close(key, d.line);
    }
  }
  return blocks;
}

/** Directives of one line (disable-line) or the line before (disable-next-line), by the line they cover. */
function lineDirectives(directives: Directive[]): Map<number, Directive[]> {
  const out = new Map<number, Directive[]>();
  for (const d of directives) {
    const line = d.kind === 'disable-line' ? d.line : d.kind === 'disable-next-line' ? d.line + 1 : -1;
    if (line >= 0) out.set(line, [...(out.get(line) ?? []), d]);
  }
  return out;
}

/** The blocks open at the line the sweep has reached, per rule key: how many, and those not yet used. */
class OpenBlocks {
  private readonly count = new Map<string, number>();
  private readonly unused = new Map<string, Set<Block>>();

  add(b: Block): void {
    this.count.set(b.key, (this.count.get(b.key) ?? 0) + 1);
    if (!this.unused.has(b.key)) this.unused.set(b.key, new Set());
    this.unused.get(b.key)!.add(b);
  }

  remove(b: Block): void {
    this.count.set(b.key, (this.count.get(b.key) ?? 1) - 1);
    this.unused.get(b.key)?.delete(b);
  }

  /** Whether a block is open for `key`; each open one is marked used once (so marking stays linear). */
  cover(key: string): boolean {
    if (!this.count.get(key)) return false;
    const waiting = this.unused.get(key);
    for (const b of waiting ?? []) b.directive.used = true;
    waiting?.clear();
    return true;
  }
}

/**
 * Drops the convention findings that directives cover, in one sweep over lines: blocks open and
 * close as the sweep passes them (two pointers, by start and by end), a finding asks only its rule.
 */
function sweep(findings: Finding[], directives: Directive[], lineCount: number): Finding[] {
  const all = blocksOf(directives, lineCount);
  const byStart = [...all].sort((a, b) => a.from - b.from);
  const byEnd = [...all].sort((a, b) => a.to - b.to);
  const byLine = lineDirectives(directives);
  const open = new OpenBlocks();
  let started = 0;
  let ended = 0;
  const kept: Finding[] = [];
  for (const f of [...findings].sort((a, b) => a.range.start.line - b.range.start.line)) {
    const line = f.range.start.line;
    for (; started < byStart.length && byStart[started].from < line; started++) open.add(byStart[started]);
    for (; ended < byEnd.length && byEnd[ended].to <= line; ended++) if (byEnd[ended].from < line) open.remove(byEnd[ended]);
    if (ALL_RULES.get(f.rule)?.contract !== false || !covered(f, line, open, byLine)) kept.push(f);
  }
  return kept;
}

/** Whether a convention finding is covered, marking what covers it as used. */
function covered(f: Finding, line: number, open: OpenBlocks, byLine: Map<number, Directive[]>): boolean {
  let hit = false;
  for (const d of byLine.get(line) ?? []) {
    if (d.ids.length && !d.ids.includes(f.rule)) continue;
    d.used = hit = true;
  }
  const inRuleBlock = open.cover(f.rule);
  const inAllBlock = open.cover(ALL);
  return hit || inRuleBlock || inAllBlock;
}

function directiveFindings(directives: Directive[], notRun: (rule: string) => boolean): Finding[] {
  const out: Finding[] = [];
  const warn = (rule: string, range: Range, message: string) => out.push({ rule, severity: 'warning', message, range });
  for (const d of directives) {
    for (const id of d.ids) {
      const decl = ALL_RULES.get(id);
      if (!decl) {
        const best = nearestRuleId(id, (r) => !r.contract);
        const hint = best ? `did you mean "${best}"?` : 'rule ids look like "links/missing" (review-snapshot explain --list lists them).';
        warn('suppression/unknown-rule', d.range, `"${id}" is not a rule, so this ${d.kind} does nothing for it; ${hint}`);
      } else if (decl.contract) {
        warn(
          'suppression/contract',
          d.range,
          `"${id}" is a contract rule: a snapshot that violates the contract cannot conform, so it cannot be disabled.`,
        );
      }
    }
    // A rule that did not run this time (links without a folder or with --no-links) cannot be "unused".
    // Ids that are not convention rules are reported above; "unused" speaks of the others only.
    const ids = d.ids.filter((id) => ALL_RULES.get(id)?.contract === false);
    if (d.ids.length && !ids.length) continue;
    if (d.kind !== 'enable' && !d.used && !(ids.length && ids.every(notRun))) {
      const what = ids.length ? ids.join(', ') : 'all convention rules';
      warn('suppression/unused', d.range, `This ${d.kind} (${what}) suppresses nothing here; remove it.`);
    }
  }
  return out;
}

/**
 * Drops the convention findings the snapshot's directives cover; adds findings about the
 * directives. `notRun` says which rules could not report this time (their suppressions are not unused).
 */
export function applySuppressions(model: SnapshotModel, findings: Finding[], notRun: (rule: string) => boolean = () => false): Finding[] {
  if (!model.text.text.includes(DIRECTIVE_PREFIX)) return findings;
  const directives = directivesOf(model);
  if (!directives.length) return findings;
  return [...sweep(findings, directives, model.text.lineCount), ...directiveFindings(directives, notRun)];
}

/**
 * What the snapshot's directives leave of findings told from outside its own check (candidates
 * across snapshots): the same sweep, nothing said of the directives (the file's own check says
 * it, and counts a directive that names only such rules as never unused: see the engine).
 * Keeps the directives, not the model: the CLI holds one per snapshot of its run.
 */
export function outsideSuppressions(model: SnapshotModel): (findings: Finding[]) => Finding[] {
  if (!model.text.text.includes(DIRECTIVE_PREFIX)) return (fs) => fs;
  const directives = directivesOf(model);
  const lineCount = model.text.lineCount;
  return directives.length ? (fs) => (fs.length ? sweep(fs, directives, lineCount) : fs) : (fs) => fs;
}
