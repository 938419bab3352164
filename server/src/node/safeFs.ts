// The one guarded way the product reads a file that a document or a setting names. A path is
// read only when its real path (every link resolved) lies in the folder, it is a regular file,
// and it is not larger than the cap; a FIFO or device is never opened for reading its content
// (opened non-blocking, checked, closed). What lies outside is reported as `outside` whether or
// not it exists, so a snapshot cannot probe the disk.
import * as fs from 'node:fs';
import { isInside } from '../service/paths';
import * as path from 'node:path';
import type { Denied, DirEntry, FileKind, ReadResult } from '../service/workspace';

const realRoots = new Map<string, string>();

/** The real path of a workspace folder (remembered: folders do not move under a session). */
export function realRoot(root: string): string {
  let r = realRoots.get(root);
  if (r === undefined) {
    try {
      r = fs.realpathSync(root);
    } catch {
      r = root;
    }
    realRoots.set(root, r);
  }
  return r;
}

type Located = { ok: true; real: string } | { ok: false; reason: Denied };

/** Where `abs` really is, if it lies in `root` both as written and once links are resolved. */
export function locate(root: string, abs: string): Located {
  if (!isInside(root, abs)) return { ok: false, reason: 'outside' };
  let real: string;
  try {
    real = fs.realpathSync(abs);
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
  const at = locate(root, abs);
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
  const buf = Buffer.alloc(cap);
  let off = 0;
  while (off < cap) {
    const n = fs.readSync(fd, buf, off, cap - off, off);
    if (n === 0) break;
    off += n;
  }
  return off === cap ? buf : buf.subarray(0, off);
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
