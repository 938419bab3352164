// The one guarded way the product reads a file that a document or a setting names. A path is
// read only when its real path (every link resolved) lies in the folder, it is a regular file,
// and it is not larger than the cap; a FIFO or device is never opened for reading its content
// (opened non-blocking, checked, closed). What lies outside is reported as `outside` whether or
// not it exists, so a snapshot cannot probe the disk.
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../service/paths';
import type { Denied, DirEntry, FileKind, ReadResult } from '../service/workspace';

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

type Located = { ok: true; real: string } | { ok: false; reason: Denied };

/**
 * Where `abs` really is, if it lies in `root` both as written and once links are resolved.
 * `expected`: the path is about to be read (it is there, as a rule), so it is not asked first
 * whether it exists.
 */
export function locate(root: string, abs: string, expected = false): Located {
  if (!isInside(root, abs)) return { ok: false, reason: 'outside' };
  // Most paths a snapshot cites that are not there are asked about by the thousand: existsSync
  // answers without the exception realpath would throw (building one costs more than the call).
  if (!expected && !fs.existsSync(abs)) return { ok: false, reason: 'missing' };
  let real: string;
  try {
    // The native realpath(3): one call, where the JavaScript one lstats every part of the path.
    real = fs.realpathSync.native(abs);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  return isInside(realRoot(root), real) ? { ok: true, real } : { ok: false, reason: 'outside' };
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
): { ok: true; bytes: Buffer } | { ok: false; reason: Denied; detail?: string } {
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
    if (st.size > maxBytes) return { ok: false, reason: 'too-large' };
    return { ok: true, bytes: readAll(fd, st.size, maxBytes) };
  } catch (e) {
    return { ok: false, reason: 'unreadable', detail: (e as Error).message };
  } finally {
    fs.closeSync(fd);
  }
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
 * Makes the folder `dir` (and its missing parents) inside `root`, refusing when an existing part
 * of the path really lies outside (a symlinked folder that leads out) or is not a folder.
 */
export function ensureFolderInside(root: string, dir: string): { ok: true } | WriteRefusal {
  if (!isInside(root, dir)) return { ok: false, reason: 'it is outside the folder' };
  const missing: string[] = [];
  let cur = dir;
  // lstat, not exists: a dangling link is something, and is not replaced by a new folder.
  for (; !lstatOrUndefined(cur); cur = path.dirname(cur)) {
    missing.unshift(cur);
    if (cur === root || path.dirname(cur) === cur) break;
  }
  const at = locate(root, cur);
  if (!at.ok) return { ok: false, reason: `${cur} ${at.reason === 'outside' ? 'leads outside the folder' : 'cannot be resolved'}` };
  if (!fs.statSync(at.real).isDirectory()) return { ok: false, reason: `${cur} is not a folder` };
  for (const m of missing) fs.mkdirSync(m);
  return { ok: true };
}

const LOCK_STALE_MS = 60_000;

/** Holds `<dir>/.<name>.lock` (created exclusively) while `fn` runs; waits up to `timeoutMs` for it. */
function withLock<T>(target: string, timeoutMs: number, fn: () => T): T | WriteRefusal {
  const lock = path.join(path.dirname(target), `.${path.basename(target)}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx', 0o600));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return { ok: false, reason: `cannot lock ${target}: ${(e as Error).message}` };
      if (isStale(lock)) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) return { ok: false, reason: `${target} is being written by another process (lock ${lock})` };
      else sleep(25);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function isStale(lock: string): boolean {
  try {
    return Date.now() - fs.lstatSync(lock).mtimeMs > LOCK_STALE_MS;
  } catch {
    return false;
  }
}

/**
 * Standard input as bytes, up to `maxBytes` (more is refused, not cut): the text `-` names on a
 * command line. Read synchronously, waiting out EAGAIN when the descriptor is non-blocking.
 */
export function safeReadStdin(
  maxBytes: number,
): { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'unreadable'; detail?: string } {
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
    if (size > maxBytes) return { ok: false, reason: 'too-large' };
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

/** 16 random hex digits. node:crypto is loaded here, not at startup: it costs a short CLI run about 13 ms, and only writes need it. */
function randomName(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  return (require('node:crypto') as typeof Crypto).randomBytes(8).toString('hex');
}

/** A temporary file in `dir`, created exclusively under a random name (nothing planted there is followed). */
function writeTemp(dir: string, base: string, text: string, keepMode?: number): string {
  for (let attempt = 0; ; attempt++) {
    const tmp = path.join(dir, `.${base}.${randomName()}.tmp`);
    let fd: number;
    try {
      fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue;
      throw e;
    }
    try {
      fs.writeFileSync(fd, text);
      // The file it replaces keeps its permissions (a new one gets 0644 less the umask's bits).
      if (keepMode !== undefined) fs.fchmodSync(fd, keepMode & 0o777);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return tmp;
  }
}

export interface UpdateOptions {
  /** What the file holds now (undefined: it does not exist) → what it should hold, or why not. */
  update: (current: string | undefined) => { text: string } | { refuse: string };
  maxBytes: number;
  lockTimeoutMs?: number;
}

/**
 * The one guarded write: `target` (inside `root`, in a folder really inside it, never a symbolic
 * link) is read, updated and replaced under a lock, through an exclusive temporary file and a
 * rename, so concurrent writers take turns (none loses the other's entries) and a reader sees
 * the old file or the new one, never half of one.
 */
export function safeUpdateText(root: string, target: string, opts: UpdateOptions): { ok: true; created: boolean } | WriteRefusal {
  const dir = path.dirname(target);
  const folder = ensureFolderInside(root, dir);
  if (!folder.ok) return folder;
  return withLock(target, opts.lockTimeoutMs ?? 10_000, () => {
    const st = lstatOrUndefined(target);
    if (st?.isSymbolicLink()) return { ok: false as const, reason: `${target} is a symbolic link; it is not followed` };
    if (st && !st.isFile()) return { ok: false as const, reason: `${target} is not a regular file` };
    const current = st ? safeReadText(root, target, opts.maxBytes) : undefined;
    if (current && !current.ok) return { ok: false as const, reason: `${target}: cannot read (${current.reason})` };
    const next = opts.update(current?.text);
    if ('refuse' in next) return { ok: false as const, reason: next.refuse };
    const tmp = writeTemp(dir, path.basename(target), next.text, st?.mode);
    try {
      fs.renameSync(tmp, target);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    return { ok: true as const, created: !st };
  });
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
 * refuse to follow it; FIFOs, sockets and devices are left out.
 */
export function safeList(root: string, abs: string, max: number): DirEntry[] | undefined {
  const at = locate(root, abs);
  if (!at.ok) return undefined;
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
