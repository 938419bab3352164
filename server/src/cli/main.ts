// The CLI's entry: help, version, the commands, and exit codes (0 conforms, 1 violations,
// 2 usage or file errors). An unexpected error is a one-line message, never a stack trace.
import { parseArgs, UsageError } from './args';
import { writeErr, writeOut } from './output';
import { runToPending } from './toPending';
import { runValidate } from './validate';

export const VERSION = '0.1.0';

const HELP = `review-snapshot ${VERSION}: check review snapshots against their contract.

Usage:
  review-snapshot validate [options] <file|dir|glob>...
  review-snapshot to-pending <snapshot> [--out PATH] [--format yaml|markdown] [--force]

validate options:
  --strict            warnings fail the run too (exit 1)
  --format text|json  output format (default text: path:line:col: severity message [rule])
  --schema PATH       schema file to check against (default: the snapshot's own
                      Contract baseline refs entry, else the bundled v1 schema)
  --root DIR          repository root for refs and File:Line links (default: the
                      nearest folder holding .git, else the current folder)
  --no-links          do not check that File:Line paths exist

to-pending options:
  --out PATH          where to write (default specs/governance/pending/<stem>-pending.<ext>)
  --format yaml|markdown  pending spec format (default yaml)
  --force             replace an existing file's entries for these candidates

Files named on the command line are checked whatever their name; directories and
globs select Markdown files under reviews/snapshots/ or titled "# Review Snapshot".
Snapshots under a templates/ folder are checked as templates (placeholders such as
YYYY-MM-DD, <exit code> or "a \\| b" accepted; the summary says "template").
Exit codes: 0 conforms, 1 violations found, 2 usage or file errors.`;

const USAGE_HINT = /^(?:unknown|missing|option|validate needs|to-pending needs|--)/;

export function main(argv: string[]): number {
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
    return args.command === 'validate' ? runValidate(args) : runToPending(args);
  } catch (e) {
    if (e instanceof UsageError) {
      writeErr(`review-snapshot: ${e.message}\n`);
      if (USAGE_HINT.test(e.message)) writeErr(`Run "review-snapshot --help" for usage.\n`);
      return 2;
    }
    writeErr(`review-snapshot: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}
