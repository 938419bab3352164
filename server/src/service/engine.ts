// One call from text to findings and links, used alike by the language server and the CLI,
// so the editor and CI can never disagree. The work is a sequence of resumable steps: the CLI
// runs them straight through, the server in time slices so it keeps answering requests, and
// drops a run as soon as a newer version of the document makes it stale.
import type { Finding } from './findings';
import { conventions, type Conventions, type ConventionsSetting, type Schema } from './schema';
import { chooseSchema, type SchemaLoader } from './schemaSource';
import { parseSnapshotSteps, type SnapshotModel } from './snapshot';
import { drain } from './steps';
import { validateSteps } from './validate';
import { linkSteps, type FileAccess, type Link } from './links';

export interface CheckInput {
  text: string;
  /** Absolute path of the workspace folder (repository root) the snapshot belongs to. */
  root?: string;
  /** The `reviewSnapshot.schemaPath` setting (or the CLI's --schema). */
  schemaPath?: string;
  conventions?: ConventionsSetting | null;
  loader: SchemaLoader;
  today?: string;
  /** Link checks: the file access to use and whether missing paths are warned about. */
  links?: { files: FileAccess; validate: boolean };
  onRuleError?: (rule: string, error: unknown) => void;
}

export interface CheckResult {
  model: SnapshotModel;
  schema: Schema;
  conventions: Conventions;
  findings: Finding[];
  links: Link[];
}

export function* checkSnapshotSteps(input: CheckInput): Generator<void, CheckResult> {
  const model = yield* parseSnapshotSteps(input.text);
  const choice = chooseSchema(model, input.root, input.schemaPath);
  const loaded = input.loader.load(choice, model, input.root);
  const conv = conventions(input.conventions);
  const extra: Finding[] = loaded.problem ? [loaded.problem] : [];
  let links: Link[] = [];
  if (input.links && input.root) {
    try {
      const r = yield* linkSteps(model, {
        root: input.root,
        files: input.links.files,
        validate: input.links.validate,
        locationColumn: conv.columns.location,
      });
      links = r.links;
      extra.push(...r.findings);
    } catch (e) {
      input.onRuleError?.('links', e);
    }
  }
  const findings = yield* validateSteps(model, {
    schema: loaded.schema,
    conventions: conv,
    today: input.today,
    extra,
    onRuleError: input.onRuleError,
  });
  return { model, schema: loaded.schema, conventions: conv, findings, links };
}

/** Forgets what earlier checks cached (rows, parsed refs, candidates' YAML): a cold start. */
export { clearMemos as clearCaches } from './text';

export function checkSnapshot(input: CheckInput): CheckResult {
  return drain(checkSnapshotSteps(input));
}

/** How long the server waits for a pause in typing before checking a document of `size` chars:
 * small files at once, larger ones after a pause (the benchmark waits the same). */
export function debounceMs(size: number): number {
  return size < 64 * 1024 ? 50 : size < 1024 * 1024 ? 150 : 300;
}

/** Yields to the event loop so queued messages are handled between slices. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs steps in slices of at most about `sliceMs`, letting other work run in between;
 * returns undefined as soon as `isCancelled` says the result is no longer wanted.
 */
export async function runSliced<T>(steps: Generator<void, T>, isCancelled: () => boolean, sliceMs = 4): Promise<T | undefined> {
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start >= sliceMs) {
      await tick();
      if (isCancelled()) {
        steps.return(undefined as T);
        return undefined;
      }
      start = performance.now();
    }
  }
}
