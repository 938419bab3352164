// The installable package, as another repository gets it: `npm pack`, installed offline into an
// empty project, where the bin runs with nothing else installed (dist/cli.js is self-contained).
// The commands the README's GitHub Actions workflow and .pre-commit-hooks.yaml run are run there.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
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
    const page = new URL(rule.helpUri);
    assert.ok(fs.existsSync(page), `${rule.helpUri} is the installed page`);
    assert.ok(page.pathname.includes('/node_modules/review-snapshot/docs/rules/'));
  });

  it("the README's GitHub Actions workflow commands run as written", () => {
    const workflow = parse(readmeBlock('.github/workflows/review-snapshots.yml'));
    const steps: { run?: string }[] = workflow.jobs['review-snapshots'].steps;
    const runs = steps.map((s) => s.run).filter((r): r is string => !!r && r.includes('npx review-snapshot'));
    assert.ok(runs.length >= 2, 'the annotation and the SARIF steps');
    for (const line of runs) {
      const r = sh(line, project);
      assert.equal(r.code, 0, `${line}: ${r.out}${r.err}`);
    }
    assert.equal(JSON.parse(fs.readFileSync(path.join(project, 'review-snapshot.sarif'), 'utf8')).version, '2.1.0');
  });

  it('the .pre-commit-hooks.yaml hook runs its entry on the snapshots it selects', () => {
    const [hook] = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    assert.equal(hook.language, 'node');
    const selects = new RegExp(hook.files);
    const snapshots = ['docs/reviews/snapshots/2026-03-04_docs-pass.md', 'docs/guide.md'].filter((f) => selects.test(f));
    assert.deepEqual(snapshots, ['docs/reviews/snapshots/2026-03-04_docs-pass.md']);
    // pre-commit runs the entry with the installed package's bin on PATH, the files appended.
    const r = sh(`PATH="$PWD/node_modules/.bin:$PATH" ${hook.entry} ${snapshots.join(' ')}`, project);
    assert.equal(r.code, 0, r.out + r.err);
  });
});
