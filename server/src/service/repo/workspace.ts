// The engine's one port to the outside: every file it reads because a snapshot or a setting
// names it (schemas, pending specs, cited files) is asked for here, with the folder it must
// lie in. The disk implementation (node/diskWorkspace.ts) guards each read — real path inside
// the folder, a regular file, a size cap — and caches what it learns until told a file
// changed; the tests use an in-memory one (test/support/memoryWorkspace.ts). The engine itself
// never imports `fs`.

export type FileKind = 'file' | 'dir';

/** Why a read was refused or failed. */
export type Denied = 'missing' | 'outside' | 'not-a-file' | 'too-large' | 'unreadable';

/** A refusal for size carries the cap it was refused under (`limit`, bytes): messages state that one. */
export type ReadResult = { ok: true; text: string } | { ok: false; reason: Denied; detail?: string; limit?: number };

/** One entry of a folder listing: a file or a folder that really lies in the workspace folder. */
export interface DirEntry {
  name: string;
  kind: FileKind;
  /** Reached through a symbolic link (a walk does not descend into linked folders: no loops). */
  link: boolean;
}

export interface Workspace {
  /**
   * The text of `abs` (UTF-8), which must lie in `root` once links are resolved. Never throws.
   * An outside path is `outside` whether or not it exists: nothing about it is revealed.
   */
  readText(root: string, abs: string, maxBytes?: number): ReadResult;
  /** What is at `abs`: a file, a folder, `outside` (its real path leaves `root`), or nothing. */
  stat(root: string, abs: string): FileKind | 'outside' | undefined;
  /** How many lines the file at `abs` has, when it is a readable file inside `root`. */
  lineCount(root: string, abs: string): number | undefined;
  /**
   * The entries of the folder `abs` inside `root` (path completion, the workspace index), at most
   * `max`; entries whose real path leaves `root` are left out. Undefined when it is not a folder
   * inside `root`. In the order the folder gives them, unless `opts.anyOrder`.
   */
  list(root: string, abs: string, max?: number, opts?: ListOptions): DirEntry[] | undefined;
  /**
   * Why a file may not be written at `abs` (created or replaced, by an edit the server plans),
   * or undefined when it may: it must lie in `root` as written and once links are resolved, not be
   * a symbolic link, and no part of its path may be a link that leads nowhere.
   */
  writable(root: string, abs: string): string | undefined;
}

export interface ListOptions {
  /** The caller sorts the entries: they may come in any order (a small folder is then read at once). */
  anyOrder?: boolean;
}

/** A folder listing is cut here: completion shows a screenful, the index walks bounded folders. */
export const MAX_DIR_ENTRIES = 5000;

/** Files read because a document names them are capped: a schema or pending spec is small. */
export const MAX_READ_BYTES = 4 * 1024 * 1024;

/** A size in words: `256 KB`, `4 MB` (caps are whole kilobytes or megabytes). */
export function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * A refusal in words, for messages ("Cannot use the schema …: <this>"). A size refusal names the
 * cap the read was refused under (the refusal's own `limit`), never another one.
 */
export function describeDenied(r: { reason: Denied; detail?: string; limit?: number }, maxBytes = MAX_READ_BYTES): string {
  switch (r.reason) {
    case 'missing':
      return 'file not found';
    case 'outside':
      return 'it points outside the repository';
    case 'not-a-file':
      return r.detail === 'dir' ? 'it is a directory' : 'it is not a regular file';
    case 'too-large':
      return `it is larger than ${sizeInWords(r.limit ?? maxBytes)}`;
    case 'unreadable':
      return r.detail ?? 'it cannot be read';
  }
}
