// dist/cli.js, the `review-snapshot` command: runs the CLI bundle (dist/cli-main.js) through
// V8's code cache. Most of a short run is compiling the functions it calls; a cached run loads
// their bytecode instead (about a quarter of a one-file run). The cache is the user's own:
// one file per build of the bundle, Node.js version and architecture, in the user's cache folder
// (`$XDG_CACHE_HOME` or `~/.cache`, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows)
// under `review-snapshot/`; made when a run that checks a snapshot finds none (or V8 refuses
// it), never read unless the folder and the file are the user's and no one else can write them.
// V8 checks a cache's length, not its content, so a cache carries its own proof (SECURITY.md,
// "Caches"): an HMAC-SHA256 of its content under a per-user secret (`key`, 32 random bytes made
// 0600 on first use in the cache folder); a file without the right MAC is never given to V8.
// Checking the MAC costs a short run node:crypto (its module graph, about a tenth of the run), so
// `key-records` (0600, the secret then one line per file) records, for each cache file this user
// made or verified, what the file system says of it (device, inode, size, change and modification
// times in ns): a file that is still the one recorded is given to V8 without loading node:crypto.
// A file planted or rewritten since has another change time (no call sets it back), so it is
// checked by its MAC as before; and records count only behind the secret itself, so whoever could
// write them could as well write a right MAC. The key file stays the secret alone (older versions
// of the CLI share it). (Linux and macOS only, where the change time is the inode's: elsewhere the
// MAC every time.) And
// no cache folder inside the current folder or its repository is used (`XDG_CACHE_HOME` in a
// checkout, a common CI pattern: the checkout could hold the secret too).
// `NODE_DISABLE_COMPILE_CACHE=1` (the switch of Node's own compile cache) turns it off. Node.js
// 22's `module.enableCompileCache` would do this for any module; the CLI supports Node 20.
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import type * as Os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { gitRoot } from './node/repoRoot';
import { isInside } from './service/shared';

/** The bundle's content hash, set by esbuild.mjs when it builds this file after the bundle. */
declare const __RS_MAIN_ID__: string;

const MAIN = path.join(__dirname, 'cli-main.js');
/** Cache files are not read past this size (the bundle's is about half a megabyte). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** Cache files kept per user (one per build and Node.js version in use): older ones go when one is made. */
const KEEP = 8;

function cacheFolder(): string | undefined {
  const env = process.env;
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  let base: string | undefined;
  if (process.platform === 'win32') base = env.LOCALAPPDATA;
  else if (process.platform === 'darwin') base = path.join(home(), 'Library', 'Caches');
  else base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home(), '.cache');
  return base && path.isAbsolute(base) && !inCheckout(base) ? path.join(base, 'review-snapshot') : undefined;
}

/** Whether `base` (once links are resolved, as far as it exists) lies in the current folder or its repository. */
function inCheckout(base: string): boolean {
  const cwd = process.cwd();
  let real = base;
  try {
    real = fs.realpathSync.native(base);
  } catch {
    // not there yet: judged as written
  }
  const repo = gitRoot(cwd);
  return [base, real].some((b) => isInside(cwd, b) || (repo !== undefined && isInside(repo, b)));
}

/** `os.homedir()`, which is `$HOME` when set: node:os is loaded only when it is not. */
function home(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  return process.env.HOME || (require('node:os') as typeof Os).homedir();
}

/** The user's own: a folder (not a link) or a regular file that they own and only they can write. */
function owned(st: fs.Stats, kind: 'dir' | 'file'): boolean {
  if (kind === 'dir' ? !st.isDirectory() : !st.isFile()) return false;
  const uid = process.getuid?.();
  return uid === undefined || (st.uid === uid && (st.mode & 0o022) === 0);
}

/** What the file system says of a file: the same only while it is the same file, unchanged since (see the top). */
function identityOf(st: fs.BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.ctimeNs}:${st.mtimeNs}`;
}

/** Whether a file's identity can stand for its content: where the change time is the inode's. */
const IDENTITY_TRUSTED = process.platform === 'linux' || process.platform === 'darwin';

/**
 * A regular file of the user's that no one else can write (nor read, for the secret), up to the
 * cap; never through a link. With its identity (as read through the same descriptor).
 */
function readOwnedWithIdentity(file: string, secret = false): { buf: Buffer; identity: string } | undefined {
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    try {
      const big = fs.fstatSync(fd, { bigint: true });
      const st = fs.fstatSync(fd);
      if (!owned(st, 'file') || st.size > MAX_CACHE_BYTES || (secret && (st.mode & 0o077) !== 0)) return undefined;
      const buf = Buffer.allocUnsafe(st.size);
      let off = 0;
      for (let n; off < st.size && (n = fs.readSync(fd, buf, off, st.size - off, off)) > 0;) off += n;
      return off === st.size ? { buf, identity: identityOf(big) } : undefined;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function readOwned(file: string, secret = false): Buffer | undefined {
  return readOwnedWithIdentity(file, secret)?.buf;
}

/** node:crypto, loaded only when a cache is read or made (it costs a short run a few milliseconds). */
function crypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  return require('node:crypto') as typeof Crypto;
}

const MAC_BYTES = 32;

/** The MAC of a cache file: HMAC-SHA256 under the user's secret, of its name (the build it is for) and its content. */
function mac(secret: Buffer, name: string, data: Buffer): Buffer {
  return crypto().createHmac('sha256', secret).update(name).update('\0').update(data).digest();
}

/** The user's secret, and the identity of each cache file recorded (see the top), by name. */
interface Key {
  secret: Buffer;
  records: Map<string, string>;
}

const RECORDS = 'key-records';

/** The user's secret (`key` in the cache folder), when it is theirs alone. */
function readSecret(folder: string): Buffer | undefined {
  const key = readOwned(path.join(folder, 'key'), true);
  return key?.length === MAC_BYTES ? key : undefined;
}

/** The secret and the records, which count only when they begin with the secret (and are the user's alone). */
function readKey(folder: string): Key | undefined {
  const secret = readSecret(folder);
  if (!secret) return undefined;
  const records = new Map<string, string>();
  const kept = IDENTITY_TRUSTED ? readOwned(path.join(folder, RECORDS), true) : undefined;
  if (kept && kept.length > MAC_BYTES && secret.equals(kept.subarray(0, MAC_BYTES))) {
    for (const line of kept.subarray(MAC_BYTES).toString('latin1').split('\n')) {
      const [name, identity] = line.split(' ');
      if (name && identity) records.set(name, identity);
    }
  }
  return { secret, records };
}

/**
 * The cache's content, only when the folder is the user's alone and the file is the one recorded
 * in the key file or carries the right MAC (then it is recorded, for the next run).
 */
function readCache(folder: string, file: string): Buffer | undefined {
  try {
    if (!owned(fs.lstatSync(folder), 'dir')) return undefined;
  } catch {
    return undefined;
  }
  const read = readOwnedWithIdentity(file);
  const key = read && read.buf.length > MAC_BYTES ? readKey(folder) : undefined;
  if (!read || !key) return undefined;
  const name = path.basename(file);
  const data = read.buf.subarray(MAC_BYTES);
  if (IDENTITY_TRUSTED && key.records.get(name) === read.identity) return data;
  if (!crypto().timingSafeEqual(read.buf.subarray(0, MAC_BYTES), mac(key.secret, name, data))) return undefined;
  record(folder, key, name, read.identity);
  return data;
}

/**
 * Records a cache file's identity (`key-records` written anew: a temporary file of the user's,
 * 0600, synced, renamed into place). Records of cache files no longer there go. Any failure
 * leaves the records as they were (the next run checks the MAC again).
 */
function record(folder: string, key: Key, name: string, identity: string): void {
  if (!IDENTITY_TRUSTED) return;
  const tmp = path.join(folder, `${RECORDS}.${process.pid}-${Date.now()}.tmp`);
  try {
    const present = new Set(fs.readdirSync(folder));
    const lines = [...key.records].filter(([n]) => n !== name && present.has(n)).map(([n, id]) => `${n} ${id}\n`);
    lines.push(`${name} ${identity}\n`);
    const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o600);
    try {
      fs.writeSync(fd, key.secret);
      fs.writeSync(fd, lines.join(''), null, 'latin1');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Only while the secret is still the one the lines were made under (another run may have made one).
    if (readSecret(folder)?.equals(key.secret)) fs.renameSync(tmp, path.join(folder, RECORDS));
  } catch {
    // as it was
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** The user's secret, made (32 random bytes, 0600, created exclusively) when there is none yet. */
function secretFor(folder: string): Buffer {
  const have = readSecret(folder);
  if (have) return have;
  const key = path.join(folder, 'key');
  // One that is not the user's alone (or is cut short) is replaced; a link at its name is removed, not followed.
  fs.rmSync(key, { force: true });
  const secret = crypto().randomBytes(MAC_BYTES);
  const fd = fs.openSync(key, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    fs.writeSync(fd, secret);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return secret;
}

/**
 * Writes the cache (a temporary file of the user's, synced, renamed into place: a cache file is
 * whole or absent), and lets only the newest few stay. Any failure leaves things as they were.
 */
function writeCache(folder: string, file: string, data: Buffer): void {
  let tmp: string | undefined;
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!owned(fs.lstatSync(folder), 'dir')) return;
    const secret = secretFor(folder);
    tmp = `${file}.${process.pid}-${Date.now()}.tmp`;
    const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o600);
    try {
      fs.writeSync(fd, mac(secret, path.basename(file), data));
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    tmp = undefined;
    const key = readKey(folder);
    if (key?.secret.equals(secret)) record(folder, key, path.basename(file), identityOf(fs.lstatSync(file, { bigint: true })));
    const old = fs
      .readdirSync(folder)
      .filter((n) => /^cli-.*\.bin$/.test(n))
      .map((n) => ({ n, t: fs.lstatSync(path.join(folder, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(KEEP);
    for (const o of old) fs.rmSync(path.join(folder, o.n), { force: true });
  } catch {
    if (tmp) fs.rmSync(tmp, { force: true });
  }
}

/** Compiles and runs the bundle as a CommonJS module; its exports. */
function load(): Record<string, unknown> {
  const folder = cacheFolder();
  // Without a cache, or with --enable-source-maps (which maps modules Node loads, not vm scripts'
  // stacks), the bundle is required as it is.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle, beside this file
  if (!folder || process.sourceMapsEnabled) return require('./cli-main.js') as Record<string, unknown>;
  const fd = fs.openSync(MAIN, 'r');
  let source: string;
  let key: string;
  try {
    const st = fs.fstatSync(fd);
    // esbuild writes ASCII (non-ASCII characters escaped): read as Latin-1, the same string, decoded faster.
    source = fs.readFileSync(fd, 'latin1');
    // A bundle edited after it was built (same build id) has another size or time.
    key = `cli-${__RS_MAIN_ID__}-${st.size}-${Math.floor(st.mtimeMs)}-${process.version}-${process.arch}.bin`;
  } finally {
    fs.closeSync(fd);
  }
  const file = path.join(folder, key);
  const cachedData = readCache(folder, file);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: MAIN,
    cachedData,
  });
  const mod = { exports: {} as Record<string, unknown> };
  if (!cachedData || script.cachedDataRejected) {
    // Made once the run is over, when it checked a snapshot: the cache then holds every function
    // a check calls (a run that only printed its help or a usage error would cache too little).
    process.once('exit', () => {
      if ((mod.exports.worthCaching as (() => boolean) | undefined)?.()) writeCache(folder, file, script.createCachedData());
    });
  }
  // This file's own require: the bundle lies beside it, and requires its chunks (`./cli-remark.js`) from here.
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, require, mod, MAIN, __dirname);
  return mod.exports;
}

const cli = load();
module.exports = cli;

if (require.main === module) {
  const code = (cli.main as (argv: string[]) => number | Promise<number>)(process.argv.slice(2));
  if (typeof code === 'number') process.exitCode = code;
  else void code.then((c) => (process.exitCode = c));
}
