// Finding freshness: what it reports for each File:Line cite of a snapshot, and which cites it
// looks at. The CLI's JSON (version 1), the editor's diagnostics and hover, and an MCP tool all
// read these shapes; git is the node layer's (node/freshness.ts), the line mapping map.ts's.
import type { Range } from 'vscode-languageserver-types';
import { META } from '../contract/contract';
import type { CheckResult } from '../engine';
import { parseRef, type ResolvedRef } from '../model/refs';

export type FreshnessStatus = 'unchanged' | 'moved' | 'changed' | 'deleted' | 'renamed' | 'unknown';

export const STATUSES: readonly FreshnessStatus[] = ['unchanged', 'moved', 'changed', 'deleted', 'renamed', 'unknown'];

/** Statuses that leave a cite pointing at the code the review saw (the CLI exits 0 when all are). */
export function isFresh(status: FreshnessStatus): boolean {
  return status === 'unchanged' || status === 'moved';
}

/** Where the cited code is now. */
export interface Now {
  path: string;
  line: number | null;
  endLine?: number;
}

export interface CiteFreshness {
  /** The cite as written (`src/x.rs:12`). */
  cite: string;
  /** Where it is written in the snapshot (0-based, as LSP ranges). */
  range: Range;
  /** The repository path it names (percent-decoded; without the sibling's name). */
  path: string;
  line: number;
  endLine?: number;
  /** The sibling repository it names (`repositories` key or workspace folder name). */
  repository?: string;
  status: FreshnessStatus;
  now: Now | null;
  reason: string;
  /** For `unknown`: what would let it be checked. */
  fix?: string;
  /** The revision the cited lines were read at (full hex), when it differs from the file's. */
  base?: string;
  /** The base is not the snapshot's own Repo revision (see FileFreshness.approximate). */
  approximate?: boolean;
  /** "Now" is the editor's buffer or the working tree, which differs from HEAD (a re-base to HEAD would be wrong). */
  worktree?: boolean;
  /** Edits within a few lines of an unchanged or moved cite. */
  nearby?: boolean;
  /** The cited lines at the base, and the lines now (the hover shows both). */
  before?: string[];
  after?: string[];
}

export interface FileFreshness {
  /** The snapshot file (as the caller names it). */
  file: string;
  /** `Repo revision` as written (null when missing). */
  written: string | null;
  /** The base revision used (full hex), or null when none could be found. */
  revision: string | null;
  /** The base is not the written revision: the commit that last wrote the snapshot (or, in a sibling, one of that day). */
  approximate: boolean;
  /** HEAD of the repository (full hex). */
  head: string | null;
  cites: CiteFreshness[];
  /** Why the file could not be checked at all (not a git repository, git missing). */
  error?: string;
}

/** A cite to look at: a path with a line, from the check's resolved refs. */
export interface CiteInput {
  cite: string;
  range: Range;
  /** Repository path (decoded, no leading slash). */
  path: string;
  line: number;
  endLine?: number;
  /** `external`: a path of another repository (links.external); `outside`: not a repository path. */
  kind: 'repo' | 'external' | 'outside';
}

/** The cites of a checked snapshot: every path written with a line (the Findings table's File:Line first). */
export function citesOf(result: Pick<CheckResult, 'refs'>): CiteInput[] {
  const out: CiteInput[] = [];
  for (const r of result.refs as ResolvedRef[]) {
    if (r.line === undefined) continue;
    const kind = r.status === 'external' ? 'external' : r.status === 'outside' || r.escapes ? 'outside' : 'repo';
    const end = r.endLine !== undefined && r.endLine > r.line ? r.endLine : undefined;
    // A path linked into a sibling's workspace folder is resolved without its first segment: the cite as written names it.
    const rel = kind === 'external' ? (parseRef(r.raw)?.rel ?? r.rel) : r.rel;
    out.push({ cite: r.raw, range: r.range, path: rel.replace(/^[/\\]+/, ''), line: r.line, endLine: end, kind });
  }
  return out;
}

/** The snapshot's `Repo revision` as written, or null. */
export function writtenRevision(result: Pick<CheckResult, 'model'>): string | null {
  const m = result.model.metadata.find((e) => e.key === META.repoRevision);
  return m?.value.trim() || null;
}

/** Shown on `unknown` cites: why, and what would let the cite be checked. */
export const UNKNOWN = {
  shallow: {
    reason: 'the repository is a shallow clone and does not hold the revision',
    fix: 'fetch the whole history (actions/checkout: `fetch-depth: 0`; locally `git fetch --unshallow`)',
  },
  partial: {
    reason: 'the repository is a partial clone and does not hold the cited file at the revision',
    fix: 'clone without `--filter` (or fetch the missing objects)',
  },
  revision: {
    reason: 'the Repo revision is not a commit of this history, and the snapshot was never committed',
    fix: 'write the revision the review saw in `Repo revision` (a commit of this repository)',
  },
  sibling: {
    reason: 'the cite names another repository, which is not available',
    fix: 'say where it is in `.review-snapshot.yaml` (`repositories: { <name>: ../<name> }`) or open it as a workspace folder',
  },
  outside: { reason: 'the cite is not a path of the repository', fix: 'cite a path relative to the repository root' },
  path: {
    reason: 'the cited file is not in the repository at the revision',
    fix: 'correct the path or `Repo revision` (the file must exist at that commit)',
  },
  line: {
    reason: 'the cited line is past the end of the file at the revision',
    fix: 'correct the line number against the file at `Repo revision`',
  },
  binary: { reason: 'the cited file is not text', fix: 'cite a text file' },
} as const;
