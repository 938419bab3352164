// dist/cli.js runs the bundle through V8's code cache (server/src/cliLoader.ts): made in the
// user's cache folder by a run that finds none, read only when the folder and the file are the
// user's alone and the file carries the MAC of its content under the user's secret, never from a
// folder in the current folder or its repository, turned off by NODE_DISABLE_COMPILE_CACHE.
// Whatever the cache holds, a run says the same.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, cli } from '../support/cli';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

describe('CLI: the compile cache', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let cacheHome: string;
  let folder: string;
  beforeEach(() => {
    ws = new TempWorkspace('rs-cache-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(SNAPSHOT_REL, VALID_TEXT);
    // Outside the checkout: a cache folder in it is never used (see below).
    cacheHome = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-cache-home-')));
    folder = path.join(cacheHome, 'review-snapshot');
  });
  afterEach(() => {
    ws.dispose();
    fs.rmSync(cacheHome, { recursive: true, force: true });
  });

  const run = (env: Record<string, string> = {}) =>
    cli(['validate', SNAPSHOT_REL], ws.root, 20000, { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '', ...env });
  /** The cache files (the secret, `key`, and the records of the files made, `key-records`, beside them, are not). */
  const files = () => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f !== 'key' && f !== 'key-records') : []);
  const expected = () => cli(['validate', SNAPSHOT_REL], ws.root, 20000, { NODE_DISABLE_COMPILE_CACHE: '1' });

  it('a run without a cache makes one, only the user can read it, and the next run reads it (saying the same)', () => {
    const plain = expected();
    const first = run();
    assert.deepEqual([first.code, first.out, first.err], [plain.code, plain.out, plain.err]);
    const [file] = files();
    assert.match(file, /^cli-[0-9a-f]{16}-\d+-\d+-v[\d.]+-\w+\.bin$/);
    if (process.platform !== 'win32') {
      assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
      assert.equal(fs.statSync(path.join(folder, file)).mode & 0o777, 0o600);
    }
    const made = fs.statSync(path.join(folder, file)).mtimeMs;
    const second = run();
    assert.deepEqual([second.code, second.out, second.err], [plain.code, plain.out, plain.err]);
    assert.deepEqual(files(), [file]);
    assert.equal(fs.statSync(path.join(folder, file)).mtimeMs, made, 'read, not made again');
  });

  it('a run that checks no snapshot (--version, a usage error) makes none: it compiled too little to keep', () => {
    const env = { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '' };
    assert.equal(cli(['--version'], ws.root, 20000, env).code, 0);
    assert.equal(cli(['validate'], ws.root, 20000, env).code, 2);
    assert.deepEqual(files(), []);
    run();
    assert.equal(files().length, 1);
  });

  it('a cache V8 refuses (cut short) is made again; NODE_DISABLE_COMPILE_CACHE makes none', () => {
    const plain = expected();
    run();
    const [file] = files();
    const p = path.join(folder, file);
    fs.truncateSync(p, 1000);
    const r = run();
    assert.deepEqual([r.code, r.out, r.err], [plain.code, plain.out, plain.err]);
    assert.ok(fs.statSync(p).size > 1000, 'made again');
    fs.rmSync(folder, { recursive: true });
    run({ NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.deepEqual(files(), []);
  });

  it('is neither read nor made in a folder others can write, nor through a link', function () {
    if (process.platform === 'win32') this.skip();
    const plain = expected();
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fs.chmodSync(folder, 0o777);
    let r = run();
    assert.deepEqual([r.code, r.out, r.err], [plain.code, plain.out, plain.err]);
    assert.deepEqual(files(), [], 'nothing made where others can write');
    fs.rmSync(folder, { recursive: true });
    run();
    const [file] = files();
    const real = path.join(folder, file);
    const elsewhere = ws.path('elsewhere.bin');
    fs.renameSync(real, elsewhere);
    fs.symlinkSync(elsewhere, real);
    r = run();
    assert.deepEqual([r.code, r.out, r.err], [plain.code, plain.out, plain.err]);
    assert.ok(!fs.lstatSync(real).isSymbolicLink(), 'the link is replaced by a file of its own, not followed');
  });

  /**
   * A cache V8 would accept for the bundle (same length of source, same Node.js and flags) whose
   * code is other code: it prints a pass and exits 0. Made in a process of its own (V8's flags of
   * this one, the test runner's, may differ from the CLI's).
   */
  function foreignCache(): Buffer {
    const main = path.join(process.cwd(), 'dist', 'cli-main.js');
    const script = `
      const vm = require('node:vm'), fs = require('node:fs');
      const size = fs.statSync(${JSON.stringify(main)}).size;
      const evil = "process.stdout.write('PLANTED: 1 snapshot checked: 0 errors, 0 warnings; all conform' + String.fromCharCode(10)); process.exit(0);";
      const source = evil + '/' + '/' + ' '.repeat(size - evil.length - 2);
      const s = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + source + '\\n})', { filename: ${JSON.stringify(main)} });
      s.runInThisContext();
      process.stdout.write(s.createCachedData().toString('base64'));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return Buffer.from(r.stdout, 'base64');
  }

  it("a planted cache of other code with the right length is not run: without the MAC of the user's secret it is not given to V8", () => {
    const plain = expected();
    run();
    const [file] = files();
    const p = path.join(folder, file);
    const planted = foreignCache();
    // As a bare V8 cache, and behind 32 bytes where the MAC goes.
    for (const bytes of [planted, Buffer.concat([Buffer.alloc(32, 7), planted])]) {
      fs.writeFileSync(p, bytes, { mode: 0o600 });
      // With a record of the planted file's identity too, behind a secret that is not the user's.
      const st = fs.statSync(p, { bigint: true });
      const identity = `${st.dev}:${st.ino}:${st.size}:${st.ctimeNs}:${st.mtimeNs}`;
      fs.writeFileSync(path.join(folder, 'key-records'), Buffer.concat([Buffer.alloc(32, 9), Buffer.from(`${file} ${identity}\n`)]), {
        mode: 0o600,
      });
      const r = run();
      assert.ok(!r.out.includes('PLANTED'), `the planted code ran: ${r.out}`);
      assert.deepEqual([r.code, r.out, r.err], [plain.code, plain.out, plain.err]);
    }
  });

  it("a cache read again as the user's run left it costs no node:crypto; one written over since is checked by its MAC again", () => {
    const plain = expected();
    // Which of Node's own modules a run loaded, written at its end by a module required before the CLI.
    const loaded = path.join(cacheHome, 'loaded.json');
    const probe = path.join(cacheHome, 'probe.js');
    fs.writeFileSync(
      probe,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(process.moduleLoadList)));`,
    );
    const probed = () => {
      const r = spawnSync(process.execPath, ['-r', probe, CLI, 'validate', SNAPSHOT_REL], {
        cwd: ws.root,
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '' },
      });
      assert.deepEqual([r.status, r.stdout, r.stderr], [plain.code, plain.out, plain.err]);
      return (JSON.parse(fs.readFileSync(loaded, 'utf8')) as string[]).includes('NativeModule crypto');
    };
    run();
    const [file] = files();
    assert.equal(probed(), false, 'the cache the last run made is read without node:crypto');
    // The same bytes written over it: another change time, so the MAC is checked (and the file is recorded again).
    const p = path.join(folder, file);
    fs.writeFileSync(p, fs.readFileSync(p));
    assert.equal(probed(), true, 'a file written since is checked by its MAC');
    assert.equal(probed(), false);
    assert.deepEqual(files(), [file]);
    // The key file stays the secret alone: an older CLI sharing the folder keeps using it.
    assert.equal(fs.statSync(path.join(folder, 'key')).size, 32);
  });

  it('a cache folder in the checkout (XDG_CACHE_HOME in the repository or the current folder) is neither read nor made', function () {
    if (process.platform === 'win32') this.skip();
    const plain = expected();
    // A secret and a cache of other code with its right MAC, committed together: all a reader could check.
    const inRepo = ws.path('.cache');
    run();
    const [file] = files();
    fs.mkdirSync(path.join(inRepo, 'review-snapshot'), { recursive: true, mode: 0o700 });
    const secret = Buffer.alloc(32, 1);
    fs.writeFileSync(path.join(inRepo, 'review-snapshot', 'key'), secret, { mode: 0o600 });
    const planted = foreignCache();
    const mac = createHmac('sha256', secret).update(file).update('\0').update(planted).digest();
    fs.writeFileSync(path.join(inRepo, 'review-snapshot', file), Buffer.concat([mac, planted]), { mode: 0o600 });
    for (const cwd of [ws.root, ws.path('docs')]) {
      const r = cli(['validate', path.relative(cwd, ws.path(SNAPSHOT_REL))], cwd, 20000, {
        XDG_CACHE_HOME: inRepo,
        NODE_DISABLE_COMPILE_CACHE: '',
      });
      assert.ok(!r.out.includes('PLANTED'), `the checkout's cache ran: ${r.out}`);
      assert.equal(r.code, plain.code, r.out + r.err);
      assert.equal(r.out, plain.out);
    }
    fs.rmSync(inRepo, { recursive: true });
    cli(['validate', SNAPSHOT_REL], ws.root, 20000, { XDG_CACHE_HOME: inRepo, NODE_DISABLE_COMPILE_CACHE: '' });
    assert.ok(!fs.existsSync(inRepo), 'no cache made in the checkout');
  });
});
