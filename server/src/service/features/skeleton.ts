// New Snapshot: the text of a new snapshot, following the schema the folder carries (at one of
// the contract's usual places, or the schemaPath setting), else the bundled one.
import { DEFAULTS } from '../contract';
import { resolveWritten, toRepoPath } from '../paths';
import { bundledSchema, parseSchema, type Schema } from '../schema';
import type { SnapshotSettings } from '../settings';
import { skeleton } from '../templates';
import type { Workspace } from '../workspace';

export interface NewSnapshotInput {
  date: string;
  model?: string;
  prompt: string;
  promptRevision: string;
  repoRevision: string;
}

/** The schema a new snapshot in a folder follows, and the ref that names it. */
export function folderSchema(workspace: Workspace, root: string | undefined, settings: SnapshotSettings): { schema: Schema; ref?: string } {
  if (!root) return { schema: bundledSchema() };
  const places = settings.schemaPath ? [settings.schemaPath] : DEFAULTS.schemaLocations;
  for (const place of places) {
    const { abs, outside } = resolveWritten(root, place);
    if (outside) continue;
    const read = workspace.readText(root, abs);
    if (!read.ok) continue;
    const r = parseSchema(read.text, place);
    if ('schema' in r) return { schema: r.schema, ref: '/' + toRepoPath(root, abs) };
  }
  return { schema: bundledSchema() };
}

export function newSnapshotText(
  workspace: Workspace,
  root: string | undefined,
  settings: SnapshotSettings,
  input: NewSnapshotInput,
): string {
  const { schema, ref } = folderSchema(workspace, root, settings);
  return skeleton(schema, { ...input, refs: ref ? [ref] : undefined });
}
