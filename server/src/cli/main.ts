// The CLI's entry: help, version, the commands, and exit codes (0 conforms, 1 violations,
// 2 usage or file errors). An unexpected error is a one-line message, never a stack trace.
// Each command's module is required when that command runs, not before: a run pays for
// loading only what it uses (the startup of one short run is most of its time).
import type { Args } from './args';
import type * as Diff from './diff';
import type * as Explain from './explain';
import type * as Mcp from './mcp';
import type * as Freshness from './freshness';
import type * as Findings from './findings';
import type * as New from './new';
import type * as ToPending from './toPending';
import type * as Validate from './validate';
import { parseArgs, UsageError } from './args';
import { COMMAND_HELP, HELP, USAGE, VERSION } from './help';
import { writeOut, errLine } from './output';

export { VERSION };

/** A command: its exit code, or the promise of it (validate --fix finishes its writes first). */
type Run = (args: Args) => number | Promise<number>;

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading, see above */
const COMMANDS: ReadonlyMap<string, () => Run> = new Map<string, () => Run>([
  ['validate', () => (require('./validate') as typeof Validate).runValidate],
  ['to-pending', () => (require('./toPending') as typeof ToPending).runToPending],
  ['explain', () => (require('./explain') as typeof Explain).runExplain],
  ['new', () => (require('./new') as typeof New).runNew],
  ['mcp', () => (require('./mcp') as typeof Mcp).runMcp],
  ['freshness', () => (require('./freshness') as typeof Freshness).runFreshness],
  ['diff', () => (require('./diff') as typeof Diff).runDiff],
  ['findings', () => (require('./findings') as typeof Findings).runFindings],
]);
/* eslint-enable @typescript-eslint/no-require-imports */

/** Usage errors (a flag or argument is wrong) get the command's synopsis; file errors do not. */
const USAGE_HINT = /^(?:unknown|missing|option|--|\S+ needs|\S+ takes)/;

function usageError(e: UsageError, argv: string[]): number {
  errLine(`review-snapshot: ${e.message}`);
  if (!USAGE_HINT.test(e.message)) return 2;
  const command = e.command ?? (USAGE.has(argv[0]) ? argv[0] : undefined);
  const usage = command ? USAGE.get(command) : undefined;
  if (usage) {
    errLine(`Usage: ${usage}`);
    errLine(`Run "review-snapshot ${command} --help" for the options.`);
  } else errLine(`Run "review-snapshot --help" for usage.`);
  return 2;
}

export function main(argv: string[]): number | Promise<number> {
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      writeOut(HELP + '\n');
      return argv.length === 0 ? 2 : 0;
    }
    if (argv[0] === '--version') {
      writeOut(VERSION + '\n');
      return 0;
    }
    const args = parseArgs(argv);
    if (args.flags.has('help')) {
      writeOut((COMMAND_HELP.get(args.command) ?? HELP) + '\n');
      return 0;
    }
    const run = COMMANDS.get(args.command);
    if (!run) throw new UsageError(`unknown command "${args.command}"`);
    const code = run()(args);
    return code instanceof Promise ? code.catch((e: unknown) => failed(e, argv)) : code;
  } catch (e) {
    return failed(e, argv);
  }
}

function failed(e: unknown, argv: string[]): number {
  if (e instanceof UsageError) return usageError(e, argv);
  if ((e as NodeJS.ErrnoException).code === 'EPIPE') {
    // The reader went away (`| head`): the run stopped before its end, so never a pass (exit 2).
    try {
      errLine('review-snapshot: standard output was closed before the report was written; stopped');
    } catch {
      // standard error is gone too
    }
    return 2;
  }
  errLine(`review-snapshot: internal error: ${(e as Error).message}`);
  return 2;
}
