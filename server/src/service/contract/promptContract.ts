// The contract's words as a review prompt must say them, written once: the refs a prompt names
// (the schema file, the output contract) and the section tokens it asks for (`## Scope Notes`,
// … from the schema's required_sections, in order). The prompt rules (rules/prompt.ts) check
// prompts against them; the MCP server's "write a review snapshot" prompt is made from them.
import * as path from 'node:path';
import { CANDIDATES_LANG, DEFAULTS, META, SECTION, TABLE, TITLE } from './contract';
import { folderSchema } from '../features/skeleton';
import type { Schema } from './schema';
import type { SnapshotSettings } from '../config/settings';
import type { Workspace } from '../repo/workspace';

/** `## Scope Notes`, …: the heading of each required section, in the schema's order. */
export function sectionTokens(schema: Schema): string[] {
  return schema.requiredSections.map((s) => `## ${s}`);
}

/** Where repositories keep the output contract (the prose beside the schema), in the order looked for. */
export const OUTPUT_CONTRACT_LOCATIONS: readonly string[] = [
  'specs/contract/26_review_output_contract.md',
  'specs/02_contracts/26_review_output_contract.md',
  'docs/review_output_contract.md',
];

/** What a repository's prompts must reference and ask for. */
export interface PromptContract {
  schema: Schema;
  /** The schema's ref (`/specs/schema/review_snapshot_schema_v1.yaml`), or the default one. */
  schemaRef: string;
  /** The repository has the schema file (else any `review_snapshot_schema_v*.yaml` a prompt names will do). */
  schemaFound: boolean;
  /** The output contract's ref, when the repository has one. */
  contractRef?: string;
  tokens: string[];
}

/** The contract a prompt of this repository is held to: its schema (else the bundled one) and output contract. */
export function promptContract(workspace: Workspace, root: string | undefined, settings: SnapshotSettings): PromptContract {
  const { schema, ref } = folderSchema(workspace, root, settings);
  let contractRef: string | undefined;
  for (const place of root ? OUTPUT_CONTRACT_LOCATIONS : []) {
    if (workspace.stat(root!, path.join(root!, ...place.split('/'))) === 'file') {
      contractRef = '/' + place;
      break;
    }
  }
  return { schema, schemaRef: ref ?? DEFAULTS.schemaRef, schemaFound: ref !== undefined, contractRef, tokens: sectionTokens(schema) };
}

/** The section list a prompt asks for, as the contract's home repository writes it. */
export function sectionList(c: PromptContract): string {
  return c.tokens.map((t, i) => `${i + 1}. \`${t}\``).join('\n');
}

/**
 * The MCP server's "write a review snapshot" prompt: the contract in its own words (metadata
 * keys, section headings, table headers, candidate keys, labels from the schema in use) and the
 * validate → fix → validate loop with the server's tools.
 */
export function writeSnapshotPrompt(c: PromptContract, target?: string): string {
  const s = c.schema;
  const header = (key: string) => `| ${(s.tableHeaders.get(key) ?? []).join(' | ')} |`;
  return [
    `Write a review snapshot${target ? ` at \`${target}\`` : ''}: a Markdown file that follows the review snapshot contract.`,
    '',
    '## Contract',
    '',
    `Schema: \`${c.schemaRef}\`${c.contractRef ? `; output contract: \`${c.contractRef}\`` : ''}.`,
    '',
    `The file starts with \`# ${TITLE}\`, then one \`Key: value\` line for each metadata key, in this order:`,
    ...s.requiredMetadata.map((k) => `- ${k}${k === META.refs ? ' (a list of paths, one `- /path` line each, naming the schema)' : ''}`),
    '',
    'Then these sections, each exactly once, in this order, headed exactly as written:',
    sectionList(c),
    '',
    `\`## ${SECTION.log}\` holds a table with the header \`${header(TABLE.log)}\`: one row per command you actually ran, with its real status and exit code.`,
    `\`## ${SECTION.findings}\` holds a table with the header \`${header(TABLE.findings)}\`; File:Line cites a file of the repository and a line in it.`,
    `\`## ${SECTION.candidates}\` holds one \`\`\`${CANDIDATES_LANG} fenced list; each candidate has the keys ${s.candidates.requiredKeys.map((k) => `\`${k}\``).join(', ')}.`,
    `\`## ${SECTION.labels}\` gives ${s.labels.requiredForEachCandidate ? 'each candidate id' : 'candidate ids'} one label of ${s.labels.allowed.map((l) => `\`${l}\``).join(', ')}.`,
    '',
    '## Loop',
    '',
    `1. Create the file with the \`new_snapshot\` tool (an explicit path inside the repository, such as \`${DEFAULTS.snapshotsDirectory}/<date>_<topic>.md\`), or start from the \`review-snapshot://template\` resource.`,
    '2. Fill it in. Write only what you verified; never invent a command result.',
    '3. Call `validate_snapshots` with its path.',
    '4. Call `fix_snapshots` with its path: it applies the safe fixes and returns what remains.',
    "5. Fix what remains by editing the file; `explain_rule` with a finding's rule tells what the rule wants.",
    '6. Call `validate_snapshots` again; repeat from 4 until `ok` is true.',
    '',
    "Do not run the gate commands yourself unless you were asked to: running them is the reviewer's decision.",
  ].join('\n');
}
