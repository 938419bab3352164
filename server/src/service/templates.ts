// Text the product writes into snapshots: table headers, section bodies, a whole skeleton.
// Built from the schema, so a workspace schema with other headers gets its own.
import { SECTION_CANDIDATES } from './snapshot';
import { tableKeyOf, type Schema } from './schema';
import { metadataPlaceholder, REFS_KEY } from './rules/metadata';

const RIGHT_ALIGNED = new Set(['exit_code']);

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
  if (name === SECTION_CANDIDATES) return ['```yaml', '[]', '```'];
  if (name === 'Classification Labels') return [];
  return ['- TODO'];
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
    Date: input.date,
    Model: input.model || 'TODO',
    Prompt: `\`${input.prompt}\``,
    'Prompt revision': input.promptRevision,
    'Repo revision': input.repoRevision,
  };
  const lines = ['# Review Snapshot', ''];
  for (const key of schema.requiredMetadata) {
    if (key === REFS_KEY && input.refs) lines.push(`${key}:`, ...input.refs.map((r) => `- ${r}`));
    else if (key === REFS_KEY) lines.push(`${key}:`, '- TODO');
    else lines.push(values[key] !== undefined ? `${key}: ${values[key]}` : metadataPlaceholder(key, input.date, eol));
  }
  lines.push('');
  let text = lines.join(eol) + eol;
  for (const name of schema.requiredSections) text += sectionText(schema, name, eol);
  return text.replace(/\n+$/, '\n');
}
