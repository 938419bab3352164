// The installable package, as another repository gets it: `npm pack`, installed offline into an
// empty project, where the bin runs with nothing else installed (dist/cli.js is self-contained).
// The commands the README's GitHub Actions workflow and .pre-commit-hooks.yaml run are run there.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = process.cwd();

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    // Offline: everything comes from the tarball (and npm's cache), nothing from a registry.
    env: {
      ...process.env,
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120000,
  });
}

/** A shell command line (`npx review-snapshot …`) run in `cwd`, as a workflow step runs it. */
function sh(line: string, cwd: string) {
  const r = spawnSync('bash', ['-c', line], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true' }, timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The fenced block of README.md that holds `marker`. */
function readmeBlock(marker: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(marker);
  assert.ok(at >= 0, `README.md has "${marker}"`);
  const open = readme.lastIndexOf('```', at);
  const start = readme.indexOf('\n', open) + 1;
  return readme.slice(start, readme.indexOf('\n```', start));
}

describe('the npm package (npm pack, installed offline into an empty project)', function () {
  this.timeout(240000);
  let tmp: string;
  let project: string;
  let files: string[];

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-pack-')));
    // --ignore-scripts: pack the bundles npm test has just built (prepare would rebuild them minified).
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT))[0];
    files = packed.files.map((f: { path: string }) => f.path);
    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    npm(['install', '--no-save', path.join(tmp, packed.filename)], project);
    // A repository with snapshots: the examples folder, with its own .git.
    fs.cpSync(path.join(ROOT, 'examples'), project, { recursive: true });
    fs.mkdirSync(path.join(project, '.git'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('holds the bundles, the rule pages and the grammar, and no source, test or dependency', () => {
    for (const f of ['dist/cli.js', 'dist/server.js', 'dist/extension.js', 'docs/rules/metadata/missing.md', 'package.json', 'README.md']) {
      assert.ok(files.includes(f), `${f} is in the package`);
    }
    // The schema and conventions ship as data (readable beside the bundle); no source does.
    assert.deepEqual(
      files.filter(
        (f) => /^(?:server|client|test|bench|node_modules)\/|\.map$|\.ts$/.test(f) && !/^server\/src\/schema\/[\w.]+\.yaml$/.test(f),
      ),
      [],
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'node_modules/review-snapshot/package.json'), 'utf8'));
    assert.equal(pkg.private, undefined);
    assert.equal(pkg.dependencies, undefined, 'no runtime dependency: everything is bundled');
    assert.deepEqual(
      fs.readdirSync(path.join(project, 'node_modules')).filter((d) => !d.startsWith('.')),
      ['review-snapshot'],
      'installing it installs nothing else',
    );
  });

  it('dist/cli.js requires nothing but Node built-ins and its own chunks', () => {
    const dist = path.join(project, 'node_modules/review-snapshot/dist');
    for (const f of fs.readdirSync(dist).filter((x) => /^cli.*\.js$/.test(x))) {
      const code = fs.readFileSync(path.join(dist, f), 'utf8');
      const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      const foreign = required.filter((m) => !m.startsWith('./') && !builtinModules.includes(m.replace(/^node:/, '')));
      assert.deepEqual(foreign, [], `${f} requires packages`);
      // dist/cli.js reads the bundle as Latin-1 (see server/src/cliLoader.ts): it must be ASCII.
      assert.ok(!/[^\x00-\x7f]/.test(code), `${f} is ASCII`);
    }
  });

  it('npx review-snapshot validates, explains and speaks SARIF from the installed package', () => {
    const ok = sh('npx review-snapshot validate docs/reviews/snapshots', project);
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /^2 snapshots checked: 0 errors, 0 warnings; all conform$/m);
    const explain = sh('npx review-snapshot explain table/status', project);
    assert.equal(explain.code, 0, explain.err);
    assert.ok(explain.out.startsWith('# table/status\n'));
    const text = fs.readFileSync(path.join(project, 'docs/reviews/snapshots/2026-02-19_self-heal-run.md'), 'utf8');
    fs.mkdirSync(path.join(project, 'notes'));
    fs.writeFileSync(path.join(project, 'notes/broken.md'), text + '\n## Raw Output\n\nagain\n');
    const sarif = sh('npx review-snapshot validate --format sarif notes/broken.md', project);
    assert.equal(sarif.code, 1);
    const rule = JSON.parse(sarif.out).runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'section/duplicate');
    // The installed page's text is the help; no helpUri: a file: URL of the CI runner is nobody's page.
    assert.ok(rule.help.markdown.startsWith('# section/duplicate\n'));
    assert.equal(rule.helpUri, undefined);
  });
});

/** Every entry of a zip file (a .vsix) and its content, read with yauzl (what vsce itself reads with). */
async function unzip(file: string): Promise<Map<string, Buffer>> {
  const vsce = path.dirname(createRequire(__filename).resolve('@vscode/vsce/package.json'));
  const yauzl = createRequire(path.join(vsce, 'package.json'))('yauzl');
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Buffer>();
    yauzl.open(file, { lazyEntries: true }, (err: Error | null, zip: YauzlZip) => {
      if (err) return reject(err);
      zip.on('entry', (entry: { fileName: string }) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
interface YauzlZip {
  on(event: string, listener: (...args: never[]) => void): void;
  readEntry(): void;
  openReadStream(entry: unknown, cb: (err: Error | null, stream: NodeJS.ReadableStream) => void): void;
}

/** The packages `name` needs at run time, itself included (from node_modules' package.json files). */
function closure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) closure(dep, seen);
  return seen;
}

/** Images of a Markdown text outside fenced code: `![alt](src)` and `<img src>`. */
function markdownImages(text: string): string[] {
  let fenced = false;
  const prose = text.split('\n').filter((line) => {
    if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
    return !fenced;
  });
  return [...prose.join('\n').matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\s[^>]*?src=["']?([^"'\s>]+)/gi)].map((m) => m[1] ?? m[2]);
}

describe('the .vsix (the production bundles, packed by vsix.mjs as `npm run package` packs them)', function () {
  this.timeout(240000);
  let tmp: string;
  let stage: string;
  let meta: { inputs: Record<string, unknown>; outputs: Record<string, { bytes: number; inputs: Record<string, unknown> }> };

  /**
   * Packs the staged folder with vsix.mjs and `extra` arguments, its package.json naming
   * `repository` (or none); the .vsix's entries and size.
   */
  async function pack(name: string, extra: string[], repository?: string) {
    const out = path.join(tmp, name);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify({ ...pkg, repository }, null, 2));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'vsix.mjs'), '--out', out, ...extra], {
      cwd: stage,
      encoding: 'utf8',
      env: { ...process.env, REVIEW_SNAPSHOT_IMAGES_URL: undefined },
      timeout: 120000,
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    return { entries: await unzip(out), bytes: fs.statSync(out).size, stderr: r.stderr };
  }

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-vsix-')));
    stage = path.join(tmp, 'stage');
    // What vsce may take: package.json's files (the bundles built below) and the top-level documents.
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const tops = new Set<string>(['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']);
    for (const entry of pkg.files as string[]) if (!entry.startsWith('dist/')) tops.add(entry.split('*')[0].replace(/\/$/, ''));
    for (const rel of tops) fs.cpSync(path.join(ROOT, rel), path.join(stage, rel), { recursive: true });
    const built = spawnSync(
      process.execPath,
      ['esbuild.mjs', '--production', '--outdir', path.join(stage, 'dist'), '--metafile', path.join(tmp, 'client-meta.json')],
      { cwd: ROOT, encoding: 'utf8', timeout: 120000 },
    );
    assert.equal(built.status, 0, built.stderr);
    meta = JSON.parse(fs.readFileSync(path.join(tmp, 'client-meta.json'), 'utf8'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the client bundle is at most 400 KB: the language client and the client’s own code, no YAML library, no engine', () => {
    const [[name, output]] = Object.entries(meta.outputs).filter(([f]) => f.endsWith('extension.js'));
    assert.ok(output.bytes <= 400 * 1024, `${name} is ${Math.round(output.bytes / 1024)} KB`);
    const client = closure('vscode-languageclient');
    const inputs = Object.keys(output.inputs);
    const foreign = inputs.filter((i) => i.includes('node_modules/') && !client.has(/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)![1]));
    assert.deepEqual(foreign, [], 'packages beyond vscode-languageclient and what it depends on');
    // What the client takes of the server's sources are small modules that import no library.
    const engine = inputs.filter((i) => !i.startsWith('client/') && !i.includes('node_modules/'));
    const heavy = engine.filter((i) =>
      (meta.inputs[i] as { imports: { path: string }[] }).imports.some((m) => /node_modules\/(?!vscode-)/.test(m.path)),
    );
    assert.deepEqual(heavy, [], 'server modules in the client that import a library');
    // The protocol, the engine's light door (service/shared.ts) and the five leaf modules it passes on.
    assert.ok(engine.length <= 7, `server modules in the client: ${engine.join(', ')}`);
  });

  it('is at most 1 MB and ships no screenshot but the walkthrough’s media; its README shows captions, no broken image', async () => {
    const { entries, bytes, stderr } = await pack('plain.vsix', [], undefined);
    assert.ok(bytes <= 1024 * 1024, `the .vsix is ${Math.round(bytes / 1024)} KB`);
    const pkg = JSON.parse(entries.get('extension/package.json')!.toString('utf8'));
    const media = pkg.contributes.walkthroughs.flatMap((w: { steps: { media: { image?: string } }[] }) =>
      w.steps.map((s) => s.media.image).filter(Boolean),
    );
    assert.ok(media.length > 0);
    const pngs = [...entries.keys()].filter((f) => /\.(?:png|jpe?g|gif|webp)$/i.test(f)).map((f) => f.replace(/^extension\//, ''));
    assert.deepEqual(pngs.sort(), [pkg.icon, ...media].sort(), 'images in the package: the icon and what the walkthrough shows');
    const readme = entries.get('extension/readme.md')!.toString('utf8');
    assert.deepEqual(markdownImages(readme), [], 'images the Details page would drop (it shows https: images only)');
    assert.match(readme, /^\*Screenshot: The quick fixes on a missing metadata key\*$/m, "the screenshot's caption in its place");
    assert.match(stderr, /caption/);
  });

  it('with an https base for the images (--images-url), the packed README shows every screenshot from there', async () => {
    const base = 'https://images.example.test/review-snapshot/';
    const { entries } = await pack('with-base.vsix', ['--images-url', base], undefined);
    assertImagesUnder(entries.get('extension/readme.md')!.toString('utf8'), `${base}docs/images/`);
  });

  it("with a GitHub repository in package.json, the packed README shows every screenshot from the repository's files", async () => {
    const { entries } = await pack('with-repository.vsix', [], 'https://github.com/example/review-snapshot');
    assertImagesUnder(
      entries.get('extension/readme.md')!.toString('utf8'),
      'https://github.com/example/review-snapshot/raw/HEAD/docs/images/',
    );
  });

  function assertImagesUnder(readme: string, base: string) {
    const images = markdownImages(readme);
    assert.equal(images.length, markdownImages(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).length);
    assert.deepEqual(
      images.filter((src) => !src.startsWith(base)),
      [],
      `images not under ${base}`,
    );
  }
});

/** `cmd args` in `cwd`, as pre-commit or a workflow runs it: exit status and both streams. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeout = 300000) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout, shell: process.platform === 'win32' });
  return { code: r.status, out: r.stdout, err: r.stderr, all: `${r.stdout}\n${r.stderr}` };
}

describe('the CI recipes install: npm pack, the pre-commit hook, the README workflow', function () {
  this.timeout(600000);
  let tmp: string;
  /** A checkout of this repository as a hook repository is: its tracked and new files, in git. */
  let checkout: string;
  let packed: { code: number | null; out: string; err: string };
  const offline = {
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-recipes-')));
    checkout = path.join(tmp, 'checkout');
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
    for (const rel of listed.split('\0').filter((f) => f && fs.existsSync(path.join(ROOT, f)))) {
      fs.cpSync(path.join(ROOT, rel), path.join(checkout, rel));
    }
    const git = (...args: string[]) => execFileSync('git', args, { cwd: checkout, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', 'hook');
    // pre-commit's own `npm install --dev --prod` comes first; the installed modules stand in for it here.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(checkout, 'node_modules'), 'junction');
    // Exactly what pre-commit runs, and what the README says to run: its stdout is the tarball's name.
    packed = run('npm', ['pack'], checkout, offline);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('`npm pack` (its prepare script included) prints only the tarball’s name on standard output', () => {
    assert.equal(packed.code, 0, packed.err);
    assert.match(packed.out, /^review-snapshot-\d+\.\d+\.\d+\.tgz\n$/, 'the whole standard output');
    assert.ok(fs.existsSync(path.join(checkout, packed.out.trim())));
  });

  it("pre-commit's install sequence: `npm install -g` of the name `npm pack` printed, then the hook's entry on the files it selects", () => {
    const prefix = path.join(tmp, 'node_env');
    const env = { ...offline, npm_config_prefix: prefix };
    const installed = run('npm', ['install', '-g', path.join(checkout, packed.out.trim())], checkout, env);
    assert.equal(installed.code, 0, installed.all);
    const [hook] = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    assert.equal(hook.language, 'node');
    const selects = new RegExp(hook.files);
    const snapshots = ['docs/reviews/snapshots/2026-03-04_docs-pass.md', 'docs/guide.md'].filter((f) => selects.test(f));
    assert.deepEqual(snapshots, ['docs/reviews/snapshots/2026-03-04_docs-pass.md']);
    const bin = process.platform === 'win32' ? prefix : path.join(prefix, 'bin');
    const [cmd, ...args] = hook.entry.split(' ');
    const repo = path.join(tmp, 'hooked');
    fs.cpSync(path.join(ROOT, 'examples'), repo, { recursive: true });
    fs.mkdirSync(path.join(repo, '.git'));
    const r = run(cmd, [...args, ...snapshots], repo, { PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    assert.equal(r.code, 0, r.all);
  });

  it('pre-commit itself installs the hook from a clean cache and runs it (where pre-commit is installed)', function () {
    if (spawnSync('pre-commit', ['--version']).status !== 0) this.skip();
    const consumer = path.join(tmp, 'consumer');
    fs.cpSync(path.join(ROOT, 'examples'), consumer, { recursive: true });
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: checkout, encoding: 'utf8' }).trim();
    // The README's .pre-commit-config.yaml, pointed at the checkout.
    const config = readmeBlock('.pre-commit-config.yaml of another repository')
      .replace('https://<this repository>', checkout)
      .replace('<tag or commit>', rev);
    fs.writeFileSync(path.join(consumer, '.pre-commit-config.yaml'), config);
    execFileSync('git', ['init', '-q'], { cwd: consumer });
    execFileSync('git', ['add', '-A'], { cwd: consumer });
    // pre-commit clones the checkout (without node_modules) and runs `npm install` there: from npm's cache.
    const r = run(
      'pre-commit',
      ['run', '--all-files'],
      consumer,
      { ...offline, PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-cache') },
      540000,
    );
    assert.equal(
      r.code,
      0,
      r.all +
        (fs.existsSync(path.join(tmp, 'pre-commit-cache/pre-commit.log'))
          ? fs.readFileSync(path.join(tmp, 'pre-commit-cache/pre-commit.log'), 'utf8')
          : ''),
    );
    assert.match(r.out, /^review snapshots\.+Passed$/m);
  });

  it("the README's GitHub Actions workflow: every run step, in order, with the tarball `npm pack` made in tools/", () => {
    const workflow = parse(readmeBlock('.github/workflows/review-snapshots.yml'));
    const steps: { run?: string }[] = workflow.jobs['review-snapshots'].steps;
    const runs = steps.map((s) => s.run).filter((r): r is string => !!r);
    const install = runs.find((r) => r.startsWith('npm install'));
    assert.ok(install?.includes(`./tools/${packed.out.trim()}`), `the workflow installs the tarball npm pack names: ${install}`);
    const project = path.join(tmp, 'workflow');
    fs.cpSync(path.join(ROOT, 'examples'), project, { recursive: true });
    fs.mkdirSync(path.join(project, '.git'));
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    fs.mkdirSync(path.join(project, 'tools'));
    fs.copyFileSync(path.join(checkout, packed.out.trim()), path.join(project, 'tools', packed.out.trim()));
    assert.ok(runs.filter((r) => r.includes('npx review-snapshot')).length >= 2, 'the annotation and the SARIF steps');
    for (const line of runs) {
      const r = sh(line, project);
      assert.equal(r.code, 0, `${line}: ${r.out}${r.err}`);
    }
    assert.equal(JSON.parse(fs.readFileSync(path.join(project, 'review-snapshot.sarif'), 'utf8')).version, '2.1.0');
  });
});
