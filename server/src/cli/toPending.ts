// `review-snapshot to-pending`: convert a valid snapshot's candidates into a pending spec file,
// written through the one guarded write (node/safeFs.ts safeUpdateText): inside the repository
// (unless --out names a place), never through a symbolic link, under a lock, atomically.
import * as path from 'node:path';
import {
  type CheckResult,
  convertToPending,
  pendingPath,
  type PendingFormat,
  choosePendingFormat,
  type FormatChoice,
  type SnapshotCore,
  type SnapshotSettings,
  MAX_READ_BYTES,
  isInside,
  writeRoot,
} from '../service/core';
import { safeUpdateText } from '../node/safeFs';
import { flagValue, UsageError, type Args } from './args';
import { CliSettings, configChoice } from './config';
import { cliService, readSnapshot, readStdinSnapshot, reportFailures } from './context';
import { displayPath, formatText, plural, shownPath, writeDocument, writeErr, errLine, outLine } from './output';
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
  writeDocument(conv.text);
  return 0;
}

export interface PendingWrite {
  /** The folder the file must really lie in. */
  scope: string;
  out: string;
  /** The file's name as said in a refusal. */
  shown: string;
  result: CheckResult;
  /** The snapshot's path from the root (the pending spec's source). */
  rel: string;
  format: PendingFormat;
  force: boolean;
}

/**
 * Writes a checked snapshot's candidates into the pending spec (an existing one only with
 * `force`, keeping its other entries); the ids written, or why not (code 1: the candidates cannot
 * be converted, 2: nothing written). The CLI's to-pending and the MCP server's convert_to_pending.
 */
export function writePending(
  w: PendingWrite,
):
  | { ok: true; ids: string[] }
  | { ok: false; code: 1 | 2; reason: string; /** the file was there (or could not be converted) */ refused: boolean } {
  let code: 1 | 2 = 2;
  let refused = false;
  let ids: string[] = [];
  const r = safeUpdateText(w.scope, w.out, {
    maxBytes: MAX_READ_BYTES,
    update: (current) => {
      refused = current !== undefined && !w.force;
      if (refused) {
        return { refuse: `${w.shown}: exists; use --force to replace the entries of these candidates (everything else in it is kept)` };
      }
      const conv = convertToPending(w.result.model, { sourcePath: w.rel, format: w.format, existing: current || undefined });
      if (!conv.ok) {
        code = 1;
        refused = true;
        return { refuse: `${w.shown}: ${conv.error}` };
      }
      ids = conv.ids;
      return { text: conv.text };
    },
  });
  return r.ok ? { ok: true, ids } : { ok: false, code, reason: r.reason, refused };
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
  // The default place must stay in the repository and in the folder the CLI was started in (or
  // --root): a configuration cannot send it elsewhere. A place the user names is theirs to choose.
  const scope = outFlag ? path.parse(out).root : writeRoot(root, path.resolve(flagValue(args, 'root') ?? process.cwd()));
  if (!scope || !isInside(scope, out)) {
    errLine(
      `review-snapshot: nothing written: ${shownPath(out)} is outside ${scope ? shownPath(scope) : 'the folder the CLI was started in'} (the configuration's pending.directory leads there); run it from the repository or pass --root, or name the place with --out`,
    );
    return 2;
  }
  const r = writePending({ scope, out, shown: shownPath(out), result, rel, format, force: args.flags.has('force') });
  if (!r.ok) {
    errLine(`${r.refused ? '' : 'review-snapshot: nothing written: '}${r.reason}`);
    return r.code;
  }
  outLine(`${shownPath(out)}: ${plural(r.ids.length, 'candidate')} written (${format}: ${why})`);
  return 0;
}
