// Every rule the engine declares (ALL_RULES) has its page, docs/rules/<rule>.md, and each page's
// examples do what they say: the failing example triggers that rule and no other, the passing
// example is clean. An example is a diff block (```diff): a change to the example snapshot
// (examples/docs/reviews/snapshots/2026-02-19_self-heal-run.md), checked in the examples folder
// with link checks on. A new rule id only needs its page. A rule whose trigger is a file beside the
// snapshot (the repository's configuration file) shows that file in the example as a fenced block
// titled with its path (```yaml title=".review-snapshot.yaml"); the example is then checked in a
// copy of the examples folder holding that file, with the settings it gives, as the CLI would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskWorkspace } from '../../server/src/node/diskWorkspace';
import { decodeText } from '../../server/src/service/encoding';
import { createSnapshotService } from '../../server/src/service/index';
import { ALL_RULES, RULE_MODULES } from '../../server/src/service/rules/index';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

const EXAMPLES = path.join(process.cwd(), 'examples');
const SNAPSHOT = path.join(EXAMPLES, 'docs', 'reviews', 'snapshots', '2026-02-19_self-heal-run.md');
const BASE = fs.readFileSync(SNAPSHOT, 'utf8');
const PAGES = path.join(process.cwd(), 'docs', 'rules');

/** The sections every page has, in this order. */
const SECTIONS = ['What it checks', 'Why', 'Failing example', 'Passing example', 'The fix'];

export function pageOf(rule: string): string {
  return fs.readFileSync(path.join(PAGES, ...rule.split('/')) + '.md', 'utf8');
}

/** The body of `## name` (up to the next `## `). */
function section(page: string, name: string): string {
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
export function applyExample(d: { before: string; after: string }): string {
  const at = BASE.indexOf(d.before + '\n');
  assert.ok(at >= 0, `the example's unchanged and removed lines are not in the example snapshot:\n${d.before}`);
  assert.equal(BASE.indexOf(d.before + '\n', at + 1), -1, `the example's lines are in the example snapshot more than once:\n${d.before}`);
  return BASE.slice(0, at) + d.after + '\n' + BASE.slice(at + d.before.length + 1);
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
function bytesOf(text: string): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (const m of text.matchAll(/\\x([0-9a-f]{2})/g)) {
    parts.push(Buffer.from(text.slice(from, m.index), 'utf8'), Buffer.from([parseInt(m[1], 16)]));
    from = m.index + m[0].length;
  }
  parts.push(Buffer.from(text.slice(from), 'utf8'));
  return Buffer.concat(parts);
}

/**
 * The rule ids a text raises, checked as the CLI checks it (bytes decoded, links on, the settings
 * of the configuration file that governs it), in the examples folder — or in a copy of it that
 * also holds `files`.
 */
function rulesOf(text: string, files = new Map<string, string>(), failing = false, rule = ''): string[] {
  const decoded = decodeText(bytesOf(text));
  if ('finding' in decoded) return [decoded.finding.rule];
  // check/incomplete has no document that raises it (a rule that throws is a bug): its failing
  // example runs with one rule module made to throw, as REVIEW_SNAPSHOT_FAILPOINT does.
  const rules =
    failing && rule === 'check/incomplete'
      ? RULE_MODULES.map((m) => (m.family === 'table' ? { ...m, check: () => assert.fail('failpoint') } : m))
      : undefined;
  const root = files.size ? fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-ruledocs-'))) : EXAMPLES;
  try {
    if (files.size) {
      fs.cpSync(EXAMPLES, root, { recursive: true });
      for (const [rel, body] of files) {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), body);
      }
    }
    const service = createSnapshotService({ workspace: new DiskWorkspace(), rules });
    const settings = service.settingsFor(root, path.join(root, path.relative(EXAMPLES, SNAPSHOT)), DEFAULT_SETTINGS);
    const r = service.check({ text: decoded.text, root }, settings, { today: '2026-11-24' });
    return r.findings.map((f) => f.rule);
  } finally {
    if (root !== EXAMPLES) fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('rule documentation (docs/rules/<rule>.md)', () => {
  it('the example snapshot is clean (the examples are changes to it)', () => {
    assert.deepEqual(rulesOf(BASE), []);
  });

  for (const rule of ALL_RULES.keys()) {
    describe(rule, () => {
      it('has a page with every section, titled with the rule id', () => {
        const file = path.join(PAGES, ...rule.split('/')) + '.md';
        assert.ok(fs.existsSync(file), `docs/rules/${rule}.md is missing`);
        const page = pageOf(rule);
        assert.ok(page.startsWith(`# ${rule}\n`), 'the page starts with "# <rule>"');
        let last = -1;
        for (const s of SECTIONS) {
          const at = page.indexOf(`\n## ${s}\n`);
          assert.ok(at > last, `"## ${s}" is missing or out of order`);
          last = at;
        }
      });

      // A freshness rule's examples are git histories, run by test/cli/freshness.test.ts.
      if (rule.startsWith('freshness/')) return;

      it('its failing example raises exactly this rule', () => {
        const body = section(pageOf(rule), 'Failing example');
        const d = diffOf(body);
        assert.ok(d, 'the failing example has a ```diff block');
        const got = rulesOf(applyExample(d), filesOf(body), true, rule);
        assert.ok(got.length > 0 && got.every((r) => r === rule), `expected only ${rule}, got ${JSON.stringify(got)}`);
      });

      it('its passing example is clean', () => {
        const body = section(pageOf(rule), 'Passing example');
        const d = diffOf(body);
        assert.ok(d, 'the passing example has a ```diff block');
        assert.deepEqual(rulesOf(applyExample(d), filesOf(body)), []);
      });
    });
  }

  it('no page without a rule (a renamed rule leaves none behind)', () => {
    const pages: string[] = [];
    for (const family of fs.readdirSync(PAGES)) {
      const dir = path.join(PAGES, family);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const f of fs.readdirSync(dir)) if (f.endsWith('.md')) pages.push(`${family}/${f.slice(0, -3)}`);
    }
    assert.deepEqual(
      pages.filter((p) => !ALL_RULES.has(p)),
      [],
    );
  });
});
