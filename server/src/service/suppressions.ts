// Inline suppression of rules stricter than the contract, as a snapshot author writes it:
//   <!-- review-snapshot-disable-next-line links/missing -->   the next line
//   ... <!-- review-snapshot-disable-line links/missing -->     this line (e.g. at a row's end)
//   <!-- review-snapshot-disable table/status -->  …  <!-- review-snapshot-enable table/status -->
// and inside the candidates YAML the same words after `#`. Without rule ids a directive covers
// every convention rule. Contract rules cannot be suppressed (a snapshot that violates the
// contract never conforms); a directive that names one, names an unknown rule, or suppresses
// nothing is reported, so suppressions do not rot.
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from './findings';
import { ALL_RULES } from './rules/index';
import type { SnapshotModel } from './snapshot';
import { lineSpan } from './text';

export const DIRECTIVE_PREFIX = 'review-snapshot-';
const KINDS = ['disable-next-line', 'disable-line', 'disable', 'enable'] as const;
type Kind = (typeof KINDS)[number];

interface Directive {
  kind: Kind;
  /** Rule ids named; empty: every convention rule. */
  ids: string[];
  line: number;
  range: Range;
  used: boolean;
}

/** Lines inside fences, and the candidates block's lines (where `#` comments are directives). */
function fenceLines(model: SnapshotModel): { inFence: (l: number) => boolean; inYaml: (l: number) => boolean } {
  const spans = model.fences.map((f) => [f.openLine, f.closeLine ?? model.text.lineCount] as const);
  const yaml = model.candidates?.fence;
  return {
    inFence: (l) => spans.some(([a, b]) => l >= a && l <= b),
    inYaml: (l) => !!yaml && l > yaml.openLine && l < (yaml.closeLine ?? model.text.lineCount),
  };
}

/** The directive at `at` in line `text` (just after `review-snapshot-`), if it is one. */
function readDirective(text: string, at: number, line: number, start: number, close: string): Directive | undefined {
  const kind = KINDS.find(
    (k) =>
      text.startsWith(k, at) &&
      (at + k.length === text.length || /[\s,]/.test(text[at + k.length]) || text.startsWith(close, at + k.length)),
  );
  if (!kind) return undefined;
  const endAt = close ? text.indexOf(close, at) : -1;
  const body = text.slice(at + kind.length, endAt < 0 ? text.length : endAt);
  const ids = body.split(/[\s,]+/).filter(Boolean);
  const end = endAt < 0 ? text.length : endAt + close.length;
  return { kind, ids, line, range: lineSpan(line, start, end), used: false };
}

/** Every directive of the snapshot: in HTML comments outside fences, in `#` comments of the candidates YAML. */
export function directivesOf(model: SnapshotModel): Directive[] {
  const out: Directive[] = [];
  const { text } = model;
  const where = fenceLines(model);
  for (let at = text.text.indexOf(DIRECTIVE_PREFIX); at !== -1; at = text.text.indexOf(DIRECTIVE_PREFIX, at + 1)) {
    const pos = text.positionAt(at);
    const lineText = text.lineText(pos.line);
    const before = lineText.slice(0, pos.character).trimEnd();
    const yaml = where.inYaml(pos.line);
    const opener = yaml ? '#' : '<!--';
    if (!before.endsWith(opener) || (!yaml && where.inFence(pos.line))) continue;
    const d = readDirective(lineText, pos.character + DIRECTIVE_PREFIX.length, pos.line, before.length - opener.length, yaml ? '' : '-->');
    if (d) out.push(d);
  }
  return out;
}

/** Whether a directive covers a finding of `rule` on `line`. */
function covers(d: Directive, rule: string, line: number, enabledAt: (d: Directive) => number): boolean {
  if (d.ids.length && !d.ids.includes(rule)) return false;
  if (d.kind === 'disable-line') return line === d.line;
  if (d.kind === 'disable-next-line') return line === d.line + 1;
  return d.kind === 'disable' && line > d.line && line < enabledAt(d);
}

/** The line of the `enable` that ends a `disable` block (the end of the document when none). */
function blockEnds(directives: Directive[], lineCount: number): (d: Directive) => number {
  return (d) => {
    const end = directives.find(
      (e) => e.kind === 'enable' && e.line > d.line && (!d.ids.length || !e.ids.length || e.ids.some((id) => d.ids.includes(id))),
    );
    return end ? end.line : lineCount;
  };
}

function directiveFindings(directives: Directive[]): Finding[] {
  const out: Finding[] = [];
  const warn = (rule: string, range: Range, message: string) => out.push({ rule, severity: 'warning', message, range });
  for (const d of directives) {
    for (const id of d.ids) {
      const decl = ALL_RULES.get(id);
      if (!decl) {
        warn(
          'suppression/unknown-rule',
          d.range,
          `"${id}" is not a rule, so this ${d.kind} does nothing; rule ids look like "links/missing".`,
        );
      } else if (decl.contract) {
        warn(
          'suppression/contract',
          d.range,
          `"${id}" is a contract rule: a snapshot that violates the contract cannot conform, so it cannot be disabled.`,
        );
      }
    }
    if (d.kind !== 'enable' && !d.used) {
      const what = d.ids.length ? d.ids.join(', ') : 'all convention rules';
      warn('suppression/unused', d.range, `This ${d.kind} (${what}) suppresses nothing here; remove it.`);
    }
  }
  return out;
}

/** Drops the convention findings the snapshot's directives cover; adds findings about the directives. */
export function applySuppressions(model: SnapshotModel, findings: Finding[]): Finding[] {
  if (!model.text.text.includes(DIRECTIVE_PREFIX)) return findings;
  const directives = directivesOf(model);
  if (!directives.length) return findings;
  const enabledAt = blockEnds(directives, model.text.lineCount);
  const kept = findings.filter((f) => {
    if (ALL_RULES.get(f.rule)?.contract !== false) return true;
    const by = directives.filter((d) => d.kind !== 'enable' && covers(d, f.rule, f.range.start.line, enabledAt));
    for (const d of by) d.used = true;
    return by.length === 0;
  });
  return [...kept, ...directiveFindings(directives)];
}
