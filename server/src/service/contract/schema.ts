// The contract as data: the schema file (a workspace copy or the bundled v1) and the
// bundled conventions. Rules read these objects; no rule carries its own list of keys.
import { isMap, isSeq, isScalar, type Node } from 'yaml';
import { Char } from '../text/chars';
import { parseYaml } from '../model/yaml';
import bundledSchemaText from '../../schema/review_snapshot_schema_v1.yaml';
import bundledSchemaData from '../../schema/review_snapshot_schema_v1.yaml?data';

export type KeyType = 'string' | 'list[string]';

export interface Schema {
  /** What the user sees as the schema in use: `bundled v1` or a path. */
  source: string;
  id: string;
  requiredMetadata: string[];
  requiredSections: string[];
  /** Table headers by snake_case key; the key names its section (`findings` → `Findings`). */
  tableHeaders: Map<string, string[]>;
  candidates: {
    root: 'list';
    requiredKeys: string[];
    keyTypes: Map<string, KeyType>;
  };
  labels: {
    allowed: string[];
    requiredForEachCandidate: boolean;
  };
}

export interface SchemaError {
  message: string;
  /** 0-based line and column in the schema file, when the problem has a place. */
  line?: number;
  column?: number;
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last - 1 };
}

class SchemaShapeError extends Error {
  constructor(
    message: string,
    readonly node?: Node | null,
  ) {
    super(message);
  }
}

function stringList(node: unknown, path: string): string[] {
  if (!isSeq(node)) throw new SchemaShapeError(`\`${path}\` must be a list of strings`, node as Node);
  return node.items.map((item, i) => {
    if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
      throw new SchemaShapeError(`\`${path}[${i}]\` must be a non-empty string`, item as Node);
    }
    return item.value;
  });
}

function child(map: unknown, key: string, path: string): unknown {
  if (!isMap(map)) throw new SchemaShapeError(`\`${path}\` must be a mapping`, map as Node);
  const v = map.get(key, true);
  if (v === undefined) throw new SchemaShapeError(`\`${path ? path + '.' : ''}${key}\` is missing`, map as Node);
  return v;
}

/** Parses a schema file; on any problem returns the first error with its place. */
export function parseSchema(text: string, source: string): { schema: Schema } | { error: SchemaError } {
  // A repository's copy of the bundled schema (the usual ref) is the bundled schema: read at build time.
  if (text === bundledSchemaText) return { schema: { ...bundledSchema(), source } };
  let doc;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { error: { message: `cannot read the schema: ${(e as Error).message}` } };
  }
  if (doc.errors.length) {
    const err = doc.errors[0];
    const at = lineCol(text, err.pos[0]);
    return { error: { message: `YAML error in the schema: ${err.message.split('\n')[0]}`, ...at } };
  }
  try {
    const root = doc.contents;
    if (!isMap(root)) throw new SchemaShapeError('the schema must be a YAML mapping', root);
    const idNode = root.get('id', true);
    const id = isScalar(idNode) ? String(idNode.value) : 'review_snapshot_schema';
    const requiredMetadata = stringList(child(root, 'required_metadata', ''), 'required_metadata');
    const requiredSections = stringList(child(root, 'required_sections', ''), 'required_sections');
    const th = child(root, 'table_headers', '');
    if (!isMap(th)) throw new SchemaShapeError('`table_headers` must be a mapping', th as Node);
    const tableHeaders = new Map<string, string[]>();
    for (const pair of th.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      tableHeaders.set(key, stringList(pair.value, `table_headers.${key}`));
    }
    const sc = child(root, 'spec_candidates', '');
    const rootKind = child(sc, 'yaml_root', 'spec_candidates');
    if (!isScalar(rootKind) || rootKind.value !== 'list') {
      throw new SchemaShapeError('`spec_candidates.yaml_root` must be `list`', rootKind as Node);
    }
    const requiredKeys = stringList(child(sc, 'required_keys', 'spec_candidates'), 'spec_candidates.required_keys');
    const kt = child(sc, 'key_types', 'spec_candidates');
    if (!isMap(kt)) throw new SchemaShapeError('`spec_candidates.key_types` must be a mapping', kt as Node);
    const keyTypes = new Map<string, KeyType>();
    for (const pair of kt.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = isScalar(pair.value) ? String(pair.value.value) : '';
      if (v !== 'string' && v !== 'list[string]') {
        throw new SchemaShapeError(`\`spec_candidates.key_types.${key}\` must be \`string\` or \`list[string]\``, pair.value as Node);
      }
      keyTypes.set(key, v);
    }
    const cl = child(root, 'classification_labels', '');
    const allowed = stringList(child(cl, 'allowed_values', 'classification_labels'), 'classification_labels.allowed_values');
    const req = isMap(cl) ? cl.get('mapping_required_for_each_candidate_id') : undefined;
    return {
      schema: {
        source,
        id,
        requiredMetadata,
        requiredSections,
        tableHeaders,
        candidates: { root: 'list', requiredKeys, keyTypes },
        labels: { allowed, requiredForEachCandidate: req !== false },
      },
    };
  } catch (e) {
    if (e instanceof SchemaShapeError) {
      const at = e.node?.range ? lineCol(text, e.node.range[0]) : {};
      return { error: { message: `invalid schema: ${e.message}`, ...at } };
    }
    throw e;
  }
}

/** The bundled schema file as esbuild.plugins.mjs `yamlData` reads it at build time. */
interface SchemaData {
  id: string;
  required_metadata: string[];
  required_sections: string[];
  table_headers: Record<string, string[]>;
  spec_candidates: { required_keys: string[]; key_types: Record<string, KeyType> };
  classification_labels: { allowed_values: string[]; mapping_required_for_each_candidate_id?: boolean };
}

let bundled: Schema | undefined;

/**
 * The bundled v1 schema, from its data read at build time (no YAML to parse in a short run).
 * What `parseSchema` makes of the same file, as a unit test checks.
 */
export function bundledSchema(): Schema {
  if (!bundled) {
    const d = bundledSchemaData as unknown as SchemaData;
    const cl = d.classification_labels;
    bundled = {
      source: 'bundled v1',
      id: String(d.id),
      requiredMetadata: [...d.required_metadata],
      requiredSections: [...d.required_sections],
      tableHeaders: new Map(Object.entries(d.table_headers).map(([k, v]) => [k, [...v]])),
      candidates: {
        root: 'list',
        requiredKeys: [...d.spec_candidates.required_keys],
        keyTypes: new Map(Object.entries(d.spec_candidates.key_types)),
      },
      labels: { allowed: [...cl.allowed_values], requiredForEachCandidate: cl.mapping_required_for_each_candidate_id !== false },
    };
  }
  return bundled;
}

export const BUNDLED_SCHEMA_TEXT = bundledSchemaText;

/**
 * The section a table header key belongs to: `command_execution_log` ↔ `Command Execution Log`
 * (lower case, each run of other characters one `_`, none at the ends). One pass over a short
 * name, cheaper than the lookup a cache of them would be.
 */
export function tableKeyOf(sectionName: string): string {
  const lower = sectionName.toLowerCase();
  let key = '';
  let gap = false;
  for (let at = 0; at < lower.length; at++) {
    const code = lower.charCodeAt(at);
    if ((code >= Char.LowerA && code <= Char.LowerZ) || (code >= Char.Digit0 && code <= Char.Digit9)) {
      if (gap && key !== '') key += '_';
      key += lower[at];
      gap = false;
    } else gap = true;
  }
  return key;
}
