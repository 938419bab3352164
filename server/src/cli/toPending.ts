// `review-snapshot to-pending`: convert a valid snapshot's candidates into a pending spec file,
// written through the one guarded write (node/safeFs.ts safeUpdateText): inside the repository
// (unless --out names a place), never through a symbolic link, under a lock, atomically.
import * as path from 'node:path';
import type { CheckResult } from '../service/engine';
import { convertToPending, pendingPath, type PendingFormat } from '../service/features/pending';
import { choosePendingFormat, type FormatChoice } from '../service/features/pendingFormat';
import type { SnapshotCore } from '../service/core';
import type { SnapshotSettings } from '../service/settings';
import { MAX_READ_BYTES } from '../service/workspace';
import { safeUpdateText } from '../node/safeFs';
import { flagValue, UsageError, type Args } from './args';
import { CliSettings, configChoice } from './config';
import { cliService, readSnapshot, readStdinSnapshot, reportFailures } from './context';
import { displayPath, formatText, plural, shownPath, writeErr, writeOut, errLine, outLine } from './output';
import { findRoot, STDIN_NAME } from './targets';

/** The format to write: --format, else the repository's own pending specs, else the configured one (pendingFormat.ts). */
function formatOf(args: Args, service: SnapshotCore, root: string, abs: string, settings: SnapshotSettings): FormatChoice {
  const explicit = flagValue(args, 'format');
  if (explicit !== undefined && explicit !== 'yaml' && explicit !== 'markdown') {
    throw new UsageError(`--format must be yaml or markdown, not "${explicit}"`);
  }
  const { directory, format: configured } = settings.pending;
  return choosePendingFormat({ workspace: service.workspace, root, snapshot: abs, directory, configured, explicit });
}

/** The snapshot's check, or the exit code when it cannot be converted (1: contract errors, 2: not checked). */
function checked(
  file: string,
  root: string,
  schema: string | undefined,
  stdin: boolean,
  service: SnapshotCore,
  settings: SnapshotSettings,
): CheckResult | number {
  const read = stdin ? readStdinSnapshot() : readSnapshot(file);
  if ('finding' in read) {
    writeErr(formatText([{ file: displayPath(file), findings: [read.finding] }]) + '\n');
    return 1;
  }
  const result = service.check({ text: read.text, root }, settings, {
    schemaFile: schema ? path.resolve(schema) : undefined,
    links: false,
  });
  if (reportFailures(shownPath(file), result)) return 2;
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (!errors.length) return result;
  writeErr(formatText([{ file: displayPath(file), findings: errors }]) + '\n');
  errLine(`${shownPath(file)}: ${plural(errors.length, 'error')}; nothing written (fix the snapshot first)`);
  return 1;
}

/** `--out -`: the pending spec on standard output (as a new file: there is nothing to merge with). */
function toStdout(result: CheckResult, rel: string, format: PendingFormat): number {
  const conv = convertToPending(result.model, { sourcePath: rel, format });
  if (!conv.ok) {
    errLine(`review-snapshot: ${conv.error}`);
    return 1;
  }
  writeOut(conv.text);
  return 0;
}

export function runToPending(args: Args): number {
  if (args.positional.length !== 1) throw new UsageError('to-pending needs exactly one snapshot file (or -)', 'to-pending');
  const stdin = args.positional[0] === '-';
  const stdinName = flagValue(args, 'stdin-filename');
  if (stdinName !== undefined && !stdin) throw new UsageError('option "--stdin-filename" needs "-" as the snapshot', 'to-pending');
  // Read from standard input, the snapshot has the name --stdin-filename gives it: it decides the root and the pending file's name.
  const file = stdin ? (stdinName ?? STDIN_NAME) : args.positional[0];
  const abs = path.resolve(file);
  const root = path.resolve(flagValue(args, 'root') ?? findRoot(path.dirname(abs)));
  const service = cliService();
  const cfg = new CliSettings(service, configChoice(args));
  const settings = cfg.for(root, abs);
  if (cfg.broken) return 2;
  const { format, why } = formatOf(args, service, root, abs, settings);
  const result = checked(file, root, flagValue(args, 'schema'), stdin, service, settings);
  if (typeof result === 'number') return result;
  const rel = path.relative(root, abs).split(path.sep).join('/');
  const outFlag = flagValue(args, 'out');
  if (outFlag === '-') return toStdout(result, rel, format);
  const out = path.resolve(outFlag ?? path.join(root, pendingPath(rel, settings.pending.directory, format)));
  // The default place must stay in the repository; a place the user names is theirs to choose.
  const scope = outFlag ? path.parse(out).root : root;
  let code = 0;
  let ids: string[] = [];
  const r = safeUpdateText(scope, out, {
    maxBytes: MAX_READ_BYTES,
    update: (current) => {
      if (current !== undefined && !args.flags.has('force')) {
        code = 2;
        return {
          refuse: `${shownPath(out)}: exists; use --force to replace the entries of these candidates (everything else in it is kept)`,
        };
      }
      const conv = convertToPending(result.model, { sourcePath: rel, format, existing: current || undefined });
      if (!conv.ok) {
        code = 1;
        return { refuse: `${shownPath(out)}: ${conv.error}` };
      }
      ids = conv.ids;
      return { text: conv.text };
    },
  });
  if (!r.ok) {
    errLine(`${code ? '' : 'review-snapshot: nothing written: '}${r.reason}`);
    return code || 2;
  }
  outLine(`${shownPath(out)}: ${plural(ids.length, 'candidate')} written (${format}: ${why})`);
  return 0;
}
