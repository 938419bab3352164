// New Snapshot: the text of a new snapshot. When the folder has a snapshot template (a snapshot
// matching the `templates` globs, e.g. docs/reviews/templates/review_snapshot.md) the new
// snapshot starts from it, with the values New Snapshot knows filled in (Date, Prompt, the
// revisions, the model when given) and every other placeholder left for the author (the
// placeholder rule then says what is left to fill in). Otherwise it is built from the schema the
// folder carries (at one of the contract's usual places, or the schemaPath setting), else the
// bundled one. Files are read through the Workspace port only.
import { DEFAULTS, META } from '../contract/contract';
import { resolveWritten, toRepoPath } from '../repo/paths';
import type { RepoTemplate, TemplateFinder } from '../repo/repoTemplates';
import { bundledSchema, parseSchema, type Schema } from '../contract/schema';
import type { SnapshotSettings } from '../config/settings';
import { parseSnapshot } from '../model/snapshot';
import { skeleton } from '../contract/templates';
import type { Workspace } from '../repo/workspace';

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

/** The template a new snapshot starts from: one named like a snapshot template first, else the first by path. */
export function chooseTemplate(templates: readonly RepoTemplate[]): RepoTemplate | undefined {
  const named = templates.find((t) => /snapshot/i.test(t.rel.slice(t.rel.lastIndexOf('/') + 1)));
  return named ?? templates[0];
}

/** A template with the values New Snapshot knows written over its placeholders. */
export function fromTemplate(text: string, input: NewSnapshotInput): string {
  const model = parseSnapshot(text);
  const values: Record<string, string | undefined> = {
    [META.date]: input.date,
    [META.model]: input.model || undefined,
    [META.prompt]: `\`${input.prompt}\``,
    [META.promptRevision]: input.promptRevision,
    [META.repoRevision]: input.repoRevision,
  };
  const edits: { start: number; end: number; text: string }[] = [];
  for (const e of model.metadata) {
    const v = Object.hasOwn(values, e.key) ? values[e.key] : undefined;
    if (v === undefined || e.items.length) continue;
    const line = model.text.lineText(e.line);
    // An empty value: after the colon, with the blank a value needs.
    const at = e.value ? e.valueRange : { start: { line: e.line, character: line.length }, end: { line: e.line, character: line.length } };
    edits.push({ start: model.text.offsetAt(at.start), end: model.text.offsetAt(at.end), text: e.value ? v : ` ${v}` });
  }
  let out = text;
  for (const x of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, x.start) + x.text + out.slice(x.end);
  return out;
}

export function newSnapshotText(
  workspace: Workspace,
  root: string | undefined,
  settings: SnapshotSettings,
  input: NewSnapshotInput,
  templates?: TemplateFinder,
): string {
  const template = root && templates ? chooseTemplate(templates.templates(root, settings)) : undefined;
  if (template) return fromTemplate(template.text, input);
  const { schema, ref } = folderSchema(workspace, root, settings);
  return skeleton(schema, { ...input, refs: ref ? [ref] : undefined });
}
