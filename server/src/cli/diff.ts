// `review-snapshot diff [--format text|json|markdown] <older> <newer>`: what changed between two
// reviews, following renames git knows of between their Repo revisions. Both files are read
// through the guarded read (readSnapshot); exit 0 with the report, 2 when a file cannot be read
// or is not UTF-8 text (no report then: never half a comparison).
import * as path from 'node:path';
import { closeGitRepos } from '../node/gitRepo';
import { gitRenames } from '../node/reviewRenames';
import { compareReviews, diffMarkdown, diffText, readReview } from '../service/core';
import { flagValue, UsageError, type Args } from './args';
import { readSnapshot } from './context';
import { safeJson, writeOut } from './output';

const FORMATS = ['text', 'json', 'markdown'];

/** The path as shown: relative to the current folder when inside it, `/`-separated. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(file)).split(path.sep).join('/');
}

export function readText(file: string): string {
  const s = readSnapshot(file);
  if ('finding' in s) throw new UsageError(`${file}: cannot read: ${s.finding.message}`);
  return s.text;
}

export async function runDiff(args: Args): Promise<number> {
  const format = flagValue(args, 'format') ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`option "--format" must be one of ${FORMATS.join(', ')} (got "${format}")`, 'diff');
  if (args.positional.length !== 2) {
    throw new UsageError(`diff takes two snapshots, older then newer (got ${args.positional.length})`, 'diff');
  }
  const [a, b] = args.positional;
  const older = readReview(shownPath(a), readText(a));
  const newer = readReview(shownPath(b), readText(b));
  // Renames between the two revisions, from git (one diff), when both name a commit of the repository.
  const renames = await gitRenames(path.resolve(b), older.revision, newer.revision).finally(closeGitRepos);
  const d = compareReviews(older, newer, renames);
  writeOut(format === 'json' ? safeJson(d) + '\n' : format === 'markdown' ? diffMarkdown(d) : diffText(d));
  return 0;
}
