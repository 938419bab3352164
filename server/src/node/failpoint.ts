// A test hook read alike by the CLI and the language server, so a test can make a rule throw in
// both and see the same fail-closed verdict.
import { RULE_MODULES, type RuleModule } from '../service/core';

/**
 * `REVIEW_SNAPSHOT_FAILPOINT=rule:<family>` makes that rule throw, so the tests can show what a
 * user sees when a check cannot run (the CLI exits 2, never "all conform"; the editor shows
 * check/incomplete). Unset, the rules are as built.
 */
export function withFailpoint(spec: string | undefined): readonly RuleModule[] | undefined {
  const family = spec?.startsWith('rule:') ? spec.slice(5) : undefined;
  if (!family) return undefined;
  return RULE_MODULES.map((m) =>
    m.family === family
      ? {
          ...m,
          check: () => {
            throw new Error(`failpoint ${spec}`);
          },
        }
      : m,
  );
}
