// The JSON Schema of the configuration file, made from the same declarations the checks use (the
// rule registry, the keys config.ts reads), so VS Code's completion and validation of
// `.review-snapshot.json` / `.yaml` (jsonValidation / yamlValidation) say what the tools do.
// `schemas/review-snapshot-config.schema.json` is this, written out; a unit test keeps them equal.
import { ALL_RULES } from '../rules/index';

const globs = (description: string) => ({ type: 'array', items: { type: 'string', maxLength: 512 }, description });
const strings = { type: 'array', items: { type: 'string' } };

function ruleLevels(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of ALL_RULES.values()) {
    out[r.id] = r.contract
      ? { const: 'error', description: `${r.description} A contract rule: always an error, it cannot be turned off or lowered.` }
      : { enum: ['off', 'warning', 'error'], description: r.description };
  }
  return out;
}

export function configJsonSchema(): unknown {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'review-snapshot configuration (.review-snapshot.yaml, .yml or .json)',
    description:
      'Read alike by the VS Code extension, the language server, the CLI and the tasks; the nearest file from a snapshot up to the repository root applies. Paths and globs are relative to the folder of this file (links.external: to the repository root).',
    type: 'object',
    additionalProperties: false,
    properties: {
      files: globs(
        'Globs of the Markdown files that are review snapshots (default ["**/reviews/snapshots/**/*.md"]); a file titled "# Review Snapshot" is one anywhere.',
      ),
      ignores: globs('Globs of files never checked, even when titled "# Review Snapshot" (an archive folder, say).'),
      templates: globs('Globs of snapshots that are templates (default ["**/templates/**"]): placeholders are accepted where values go.'),
      prompts: globs(
        'Globs of the review prompts (default ["**/reviews/prompts/**"]): their Markdown files must name the schema and the output contract and ask for every required section by its exact heading, in order ([] checks none).',
      ),
      schemaPath: {
        type: 'string',
        description: "The review snapshot schema YAML, inside the repository. Empty: the snapshot's own schema ref, else the bundled v1.",
      },
      conventions: {
        type: 'object',
        additionalProperties: false,
        description: 'Conventional values beyond the bundled ones; values outside them are warnings.',
        properties: {
          mode: { enum: ['extend', 'replace'] },
          statuses: { type: 'object', additionalProperties: false, properties: { pass: strings, fail: strings, skipped: strings } },
          severities: { oneOf: [{ type: 'object', additionalProperties: { type: 'string' } }, strings] },
          verification: strings,
          runnerLanes: strings,
          candidateTypes: strings,
          candidateClasses: strings,
          candidateRisks: strings,
        },
      },
      links: {
        type: 'object',
        additionalProperties: false,
        properties: {
          validate: { type: 'boolean', description: 'Warn about cited paths that do not exist and lines past the end (default true).' },
          external: globs(
            'Globs (from the repository root) of cited paths that live in other repositories: neither checked nor warned about; in a multi-root workspace a first segment naming another open folder links into it.',
          ),
        },
      },
      rules: {
        type: 'object',
        additionalProperties: false,
        description: 'Levels of rules stricter than the contract: off, warning or error. Contract rules are always errors.',
        properties: ruleLevels(),
      },
      pending: {
        type: 'object',
        additionalProperties: false,
        properties: { directory: { type: 'string' }, format: { enum: ['yaml', 'markdown'] } },
      },
      repositories: {
        type: 'object',
        additionalProperties: { type: 'string', maxLength: 1024 },
        description:
          'Sibling repositories by name (the first segment of a cite such as `dc-runner-rust/src/x.rs:12`) and where their clones are, relative to this file: finding freshness follows such cites there.',
      },
    },
  };
}
