// The one guarded way the product reads a file that a document or a setting names. A path is
// read only when its real path (every link resolved) lies in the folder, it is a regular file,
// and it is not larger than the cap; a FIFO or device is never opened for reading its content
// (opened non-blocking, checked, closed). What lies outside is reported as `outside` whether or
// not it exists, so a snapshot cannot probe the disk.
import type * as Crypto from 'node:crypto';
import type * as Os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside, type Denied, type DirEntry, type FileKind, type ReadResult } from '../service/core';

const realRoots = new Map<string, string>();

/** The real path of a workspace folder (remembered: folders do not move under a session). */
export function realRoot(root: string): string {
  let r = realRoots.get(root);
  if (r === undefined) {
    try {
      r = fs.realpathSync.native(root);
    } catch {
      r = root;
    }
    realRoots.set(root, r);
  }
  return r;
}

/** The guarded reads' own work counters (tests bound the work with them, never with a clock). */
export const diskWork = { resolved: 0, listed: 0 };

type Located = { ok: true; real: string } | { ok: false; reason: Denied };

/**
 * Where `abs` really is, if it lies in `root` both as written and once links are resolved.
 * `expected`: the path is about to be read (it is there, as a rule), so it is not asked first
 * whether it exists.
 */
export function locate(root: string, abs: string, expected = false): Located {
  diskWork.resolved++;
  if (!isInside(root, abs)) return { ok: false, reason: 'outside' };
  // Most paths a snapshot cites that are not there are asked about by the thousand: existsSync
  // answers without the exception realpath would throw (building one costs more than the call).
  if (!expected && !fs.existsSync(abs)) return notThere(root, abs);
  let real: string;
  try {
    // The native realpath(3): one call, where the JavaScript one lstats every part of the path.
    real = fs.realpathSync.native(abs);
  } catch {
    return notThere(root, abs);
  }
  return isInside(realRoot(root), real) ? { ok: true, real } : { ok: false, reason: 'outside' };
}

/**
 * Why `abs` (inside `root` as written) cannot be resolved: `outside` when what is there of it
 * leads outside — its deepest part that exists resolves outside, or is a link that leads nowhere
 * (where it would lead cannot be shown to be inside) —, else `missing`. Containment is decided on
 * the real path before existence: an outside path is `outside` whether or not it exists, so a
 * link to `/` cannot tell which files exist there.
 */
function notThere(root: string, abs: string): Located {
  for (let cur = abs; isInside(root, cur); cur = path.dirname(cur)) {
    const st = lstatOrUndefined(cur);
    if (!st) continue;
    try {
      return isInside(realRoot(root), fs.realpathSync.native(cur)) ? { ok: false, reason: 'missing' } : { ok: false, reason: 'outside' };
    } catch {
      return { ok: false, reason: 'outside' }; // a link that leads nowhere (or in a loop)
    }
  }
  return { ok: false, reason: 'missing' };
}

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

/** What is at `abs` in `root` (a file, a folder, outside, or nothing). */
export function safeStat(root: string, abs: string): FileKind | 'outside' | undefined {
  const at = locate(root, abs);
  if (!at.ok) return at.reason === 'outside' ? 'outside' : undefined;
  try {
    return fs.statSync(at.real).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/** Reads a regular file inside `root` as bytes, at most `maxBytes`. */
export function safeReadBytes(
  root: string,
  abs: string,
  maxBytes: number,
): { ok: true; bytes: Buffer; id: FileId } | { ok: false; reason: Denied; detail?: string; limit?: number } {
  const at = locate(root, abs, true);
  if (!at.ok) return at;
  let fd: number;
  try {
    fd = fs.openSync(at.real, OPEN_FLAGS);
  } catch (e) {
    return openFailure(e as NodeJS.ErrnoException);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file', detail: st.isDirectory() ? 'dir' : undefined };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', limit: maxBytes };
    return { ok: true, bytes: readAll(fd, st.size, maxBytes), id: fileId(st) };
  } catch (e) {
    return { ok: false, reason: 'unreadable', detail: (e as Error).message };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A folder's plain entries, read once: its real path (inside the workspace folder) and which of
 * its names are regular files or folders that are no links. A snapshot citing many files of one
 * folder asks this once instead of resolving each path (exists, real path, stat: three calls per
 * file). Links, FIFOs, sockets, devices and entries of unknown type are not in `kinds`: a path
 * to one of them is asked the one-by-one way.
 */
export interface ListedFolder {
  readonly real: string;
  readonly kinds: ReadonlyMap<string, FileKind>;
}

/** A folder with more entries than this is not listed: its cited paths are asked one by one. */
const MAX_LISTED_ENTRIES = 4096;

/** The plain entries of the folder `dir` inside `root` (see ListedFolder); undefined when it is not one, or too big. */
export function listFolder(root: string, dir: string): ListedFolder | undefined {
  const at = locate(root, dir);
  if (!at.ok) return undefined;
  diskWork.listed++;
  let reader: fs.Dir;
  try {
    reader = fs.opendirSync(at.real, { bufferSize: 256 });
  } catch {
    return undefined;
  }
  const kinds = new Map<string, FileKind>();
  let entries = 0;
  try {
    for (let d = reader.readSync(); d; d = reader.readSync()) {
      if (++entries > MAX_LISTED_ENTRIES) return undefined;
      if (d.isFile()) kinds.set(d.name, 'file');
      else if (d.isDirectory()) kinds.set(d.name, 'dir');
    }
  } catch {
    return undefined; // a folder that vanishes while listed: asked one by one
  } finally {
    reader.closeSync();
  }
  return { real: at.real, kinds };
}

/** One buffer for counting lines: a check counts thousands of small files, one after another. */
let lineBuffer: Buffer | undefined;
const LINE_BUFFER_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * How many lines `name`, a regular file of a listed folder, has (a final newline ends the last
 * line; it does not start another), when it is still a regular file no larger than `maxBytes`.
 * Opened without following a link (one put there since the listing is refused), checked, read.
 */
export function listedLineCount(folder: ListedFolder, name: string, maxBytes: number): number | undefined {
  if (folder.kinds.get(name) !== 'file') return undefined;
  let fd: number;
  try {
    fd = fs.openSync(path.join(folder.real, name), OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    return countLinesOf(fd, st.size);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** The lines of the first `size` bytes of `fd` (a file that shrinks while read is counted where it ended). */
function countLinesOf(fd: number, size: number): number {
  const buf = (lineBuffer ??= Buffer.allocUnsafe(LINE_BUFFER_BYTES));
  let newlines = 0;
  let last = -1;
  for (let off = 0; off < size;) {
    const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - off), off);
    if (n === 0) break;
    const read = n === buf.length ? buf : buf.subarray(0, n);
    for (let i = read.indexOf(NEWLINE); i !== -1; i = read.indexOf(NEWLINE, i + 1)) newlines++;
    last = read[n - 1];
    off += n;
  }
  return 1 + newlines - (last === NEWLINE ? 1 : 0);
}

/** Which file a path led to (device and inode): two paths, links or names of one file have the same. */
export type FileId = string;

function fileId(st: fs.Stats): FileId {
  return `${st.dev}:${st.ino}`;
}

/** Reads a regular file inside `root` as UTF-8 text (see safeReadBytes). */
export function safeReadText(root: string, abs: string, maxBytes: number): ReadResult {
  const r = safeReadBytes(root, abs, maxBytes);
  return r.ok ? { ok: true, text: r.bytes.toString('utf8') } : r;
}

function openFailure(e: NodeJS.ErrnoException): { ok: false; reason: Denied; detail?: string } {
  if (e.code === 'ENOENT') return { ok: false, reason: 'missing' };
  if (e.code === 'EISDIR') return { ok: false, reason: 'not-a-file', detail: 'dir' };
  // O_NOFOLLOW on a path that became a link after it was resolved: refused, not followed.
  if (e.code === 'ELOOP') return { ok: false, reason: 'outside' };
  if (e.code === 'EACCES' || e.code === 'EPERM') return { ok: false, reason: 'unreadable', detail: 'permission denied' };
  return { ok: false, reason: 'unreadable', detail: e.message };
}

/** Reads up to `size` bytes (a file that grows while read is cut at the cap, never read on). */
function readAll(fd: number, size: number, maxBytes: number): Buffer {
  const cap = Math.min(Math.max(size, 0), maxBytes);
  // Not zeroed: only the bytes read are returned (a file that shrinks while read is cut where it ended).
  const buf = Buffer.allocUnsafe(cap);
  let off = 0;
  while (off < cap) {
    const n = fs.readSync(fd, buf, off, cap - off, off);
    if (n === 0) break;
    off += n;
  }
  return off === cap ? buf : buf.subarray(0, off);
}

/** Sleeps without spinning (the CLI is synchronous; a lock wait is short). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export type WriteRefusal = { ok: false; reason: string };

/**
 * The one guarded place check for a write (SECURITY.md, "Links"): whether a file may be written at
 * `target` (created or replaced), and which of its folders must be made first. Refused when
 * `target` is not in `root` as written, is a symbolic link (never followed, dangling or not), or
 * when the deepest part of its path that exists is a link that leads nowhere (a create would
 * follow it out) or really lies outside `root`, or is not a folder. The server plans through it
 * (DiskWorkspace `writable`), the CLI writes through it (`safeUpdateText`).
 */
export function writablePlace(root: string, target: string): { ok: true; missing: string[] } | WriteRefusal {
  if (!isInside(root, target)) return { ok: false, reason: `${target} is outside the folder` };
  const self = lstatOrUndefined(target);
  if (self?.isSymbolicLink()) return { ok: false, reason: `${target} is a symbolic link; it is not followed` };
  const missing: string[] = [];
  let cur = path.dirname(target);
  let st: fs.Stats | undefined;
  // lstat, not exists: a dangling link is something, and is neither followed nor replaced.
  for (; !(st = lstatOrUndefined(cur)); cur = path.dirname(cur)) {
    missing.unshift(cur);
    if (cur === root || path.dirname(cur) === cur) return { ok: false, reason: `${cur} cannot be resolved` };
  }
  let real: string;
  try {
    real = fs.realpathSync.native(cur);
  } catch {
    return { ok: false, reason: `${cur} is a symbolic link that leads nowhere; it is not followed` };
  }
  if (!isInside(realRoot(root), real)) return { ok: false, reason: `${cur} leads outside the folder` };
  // A folder that is no link is a folder at its real path too; a link is asked where it leads.
  const isFolder = !st.isSymbolicLink() ? st.isDirectory() : fs.statSync(real).isDirectory();
  if (!isFolder) return { ok: false, reason: `${cur} is not a folder` };
  return { ok: true, missing };
}

/** Makes the folders `writablePlace` says are missing (after its checks): ok, or why not. */
function makePlace(root: string, target: string): { ok: true } | WriteRefusal {
  const place = writablePlace(root, target);
  if (!place.ok) return place;
  for (const m of place.missing) fs.mkdirSync(m);
  return { ok: true };
}

/** A lock or guard this old is stale whatever it says (its writer hung, or its pid was reused). */
const LOCK_STALE_MS = 60_000;
/** A writer writes its line into its lock right after creating it: one without a line for this long is no live writer's. */
const UNSIGNED_LOCK_MS = 1_000;

let hostName: string | undefined;

/** This machine's name, as locks record it (node:os is loaded only by a write). */
function host(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  hostName ??= (require('node:os') as typeof Os).hostname();
  return hostName;
}

/** The line a writer records in its lock and guard: its pid and its machine. */
function ownerLine(): string {
  return `${process.pid} ${host()}\n`;
}

/** The pid and machine a lock records, read without following a link or blocking; undefined when it records none. */
function lockOwner(p: string): { pid: number; host: string } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(p, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(300);
    const n = fs.fstatSync(fd).isFile() ? fs.readSync(fd, buf, 0, buf.length, 0) : 0;
    const line = buf.toString('utf8', 0, n).trim();
    const gap = line.indexOf(' ');
    const id = Number(line.slice(0, gap));
    return gap > 0 && Number.isSafeInteger(id) && id > 0 ? { pid: id, host: line.slice(gap + 1) } : undefined;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether a process of this machine is running (one of another user's too: EPERM). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The entry at `p` (a lock or its guard) when no live writer holds it, else undefined. Judged by
 * what it records (SECURITY.md, "Verdicts"): a lock of another machine, or of a process of this
 * one that is not running (one that came with a checkout, a writer that died), is stale at once;
 * one that records no writer is stale after a second (a writer records itself right after
 * creating it); any is stale once a minute old.
 */
function staleEntry(p: string): fs.Stats | undefined {
  const st = lstatOrUndefined(p);
  if (!st) return undefined;
  const age = Math.abs(Date.now() - st.mtimeMs);
  if (age > LOCK_STALE_MS) return st;
  const owner = st.isFile() ? lockOwner(p) : undefined;
  if (!owner) return age > UNSIGNED_LOCK_MS ? st : undefined;
  return owner.host !== host() || !alive(owner.pid) ? st : undefined;
}

/** What a lock or guard may be: a file (or a link, never followed); a folder or device planted there is not. */
function isLockEntry(st: fs.Stats): boolean {
  return st.isFile() || st.isSymbolicLink();
}

const EXCLUSIVE = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);

/**
 * Breaks a stale lock, only if it is still the one judged stale: another writer may have taken
 * it over between that look and this step, and a live lock must never be removed (both writers
 * would write, and one update be lost). Under a guard (`<lock>.break`, created exclusively, held
 * for a few system calls) the lock is looked at again and removed only when it is the same entry
 * (device, inode, mtime); its name is never free while it may be live. True when removed; false
 * when it changed or another writer is breaking it (wait, as for a live lock); a refusal when it
 * cannot be removed here (a folder planted at the name, a folder that cannot be written).
 */
function* breakSteps(lock: string, stale: fs.Stats): Steps<boolean | WriteRefusal> {
  const refuse = (why: string): WriteRefusal => ({ ok: false, reason: `cannot take over the stale lock ${lock}: ${why}` });
  if (!isLockEntry(stale)) return refuse('it is not a lock file (something else was put at its name); remove it');
  const guard = `${lock}.break`;
  let fd: number;
  try {
    fd = (yield { op: 'open', path: guard, flags: EXCLUSIVE, mode: 0o600 }) as number;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return refuse((e as Error).message);
    // Another writer is breaking it (for a moment); a guard a minute old was left by one that died.
    const deadGuard = staleEntry(guard);
    if (!deadGuard) return false;
    if (!isLockEntry(deadGuard)) return refuse(`${guard} is not a lock file (something else was put at its name); remove it`);
    try {
      yield { op: 'remove', path: guard };
    } catch (err) {
      return refuse((err as Error).message);
    }
    return false;
  }
  try {
    yield { op: 'write', fd, text: ownerLine() };
    yield { op: 'close', fd };
    const now = lstatOrUndefined(lock);
    if (!now || now.dev !== stale.dev || now.ino !== stale.ino || now.mtimeMs !== stale.mtimeMs) return false;
    yield { op: 'remove', path: lock };
    return true;
  } catch (e) {
    return refuse((e as Error).message);
  } finally {
    try {
      yield { op: 'remove', path: guard };
    } catch {
      // Left behind, it is stale in a minute and removed by the next writer that needs it.
    }
  }
}

/**
 * Standard input as bytes, up to `maxBytes` (more is refused, not cut): the text `-` names on a
 * command line. Read synchronously, waiting out EAGAIN when the descriptor is non-blocking.
 */
export function safeReadStdin(
  maxBytes: number,
): { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'unreadable'; detail?: string; limit?: number } {
  const chunks: Buffer[] = [];
  let size = 0;
  const buf = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        sleep(5);
        continue;
      }
      if (code === 'EOF') break;
      return { ok: false, reason: 'unreadable', detail: (e as Error).message };
    }
    if (n === 0) break;
    size += n;
    if (size > maxBytes) return { ok: false, reason: 'too-large', limit: maxBytes };
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

let randomPart: string | undefined;
let written = 0;

/**
 * A name no other writer can foresee: 16 random hex digits drawn once per process, and a count
 * (the names of one run differ; nobody can plant them in advance, and a name that exists anyway
 * is not opened: the file is created exclusively). node:crypto is loaded here, not at startup:
 * it costs a short CLI run about 13 ms, and only writes need it.
 */
function randomName(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  randomPart ??= (require('node:crypto') as typeof Crypto).randomBytes(8).toString('hex');
  return `${randomPart}-${(written++).toString(36)}`;
}

export interface UpdateOptions {
  /** What the file holds now (undefined: it does not exist) → what it should hold, or why not. */
  update: (current: string | undefined) => { text: string } | { refuse: string };
  maxBytes: number;
  lockTimeoutMs?: number;
}

/**
 * The one guarded write: `target` (inside `root`, in a folder really inside it, never a symbolic
 * link) is read, updated and replaced under a lock, through an exclusive temporary file, an fsync
 * and a rename, so concurrent writers take turns (none loses the other's entries) and a reader
 * sees the old file or the new one, never half of one.
 */
export function safeUpdateText(root: string, target: string, opts: UpdateOptions): { ok: true; created: boolean } | WriteRefusal {
  return runNow(updateSteps(root, target, opts));
}

/**
 * The same write (the same steps: `updateSteps`), its fsync made off the main thread: a run that
 * fixes many files checks the next while the disk syncs the last ones (see `runLater`).
 */
export function safeUpdateTextLater(
  root: string,
  target: string,
  opts: UpdateOptions,
): Promise<{ ok: true; created: boolean } | WriteRefusal> {
  return runLater(updateSteps(root, target, opts));
}

/** A file operation of the guarded write, made by `runNow` (synchronously) or `runLater` (the fsync on libuv's threads). */
type FileOp =
  | { op: 'open'; path: string; flags: number | string; mode: number }
  | { op: 'write'; fd: number; text: string }
  | { op: 'fchmod'; fd: number; mode: number }
  | { op: 'fsync'; fd: number }
  | { op: 'close'; fd: number }
  | { op: 'rename'; from: string; to: string }
  /** Removes a file that may be gone already. */
  | { op: 'remove'; path: string }
  | { op: 'sleep'; ms: number };

type Steps<T> = Generator<FileOp, T, unknown>;

/**
 * The guarded write, step by step; each file operation is yielded, and its result (or its error,
 * thrown at the yield) comes back. See `safeUpdateText`.
 */
function* updateSteps(root: string, target: string, opts: UpdateOptions): Steps<{ ok: true; created: boolean } | WriteRefusal> {
  const dir = path.dirname(target);
  const folder = makePlace(root, target);
  if (!folder.ok) return folder;
  const locked = yield* lockSteps(target, opts.lockTimeoutMs ?? 10_000);
  if (!locked.ok) return locked;
  try {
    const st = lstatOrUndefined(target);
    if (st?.isSymbolicLink()) return { ok: false, reason: `${target} is a symbolic link; it is not followed` };
    if (st && !st.isFile()) return { ok: false, reason: `${target} is not a regular file` };
    const current = st ? safeReadText(root, target, opts.maxBytes) : undefined;
    if (current && !current.ok) return { ok: false, reason: `${target}: cannot read (${current.reason})` };
    const next = opts.update(current?.text);
    if ('refuse' in next) return { ok: false, reason: next.refuse };
    const tmp = yield* tempSteps(dir, path.basename(target), next.text, st?.mode);
    try {
      yield { op: 'rename', from: tmp, to: target };
    } catch (e) {
      yield { op: 'remove', path: tmp };
      throw e;
    }
    return { ok: true, created: !st };
  } finally {
    yield { op: 'remove', path: locked.lock };
  }
}

/** Takes `<dir>/.<name>.lock` (created exclusively), waiting up to `timeoutMs` for it: the lock's path, or why not. */
function* lockSteps(target: string, timeoutMs: number): Steps<{ ok: true; lock: string } | WriteRefusal> {
  const lock = path.join(path.dirname(target), `.${path.basename(target)}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = (yield { op: 'open', path: lock, flags: 'wx', mode: 0o600 }) as number;
      try {
        yield { op: 'write', fd, text: ownerLine() };
      } finally {
        yield { op: 'close', fd };
      }
      return { ok: true, lock };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return { ok: false, reason: `cannot lock ${target}: ${(e as Error).message}` };
      const stale = staleEntry(lock);
      if (stale) {
        const broken = yield* breakSteps(lock, stale);
        if (broken === true) continue;
        if (broken !== false) return broken;
      }
      if (Date.now() > deadline) return { ok: false, reason: `${target} is being written by another process (lock ${lock})` };
      yield { op: 'sleep', ms: 25 };
    }
  }
}

/**
 * A temporary file in `dir`, created exclusively under a random name (nothing planted there is
 * followed), holding `text` with the permissions of the file it replaces, synced and closed.
 */
function* tempSteps(dir: string, base: string, text: string, keepMode?: number): Steps<string> {
  for (let attempt = 0; ; attempt++) {
    const tmp = path.join(dir, `.${base}.${randomName()}.tmp`);
    let fd: number;
    try {
      const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);
      fd = (yield { op: 'open', path: tmp, flags, mode: 0o644 }) as number;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue;
      throw e;
    }
    try {
      yield { op: 'write', fd, text };
      // The file it replaces keeps its permissions (a new one gets 0644 less the umask's bits).
      if (keepMode !== undefined) yield { op: 'fchmod', fd, mode: keepMode & 0o777 };
      yield { op: 'fsync', fd };
    } catch (e) {
      yield { op: 'close', fd };
      yield { op: 'remove', path: tmp };
      throw e;
    }
    yield { op: 'close', fd };
    return tmp;
  }
}

/** Runs the steps, each file operation synchronously. */
function runNow<T>(steps: Steps<T>): T {
  let r = steps.next();
  while (!r.done) {
    let value: unknown;
    try {
      value = opNow(r.value);
    } catch (e) {
      r = steps.throw(e);
      continue;
    }
    r = steps.next(value);
  }
  return r.value;
}

function opNow(o: FileOp): unknown {
  switch (o.op) {
    case 'open':
      return fs.openSync(o.path, o.flags, o.mode);
    case 'write':
      return fs.writeFileSync(o.fd, o.text);
    case 'fchmod':
      return fs.fchmodSync(o.fd, o.mode);
    case 'fsync':
      return fs.fsyncSync(o.fd);
    case 'close':
      return fs.closeSync(o.fd);
    case 'rename':
      return fs.renameSync(o.from, o.to);
    case 'remove':
      try {
        return fs.unlinkSync(o.path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        return;
      }
    case 'sleep':
      return sleep(o.ms);
  }
}

/**
 * Runs the steps, each file operation synchronously but the fsync (and a wait for a lock), which
 * libuv's threads do while the main thread goes on: the disk's wait overlaps other work, the rest
 * costs what it costs `runNow` (creating, renaming and removing files is the kernel's work on
 * this thread either way; on another thread it only adds handing over).
 */
function runLater<T>(steps: Steps<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const step = (advance: () => IteratorResult<FileOp, T>): void => {
      let r: IteratorResult<FileOp, T>;
      try {
        r = advance();
        while (!r.done && r.value.op !== 'fsync' && r.value.op !== 'sleep') {
          const o = r.value;
          let value: unknown;
          try {
            value = opNow(o);
          } catch (e) {
            r = steps.throw(e);
            continue;
          }
          r = steps.next(value);
        }
      } catch (err) {
        return reject(err);
      }
      if (r.done) return resolve(r.value);
      opLater(r.value, (e, value) => step(() => (e ? steps.throw(e) : steps.next(value))));
    };
    step(() => steps.next());
  });
}

function opLater(o: FileOp, done: (e: Error | null, value?: unknown) => void): void {
  if (o.op === 'fsync') fs.fsync(o.fd, done);
  else if (o.op === 'sleep') setTimeout(() => done(null), o.ms);
  else throw new Error(`${o.op} is made on the main thread`);
}

/** A folder's size above which its entries are read one batch at a time (up to the cap), not at once. */
const SMALL_FOLDER_BYTES = 32 * 1024;

/**
 * The entries of a small folder, read at once (one call; the other way builds a reader with its
 * buffers, the most of a short walk): what `safeList` gives, sorted by name. Undefined for a
 * folder that is not small (its size, which grows with its entries on the file systems that say
 * it, or more entries than `max`): it is read the other way, never more than `max` of it.
 */
function listSmall(root: string, abs: string, real: string, max: number): DirEntry[] | undefined {
  if (process.platform === 'win32') return undefined; // NTFS gives folders no size
  let entries: fs.Dirent[];
  try {
    const st = fs.statSync(real);
    if (!st.isDirectory() || st.size > SMALL_FOLDER_BYTES) return undefined;
    entries = fs.readdirSync(real, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const out: DirEntry[] = [];
  for (const d of entries) {
    if (d.isFile()) out.push({ name: d.name, kind: 'file', link: false });
    else if (d.isDirectory()) out.push({ name: d.name, kind: 'dir', link: false });
    else if (d.isSymbolicLink()) {
      const kind = safeStat(root, path.join(abs, d.name));
      if (kind === 'file' || kind === 'dir') out.push({ name: d.name, kind, link: true });
    }
    if (out.length > max) return undefined;
  }
  return out;
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}

/**
 * The entries of a folder inside `root` (its real path inside too), at most `max`. A symbolic
 * link is listed only when its target really lies in `root`, and is marked, so a walk can
 * refuse to follow it; FIFOs, sockets and devices are left out. In the order the folder gives
 * them, unless `anyOrder` (the caller sorts): a small folder is then read at once.
 */
export function safeList(root: string, abs: string, max: number, anyOrder = false): DirEntry[] | undefined {
  // Listed folders are there, as a rule (a walk lists what it found).
  const at = locate(root, abs, true);
  if (!at.ok) return undefined;
  const small = anyOrder ? listSmall(root, abs, at.real, max) : undefined;
  if (small) return small;
  let dir: fs.Dir;
  try {
    dir = fs.opendirSync(at.real);
  } catch {
    return undefined;
  }
  const out: DirEntry[] = [];
  try {
    for (let d = dir.readSync(); d && out.length < max; d = dir.readSync()) {
      if (d.isFile()) out.push({ name: d.name, kind: 'file', link: false });
      else if (d.isDirectory()) out.push({ name: d.name, kind: 'dir', link: false });
      else if (d.isSymbolicLink()) {
        const kind = safeStat(root, path.join(abs, d.name));
        if (kind === 'file' || kind === 'dir') out.push({ name: d.name, kind, link: true });
      }
    }
  } catch {
    // a folder that vanishes while listed: what was read stands
  } finally {
    dir.closeSync();
  }
  return out;
}
