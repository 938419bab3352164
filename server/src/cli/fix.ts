// `validate --fix` and `--fix-dry-run`: the editor's fix-all (features/actions.ts `fixAll`, the
// safe fixes whose edits do not collide) applied by the CLI. A fix can make another finding
// fixable (or a collision can hold one back), so it is applied until nothing is left to fix, at
// most MAX_PASSES times; a second --fix then changes nothing. The file is replaced through the
// one guarded write (atomic: a temporary file, then a rename; never through a symbolic link),
// and only if it still holds what was checked.
import * as path from 'node:path';
import type * as Diff from 'diff';
import { safeUpdateTextLater } from '../node/safeFs';
import { type CheckResult, fixAll, type Finding, applyTextEdits } from '../service/core';
import { MAX_SNAPSHOT_BYTES } from './context';
import { shownPath } from './output';

/** ESLint stops at 10 passes too: fixes that undo each other must not loop forever. */
const MAX_PASSES = 10;

/** What a fix needs of a check: its findings, and whether it ran to its end (a snapshot's check, or a prompt's). */
export type Checked = Pick<CheckResult, 'findings' | 'failures'>;

export interface FixOutcome<R extends Checked = CheckResult> {
  /** The text with every safe fix applied. */
  text: string;
  /** The findings that were fixed, pass after pass. */
  fixed: Finding[];
  /** The check of the fixed text: what remains. */
  result: R;
}

/** Applies the safe fixes until none is left (a check that did not run to its end fixes nothing). */
export function fixUntilStable<R extends Checked>(text: string, check: (text: string) => R): FixOutcome<R> {
  let result = check(text);
  const fixed: Finding[] = [];
  for (let pass = 0; pass < MAX_PASSES && result.failures.length === 0; pass++) {
    const all = fixAll(result.findings);
    if (!all.edits.length) break;
    const next = applyTextEdits(text, all.edits);
    if (next === text) break;
    fixed.push(...all.fixed);
    text = next;
    result = check(text);
  }
  return { text, fixed, result };
}

/**
 * Replaces the file with the fixed text, if it still holds `before` (with its BOM): a file changed
 * since it was read is left alone. Undefined when written, else why not; the file operations are
 * made off the main thread (see `safeUpdateTextLater`), so the next file can be checked meanwhile.
 */
export async function writeFixed(
  abs: string,
  scope: string | undefined,
  before: string,
  after: string,
  bom: boolean,
): Promise<string | undefined> {
  const mark = bom ? '\ufeff' : '';
  const r = await safeUpdateTextLater(scope ?? path.parse(abs).root, abs, {
    maxBytes: MAX_SNAPSHOT_BYTES,
    update: (current) =>
      current === mark + before ? { text: mark + after } : { refuse: `${shownPath(abs)}: changed while being fixed; nothing written` },
  });
  return r.ok ? undefined : r.reason;
}

/** A unified diff of one file's fixes (jsdiff: a Myers diff, hunks with 3 lines of context). */
export function unifiedDiff(shown: string, before: string, after: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for --fix-dry-run
  const diff = require('diff') as typeof Diff;
  const name = shown.split(path.sep).join('/');
  return diff.createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, '', '', { context: 3, headerOptions: diff.FILE_HEADERS_ONLY });
}
