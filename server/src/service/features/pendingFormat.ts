// Which format a conversion writes. The repository's own pending specs win over the setting: a
// repository that keeps `<stem>-pending.md` gets its Markdown spec updated, not a YAML one
// written beside it. In order: the format asked for explicitly (the CLI's --format, a request's
// format); the format of the pending spec the repository already has for this snapshot; the
// format most of the pending folder's specs use; the configured format. The reason is said.
import { resolveWritten, toRepoPath } from '../repo/paths';
import { MAX_DIR_ENTRIES, type Workspace } from '../repo/workspace';
import { pendingPath, type PendingFormat } from './pending';
import { pendingFormatOf } from './pendingFiles';

export interface FormatChoice {
  format: PendingFormat;
  /** Why, in words ("the repository already has specs/…/x-pending.md"). */
  why: string;
}

export interface FormatQuery {
  workspace: Workspace;
  root: string;
  /** Absolute path of the snapshot. */
  snapshot: string;
  directory: string;
  configured: PendingFormat;
  explicit?: PendingFormat;
}

const FORMATS: PendingFormat[] = ['yaml', 'markdown'];

/** The pending specs this snapshot already has, by format (repository paths). */
function existingFor(q: FormatQuery, rel: string): { format: PendingFormat; rel: string }[] {
  return FORMATS.flatMap((format) => {
    const target = pendingPath(rel, q.directory, format);
    const { abs, outside } = resolveWritten(q.root, target);
    return !outside && q.workspace.stat(q.root, abs) === 'file' ? [{ format, rel: target }] : [];
  });
}

/** How many pending specs of each format the pending folder holds. */
function folderCounts(q: FormatQuery): Record<PendingFormat, number> {
  const counts = { yaml: 0, markdown: 0 };
  const { abs, outside } = resolveWritten(q.root, q.directory || '.');
  if (outside) return counts;
  for (const e of q.workspace.list(q.root, abs, MAX_DIR_ENTRIES, { anyOrder: true }) ?? []) {
    const format = e.kind === 'file' ? pendingFormatOf(e.name) : undefined;
    if (format) counts[format]++;
  }
  return counts;
}

export function choosePendingFormat(q: FormatQuery): FormatChoice {
  if (q.explicit) return { format: q.explicit, why: 'as asked' };
  const rel = toRepoPath(q.root, q.snapshot);
  const existing = rel ? existingFor(q, rel) : [];
  if (existing.length === 1) return { format: existing[0].format, why: `the repository already has ${existing[0].rel}` };
  if (existing.length > 1) return { format: q.configured, why: 'the configured format (both forms exist)' };
  const counts = folderCounts(q);
  const total = counts.yaml + counts.markdown;
  if (counts.yaml !== counts.markdown) {
    const format: PendingFormat = counts.markdown > counts.yaml ? 'markdown' : 'yaml';
    return { format, why: `as ${counts[format]} of the repository's ${total} pending specs` };
  }
  return { format: q.configured, why: 'the configured format' };
}
