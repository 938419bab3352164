// links/*: paths the snapshot names that do not exist, lines past the end of a cited file, and
// paths that leave the workspace folder (never linked). The paths are resolved by the engine
// (refs.ts) through the Workspace port; this rule only reports.
import type { ResolvedRef } from '../model/refs';
import { defineRules, type Report, type RuleContext } from './registry';

/** Why it may be missing: another repository's path (no such top folder here), or a moved file. */
function missingHint(ref: ResolvedRef): string {
  if (ref.foreignTop) {
    return ` (this repository has no folder "${ref.foreignTop}": if it is another repository's path, add "${ref.foreignTop}/**" to links.external)`;
  }
  return ref.source === 'location' ? ' (moved or renamed?)' : '';
}

function check(ctx: RuleContext, report: Report): void {
  for (const ref of ctx.refs) {
    if (ref.status === 'outside') {
      report('links/outside', ref.range, `"${ref.raw}" points outside the repository; it is not linked.`);
    } else if (ref.status === 'missing' && ctx.validateLinks) {
      report('links/missing', ref.range, `"${ref.shown}" does not exist in the repository${missingHint(ref)}.`);
    } else if (ref.status === 'line' && ctx.validateLinks && ref.line !== undefined) {
      const n = ref.lineCount ?? 0;
      const bad = ref.line < 1 ? ref.line : ref.endLine !== undefined && ref.endLine >= ref.line ? ref.endLine : ref.line;
      report('links/line', ref.range, `${ref.shown} has ${n} line${n === 1 ? '' : 's'}; line ${bad} is outside it.`);
    }
  }
}

export const linkRules = defineRules({
  family: 'links',
  rules: [
    { id: 'links/missing', contract: false, fixable: false, description: 'A cited path does not exist in the repository.' },
    { id: 'links/line', contract: false, fixable: false, description: 'A cited line is past the end of its file.' },
    {
      id: 'links/outside',
      contract: false,
      fixable: false,
      description: 'A cited path leaves the repository root (`..`, `%2E%2E`, a symlink out, `C:\\`, `~`); it is never linked.',
    },
  ],
  check,
});
