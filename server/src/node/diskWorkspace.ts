// The engine's Workspace port on disk, for the server and the CLI. Every read goes through
// safeFs.ts (real path inside the folder, regular file, size cap). What a check learns about a
// path is cached until `invalidate` says it changed (the server calls it on file events), so
// typing never waits on the disk twice.
import * as path from 'node:path';
import { MAX_DIR_ENTRIES, MAX_READ_BYTES, type DirEntry, type FileKind, type ReadResult, type Workspace } from '../service/workspace';
import { safeList, safeReadBytes, safeReadText, safeStat } from './safeFs';

/** Line counts are read from files up to this size; a bigger cited file is not counted. */
const MAX_LINE_COUNT_BYTES = 32 * 1024 * 1024;

export class DiskWorkspace implements Workspace {
  private stats = new Map<string, FileKind | 'outside' | null>();
  private lines = new Map<string, number | null>();

  readText(root: string, abs: string, maxBytes = MAX_READ_BYTES): ReadResult {
    return safeReadText(root, abs, maxBytes);
  }

  stat(root: string, abs: string): FileKind | 'outside' | undefined {
    const key = root + '\0' + abs;
    let v = this.stats.get(key);
    if (v === undefined) {
      v = safeStat(root, abs) ?? null;
      this.stats.set(key, v);
    }
    return v ?? undefined;
  }

  lineCount(root: string, abs: string): number | undefined {
    const key = root + '\0' + abs;
    let v = this.lines.get(key);
    if (v === undefined) {
      const r = safeReadBytes(root, abs, MAX_LINE_COUNT_BYTES);
      v = r.ok ? countLines(r.bytes) : null;
      this.lines.set(key, v);
    }
    return v ?? undefined;
  }

  /** Not cached: completion lists what is there now, and the index walks each folder once. */
  list(root: string, abs: string, max = MAX_DIR_ENTRIES): DirEntry[] | undefined {
    return safeList(root, abs, max);
  }

  /** Forgets what is known about a path (and, for a folder, everything under it); all without one. */
  invalidate(abs?: string): void {
    for (const m of [this.stats, this.lines] as Map<string, unknown>[]) {
      if (!abs) m.clear();
      else for (const k of [...m.keys()]) if (pathOfKey(k) === abs || pathOfKey(k).startsWith(abs + path.sep)) m.delete(k);
    }
  }
}

function pathOfKey(key: string): string {
  return key.slice(key.indexOf('\0') + 1);
}

function countLines(buf: Buffer): number {
  let n = 1;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  // A final newline ends the last line; it does not start another.
  if (buf.length && buf[buf.length - 1] === 10) n--;
  return n;
}
