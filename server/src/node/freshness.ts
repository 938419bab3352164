// Finding freshness, end to end: for each File:Line cite of a snapshot, where the cited lines are
// now, read with git (gitRepo.ts) from the snapshot's `Repo revision` R to HEAD. Renames are
// followed with one whole-tree `diff -M` from R to HEAD and, for a path it calls deleted, the
// commit that deleted it (an endpoint diff misses a rename followed by a rewrite); lines are
// mapped through the histogram diff's hunks (service/freshness/map.ts). When R is not a commit
// of the history (or does not hold the cited file), the commit that last wrote the snapshot is
// the base, said to be approximate; in a shallow clone the cite is unknown, with the fix. A cite
// into a sibling repository (its first segment names one) is followed in that repository.
import * as path from 'node:path';
import {
  mapRange,
  splitLines,
  type Hunk,
  type LineMapping,
  UNKNOWN,
  type CiteFreshness,
  type CiteInput,
  type FileFreshness,
  type Now,
} from '../service/core';
import { GitError, type CatObject } from './git';
import { gitRepo, type GitRepo, type RepoInfo } from './gitRepo';

export interface FreshnessRequest {
  /** The repository root the snapshot is in. */
  root: string;
  /** The snapshot's path in the repository (its last commit is the approximate base). */
  snapshot: string;
  /** As the result names the file. */
  file: string;
  written: string | null;
  cites: CiteInput[];
  /** Sibling repositories by name (the `repositories` setting, workspace folders). */
  repositories?: ReadonlyMap<string, string>;
  /** The text of a file now, when it is not HEAD's (an editor buffer, the working tree); by repository root and path. */
  textNow?: (root: string, file: string) => string | undefined;
  /** Hunks between two texts (for `textNow`); git's are used between blobs. */
  diffTexts?: (a: string[], b: string[]) => Hunk[];
  signal?: AbortSignal;
}

/** Cited lines a result carries (the hover shows them), at most. */
const SHOWN_LINES = 12;
/** Renames followed one after another from R, at most. */
const MAX_HOPS = 4;

/** A repository with its base for one snapshot. */
interface Side {
  repo: GitRepo;
  info: RepoInfo;
  /** The base commit, or undefined with why. */
  base?: string;
  approximate: boolean;
  /** The approximate base, worked out when first needed. */
  fallback: () => Promise<string | undefined>;
  name?: string;
}

function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

function aborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new GitError('cancelled');
}

/** The snapshot's repository: R resolved, else the commit that last wrote the snapshot. */
async function mainSide(req: FreshnessRequest): Promise<Side> {
  const repo = gitRepo(req.root);
  repo.refresh();
  const info = await repo.repoInfo();
  const written = await repo.commit(req.written);
  const fallback = once(() => repo.lastCommitOf(req.snapshot));
  if (written) return { repo, info, base: written, approximate: false, fallback };
  const base = info.shallow ? undefined : await fallback();
  return { repo, info, base, approximate: base !== undefined, fallback };
}

/** A sibling repository: R if it is one of its commits, else its commit of the day the main base was made. */
async function siblingSide(main: Side, name: string, root: string, written: string | null): Promise<Side | undefined> {
  const repo = gitRepo(root);
  let info: RepoInfo;
  try {
    repo.refresh();
    info = await repo.repoInfo();
  } catch {
    return undefined;
  }
  const at = once(async () => {
    const mainBase = main.base ?? (await main.fallback());
    const time = mainBase ? await main.repo.commitTime(mainBase) : undefined;
    return time === undefined ? undefined : repo.commitAt(time);
  });
  const own = await repo.commit(written);
  if (own) return { repo, info, base: own, approximate: false, fallback: at, name };
  const base = info.shallow ? undefined : await at();
  return { repo, info, base, approximate: base !== undefined, fallback: at, name };
}

/** Checks every cite of one snapshot. Never throws for a repository problem: the result says it. */
export async function checkCites(req: FreshnessRequest): Promise<FileFreshness> {
  const result: FileFreshness = { file: req.file, written: req.written, revision: null, approximate: false, head: null, cites: [] };
  let main: Side;
  try {
    main = await mainSide(req);
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    return { ...result, error: e.message };
  }
  Object.assign(result, { revision: main.base ?? null, approximate: main.approximate, head: main.info.head });
  const siblings = new Map<string, Promise<Side | undefined>>();
  for (const cite of req.cites) {
    aborted(req.signal);
    result.cites.push(await oneCite(req, main, siblings, cite).catch((e: unknown) => failedCite(req, main, cite, e)));
  }
  return result;
}

/** A cite git could not follow (it failed, or stopped): unknown, never a pass. */
function failedCite(req: FreshnessRequest, main: Side, cite: CiteInput, e: unknown): CiteFreshness {
  if (!(e instanceof GitError) || req.signal?.aborted) throw e;
  // In a partial clone, git stops at an object it does not have (it may not fetch it).
  return unknownCite(cite, main.info.partial ? UNKNOWN.partial : { reason: e.message, fix: 'run `git fsck` and try again' });
}

function unknownCite(cite: CiteInput, why: { reason: string; fix: string }, extra: Partial<CiteFreshness> = {}): CiteFreshness {
  return { ...citeBase(cite), status: 'unknown', now: null, reason: why.reason, fix: why.fix, ...extra };
}

function citeBase(c: CiteInput): Pick<CiteFreshness, 'cite' | 'range' | 'path' | 'line' | 'endLine'> {
  return { cite: c.cite, range: c.range, path: c.path, line: c.line, ...(c.endLine !== undefined ? { endLine: c.endLine } : {}) };
}

/** Which repository a cite is in, and its path there. */
async function sideOf(
  req: FreshnessRequest,
  main: Side,
  siblings: Map<string, Promise<Side | undefined>>,
  cite: CiteInput,
): Promise<{ side?: Side; file: string; name?: string }> {
  const slash = cite.path.indexOf('/');
  const name = slash > 0 ? cite.path.slice(0, slash) : '';
  const root = name ? req.repositories?.get(name) : undefined;
  if (!root) return cite.kind === 'external' ? { file: cite.path, name: name || undefined } : { side: main, file: cite.path };
  let s = siblings.get(name);
  if (!s) {
    s = siblingSide(main, name, path.resolve(req.root, root), req.written);
    siblings.set(name, s);
  }
  return { side: await s, file: cite.path.slice(slash + 1), name };
}

async function oneCite(
  req: FreshnessRequest,
  main: Side,
  siblings: Map<string, Promise<Side | undefined>>,
  cite: CiteInput,
): Promise<CiteFreshness> {
  if (cite.kind === 'outside') return unknownCite(cite, UNKNOWN.outside);
  const { side, file, name } = await sideOf(req, main, siblings, cite);
  const repository = name && side !== main ? { repository: name } : {};
  if (!side) return unknownCite(cite, UNKNOWN.sibling, repository);
  if (!side.base) return unknownCite(cite, side.info.shallow ? UNKNOWN.shallow : UNKNOWN.revision, repository);
  let base = side.base;
  let approximate = side.approximate;
  let old = await side.repo.blob(base, file);
  if (!old && !approximate) {
    // R does not hold the path (a folder moved without a new revision, say): the snapshot's own commit may.
    const fb = side.info.shallow ? undefined : await side.fallback();
    const there = fb ? await side.repo.blob(fb, file) : undefined;
    if (fb && there) [base, approximate, old] = [fb, true, there];
  }
  const extra = { ...repository, ...(base !== side.base ? { base } : {}), ...(approximate ? { approximate } : {}) };
  if (!old) return unknownCite(cite, side.info.partial ? UNKNOWN.partial : UNKNOWN.path, extra);
  if (old.data.includes(0)) return unknownCite(cite, UNKNOWN.binary, extra);
  const oldLines = splitLines(old.data.toString('utf8'));
  if (cite.line < 1 || cite.line > oldLines.length) return unknownCite(cite, UNKNOWN.line, extra);
  const where = await whereNow(side, base, file);
  return { ...(await mapped(req, side, { cite, file, oldLines, old }, where)), ...extra };
}

/** Where a file of the base is at HEAD: its path (followed through renames), or the commit that deleted it. */
async function whereNow(side: Side, base: string, file: string): Promise<{ file?: string; obj?: CatObject; deletedIn?: string }> {
  const head = side.info.head;
  let from = base;
  let at = file;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const obj = await side.repo.blob(head, at);
    if (obj) return { file: at, obj };
    const renamed = (await side.repo.renamesBetween(from, head)).get(at);
    if (renamed) {
      at = renamed;
      continue;
    }
    // The endpoint diff says deleted: the commit that deleted it may have renamed it (then rewritten).
    const by = await side.repo.deletedBy(from, head, at);
    const next = by ? (await side.repo.renamesBetween(`${by}^`, by)).get(at) : undefined;
    if (!by || !next) return { deletedIn: by };
    [from, at] = [by, next];
  }
  return {};
}

/** A cite with the file it names in its repository and that file's lines at the base. */
interface AtBase {
  cite: CiteInput;
  file: string;
  oldLines: string[];
  old: NonNullable<CatObject>;
}

async function mapped(
  req: FreshnessRequest,
  side: Side,
  b: AtBase,
  where: { file?: string; obj?: CatObject; deletedIn?: string },
): Promise<CiteFreshness> {
  const { cite, oldLines, old } = b;
  const before = oldLines.slice(cite.line - 1, Math.min(cite.endLine ?? cite.line, cite.line - 1 + SHOWN_LINES));
  if (!where.file || !where.obj) {
    const reason = where.deletedIn ? `the file was deleted (in ${where.deletedIn.slice(0, 7)})` : 'the file is gone';
    return { ...citeBase(cite), status: 'deleted', now: null, reason, before };
  }
  const live = req.textNow?.(side.repo.root, where.file);
  const nowText = live ?? where.obj.data.toString('utf8');
  const nowLines = splitLines(nowText);
  const worktree = live !== undefined && live !== where.obj.data.toString('utf8');
  const hunks = worktree && req.diffTexts ? req.diffTexts(oldLines, nowLines) : await side.repo.hunksBetween(old.oid, where.obj.oid);
  const m = mapRange(oldLines, nowLines, hunks, cite.line, cite.endLine ?? cite.line);
  const now: Now | null =
    m.line === null ? null : { path: where.file, line: m.line, ...(cite.endLine !== undefined && m.endLine ? { endLine: m.endLine } : {}) };
  const after = m.line === null ? undefined : nowLines.slice(m.line - 1, Math.min(m.endLine ?? m.line, m.line - 1 + SHOWN_LINES));
  const renamed = where.file !== b.file;
  return {
    ...citeBase(cite),
    status: renamed ? 'renamed' : m.status,
    now: renamed && !now ? { path: where.file, line: null } : now,
    reason: reasonOf(m, renamed ? where.file : undefined, cite),
    ...(m.nearby ? { nearby: true } : {}),
    ...(worktree ? { worktree } : {}),
    before,
    ...(after ? { after } : {}),
  };
}

function reasonOf(m: LineMapping, renamedTo: string | undefined, cite: CiteInput): string {
  const lines = cite.endLine !== undefined ? 'the cited lines' : 'the cited line';
  const at = m.line === null ? '' : ` line ${m.line}`;
  const parts: string[] = [];
  if (renamedTo) parts.push(`the file was renamed to ${renamedTo}`);
  if (m.status === 'unchanged') parts.push(`${lines} ${renamedTo ? 'is at the same number' : 'still says the same'}`);
  if (m.status === 'moved') parts.push(`${lines} moved to${at}`);
  if (m.status === 'changed') parts.push(`${lines} ${cite.endLine !== undefined ? 'were' : 'was'} edited (now${at})`);
  if (m.status === 'deleted') parts.push(`${lines} ${cite.endLine !== undefined ? 'are' : 'is'} gone`);
  if (m.whitespace) parts.push('only whitespace changed');
  if (m.nearby) parts.push('lines nearby were edited');
  return parts.join('; ');
}
