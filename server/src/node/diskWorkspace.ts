// The engine's Workspace port on disk, for the server and the CLI. Every read goes through
// safeFs.ts (real path inside the folder, regular file, size cap). What a check learns about a
// path is cached until `invalidate` says it changed (the server calls it on file events), so
// typing never waits on the disk twice. A path found missing also says which of its folders are
// missing (each asked once, through the same guarded `locate`): every other path under such a
// folder is missing without a call (a snapshot citing 3,500 files of a folder that is not there
// costs one stat per folder, not one per file). A folder asked about a second time is listed
// once (its plain files and folders, safeFs `listFolder`): its other paths are answered from the
// listing, and their lines counted without resolving each path again (a snapshot citing 3,500
// files of 30 folders: 30 listings instead of 10,000 calls). A name the listing lacks, or a link,
// is asked the one-by-one way, so the answers are those of `safeStat` and `safeReadBytes`.
import * as path from 'node:path';
import {
  MAX_DIR_ENTRIES,
  MAX_READ_BYTES,
  type DirEntry,
  type FileKind,
  type ListOptions,
  type ReadResult,
  type Workspace,
} from '../service/core';
import {
  listedLineCount,
  listFolder,
  locate,
  safeList,
  safeReadBytes,
  safeReadText,
  safeStat,
  writablePlace,
  type ListedFolder,
} from './safeFs';

/** Line counts are read from files up to this size; a bigger cited file is not counted. */
const MAX_LINE_COUNT_BYTES = 32 * 1024 * 1024;

export class DiskWorkspace implements Workspace {
  /**
   * Per workspace folder, by path (two maps, not one keyed by `root + path`: a check asks for the
   * same path strings every time, whose hashes V8 keeps; a joined key is a new string to hash).
   */
  private stats = new Map<string, Map<string, FileKind | 'outside' | null>>();
  private lines = new Map<string, Map<string, number | null>>();
  /** Per workspace folder: folders inside it found missing (none of their paths exist). */
  private missingDirs = new Map<string, Set<string>>();
  /** Per workspace folder: folders inside it found there (or not missing), each asked once. */
  private presentDirs = new Map<string, Set<string>>();
  /**
   * Per workspace folder: the folders of the paths asked about, by folder: `once` (one path asked
   * so far), its listing, or null (not listable: asked path by path).
   */
  private folders = new Map<string, Map<string, ListedFolder | 'once' | null>>();

  readText(root: string, abs: string, maxBytes = MAX_READ_BYTES): ReadResult {
    return safeReadText(root, abs, maxBytes);
  }

  stat(root: string, abs: string): FileKind | 'outside' | undefined {
    const known = inFolder(this.stats, root);
    let v = known.get(abs);
    if (v === undefined) {
      // Only for a normalized path: in `a/missing/../b` a missing folder says nothing about `b`.
      const plain = path.normalize(abs) === abs;
      if (plain && this.inMissingDir(root, abs)) v = null;
      else v = (plain ? this.listedKind(root, abs) : undefined) ?? safeStat(root, abs) ?? null;
      if (v === null && plain) this.noteMissingDirs(root, abs);
      known.set(abs, v);
    }
    return v ?? undefined;
  }

  /**
   * What the listing of `abs`'s folder says it is (a plain file or folder), once that folder has
   * been asked about twice; undefined when it says nothing (asked the one-by-one way).
   */
  private listedKind(root: string, abs: string): FileKind | undefined {
    if (abs.endsWith(path.sep)) return undefined; // `file/` is no file: not a listing's name
    const dir = path.dirname(abs);
    const byDir = inFolder(this.folders, root);
    let folder = byDir.get(dir);
    if (folder === undefined) {
      byDir.set(dir, 'once');
      return undefined;
    }
    if (folder === 'once') byDir.set(dir, (folder = listFolder(root, dir) ?? null));
    return folder?.kinds.get(path.basename(abs));
  }

  /** The listing of `abs`'s folder, when it was made (see `listedKind`). */
  private listingOf(root: string, abs: string): ListedFolder | undefined {
    if (abs.endsWith(path.sep) || path.normalize(abs) !== abs) return undefined;
    const folder = this.folders.get(root)?.get(path.dirname(abs));
    return folder && folder !== 'once' ? folder : undefined;
  }

  /**
   * Whether a folder of `abs` (below `root`) is known to be missing. `abs` is then missing too:
   * a path cannot be resolved when one of its folders cannot (it is normalized: no `..`).
   */
  private inMissingDir(root: string, abs: string): boolean {
    const missing = this.missingDirs.get(root);
    if (!missing?.size) return false;
    const below = withSep(root);
    for (let dir = path.dirname(abs); dir.length > below.length && dir.startsWith(below); dir = path.dirname(dir)) {
      if (missing.has(dir)) return true;
    }
    return false;
  }

  /** `abs` is missing: remembers which of its folders (below `root`) are missing too, from the nearest up. */
  private noteMissingDirs(root: string, abs: string): void {
    let missing = this.missingDirs.get(root);
    let present = this.presentDirs.get(root);
    const below = withSep(root);
    for (let dir = path.dirname(abs); dir.length > below.length && dir.startsWith(below); dir = path.dirname(dir)) {
      if (missing?.has(dir) || present?.has(dir)) return;
      const at = locate(root, dir);
      if (at.ok || at.reason !== 'missing') {
        if (!present) this.presentDirs.set(root, (present = new Set()));
        present.add(dir);
        return;
      }
      if (!missing) this.missingDirs.set(root, (missing = new Set()));
      missing.add(dir);
    }
  }

  lineCount(root: string, abs: string): number | undefined {
    const known = inFolder(this.lines, root);
    let v = known.get(abs);
    if (v === undefined) {
      const listing = this.listingOf(root, abs);
      const listed = listing && listedLineCount(listing, path.basename(abs), MAX_LINE_COUNT_BYTES);
      if (listed !== undefined) v = listed;
      else {
        const r = safeReadBytes(root, abs, MAX_LINE_COUNT_BYTES);
        v = r.ok ? countLines(r.bytes) : null;
      }
      known.set(abs, v);
    }
    return v ?? undefined;
  }

  /** Not cached: completion lists what is there now, and the index walks each folder once. */
  list(root: string, abs: string, max = MAX_DIR_ENTRIES, opts: ListOptions = {}): DirEntry[] | undefined {
    return safeList(root, abs, max, opts.anyOrder);
  }

  /** Not cached: asked once per planned write, of the disk as it is now. */
  writable(root: string, abs: string): string | undefined {
    const place = writablePlace(root, abs);
    return place.ok ? undefined : place.reason;
  }

  /** Forgets what is known about a path (and, for a folder, everything under it); all without one. */
  invalidate(abs?: string): void {
    for (const byFolder of [this.stats, this.lines] as Map<string, Map<string, unknown>>[]) {
      if (!abs) byFolder.clear();
      else for (const m of byFolder.values()) for (const k of [...m.keys()]) if (k === abs || k.startsWith(abs + path.sep)) m.delete(k);
    }
    // A listing is forgotten with its folder, with anything under it, and when one of its entries changes.
    if (!abs) this.folders.clear();
    const parent = abs && path.dirname(abs);
    for (const m of abs ? this.folders.values() : []) {
      for (const k of [...m.keys()]) if (k === abs || k === parent || k.startsWith(abs + path.sep)) m.delete(k);
    }
    // A path that appears makes its folders exist; one that goes may take the folders under it along.
    if (!abs) {
      this.missingDirs.clear();
      this.presentDirs.clear();
      return;
    }
    for (const missing of this.missingDirs.values()) {
      for (const d of [...missing]) if (d === abs || abs.startsWith(d + path.sep) || d.startsWith(abs + path.sep)) missing.delete(d);
    }
    for (const present of this.presentDirs.values()) {
      for (const d of [...present]) if (d === abs || d.startsWith(abs + path.sep)) present.delete(d);
    }
  }
}

function withSep(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}

/** The map of one workspace folder's paths, made when first asked. */
function inFolder<V>(byFolder: Map<string, Map<string, V>>, root: string): Map<string, V> {
  let m = byFolder.get(root);
  if (!m) byFolder.set(root, (m = new Map()));
  return m;
}

function countLines(buf: Buffer): number {
  let n = 1;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  // A final newline ends the last line; it does not start another.
  if (buf.length && buf[buf.length - 1] === 10) n--;
  return n;
}
