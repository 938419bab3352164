// dist/cli.js runs the bundle through V8's code cache (server/src/cliLoader.ts): made in the
// user's cache folder by a run that finds none, read only when the folder and the file are the
// user's alone, turned off by NODE_DISABLE_COMPILE_CACHE. Whatever the cache holds, a run says
// the same.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../support/cli';
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
    cacheHome = ws.path('cache-home');
    folder = path.join(cacheHome, 'review-snapshot');
  });
  afterEach(() => ws.dispose());

  const run = (env: Record<string, string> = {}) =>
    cli(['validate', SNAPSHOT_REL], ws.root, 20000, { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '', ...env });
  const files = () => (fs.existsSync(folder) ? fs.readdirSync(folder) : []);
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
});
