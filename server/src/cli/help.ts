// The CLI's help texts: one synopsis per command (shown with a usage error) and one page per
// command (`review-snapshot <command> --help`). Text only, so main.ts stays a dispatcher.
import { DIFF_HELP, DIFF_USAGE, FINDINGS_HELP, FINDINGS_USAGE } from './lifecycleHelp';

export const VERSION = '0.1.0';

export const USAGE: ReadonlyMap<string, string> = new Map([
  ['validate', 'review-snapshot validate [options] <file|dir|glob|->...'],
  ['to-pending', 'review-snapshot to-pending [options] <snapshot|->'],
  ['explain', 'review-snapshot explain <rule> | --list'],
  [
    'new',
    'review-snapshot new [--out PATH] [--force] [--prompt PATH] [--model NAME] [--date YYYY-MM-DD] [--root DIR] [--schema PATH] [--config FILE | --no-config]',
  ],
  ['mcp', 'review-snapshot mcp [--root DIR] [--config FILE | --no-config]'],
  ['freshness', 'review-snapshot freshness [--format text|json|sarif] [--root DIR] [--config FILE | --no-config] <snapshot|dir|glob>...'],
  ['diff', DIFF_USAGE],
  ['findings', FINDINGS_USAGE],
]);

const VALIDATE = `Check review snapshots against their contract.

Usage:
  ${USAGE.get('validate')}

Options:
  --strict                 warnings fail the run too (exit 1)
  --format FORMAT          text (default): path:line:col: severity message [rule]
                           json: versioned findings with fixes and rule documentation
                           sarif: SARIF 2.1.0, for code scanning
                           github: GitHub Actions workflow commands (annotations)
                           junit: JUnit XML, one testcase per snapshot
  --output-file PATH       write the report there instead of standard output
  --fix                    apply the safe fixes (the editor's fix-all), then report
                           what remains; files are replaced atomically
  --fix-dry-run            print the fixes as a unified diff; write nothing
  --stdin-filename PATH    with "-": the name the text on standard input has (it
                           decides the root, links, and whether it is a snapshot)
  --schema PATH            schema file to check against (default: the snapshot's own
                           Contract baseline refs entry, else the bundled v1 schema)
  --root DIR               repository root for refs and File:Line links (default: the
                           nearest folder holding .git, else the current folder)
  --no-links               do not check that File:Line paths exist
  --config PATH            use this configuration file for every snapshot (default:
                           the nearest .review-snapshot.yaml/.yml/.json)
  --no-config              use no configuration file
  --print-config FILE      print the configuration that applies to FILE, and exit

Files named on the command line are checked whatever their name (unless the
configuration's ignores leave them out); directories and globs select the Markdown
files the configuration's files globs match (default under reviews/snapshots/) or
titled "# Review Snapshot". Files matching its templates globs (default under a
templates/ folder) but not its files globs are checked as templates: placeholders such as YYYY-MM-DD,
<exit code>, "a | b", pass/fail/skipped, path:line or ... accepted; the summary says "template".
Exit codes: 0 conforms, 1 problems remain, 2 usage or file errors, a configuration
file with problems, or a check that could not run to its end.`;

const TO_PENDING = `Convert a valid snapshot's spec candidates into a pending spec.

Usage:
  ${USAGE.get('to-pending')}

Options:
  --out PATH               where to write (default specs/governance/pending/
                           <stem>-pending.<ext>); "-" writes to standard output
  --format yaml|markdown   pending spec format (default yaml)
  --force                  replace an existing file's entries for these candidates
  --root DIR               repository root (default: the nearest folder holding .git)
  --schema PATH            schema file to check against
  --stdin-filename PATH    with "-": the name of the snapshot read from standard input
  --config PATH            the configuration file (default: the nearest one)
  --no-config              use no configuration file

Exit codes: 0 written, 1 the snapshot has contract errors, 2 usage or file errors.`;

const EXPLAIN = `Print the documentation of a rule: what it checks, why, examples, the fix.

Usage:
  ${USAGE.get('explain')}

Options:
  --list                   list every rule with its severity and description`;

const NEW = `Print a new snapshot (the editor's New Snapshot): today's date, the repository's
HEAD revision, the repository's template and schema when it has them (its configuration file's
templates and schemaPath apply, as in the editor).

Usage:
  ${USAGE.get('new')}

Options:
  --out PATH               write it there instead of standard output (never over an
                           existing file without --force)
  --force                  replace an existing file
  --prompt PATH            the prompt this review follows (default: TODO)
  --model NAME             the model (default: TODO)
  --date YYYY-MM-DD        the date (default: today)
  --root DIR               repository root (default: the nearest folder holding .git)
  --schema PATH            schema file the snapshot follows (default: the configuration's
                           schemaPath, else the repository's
                           specs/schema/review_snapshot_schema_v1.yaml, else bundled)
  --config FILE            use this configuration file
  --no-config              use no configuration file`;

const MCP = `Run the Model Context Protocol server over standard input and output, for agents
(VS Code's agent mode, chat clients): tools validate_snapshots, fix_snapshots, explain_rule,
check_freshness, new_snapshot, convert_to_pending; resources review-snapshot://schema, review-snapshot://template
and review-snapshot://rules/<rule>; the prompt write_review_snapshot.

Usage:
  ${USAGE.get('mcp')}

Options:
  --root DIR               repository root (default: the nearest folder holding .git from
                           the current folder, else the current folder); paths outside it,
                           or leading out of it through a link, are refused
  --config FILE            use this configuration file
  --no-config              use no configuration file

Nothing runs a gate command; files are written only by fix_snapshots, new_snapshot and
convert_to_pending, inside the root. It runs until standard input ends (exit 0).`;
const FRESHNESS = `Finding freshness: does each File:Line cite still point at the code the review saw?
Each cite is followed with git from the snapshot's Repo revision to HEAD: unchanged, moved
(same text, another line), changed (edited), deleted, renamed (followed to its new path), or
unknown (with why and the fix: a shallow clone needs fetch-depth: 0). When the Repo revision
is not a commit of the history, the commit that last wrote the snapshot is the base (said to
be approximate). Cites into sibling repositories follow the configuration's repositories key.

Usage:
  ${USAGE.get('freshness')}

Options:
  --format FORMAT          text (default), json (version 1), sarif (annotations at the cited code)
  --root DIR               repository root (default: the nearest folder holding .git)
  --config FILE            use this configuration file
  --no-config              use no configuration file

Exit codes: 0 every cite unchanged or moved, 1 some changed, deleted, renamed or unknown,
2 a file could not be checked (not a git repository, git missing, unreadable).`;

export const COMMAND_HELP: ReadonlyMap<string, string> = new Map([
  ['validate', VALIDATE],
  ['to-pending', TO_PENDING],
  ['explain', EXPLAIN],
  ['new', NEW],
  ['mcp', MCP],
  ['freshness', FRESHNESS],
  ['diff', DIFF_HELP],
  ['findings', FINDINGS_HELP],
]);

export const HELP = `review-snapshot ${VERSION}: check review snapshots against their contract.

Usage:
${[...USAGE.values()].map((u) => '  ' + u).join('\n')}
  review-snapshot <command> --help

Commands:
  validate     check snapshots (formats: text, json, sarif, github, junit; --fix)
  to-pending   convert a snapshot's spec candidates into a pending spec
  explain      show a rule's documentation
  new          print (or write) a new snapshot
  mcp          serve the tools to agents over MCP (stdio)
  freshness    check that each File:Line cite still points at the code the review saw
  diff         compare two reviews (findings and candidates: new, updated, absent)
  findings     export a review's findings as SARIF for code scanning

Exit codes: 0 conforms, 1 problems found, 2 usage or file errors.`;
