// README.md (the user document, and the extension's Details page) and CONTRIBUTING.md (the
// developer guide) say what the product and the project are: their tables are read here and
// compared with what package.json contributes and what the client registers, and every relative
// link and image they hold must lead to a file (README's images also ship). The rules table has
// its own test (registry.test.ts), the CLI workflow block too (test/cli/package.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = process.cwd();
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

interface Command {
  command: string;
  title: string;
  category?: string;
}
interface MenuItem {
  command: string;
  when?: string;
}
interface Property {
  default?: unknown;
  scope?: string;
}
const pkg = JSON.parse(read('package.json'));
const contributes = pkg.contributes as {
  commands: Command[];
  menus: Record<string, MenuItem[]>;
  configuration: { properties: Record<string, Property> };
  taskDefinitions: { type: string; properties: Record<string, { enum?: string[] }> }[];
  problemMatchers: { name: string }[];
};

/** The text of the `## title` section of `doc`, up to the next `## ` heading. */
function section(doc: string, title: string): string {
  const start = doc.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `there is a "## ${title}" section`);
  const end = doc.indexOf('\n## ', start + 4);
  return doc.slice(start, end < 0 ? doc.length : end);
}

/** The cells of a GFM table row (`\|` does not split), trimmed. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** The body rows of the first table in `text`, as cells. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n');
  const head = lines.findIndex((l, i) => l.startsWith('|') && /^\|[\s:|-]+\|$/.test(lines[i + 1] ?? ''));
  assert.ok(head >= 0, 'the section has a table');
  const rows: string[][] = [];
  for (let i = head + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(cells(lines[i]));
  return rows;
}

/** `` `x` `` → `x`. */
const code = (cell: string) => cell.replace(/^`(.*)`$/, '$1');
/** Line breaks and runs of spaces as one space, so a phrase may wrap in the source. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Commands no person can reach: hidden from the palette (`when: false`) and in no other menu. */
function hiddenCommands(): Set<string> {
  const hidden = new Set<string>();
  for (const m of contributes.menus.commandPalette ?? []) if (m.when === 'false') hidden.add(m.command);
  for (const [menu, items] of Object.entries(contributes.menus)) {
    if (menu !== 'commandPalette') for (const m of items) hidden.delete(m.command);
  }
  return hidden;
}

describe('README.md: the user document', () => {
  const readme = read('README.md');

  it("the commands table lists exactly package.json's commands, with their titles and where they are offered", () => {
    const rows = tableRows(section(readme, 'Commands'));
    const hidden = hiddenCommands();
    const expected = contributes.commands.filter((c) => !hidden.has(c.command));
    assert.deepEqual(
      rows.map((r) => `${code(r[1])} ${r[0]}`).sort(),
      expected.map((c) => `${c.command} ${c.title}`).sort(),
      'README (id title) against package.json contributes.commands',
    );
    const inPalette = (id: string) => !(contributes.menus.commandPalette ?? []).some((m) => m.command === id && m.when === 'false');
    const inMenu = (menu: string, id: string) => (contributes.menus[menu] ?? []).some((m) => m.command === id);
    for (const r of rows) {
      const id = code(r[1]);
      const where = r[2];
      assert.equal(/\bpalette\b/.test(where), inPalette(id), `${id}: "palette" in its where column`);
      assert.equal(/\beditor title\b/.test(where), inMenu('editor/title', id), `${id}: "editor title"`);
      assert.equal(/\beditor context menu\b/.test(where), inMenu('editor/context', id), `${id}: "editor context menu"`);
    }
    const categories = new Set(contributes.commands.map((c) => c.category));
    assert.deepEqual([...categories], ['Review Snapshot']);
    assert.ok(section(readme, 'Commands').includes('**Review Snapshot** category'));
  });

  it('every command it names as *Review Snapshot: …* is a command (Validate Workspace is a task)', () => {
    const titles = new Set(contributes.commands.map((c) => c.title));
    const named = [...flat(readme).matchAll(/\*Review Snapshot: ([^*]+)\*/g)].map((m) => m[1]);
    assert.ok(named.length > 0, 'the README names commands');
    assert.deepEqual(
      named.filter((t) => !titles.has(t)),
      [],
      'named as commands but not in package.json',
    );
  });

  it("the settings table lists exactly package.json's settings with their defaults; the scopes and Restricted Mode as declared", () => {
    const text = section(readme, 'Settings');
    const rows = tableRows(text);
    const props = contributes.configuration.properties;
    assert.deepEqual(rows.map((r) => code(r[0])).sort(), Object.keys(props).sort());
    for (const r of rows) {
      const key = code(r[0]);
      assert.deepEqual(JSON.parse(code(r[1])), props[key].default, `${key}: default`);
    }
    const scopeSentence = /All are resource-scoped.*?\.(?=\s)/.exec(flat(text));
    assert.ok(scopeSentence, 'the scope sentence');
    const notResource = Object.keys(props).filter((k) => props[k].scope !== 'resource');
    assert.deepEqual([...scopeSentence[0].matchAll(/`(reviewSnapshot\.[\w.]+)`/g)].map((m) => m[1]).sort(), notResource.sort());
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const r of rows) {
      const key = code(r[0]);
      assert.equal(/Restricted Mode/.test(r[2]), restricted.includes(key), `${key}: Restricted Mode said iff restricted`);
    }
  });

  it('the tasks section names the task types the client provides, the tasks as Run Task shows them, and the problem matcher', () => {
    const text = flat(section(readme, 'Tasks and problem matcher'));
    const types = [...text.matchAll(/Task type \*\*`([\w-]+)`\*\*/g)].map((m) => m[1]);
    assert.deepEqual(types.sort(), contributes.taskDefinitions.map((d) => d.type).sort(), 'README against taskDefinitions');
    const client = read('client/src/tasks.ts');
    const provided = [...client.matchAll(/export const \w+_TASK_TYPE = '([\w-]+)'/g)].map((m) => m[1]);
    assert.deepEqual(provided.sort(), types.sort(), 'README against the task providers of client/src/tasks.ts');
    for (const d of contributes.taskDefinitions) {
      for (const [prop, p] of Object.entries(d.properties)) {
        for (const v of p.enum ?? []) assert.ok(text.includes(`"${prop}": "${v}"`), `${d.type}: "${prop}": "${v}"`);
      }
    }
    // Run Task lists a provided task as `<source>: <name>`.
    const tasks = [...client.matchAll(/new vscode\.Task\(([^;]*)\);/g)].map((m) => taskArgs(m[1]));
    assert.ok(tasks.length >= 2, 'the tasks the client builds');
    for (const t of tasks) {
      const shown = /^'[^']*'$/.test(t.name) ? `**${t.source}: ${t.name.slice(1, -1)}**` : `\`${t.source}: <label>\``;
      assert.ok(text.includes(shown), `the README shows ${shown}`);
    }
    const matchers = [...text.matchAll(/Problem matcher \*\*`\$([\w-]+)`\*\*/g)].map((m) => m[1]);
    assert.deepEqual(
      matchers,
      contributes.problemMatchers.map((m) => m.name),
    );
  });

  it('the Quick start sets up and runs the main job, runs every test and points to CONTRIBUTING.md', () => {
    const text = section(readme, 'Quick start');
    assert.match(text, /^npm ci && npm start\b/m);
    assert.match(text, /^npm test\b/m);
    assert.ok(text.includes('(CONTRIBUTING.md)'));
    assert.equal(pkg.scripts.start.startsWith('npm run build && '), true, 'npm start builds first');
  });

  it('holds no developer material: the only npm script it runs is package', () => {
    const scripts = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(scripts)], ['package']);
    for (const h of ['Testing', 'Performance', 'Packaging', 'Benchmark']) assert.ok(!readme.includes(`\n## ${h}\n`), `no "## ${h}"`);
  });
});

/** The name and source arguments of a `new vscode.Task(definition, scope, name, source, …)` call. */
function taskArgs(args: string): { name: string; source: string } {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  let quote = '';
  for (const ch of args) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  assert.match(out[3] ?? '', /^'[^']*'$/, `a task's source is a literal: ${args}`);
  return { name: out[2], source: out[3].slice(1, -1) };
}

describe('CONTRIBUTING.md: the developer guide', () => {
  const guide = read('CONTRIBUTING.md');

  it("the scripts table lists exactly package.json's scripts", () => {
    const rows = tableRows(section(guide, 'Scripts'));
    const named = rows.map((r) => /^`npm (?:run )?([\w:-]+)`$/.exec(r[0])?.[1] ?? r[0]);
    assert.deepEqual(named.sort(), Object.keys(pkg.scripts).sort());
  });

  it('names the versions the e2e host install really installs, and what it takes from apt', () => {
    const install = read('test/e2e/host/install.sh');
    const version = (v: string) => new RegExp(`^${v}=(\\S+)`, 'm').exec(install)?.[1];
    const text = flat(section(guide, 'Quick start'));
    for (const [what, v] of [
      ['code-server', 'CODE_SERVER_VERSION'],
      ['Node', 'NODE_PKG_VERSION'],
      ['playwright-core', 'PLAYWRIGHT_CORE_VERSION'],
    ]) {
      assert.ok(version(v), `install.sh sets ${v}`);
      assert.ok(text.includes(`${what} ${version(v)}`), `CONTRIBUTING's Quick start says ${what} ${version(v)}`);
    }
    const apt = /apt-get install -y -qq ([\w\s-]+?) >/.exec(install)?.[1].trim();
    assert.ok(apt, 'install.sh installs Debian packages');
    assert.ok(text.includes(`apt-get install -y ${apt}`), `CONTRIBUTING says apt-get install -y ${apt}`);
  });

  it('links to the architecture', () => {
    assert.ok(guide.includes('(docs/architecture.md)'));
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a Markdown document's headings get (repeated ones numbered, as GitHub does). */
function anchors(doc: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutCode(doc).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** The text without fenced code blocks and code spans (whose brackets are no links). */
function withoutCode(doc: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of doc.split('\n')) {
    const marker = /^(?:`{3,}|~{3,})/.exec(line)?.[0];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && !line.slice(marker.length).trim()) fence = undefined;
    } else if (marker) fence = marker;
    else kept.push(line.replace(/(`+)[^`]*\1/g, ''));
  }
  return kept.join('\n');
}

interface Link {
  image: boolean;
  target: string;
}
function links(doc: string): Link[] {
  const text = withoutCode(doc);
  const md = [...text.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => ({
    image: m[1] === '!',
    target: m[2],
  }));
  const html = [...text.matchAll(/<img ([^>]*)>/gi)].map((m) => ({ image: true, target: /src="([^"]*)"/.exec(m[1])?.[1] ?? '' }));
  return [...md, ...html];
}

/** Whether a `files` entry of package.json takes `rel` into the package. */
function shipped(rel: string): boolean {
  return (pkg.files as string[]).some((entry) => {
    if (entry.includes('*')) {
      const re = new RegExp(`^${entry.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
      return re.test(rel);
    }
    const dir = entry.replace(/\/$/, '');
    return rel === dir || rel.startsWith(`${dir}/`);
  });
}

for (const doc of ['README.md', 'CONTRIBUTING.md']) {
  describe(`${doc}: links and images`, () => {
    const text = read(doc);

    it('every relative link and image leads to a file that exists, and every #anchor to a heading', () => {
      const broken: string[] = [];
      const all = links(text);
      assert.ok(
        all.some((l) => !/^[a-z]+:/i.test(l.target)),
        `${doc} has relative links`,
      );
      for (const { target } of all) {
        if (/^[a-z][a-z\d+.-]*:/i.test(target)) continue; // https:, mailto:, data:
        const [file, anchor] = target.split('#') as [string, string | undefined];
        const abs = file ? path.join(ROOT, path.dirname(doc), decodeURI(file)) : path.join(ROOT, doc);
        if (!fs.existsSync(abs)) {
          broken.push(`${target}: no such file`);
          continue;
        }
        if (anchor !== undefined && abs.endsWith('.md') && !anchors(fs.readFileSync(abs, 'utf8')).has(anchor)) {
          broken.push(`${target}: no heading with that anchor`);
        }
      }
      assert.deepEqual(broken, []);
    });

    if (doc === 'README.md') {
      it('its screenshots stay in the repository (the Details page loads them over https), the walkthrough’s media ship', () => {
        const images = links(text).filter((l) => l.image && !/^[a-z][a-z\d+.-]*:/i.test(l.target));
        assert.ok(images.length > 0, 'the README shows screenshots');
        const shippedImages = images.map((l) => decodeURI(l.target)).filter((t) => shipped(path.posix.normalize(t)));
        assert.deepEqual(shippedImages, [], 'README screenshots in package.json files (3 MB nobody sees in the package)');
        type Step = { media: { image?: string; markdown?: string } };
        const media = (pkg.contributes.walkthroughs as { steps: Step[] }[]).flatMap((w) =>
          w.steps.map((s) => s.media.image ?? s.media.markdown!),
        );
        assert.deepEqual(
          media.filter((m) => !shipped(m) || !fs.existsSync(path.join(ROOT, m))),
          [],
          'walkthrough media missing from the package',
        );
      });
      it('every file it links to ships with it too, so no link of the Details page or the npm page is dead', () => {
        const targets = links(text)
          .filter((l) => !l.image && !/^[a-z][a-z\d+.-]*:/i.test(l.target) && !l.target.startsWith('#'))
          .map((l) => decodeURI(l.target.split('#')[0]));
        const missing = targets.filter((t) => !['README.md', 'package.json'].includes(t) && !shipped(path.posix.normalize(t)));
        assert.deepEqual([...new Set(missing)], [], 'linked files outside package.json files');
      });
    }
  });
}

describe('package.json: activation', () => {
  it('every configuration file name the server reads starts the extension in a folder that holds one', async () => {
    const { CONFIG_NAMES } = await import('../../server/src/service/config/config');
    const events = pkg.activationEvents as string[];
    for (const name of CONFIG_NAMES) assert.ok(events.includes(`workspaceContains:**/${name}`), `activationEvents lack ${name}`);
  });
});
