// The renames git knows of between two reviews' `Repo revision`s, for matching their findings
// (`review-snapshot diff` and the editor's comparison alike): one `git diff -M --name-status`
// between the two commits through the git layer (node/gitRepo.ts: hex revisions only, no
// program of the repository's configuration runs). When git cannot be asked, the answer says
// why, and the comparison falls back to matching a rewritten path by its file name (uncertain).
import * as path from 'node:path';
import type { RenameInfo } from '../service/core';
import { GitError, HEX } from './git';
import { gitRepo } from './gitRepo';
import { gitRoot } from './repoRoot';

function notFollowed(reason: string): RenameInfo {
  return { followed: { followed: false, reason }, paths: new Map() };
}

/** Renames between the revisions of the older and the newer review, whose file is `newerFile`. */
export async function gitRenames(newerFile: string, older: string | null, newer: string | null): Promise<RenameInfo> {
  if (!older || !newer) return notFollowed('a review names no Repo revision');
  const top = gitRoot(path.dirname(newerFile));
  if (!top) return notFollowed('the newer review is not in a git repository');
  const a = older.trim().toLowerCase();
  const b = newer.trim().toLowerCase();
  if (!HEX.test(a) || !HEX.test(b)) return notFollowed('a Repo revision is not a hex commit name');
  if (a === b) return { followed: { followed: true, olderRevision: a, newerRevision: b, renamed: 0 }, paths: new Map() };
  try {
    // One git process: `git diff` resolves the two (hex, so never an option) and fails on what is not a commit here.
    const paths = await gitRepo(top).renamesBetween(a, b);
    return { followed: { followed: true, olderRevision: a, newerRevision: b, renamed: paths.size }, paths };
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    // git's "unknown revision" (gitProblem words it as an empty repository): one of the two is no commit here.
    const unknown = /no commit yet/.test(e.message);
    return notFollowed(unknown ? `the Repo revision ${a} or ${b} is not a commit of this repository` : e.message);
  }
}
