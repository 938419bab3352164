// Finding freshness of one snapshot file, from its path: the snapshot is read through the one
// guarded read, checked by the engine (which finds its File:Line cites and its Repo revision),
// and its cites followed with git (freshness.ts). The CLI's `freshness` command calls this for
// each file; so can any other front end (an MCP tool: `checkFreshness(root, snapshot)`).
import * as path from 'node:path';
import {
  type SnapshotCore,
  decodeText,
  citesOf,
  writtenRevision,
  type FileFreshness,
  toRepoPath,
  DEFAULT_SETTINGS,
  type SnapshotSettings,
  createSnapshotCore,
} from '../service/core';
import { DiskWorkspace } from './diskWorkspace';
import { checkCites } from './freshness';
import { gitRoot } from './repoRoot';
import { safeReadBytes } from './safeFs';

/** Snapshots larger than this are not read (as the CLI's validate). */
const MAX_BYTES = 64 * 1024 * 1024;

export interface FreshnessFileInput {
  root: string;
  /** Absolute path of the snapshot. */
  abs: string;
  /** The snapshot's text (already read by the caller). */
  text: string;
  /** As the result names the file. */
  file: string;
  service: SnapshotCore;
  settings: SnapshotSettings;
  signal?: AbortSignal;
}

/** Freshness of one snapshot whose text is read. */
export async function freshnessOf(input: FreshnessFileInput): Promise<FileFreshness> {
  const { root, settings } = input;
  const result = input.service.check({ text: input.text, root }, settings, { validateLinks: false });
  const repositories = new Map([...settings.repositories].map(([k, v]) => [k, path.resolve(root, v)]));
  return checkCites({
    root,
    snapshot: toRepoPath(root, input.abs) ?? '',
    file: input.file,
    written: writtenRevision(result),
    cites: citesOf(result),
    repositories,
    signal: input.signal,
  });
}

/**
 * Freshness of the snapshot at `snapshot` (a path, absolute or relative to `root`), in the
 * repository `root` (default: the nearest folder holding `.git`), with the settings of the
 * repository's configuration file. The result is plain JSON (FileFreshness); `error` says why a
 * file could not be checked at all.
 */
export async function checkFreshness(root: string | undefined, snapshot: string): Promise<FileFreshness> {
  const abs = path.resolve(root ?? process.cwd(), snapshot);
  const repo = path.resolve(root ?? gitRoot(path.dirname(abs)) ?? path.dirname(abs));
  const empty: FileFreshness = { file: snapshot, written: null, revision: null, approximate: false, head: null, cites: [] };
  const read = safeReadBytes(repo, abs, MAX_BYTES);
  if (!read.ok) return { ...empty, error: `cannot read ${snapshot}: ${read.detail ?? read.reason}` };
  const decoded = decodeText(read.bytes);
  if (!('text' in decoded)) return { ...empty, error: `${snapshot}: ${decoded.finding.message}` };
  const service = createSnapshotCore({ workspace: new DiskWorkspace() });
  const settings = service.settingsFor(repo, abs, DEFAULT_SETTINGS);
  return freshnessOf({ root: repo, abs, text: decoded.text, file: snapshot, service, settings });
}
