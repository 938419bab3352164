// Finding freshness as the editor shows it: a diagnostic per cite that is not unchanged (its
// rule's level from the `rules` settings: off drops it, warning or error raise it), and the
// File:Line hover's section — the cited lines as the review saw them at R beside the lines now.
import type { Position } from 'vscode-languageserver-types';
import type { RuleLevel } from '../config/config';
import type { Finding } from '../findings';
import { escapeMarkdown } from '../text/escape';
import { freshnessRule } from './rules';
import type { CiteFreshness, FileFreshness } from './types';

/** Where a cite's code is now, in words (`now src/x.ts:14`, `nowhere now`). */
export function nowText(c: CiteFreshness): string {
  if (!c.now) return 'nowhere now';
  const end = c.now.endLine && c.now.endLine !== c.now.line ? `-${c.now.endLine}` : '';
  const lines = c.now.line === null ? '' : `:${c.now.line}${end}`;
  return `now ${c.repository ? c.repository + '/' : ''}${c.now.path}${lines}`;
}

/** The message of a cite's diagnostic. */
export function citeMessage(c: CiteFreshness, file: FileFreshness): string {
  const base = file.revision && !c.base ? ` since ${file.revision.slice(0, 7)}` : c.base ? ` since ${c.base.slice(0, 7)}` : '';
  const fix = c.fix ? ` Fix: ${c.fix}.` : '';
  const approx = c.approximate ? ' (approximate base: the Repo revision is not a commit here)' : '';
  return `${c.cite} is ${c.status}${base}, ${nowText(c)}: ${c.reason}.${fix}${approx}`;
}

/** One finding per cite that is not unchanged, at the cite, with the configured level. */
export function freshnessFindings(file: FileFreshness, levels: ReadonlyMap<string, RuleLevel>): Finding[] {
  const out: Finding[] = [];
  for (const c of file.cites) {
    const rule = freshnessRule(c.status);
    if (!rule) continue;
    const level = levels.get(rule);
    if (level === 'off') continue;
    out.push({ rule, severity: level ?? 'info', message: citeMessage(c, file), range: c.range });
  }
  return out;
}

function inRange(c: CiteFreshness, p: Position): boolean {
  const { start, end } = c.range;
  return p.line === start.line && p.character >= start.character && p.character <= end.character;
}

/** Lines as a fenced block (a fence longer than any backtick run they hold). */
function block(lines: readonly string[], from: number): string {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const fence = '`'.repeat(longest + 1);
  return [fence, ...lines.map((l, i) => `${String(from + i).padStart(4)}  ${l}`), fence].join('\n');
}

/**
 * The hover section of the cite at `pos`: its status, the lines at R and the lines now, with a
 * link to where they are now and one that opens the file as it was at the base (both made by the caller).
 */
export function freshnessHover(
  file: FileFreshness,
  pos: Position,
  links: { now: (c: CiteFreshness) => string | undefined; atBase: (c: CiteFreshness) => string | undefined },
): string | undefined {
  const c = file.cites.find((x) => inRange(x, pos));
  if (!c) return undefined;
  const base = (c.base ?? file.revision)?.slice(0, 7) ?? '?';
  const parts = [`**Freshness: ${c.status}** — ${escapeMarkdown(c.reason)}${c.fix ? `. Fix: ${escapeMarkdown(c.fix)}` : ''}`];
  if (c.approximate) {
    parts.push('_Approximate base: the Repo revision is not a commit of this history; the commit that last wrote the snapshot is used._');
  }
  const open = links.atBase(c);
  const then = `${base}, ${escapeMarkdown(c.path)}`;
  if (c.before?.length) {
    parts.push(
      `As the review saw it (${open ? `[${then}](${open} "Open the file as it was at ${base}")` : then}):`,
      block(c.before, c.line),
    );
  }
  const url = links.now(c);
  if (c.now && c.now.line !== null && c.after?.length) {
    const where = `${escapeMarkdown(c.now.path)}:${c.now.line}`;
    parts.push(`Now (${url ? `[${where}](${url})` : where}):`, block(c.after, c.now.line));
  } else if (c.status !== 'unknown') parts.push('Now: gone.');
  return parts.join('\n\n');
}
