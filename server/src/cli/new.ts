// `review-snapshot new`: a new snapshot, from the same code as the editor's New Snapshot
// (service.newSnapshot → features/skeleton.ts: the repository's schema when it has one, else the
// bundled one), with today's date and the repository's HEAD revision. Printed, or written with
// --out (never over an existing file without --force; through the one guarded write).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { safeUpdateText } from '../node/safeFs';
import { todayIso, DEFAULTS, PLACEHOLDER } from '../service/core';
import { CliSettings, configChoice } from './config';
import { flagValue, UsageError, type Args } from './args';
import { cliService } from './context';
import { shownPath, writeDocument, errLine, outLine } from './output';
import { findRoot } from './targets';

/** What the editor writes when there is no revision to be had. */
const PLACEHOLDER_REV = '0000000';

/**
 * The HEAD revision, from git itself (worktrees, packed refs and SHA-256 repositories included).
 * The editor asks git only in a trusted workspace, because opening a folder is no consent to run
 * anything; running this command in a checkout is the user's choice, and git reads nothing of the
 * checkout's versioned content to answer (its config is not versioned).
 */
export function headRevision(root: string): string {
  try {
    const out = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    }).trim();
    return /^[0-9a-f]{4,64}$/.test(out) ? out : PLACEHOLDER_REV;
  } catch {
    return PLACEHOLDER_REV;
  }
}

function dateOf(args: Args): string {
  const date = flagValue(args, 'date') ?? todayIso();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`option "--date" must be YYYY-MM-DD, not "${date}"`, 'new');
  return date;
}

export function runNew(args: Args): number {
  if (args.positional.length) throw new UsageError(`new takes no file name (write it with --out PATH): "${args.positional[0]}"`, 'new');
  const out = flagValue(args, 'out');
  const abs = out && out !== '-' ? path.resolve(out) : undefined;
  const root = path.resolve(flagValue(args, 'root') ?? findRoot(abs ? path.dirname(abs) : process.cwd()));
  const rev = headRevision(root);
  const schema = flagValue(args, 'schema');
  // The repository's configuration file applies as in the editor (its templates, its schema);
  // --schema names the schema over it. A configuration with problems writes nothing.
  const service = cliService();
  const cfg = new CliSettings(service, configChoice(args));
  const found = cfg.for(root, abs ?? path.join(root, DEFAULTS.snapshotsDirectory, 'new.md'));
  if (cfg.broken) {
    errLine('review-snapshot: nothing written: fix the configuration file first (or pass --no-config)');
    return 2;
  }
  const settings = schema ? { ...found, schemaPath: path.relative(root, path.resolve(schema)) } : found;
  const text = service.newSnapshot(root, settings, {
    date: dateOf(args),
    model: flagValue(args, 'model'),
    prompt: flagValue(args, 'prompt') ?? PLACEHOLDER,
    promptRevision: rev,
    repoRevision: rev,
  });
  if (!abs) {
    writeDocument(text);
    return 0;
  }
  const force = args.flags.has('force');
  const r = safeUpdateText(path.parse(abs).root, abs, {
    maxBytes: Number.MAX_SAFE_INTEGER,
    update: (current) => (current !== undefined && !force ? { refuse: `${shownPath(abs)}: exists; use --force to replace it` } : { text }),
  });
  if (!r.ok) {
    errLine(`review-snapshot: nothing written: ${r.reason}`);
    return 2;
  }
  outLine(`${shownPath(abs)}: new snapshot written`);
  return 0;
}
