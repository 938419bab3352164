// The rule registry: every rule module, in the order they run, and every id the engine can
// emit. Adding a rule is one file here plus its test (and the README row the registry test
// demands).
import { editDistance } from '../model/nearMiss';
import { candidateRules } from './candidates';
import { labelRules } from './labels';
import { linkRules } from './links';
import { markdownRules } from './markdown';
import { metadataRules } from './metadata';
import { placeholderRules } from './placeholder';
import { promptRules } from './prompt';

/** Review prompts are checked apart from snapshots (see prompt.ts). */
export { checkPrompt, isReviewPrompt } from './prompt';
import { emptySectionRules } from './emptySection';
import { freshnessRules } from '../freshness/rules';
import { defineRules, severityOf, type RuleDecl, type RuleModule } from './registry';
import { schemaRules } from './schema';
import { sectionRules } from './sections';
import { tableRules } from './tables';
import { titleRules } from './title';
import { uncheckedRules } from './unchecked';

export const RULE_MODULES: readonly RuleModule[] = [
  schemaRules,
  markdownRules,
  titleRules,
  sectionRules,
  emptySectionRules,
  metadataRules,
  tableRules,
  candidateRules,
  uncheckedRules,
  labelRules,
  placeholderRules,
  linkRules,
];

/** Ids the engine reports itself, outside any rule module (the prompt rules check prompts, not snapshots). */
export const ENGINE_RULES: readonly RuleModule[] = [
  promptRules,
  defineRules({
    family: 'file',
    rules: [
      {
        id: 'file/encoding',
        contract: true,
        fixable: false,
        description: 'The file holds NUL bytes or is not valid UTF-8 (reported at the exact byte).',
      },
    ],
    check: () => undefined,
  }),
  defineRules({
    family: 'config',
    rules: [
      {
        id: 'config/invalid',
        contract: true,
        fixable: false,
        description:
          'The repository configuration file that governs the snapshot has problems (each is reported in the file itself); the snapshot cannot be said to conform until it is fixed.',
      },
    ],
    check: () => undefined,
  }),
  defineRules({
    family: 'suppression',
    rules: [
      { id: 'suppression/unused', contract: false, fixable: false, description: 'An inline suppression comment suppresses nothing.' },
      {
        id: 'suppression/contract',
        contract: false,
        fixable: false,
        description: 'An inline suppression names a contract rule, which cannot be suppressed.',
      },
      {
        id: 'suppression/unknown-rule',
        contract: false,
        fixable: false,
        description: 'An inline suppression names a rule id that does not exist.',
      },
    ],
    check: () => undefined,
  }),
  defineRules({
    family: 'check',
    rules: [
      {
        id: 'check/incomplete',
        contract: true,
        fixable: false,
        description: 'A rule could not run to its end, so the verdict is incomplete (never a pass); the message names the rule and why.',
      },
    ],
    check: () => undefined,
  }),
  freshnessRules,
];

export interface RuleInfo extends RuleDecl {
  family: string;
}

/** Every rule id with its declaration, in registry order. */
export const ALL_RULES: ReadonlyMap<string, RuleInfo> = new Map(
  [...RULE_MODULES, ...ENGINE_RULES].flatMap((m) => m.rules.map((r) => [r.id, { ...r, family: m.family }] as const)),
);

/** The rule id nearest to a mistyped one (at most 3 edits away), among those `which` accepts. */
export function nearestRuleId(id: string, which: (r: RuleInfo) => boolean = () => true): string | undefined {
  const near = [...ALL_RULES.values()].filter(which).map((r) => ({ id: r.id, n: editDistance(id, r.id, 3) }));
  return near.filter((x) => x.n <= 3).sort((a, b) => a.n - b.n)[0]?.id;
}

export function ruleModule(family: string): RuleModule | undefined {
  return RULE_MODULES.find((m) => m.family === family);
}

export { severityOf };
