// Text the product writes into snapshots: metadata placeholders, table headers, section bodies,
// a whole skeleton. Built from the schema, so a workspace schema with other headers gets its own.
import { DEFAULTS, META, PLACEHOLDER, SECTION, TITLE } from './contract';
import { tableKeyOf, type Schema } from './schema';
import { trimTrailing } from '../model/text';

const RIGHT_ALIGNED = new Set(['exit_code']);

/**
 * The line a quick fix or a new snapshot writes for a key, before the author fills it in. A value
 * only the author knows (the model, the runner lane) is a placeholder: a safe fix guesses nothing,
 * and the placeholder rule keeps the snapshot failing until it is chosen.
 */
export function metadataPlaceholder(key: string, today: string, eol: string): string {
  if (key === META.date) return `${key}: ${today}`;
  if (key === META.refs) return `${key}:${eol}- ${DEFAULTS.schemaRef}`;
  return `${key}: ${PLACEHOLDER}`;
}

/** A YAML placeholder value of a candidate key's type, as written after `key:`. */
export function candidatePlaceholder(type: string | undefined): string {
  return type === 'list[string]' ? `\n- ${PLACEHOLDER}` : ` ${PLACEHOLDER}`;
}

export function headerRow(header: string[]): string {
  return `| ${header.join(' | ')} |`;
}

export function delimiterRow(header: string[]): string {
  return `|${header.map((h) => (RIGHT_ALIGNED.has(h) ? '---:' : '---')).join('|')}|`;
}

/** The body a new section starts with (without the heading), as lines. */
export function sectionBody(schema: Schema, name: string): string[] {
  const header = schema.tableHeaders.get(tableKeyOf(name));
  if (header) return [headerRow(header), delimiterRow(header)];
  if (name === SECTION.candidates) return ['```yaml', '[]', '```'];
  if (name === SECTION.labels) return [];
  return [`- ${PLACEHOLDER}`];
}

/** A section with its heading, as text ending in a blank line. */
export function sectionText(schema: Schema, name: string, eol: string): string {
  const body = sectionBody(schema, name);
  return [`## ${name}`, '', ...body, ...(body.length ? [''] : [])].join(eol) + eol;
}

export interface SkeletonInput {
  date: string;
  model?: string;
  prompt: string;
  promptRevision: string;
  repoRevision: string;
  /** Contract baseline refs; the schema's own path belongs here when the workspace has one. */
  refs?: string[];
}

/** A new snapshot: every metadata key and section of the schema, in order. */
export function skeleton(schema: Schema, input: SkeletonInput): string {
  const eol = '\n';
  const values: Record<string, string> = {
    [META.date]: input.date,
    [META.model]: input.model || PLACEHOLDER,
    [META.prompt]: `\`${input.prompt}\``,
    [META.promptRevision]: input.promptRevision,
    [META.repoRevision]: input.repoRevision,
  };
  const lines = [`# ${TITLE}`, ''];
  for (const key of schema.requiredMetadata) {
    if (key === META.refs) lines.push(`${key}:`, ...(input.refs ?? [PLACEHOLDER]).map((r) => `- ${r}`));
    else lines.push(Object.hasOwn(values, key) ? `${key}: ${values[key]}` : metadataPlaceholder(key, input.date, eol));
  }
  lines.push('');
  let text = lines.join(eol) + eol;
  for (const name of schema.requiredSections) text += sectionText(schema, name, eol);
  return trimTrailing(text, '\n') + '\n';
}
