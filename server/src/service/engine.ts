// One call from text to findings, used alike by the language server and the CLI, so the
// editor and CI can never disagree.
import type { Finding } from './findings';
import { conventions, type Conventions, type ConventionsSetting, type Schema } from './schema';
import { chooseSchema, type SchemaLoader } from './schemaSource';
import { parseSnapshot, type SnapshotModel } from './snapshot';
import { validateModel } from './validate';

export interface CheckInput {
  text: string;
  /** Absolute path of the workspace folder (repository root) the snapshot belongs to. */
  root?: string;
  /** The `reviewSnapshot.schemaPath` setting (or the CLI's --schema). */
  schemaPath?: string;
  conventions?: ConventionsSetting | null;
  loader: SchemaLoader;
  today?: string;
  /** Findings computed elsewhere from the same model (links), added to the result. */
  more?: (model: SnapshotModel, schema: Schema) => Finding[];
  model?: SnapshotModel;
  isCancelled?: () => boolean;
  onRuleError?: (rule: string, error: unknown) => void;
}

export interface CheckResult {
  model: SnapshotModel;
  schema: Schema;
  conventions: Conventions;
  findings: Finding[];
}

export function checkSnapshot(input: CheckInput): CheckResult | undefined {
  const model = input.model ?? parseSnapshot(input.text);
  const choice = chooseSchema(model, input.root, input.schemaPath);
  const loaded = input.loader.load(choice, model, input.root);
  const conv = conventions(input.conventions);
  const extra: Finding[] = loaded.problem ? [loaded.problem] : [];
  if (input.more) {
    try {
      extra.push(...input.more(model, loaded.schema));
    } catch (e) {
      input.onRuleError?.('links', e);
    }
  }
  const findings = validateModel(model, {
    schema: loaded.schema,
    conventions: conv,
    today: input.today,
    extra,
    isCancelled: input.isCancelled,
    onRuleError: input.onRuleError,
  });
  if (!findings) return undefined;
  return { model, schema: loaded.schema, conventions: conv, findings };
}
