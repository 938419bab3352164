// The MCP server (`review-snapshot mcp`): the tools of tools.ts, the contract's resources and
// the "write a review snapshot" prompt, over the official TypeScript SDK. The SDK and zod are in
// a chunk of their own (dist/cli-mcp.js, see esbuild.mjs), loaded only by this command.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { readRuleDoc, ruleDocUrl } from '../node/ruleDocs';
import { safeReadText } from '../node/safeFs';
import {
  DEFAULTS,
  promptContract,
  writeSnapshotPrompt,
  BUNDLED_SCHEMA_TEXT,
  STATUSES,
  type FreshnessStatus,
  ALL_RULES,
  MAX_READ_BYTES,
} from '../service/core';
import { CliSettings } from '../cli/config';
import { cliService } from '../cli/context';
import { VERSION } from '../cli/help';
import { MAX_PATH_LENGTH, MAX_PATHS } from './paths';
import {
  checkFreshnessOf,
  convertToPendingSpec,
  explainRule,
  fixSnapshots,
  newSnapshotText,
  newSnapshot,
  validateSnapshots,
  type McpContext,
  type ToolAnswer,
} from './tools';
import * as path from 'node:path';

const pathArg = z.string().min(1).max(MAX_PATH_LENGTH);
const pathsArg = z
  .array(pathArg)
  .max(MAX_PATHS)
  .optional()
  .describe('Files, folders or globs relative to the repository root (default: every snapshot of the repository)');

const span = { line: z.number(), column: z.number(), endLine: z.number(), endColumn: z.number() };
const finding = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  message: z.string(),
  ...span,
  docs: z.string().optional().describe('The rule page'),
  related: z.array(z.object({ message: z.string(), ...span })).optional(),
  fixes: z
    .array(
      z.object({
        title: z.string(),
        safe: z.boolean(),
        preferred: z.boolean(),
        edits: z
          .array(z.object({ ...span, newText: z.string() }))
          .describe('Text edits, 1-based, end exclusive, all on the text as checked'),
      }),
    )
    .optional(),
});
const runShape = {
  version: z.number(),
  tool: z.object({ name: z.string(), version: z.string() }),
  files: z.array(
    z.object({
      file: z.string(),
      template: z.boolean().optional(),
      prompt: z.boolean().optional().describe('A review prompt, checked for the contract refs and section list'),
      findings: z.array(finding),
      fixed: z.array(z.object({ rule: z.string(), message: z.string(), ...span })).optional(),
    }),
  ),
  errors: z.number(),
  warnings: z.number(),
  unchecked: z.number(),
  ok: z.boolean(),
  truncated: z.boolean().optional(),
};

/** A tool's answer as MCP sends it: the value as JSON text and structured, or the refusal as an error result. */
function result<T extends object>(a: ToolAnswer<T>) {
  if (!a.ok) return { content: [{ type: 'text' as const, text: a.message }], isError: true };
  return {
    content: [{ type: 'text' as const, text: JSON.stringify(a.value, null, 2) }],
    structuredContent: a.value as Record<string, unknown>,
  };
}

function registerCheckTools(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'validate_snapshots',
    {
      title: 'Validate review snapshots',
      description:
        'Check review snapshots against their contract. Returns the findings of each file (rule, severity, message, 1-based range, the rule page URL, and fixes as text edits): the shape of `review-snapshot validate --format json`. `ok` is true when no errors remain.',
      inputSchema: { paths: pathsArg },
      outputSchema: runShape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ paths }) => result(validateSnapshots(ctx, paths)),
  );
  server.registerTool(
    'fix_snapshots',
    {
      title: 'Fix review snapshots',
      description:
        'Apply the safe fixes to review snapshots (the same code as `review-snapshot validate --fix`; files replaced atomically) and return what was fixed and what remains. A second call changes nothing.',
      inputSchema: { paths: pathsArg },
      outputSchema: { ...runShape, written: z.array(z.string()).describe('Files rewritten') },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ paths }) => result(await fixSnapshots(ctx, paths)),
  );
  server.registerTool(
    'explain_rule',
    {
      title: 'Explain a rule',
      description: 'The documentation page of a rule (what it checks, why, examples, the fix), by its id such as `metadata/missing`.',
      inputSchema: { rule: z.string().min(1).max(200).describe('A rule id, as in a finding') },
      outputSchema: { rule: z.string(), url: z.string().optional(), page: z.string() },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ rule }) => result(explainRule(rule)),
  );
  const now = z.object({ path: z.string(), line: z.number() }).nullable();
  server.registerTool(
    'check_freshness',
    {
      title: 'Check finding freshness',
      description:
        "Whether each File:Line cite of a snapshot still points at the code the review saw: followed with git from the snapshot's Repo revision to HEAD (unchanged, moved, changed, deleted, renamed, or unknown with the reason and the fix). One file of `review-snapshot freshness --format json`. Runs git read-only; nothing the repository configures runs.",
      inputSchema: { path: pathArg.describe('The snapshot, relative to the repository root') },
      outputSchema: {
        file: z.string(),
        written: z.string().nullable(),
        revision: z.string().nullable().describe('The base used (full hex)'),
        approximate: z.boolean().describe('The base is the commit that last wrote the snapshot, not its Repo revision'),
        head: z.string().nullable(),
        cites: z.array(
          z.looseObject({
            cite: z.string(),
            status: z.enum(STATUSES as readonly [FreshnessStatus, ...FreshnessStatus[]]),
            now,
            reason: z.string(),
            at: z.object({ line: z.number(), column: z.number() }),
          }),
        ),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ path: given }) => result(await checkFreshnessOf(ctx, given)),
  );
}

function registerWriteTools(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'new_snapshot',
    {
      title: 'New review snapshot',
      description:
        "Write a new review snapshot from the repository's template (the same code as `review-snapshot new`) at an explicit path inside the repository. Never replaces a file unless `force` is true.",
      inputSchema: {
        path: pathArg.describe(
          `Where to write it, relative to the repository root (such as ${DEFAULTS.snapshotsDirectory}/<date>_<topic>.md)`,
        ),
        prompt: z.string().max(MAX_PATH_LENGTH).optional().describe('The prompt file this review follows'),
        model: z.string().max(200).optional().describe('The model writing the review'),
        date: z.string().max(10).optional().describe('YYYY-MM-DD (default: today)'),
        force: z.boolean().optional().describe('Replace an existing file'),
      },
      outputSchema: { path: z.string(), created: z.boolean() },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    },
    (input) => result(newSnapshot(ctx, input)),
  );
  server.registerTool(
    'convert_to_pending',
    {
      title: 'Convert candidates to a pending spec',
      description:
        "Convert a snapshot's spec candidates into the repository's pending spec (the same code as `review-snapshot to-pending`). The snapshot must have no contract errors. An existing pending spec is merged only with `force` (its other entries kept).",
      inputSchema: {
        path: pathArg.describe('The snapshot, relative to the repository root'),
        format: z.enum(['yaml', 'markdown']).optional(),
        force: z.boolean().optional().describe("Replace these candidates' entries in an existing pending spec"),
      },
      outputSchema: { path: z.string(), candidates: z.array(z.string()), format: z.enum(['yaml', 'markdown']) },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    },
    (input) => result(convertToPendingSpec(ctx, input)),
  );
}

/** The contract the repository's snapshots follow (its schema and output contract, else the bundled ones). */
function contractOf(ctx: McpContext) {
  const service = cliService();
  const settings = new CliSettings(service, ctx.choice, () => {}).for(ctx.root, path.join(ctx.root, DEFAULTS.snapshotsDirectory, 'x.md'));
  return promptContract(service.workspace, ctx.root, settings);
}

function schemaText(ctx: McpContext): string {
  const ref = contractOf(ctx).schemaRef;
  const r = safeReadText(ctx.root, path.join(ctx.root, ...ref.split('/').filter(Boolean)), MAX_READ_BYTES);
  return r.ok ? r.text : BUNDLED_SCHEMA_TEXT;
}

function registerResources(server: McpServer, ctx: McpContext): void {
  server.registerResource(
    'schema',
    'review-snapshot://schema',
    { title: 'Review snapshot schema', description: 'The contract (schema YAML) the repository follows', mimeType: 'application/yaml' },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: 'application/yaml', text: schemaText(ctx) }] }),
  );
  server.registerResource(
    'template',
    'review-snapshot://template',
    { title: 'Snapshot template', description: "A new snapshot from the repository's template", mimeType: 'text/markdown' },
    (uri) => {
      const text = newSnapshotText(ctx, path.join(ctx.root, DEFAULTS.snapshotsDirectory, 'new.md'), {});
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: typeof text === 'string' ? text : text.refusal }] };
    },
  );
  server.registerResource(
    'rule',
    new ResourceTemplate('review-snapshot://rules/{family}/{name}', {
      list: () => ({
        resources: [...ALL_RULES.values()].map((r) => ({
          uri: `review-snapshot://rules/${r.id}`,
          name: r.id,
          description: r.description,
          mimeType: 'text/markdown',
        })),
      }),
    }),
    { title: 'Rule pages', description: 'The documentation page of each rule', mimeType: 'text/markdown' },
    (uri, vars) => {
      const id = `${String(vars.family)}/${String(vars.name)}`;
      const page = ALL_RULES.has(id) ? readRuleDoc(id) : undefined;
      if (page === undefined) throw new Error(`no rule page ${JSON.stringify(id)}`);
      const url = ruleDocUrl(id);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: url ? `${page}\n\n${url}\n` : page }] };
    },
  );
}

function registerPrompts(server: McpServer, ctx: McpContext): void {
  server.registerPrompt(
    'write_review_snapshot',
    {
      title: 'Write a review snapshot',
      description: 'The contract a review snapshot follows and the validate → fix → validate loop with this server’s tools',
      argsSchema: { path: z.string().max(MAX_PATH_LENGTH).optional().describe('Where the snapshot goes') },
    },
    ({ path: target }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: writeSnapshotPrompt(contractOf(ctx), target) } }],
    }),
  );
}

/** The server, its tools, resources and prompt registered (not connected). */
export function createMcpServer(ctx: McpContext): McpServer {
  const server = new McpServer(
    { name: 'review-snapshot', version: VERSION },
    {
      capabilities: { tools: {}, resources: {}, prompts: {} },
      instructions:
        'Checks Markdown review snapshots against their contract in this repository. Write a snapshot, then validate_snapshots → fix_snapshots → validate_snapshots until ok. Paths are relative to the repository root; nothing outside it is read or written.',
      // A call's arguments are small: a long list is refused before any work.
      maxToolInputElements: 500,
    },
  );
  registerCheckTools(server, ctx);
  registerWriteTools(server, ctx);
  registerResources(server, ctx);
  registerPrompts(server, ctx);
  return server;
}
