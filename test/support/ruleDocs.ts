// The rule pages (docs/rules/<rule>.md) as test input: their sections, the diff blocks that are
// their examples (changes to the example snapshot, examples/docs/reviews/snapshots/…), and the
// files an example writes beside the snapshot. Read by the page test (unit/ruleDocs.test.ts) and
// the parity test that runs every failing example through the server and the CLI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const EXAMPLES = path.join(process.cwd(), 'examples');
export const SNAPSHOT = path.join(EXAMPLES, 'docs', 'reviews', 'snapshots', '2026-02-19_self-heal-run.md');
export const BASE = fs.readFileSync(SNAPSHOT, 'utf8');
export const PAGES = path.join(process.cwd(), 'docs', 'rules');
/** The example review prompt (prompt/* rule pages change it instead of the snapshot), from the examples folder. */
export const PROMPT_REL = 'docs/reviews/prompts/self_healing.md';
export const PROMPT_BASE = fs.readFileSync(path.join(EXAMPLES, ...PROMPT_REL.split('/')), 'utf8');

/** The file a rule's examples change, by its path in the examples folder, and its text there. */
export function exampleTarget(rule: string): { rel: string; base: string } {
  return rule.startsWith('prompt/')
    ? { rel: PROMPT_REL, base: PROMPT_BASE }
    : { rel: path.relative(EXAMPLES, SNAPSHOT).split(path.sep).join('/'), base: BASE };
}

export function pageOf(rule: string): string {
  return fs.readFileSync(path.join(PAGES, ...rule.split('/')) + '.md', 'utf8');
}

/** The body of `## name` (up to the next `## `). */
export function section(page: string, name: string): string {
  const start = page.indexOf(`\n## ${name}\n`);
  if (start < 0) return '';
  const rest = page.slice(start + name.length + 5);
  const end = rest.indexOf('\n## ');
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * The first diff block of a section (fenced with three or more backticks, four when the example
 * holds a fence itself), as the example snapshot's lines before and after the change.
 */
export function diffOf(body: string): { before: string; after: string } | undefined {
  const all = body.split('\n');
  const open = all.findIndex((l) => /^`{3,}diff$/.test(l));
  if (open < 0) return undefined;
  const fence = all[open].slice(0, -4);
  const close = all.indexOf(fence, open + 1);
  const before: string[] = [];
  const after: string[] = [];
  for (const l of all.slice(open + 1, close < 0 ? undefined : close)) {
    const mark = l[0] ?? ' ';
    const text = l.slice(1);
    if (mark !== '+') before.push(text);
    if (mark !== '-') after.push(text);
  }
  return { before: before.join('\n'), after: after.join('\n') };
}

/** The example snapshot with a diff applied (its "before" lines must be there exactly once). */
export function applyExample(d: { before: string; after: string }, base = BASE): string {
  const at = base.indexOf(d.before + '\n');
  assert.ok(at >= 0, `the example's unchanged and removed lines are not in the example snapshot:\n${d.before}`);
  assert.equal(base.indexOf(d.before + '\n', at + 1), -1, `the example's lines are in the example snapshot more than once:\n${d.before}`);
  return base.slice(0, at) + d.after + '\n' + base.slice(at + d.before.length + 1);
}

/**
 * The files a section writes beside the example snapshot: each fenced block whose info string
 * carries a title (```yaml title=".review-snapshot.yaml"), by its path in the examples folder.
 */
export function filesOf(body: string): Map<string, string> {
  const files = new Map<string, string>();
  const all = body.split('\n');
  for (let i = 0; i < all.length; i++) {
    const m = /^(`{3,})[^`\s]*\s+title="([^"]+)"\s*$/.exec(all[i]);
    if (!m) continue;
    const close = all.indexOf(m[1], i + 1);
    assert.ok(close > i, `the block titled "${m[2]}" is not closed`);
    assert.ok(!path.isAbsolute(m[2]) && !m[2].split(/[\\/]/).includes('..'), `"${m[2]}" is not a path inside the examples folder`);
    files.set(m[2], all.slice(i + 1, close).join('\n') + '\n');
    i = close;
  }
  return files;
}

/** `\xNN` in an example stands for that byte (how a page shows a NUL or a non-UTF-8 byte). */
export function bytesOf(text: string): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (const m of text.matchAll(/\\x([0-9a-f]{2})/g)) {
    parts.push(Buffer.from(text.slice(from, m.index), 'utf8'), Buffer.from([parseInt(m[1], 16)]));
    from = m.index + m[0].length;
  }
  parts.push(Buffer.from(text.slice(from), 'utf8'));
  return Buffer.concat(parts);
}
