// The `freshness/*` rule ids: where each File:Line cite's lines went since the snapshot's Repo
// revision (node/freshness.ts works it out with git, outside the check: the editor shows it in
// the background, the CLI's `freshness` command reports it). Information by default; levels are
// configured like any other rule (`rules: { freshness/changed: warning }`, or `off`).
import { defineRules, type RuleModule } from '../rules/registry';
import type { FreshnessStatus } from './types';

export const freshnessRules: RuleModule = defineRules({
  family: 'freshness',
  rules: [
    {
      id: 'freshness/moved',
      contract: false,
      severity: 'info',
      fixable: false,
      description:
        "A cited line still says the same but is at another line now (the message says which); the cite is right at the snapshot's Repo revision.",
    },
    {
      id: 'freshness/changed',
      contract: false,
      severity: 'info',
      fixable: false,
      description: 'A cited line was edited since the Repo revision: the finding may no longer hold for the code now.',
    },
    {
      id: 'freshness/deleted',
      contract: false,
      severity: 'info',
      fixable: false,
      description: 'A cited line, or its whole file, is gone since the Repo revision.',
    },
    {
      id: 'freshness/renamed',
      contract: false,
      severity: 'info',
      fixable: false,
      description: 'The cited file was renamed since the Repo revision (possibly then edited); the message says where the lines are now.',
    },
    {
      id: 'freshness/unknown',
      contract: false,
      severity: 'info',
      fixable: false,
      description:
        'Whether a cite is fresh cannot be told (the revision is not in the history, a shallow or partial clone, a sibling repository not available); the message says why and what would fix it.',
    },
  ],
  check: () => undefined,
});

/** The rule id a status is reported under (none for unchanged). */
export function freshnessRule(status: FreshnessStatus): string | undefined {
  return status === 'unchanged' ? undefined : `freshness/${status}`;
}
