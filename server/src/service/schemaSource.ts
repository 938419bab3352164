// Which schema a snapshot is checked against: the `reviewSnapshot.schemaPath` setting, else
// the snapshot's own `Contract baseline refs` entry for review_snapshot_schema_v*.yaml,
// else the bundled v1. A schema that cannot be used is reported once, on the line that
// named it, and the bundled copy is used instead.
import * as path from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from './findings';
import { bundledSchema, parseSchema, type Schema } from './schema';
import type { SnapshotModel } from './snapshot';
import { REFS_KEY } from './rules/metadata';

const SCHEMA_FILE = /(^|\/)review_snapshot_schema_v[^/]*\.ya?ml$/;

export interface SchemaChoice {
  /** Absolute path of the schema file, or undefined for the bundled schema. */
  file?: string;
  /** Where the choice was written: the ref line, or undefined for the setting. */
  refRange?: Range;
  /** How the user named it (the ref text or the setting value). */
  named?: string;
}

/** Strips the decorations a ref may carry: backticks, a leading `/`, percent-encoding. */
export function cleanRef(ref: string): string {
  let r = ref
    .trim()
    .replace(/^`(.*)`$/, '$1')
    .trim();
  try {
    r = decodeURIComponent(r);
  } catch {
    // a malformed escape stays as written; the path check reports it
  }
  return r;
}

export function chooseSchema(model: SnapshotModel, root: string | undefined, setting: string | undefined): SchemaChoice {
  if (setting && setting.trim()) {
    const s = setting.trim();
    return { file: path.isAbsolute(s) || !root ? path.resolve(root ?? '.', s) : path.join(root, s), named: s };
  }
  if (!root) return {};
  const refs = model.metadata.find((m) => m.key === REFS_KEY);
  for (const item of refs?.items ?? []) {
    const ref = cleanRef(item.text);
    if (!SCHEMA_FILE.test(ref)) continue;
    const rel = ref.replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    // A ref that leaves the workspace folder is never read.
    if (path.relative(root, file).startsWith('..')) return { refRange: item.range, named: item.text, file: undefined };
    return { file, refRange: item.range, named: item.text };
  }
  return {};
}

/** Reads a file's text, or throws with the OS's reason. */
export type ReadFile = (file: string) => string;

export interface LoadedSchema {
  schema: Schema;
  /** A diagnostic for a schema that could not be used (the bundled one is then in use). */
  problem?: Finding;
}

/** Loads schemas by path, caching parsed results until `invalidate`. */
export class SchemaLoader {
  private cache = new Map<string, { schema: Schema } | { error: string; line?: number }>();

  constructor(private readonly read: ReadFile) {}

  invalidate(file?: string): void {
    if (file) this.cache.delete(file);
    else this.cache.clear();
  }

  load(choice: SchemaChoice, model: SnapshotModel, root: string | undefined): LoadedSchema {
    const at = choice.refRange ?? (model.title ? model.title.textRange : model.text.lineRange(0));
    const named = choice.named ?? '';
    if (!choice.file) {
      if (choice.named) {
        return {
          schema: bundledSchema(),
          problem: {
            rule: 'schema/unreadable',
            severity: 'warning',
            message: `Schema ref "${named}" points outside the workspace folder; using the bundled v1 schema.`,
            range: at,
          },
        };
      }
      return { schema: bundledSchema() };
    }
    let hit = this.cache.get(choice.file);
    if (!hit) {
      try {
        const text = this.read(choice.file);
        const shown = root ? path.relative(root, choice.file) : choice.file;
        const r = parseSchema(text, shown);
        hit = 'schema' in r ? r : { error: r.error.message, line: r.error.line };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        hit = { error: code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message };
      }
      this.cache.set(choice.file, hit);
    }
    if ('schema' in hit) return { schema: hit.schema };
    const where = hit.line !== undefined ? ` (line ${hit.line + 1})` : '';
    const via = choice.refRange ? '' : ' (setting reviewSnapshot.schemaPath)';
    return {
      schema: bundledSchema(),
      problem: {
        rule: 'schema/unreadable',
        // The snapshot is still checked (against the bundled copy): the problem is the schema's.
        severity: 'warning',
        message: `Cannot use the schema "${named}"${via}: ${hit.error}${where}; using the bundled v1 schema.`,
        range: at,
      },
    };
  }
}
