// Which schema a snapshot is checked against: the `schemaPath` setting (or the CLI's --schema),
// else the snapshot's own `Contract baseline refs` entry for review_snapshot_schema_v*.yaml,
// else the bundled v1. A schema that cannot be used is reported once, on the line that named
// it, and the bundled copy is used instead. Schema files are read through the Workspace port,
// so a ref (or setting) that leads outside the repository is never read.
import * as path from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import { META, isSchemaRef } from './contract';
import { cleanRef, resolveCited, resolveWritten } from '../repo/paths';
import { bundledSchema, parseSchema, type Schema } from './schema';
import type { SnapshotModel } from '../model/snapshot';
import { describeDenied, type Workspace } from '../repo/workspace';

export interface SchemaChoice {
  /** Absolute path of the schema file, or undefined for the bundled schema. */
  file?: string;
  /** The folder the file must lie in: the workspace folder, or the file's own for a CLI flag. */
  scope?: string;
  /** Where the choice was written: the ref line, or undefined for the setting. */
  refRange?: Range;
  /** How the user named it (the ref text or the setting value). */
  named?: string;
  /** The name leads outside the repository: nothing is read. */
  outside?: boolean;
}

export { cleanRef };

/** `setting` is the schemaPath setting; `given` an absolute path the user named on a command line. */
export function chooseSchema(model: SnapshotModel, root: string | undefined, setting: string | undefined, given?: string): SchemaChoice {
  if (given) return { file: path.resolve(given), scope: path.dirname(path.resolve(given)), named: given };
  if (setting && setting.trim()) {
    const s = setting.trim();
    if (!root) return { named: s, outside: true };
    const { abs, outside } = resolveWritten(root, s);
    return outside ? { named: s, outside: true } : { file: abs, scope: root, named: s };
  }
  if (!root) return {};
  const refs = model.metadata.find((m) => m.key === META.refs);
  for (const item of refs?.items ?? []) {
    const ref = cleanRef(item.text);
    if (!isSchemaRef(ref)) continue;
    const { abs, outside } = resolveCited(root, ref);
    return outside
      ? { refRange: item.range, named: item.text, outside: true }
      : { file: abs, scope: root, refRange: item.range, named: item.text };
  }
  return {};
}

export interface LoadedSchema {
  schema: Schema;
  /** Why the schema that was named could not be used (the bundled one is then in use). */
  problem?: { message: string; range: Range };
}

type Parsed = { schema: Schema } | { error: string; line?: number };

/** Loads schemas by path, caching parsed results until `invalidate`. */
export class SchemaLoader {
  private cache = new Map<string, Parsed>();

  constructor(private readonly workspace: Workspace) {}

  invalidate(file?: string): void {
    if (file) this.cache.delete(file);
    else this.cache.clear();
  }

  load(choice: SchemaChoice, model: SnapshotModel, root: string | undefined): LoadedSchema {
    const at = choice.refRange ?? (model.title ? model.title.textRange : model.text.lineRange(0));
    const named = choice.named ?? '';
    const via = choice.refRange ? '' : ' (setting reviewSnapshot.schemaPath)';
    if (choice.outside) {
      return {
        schema: bundledSchema(),
        problem: { message: `Schema "${named}"${via} points outside the repository; using the bundled v1 schema.`, range: at },
      };
    }
    if (!choice.file || !choice.scope) return { schema: bundledSchema() };
    const hit = this.parsed(choice.file, choice.scope, root);
    if ('schema' in hit) return { schema: hit.schema };
    const where = hit.line !== undefined ? ` (line ${hit.line + 1})` : '';
    return {
      schema: bundledSchema(),
      problem: { message: `Cannot use the schema "${named}"${via}: ${hit.error}${where}; using the bundled v1 schema.`, range: at },
    };
  }

  private parsed(file: string, scope: string, root: string | undefined): Parsed {
    let hit = this.cache.get(file);
    if (!hit) {
      const read = this.workspace.readText(scope, file);
      if (!read.ok) hit = { error: describeDenied(read) };
      else {
        const r = parseSchema(read.text, root ? path.relative(root, file) : file);
        hit = 'schema' in r ? r : { error: r.error.message, line: r.error.line };
      }
      this.cache.set(file, hit);
    }
    return hit;
  }
}
