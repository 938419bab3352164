// What the engine remembers between checks, owned by one service instance (a fresh service is
// a cold start; nothing here is module state). A snapshot re-checked on every pause in typing
// holds mostly the same rows, paths and candidates each time, so each distinct text is worked
// on once. Every cache is bounded, and keys are detached copies (see `detach` in text.ts).
import type { Document } from 'yaml';
import type { PriorCheck } from './incremental';
import type { Cell } from './model/table';
import { Memo } from './model/text';
import type { CompiledGlob } from './repo/glob';

/** Candidates blocks bigger than this are parsed anew each time rather than held in memory. */
export const YAML_CACHE_MAX_CHARS = 256 * 1024;

export interface ParsedRef {
  rel: string;
  line?: number;
  endLine?: number;
  /** Written as a place outside any folder (`file://`, `C:\`, `~`, a UNC path). */
  escapes: boolean;
}

/** A path written in a cell: where it starts in the cell text, as written, and parsed. */
export interface CellRef {
  offset: number;
  raw: string;
  parsed: ParsedRef;
}

export interface ResolvedPath {
  abs: string;
  /** Repository-relative, with `/`, for messages. */
  shown: string;
  /** Leaves the folder as written (`..`, an absolute path elsewhere). */
  outside: boolean;
  /** The file URL; empty until the path is first linked (refs.ts urlOf). */
  url: string;
}

/** Open documents whose last check is kept for an incremental check of their next version. */
const CHECKS_KEPT = 16;

export class EngineCaches {
  /** The cells of each distinct table row text: splitting rows is most of the parse. */
  readonly rows = new Memo<Cell[]>(200_000, 16 * 1024 * 1024);
  /** The parsed documents of the last few (small) candidates blocks; only read, never changed. */
  readonly yaml = new Memo<Document.Parsed>(8, 4 * YAML_CACHE_MAX_CHARS);
  readonly refs = new Memo<ParsedRef | undefined>();
  readonly cellRefs = new Memo<CellRef[]>();
  /** Per workspace folder: each distinct written path resolved once. */
  private readonly resolved = new Map<string, Memo<ResolvedPath>>();
  /** Compiled globs (links.external). */
  readonly globs = new Memo<(p: string) => boolean>(256, 64 * 1024);
  /** Compiled `files` / `ignores` / `templates` / `prompts` globs (repo/files.ts). */
  readonly fileGlobs = new Memo<CompiledGlob>(256, 64 * 1024);
  /** Offsets of bare pipes inside code spans, per broken row text. */
  readonly codeSpanPipes = new Memo<number[]>(1000, 4 * 1024 * 1024);

  /** The last check of each open document (by the key the server gives it), for the next (incremental.ts). */
  private readonly checks = new Map<string, PriorCheck>();

  priorCheck(key: string): PriorCheck | undefined {
    return this.checks.get(key);
  }

  /** Keeps a document's check for its next version; the least recently checked of more than CHECKS_KEPT is let go. */
  keepCheck(key: string, check: PriorCheck | undefined): void {
    this.checks.delete(key);
    if (!check) return;
    this.checks.set(key, check);
    if (this.checks.size > CHECKS_KEPT) this.checks.delete(this.checks.keys().next().value!);
  }

  /** Lets every kept check go (a file changed on disk: what they found there may no longer hold). */
  forgetChecks(): void {
    this.checks.clear();
  }

  resolvedIn(root: string): Memo<ResolvedPath> {
    let m = this.resolved.get(root);
    if (!m) this.resolved.set(root, (m = new Memo<ResolvedPath>(50_000)));
    return m;
  }

  clear(): void {
    for (const m of [this.rows, this.yaml, this.refs, this.cellRefs, this.codeSpanPipes, this.globs, this.fileGlobs]) m.clear();
    this.resolved.clear();
    this.checks.clear();
  }
}
