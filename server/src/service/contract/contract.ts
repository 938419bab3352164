// The contract's vocabulary, written once. Which keys and sections are required, and the table
// headers, come from the schema file (schema.ts); conventional values from conventions.yaml.
// What is here are the *roles* the product gives some of those names (the section whose YAML
// it reads, the key that names the schema, the column that holds commands) and the defaults it
// writes. A unit test checks every name here against the bundled schema and conventions, so the
// two cannot drift apart.

/** The title line of every snapshot: `# Review Snapshot`. */
export const TITLE = 'Review Snapshot';

/** What quick fixes and new snapshots write where only the author knows the value. */
export const PLACEHOLDER = 'TODO';

/** Metadata keys the product gives a meaning to (all of them are in the schema's required list). */
export const META = {
  date: 'Date',
  model: 'Model',
  prompt: 'Prompt',
  promptRevision: 'Prompt revision',
  repoRevision: 'Repo revision',
  refs: 'Contract baseline refs',
  runnerLane: 'Runner lane',
} as const;

/** Sections by role (each is in the schema's `required_sections`). */
export const SECTION = {
  scope: 'Scope Notes',
  log: 'Command Execution Log',
  findings: 'Findings',
  synthesis: 'Synthesis',
  candidates: 'Spec Candidates (YAML)',
  labels: 'Classification Labels',
  rejectDefer: 'Reject / Defer List',
  rawOutput: 'Raw Output',
} as const;

/** Keys of the schema's `table_headers`: each names its section (`findings` ↔ `Findings`). */
export const TABLE = { log: 'command_execution_log', findings: 'findings' } as const;

/** The Command Execution Log column that holds the gate command. */
export const COMMAND_COLUMN = 'command';

/** Candidate keys the product reads beyond checking them. */
export const CANDIDATE = { id: 'id', title: 'title', targetArea: 'target_area', risk: 'risk', affectedPaths: 'affected_paths' } as const;

/** The info string of the candidates fence. */
export const CANDIDATES_LANG = 'yaml';

/** A `Contract baseline refs` entry that names the schema file. */
export function isSchemaRef(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.startsWith('review_snapshot_schema_v') && (name.endsWith('.yaml') || name.endsWith('.yml'));
}

/** Defaults of what a repository can configure. */
export const DEFAULTS = {
  /** Globs (from the workspace folder) of the files that are snapshots. */
  files: ['**/reviews/snapshots/**/*.md'] as readonly string[],
  /** Globs of snapshots that are templates. */
  templates: ['**/templates/**'] as readonly string[],
  /** Globs of the review prompts (the files a snapshot's Prompt names, as the contract's home repository keeps them). */
  prompts: ['**/reviews/prompts/**'] as readonly string[],
  pendingDirectory: 'specs/governance/pending',
  pendingFormat: 'yaml' as 'yaml' | 'markdown',
  /** Where repositories keep the schema file, in the order a new snapshot looks for it. */
  schemaLocations: ['specs/schema/review_snapshot_schema_v1.yaml', 'specs/01_schema/review_snapshot_schema_v1.yaml'] as readonly string[],
  /** The ref a new snapshot writes when the repository has no schema file. */
  schemaRef: '/specs/schema/review_snapshot_schema_v1.yaml',
  snapshotsDirectory: 'docs/reviews/snapshots',
  promptsGlob: 'docs/reviews/prompts/**/*.md',
  /** The id prefix of a first candidate when neither the snapshot's ids nor its file name give one. */
  candidateIdPrefix: 'REVIEW-RUN',
};

/**
 * The sections whose prose mentions candidates by id: go to definition starts there, and a
 * rename rewrites the mentions there. Raw Output is pasted tool output and is never rewritten.
 */
export const MENTION_SECTIONS: readonly string[] = [SECTION.synthesis, SECTION.rejectDefer];

/** Names in a pending spec (features/pending.ts writes them) that navigation reads back. */
export const PENDING = {
  /** The YAML key of the candidates list, and of the snapshot it came from. */
  candidates: 'candidates',
  source: 'source_snapshot',
  /** The Markdown form's line naming the snapshot, and its heading level for a candidate. */
  sourceLine: 'Source snapshot:',
  candidateHeading: '### ',
} as const;

/** The title of a pending spec written from a snapshot. */
export const PENDING_TITLE = 'Review-Derived Spec Candidates';
