// `review-snapshot validate`: check files, directories, globs and standard input; exit 0 when all
// conform, 1 when problems remain, 2 when a file could not be checked (a rule failed, a file could
// not be read or written). --fix and --fix-dry-run: cli/fix.ts; the formats: cli/formats/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { todayIso } from '../service/clock';
import { counts, type CheckResult } from '../service/engine';
import type { Finding } from '../service/findings';
import type { SnapshotService } from '../service/index';
import { flagValue, UsageError, type Args } from './args';
import { CliSettings, configChoice, printConfig } from './config';
import { cliService, readSnapshot, readStdinSnapshot, reportFailures } from './context';
import { fixUntilStable, unifiedDiff, writeFixed } from './fix';
import { FORMATS, type RunReport } from './formats/index';
import { displayPath, plural, writeErr, writeOut, type FileReport, errLine, outLine } from './output';
import { writeReport } from './emit';
import { expandTargets, findRoot, type Target } from './targets';

type Mode = 'check' | 'fix' | 'dry-run';

interface Run {
  reports: FileReport[];
  /** Files named on the command line that the `ignores` globs leave out. */
  ignored: string[];
  /** Files whose check did not run to its end: no verdict can be given for them. */
  unchecked: number;
  /** Files --fix could not write. */
  unwritten: number;
  /** --fix-dry-run: the diff of each file a fix would change. */
  diffs: string[];
}

interface Checked {
  target: Target;
  abs: string;
  root: string;
  read: { text: string; bom: boolean };
  check: (text: string) => CheckResult;
}

/** One snapshot's check, fixed first when asked (what is reported is what remains). */
function checkOne(run: Run, c: Checked, mode: Mode, template: boolean): FileReport {
  const shown = displayPath(c.abs);
  const original = c.read.text;
  let result: CheckResult;
  let fixed: Finding[] | undefined;
  if (mode === 'check') result = c.check(original);
  else {
    const out = fixUntilStable(original, c.check);
    ({ result, fixed } = out);
    if (out.text !== original && mode === 'dry-run') run.diffs.push(unifiedDiff(shown, original, out.text));
    const why = out.text !== original && mode === 'fix' ? writeFixed(c.abs, c.target.scope, original, out.text, c.read.bom) : undefined;
    if (why) {
      errLine(`review-snapshot: ${why}`);
      run.unwritten++;
      result = c.check(original);
      fixed = [];
    }
  }
  const unchecked = reportFailures(shown, result);
  if (unchecked) run.unchecked++;
  return {
    file: shown,
    abs: c.abs,
    root: c.root,
    findings: result.findings,
    ...(template ? { template } : {}),
    ...(fixed ? { fixed } : {}),
    ...(unchecked ? { unchecked } : {}),
  };
}

function checkAll(args: Args, mode: Mode, service: SnapshotService, settings: CliSettings): Run {
  const rootFlag = flagValue(args, 'root');
  const schemaPath = flagValue(args, 'schema');
  if (schemaPath && !fs.existsSync(schemaPath)) throw new UsageError(`--schema ${schemaPath}: no such file`);
  const run: Run = { reports: [], ignored: [], unchecked: 0, unwritten: 0, diffs: [] };
  // One date for the whole run (and one time-zone lookup rather than one per snapshot).
  const today = todayIso();
  const seen = new Set<string>();
  for (const t of expandTargets(args.positional, flagValue(args, 'stdin-filename'))) {
    const abs = path.resolve(t.file);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const root = path.resolve(rootFlag ?? findRoot(path.dirname(abs)));
    const read = t.stdin ? readStdinSnapshot() : readSnapshot(t.file, t.scope);
    if ('finding' in read) {
      run.reports.push({ file: displayPath(abs), abs, root, findings: [read.finding] });
      continue;
    }
    const rel = path.relative(root, abs).split(path.sep).join('/');
    const s = settings.for(root, abs);
    // The same decision as the editor's: ignored, not a snapshot, a snapshot, a template.
    const role = service.classify(rel, read.text, s, { explicit: t.explicit });
    if (role === 'ignored' && t.explicit) run.ignored.push(displayPath(abs));
    if (role === 'ignored' || role === 'other') continue;
    const template = role === 'template';
    const extra = { schemaFile: schemaPath ? path.resolve(schemaPath) : undefined, links: !args.flags.has('no-links'), today };
    const check = (text: string) => service.check({ text, root, template }, s, extra);
    run.reports.push(checkOne(run, { target: t, abs, root, read, check }, mode, template));
  }
  return run;
}

function modeOf(args: Args, format: string): Mode {
  const fix = args.flags.has('fix');
  const dry = args.flags.has('fix-dry-run');
  if (fix && dry) throw new UsageError('option "--fix" and "--fix-dry-run" exclude each other', 'validate');
  if (fix && args.positional.includes('-')) {
    throw new UsageError('option "--fix" cannot write standard input back; use --fix-dry-run for a diff', 'validate');
  }
  if (dry && format !== 'text') {
    throw new UsageError('option "--fix-dry-run" prints a diff; use --format json for the fixes as text edits', 'validate');
  }
  return fix ? 'fix' : dry ? 'dry-run' : 'check';
}

export function runValidate(args: Args): number {
  const format = flagValue(args, 'format') ?? 'text';
  const render = FORMATS.get(format);
  if (!render) throw new UsageError(`--format must be one of ${[...FORMATS.keys()].join(', ')}, not "${format}"`, 'validate');
  const rootFlag = flagValue(args, 'root');
  if (rootFlag && !fs.existsSync(rootFlag)) throw new UsageError(`--root ${rootFlag}: no such directory`);
  const service = cliService();
  const choice = configChoice(args);
  const printFor = flagValue(args, 'print-config');
  if (printFor) return printConfig(service, path.resolve(rootFlag ?? findRoot(path.dirname(path.resolve(printFor)))), printFor, choice);
  if (args.positional.length === 0) throw new UsageError('validate needs at least one file, directory, glob or -', 'validate');
  const mode = modeOf(args, format);
  const strict = args.flags.has('strict');
  const settings = new CliSettings(service, choice);
  const run = checkAll(args, mode, service, settings);
  if (run.reports.length === 0 && !settings.broken) {
    if (!run.ignored.length) throw new UsageError(`no review snapshots found in ${args.positional.join(' ')}`);
    outLine(`nothing checked: ${run.ignored.join(', ')} ${run.ignored.length === 1 ? 'is' : 'are'} ignored (the ignores globs)`);
    return 0;
  }
  const c = counts(run.reports.flatMap((r) => r.findings));
  const failed = c.errors > 0 || (strict && c.warnings > 0);
  const code = run.unchecked || run.unwritten || settings.broken ? 2 : failed ? 1 : 0;
  const report: RunReport = {
    files: run.reports,
    errors: c.errors,
    warnings: c.warnings,
    strict,
    unchecked: run.unchecked,
    brokenConfigs: settings.broken,
    code,
  };
  if (mode === 'dry-run') return dryRunReport(run, report);
  const text = render()(report);
  if (mode === 'fix' && format !== 'text' && format !== 'json') {
    // Machine formats carry no "fixed" lines: say what was fixed on stderr.
    const fixed = run.reports.reduce((n, r) => n + (r.fixed?.length ?? 0), 0);
    errLine(`review-snapshot: fixed ${plural(fixed, 'problem')}`);
  }
  return writeReport(text, flagValue(args, 'output-file')) ? code : 2;
}

/** --fix-dry-run: the diff on stdout (nothing else: it can be piped), what would remain on stderr. */
function dryRunReport(run: Run, report: RunReport): number {
  if (run.diffs.length) writeOut(run.diffs.join(''));
  const fixes = run.reports.reduce((n, r) => n + (r.fixed?.length ?? 0), 0);
  const remaining = { ...report, files: report.files.map((f) => ({ ...f, fixed: undefined })) };
  errLine(`${plural(fixes, 'fix', 'fixes')} would be applied to ${plural(run.diffs.length, 'snapshot')}; nothing written. Then:`);
  writeErr(FORMATS.get('text')!()(remaining));
  return report.code;
}
