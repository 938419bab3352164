// `review-snapshot validate`: check files, directories, globs and standard input; exit 0 when all
// conform, 1 when problems remain, 2 when a file could not be checked (a rule failed, a file could
// not be read or written). --fix and --fix-dry-run: cli/fix.ts; the formats: cli/formats/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { todayIso, counts, type Finding, type SnapshotCore, toRepoPath } from '../service/core';
import { flagValue, UsageError, type Args } from './args';
import { CliSettings, configChoice, printConfig } from './config';
import type { FileId } from '../node/safeFs';
import { promptCheck } from './prompts';
import { CrossPass } from './crossPass';
import { cliService, failureLines, readSnapshot, readStdinSnapshot, reportFailures } from './context';
import { fixUntilStable, unifiedDiff, writeFixed, type Checked as CheckResult } from './fix';
import { FORMATS, type Format, type RunReport } from './formats/index';
import { displayPath, keepErrPlace, noteChecked, plural, writeErr, writeOut, type FileReport, errLine, outLine } from './output';
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
  /** Candidates across the snapshots of the run (cli/crossPass.ts). */
  cross: CrossPass;
}

interface Checked {
  target: Target;
  abs: string;
  root: string;
  read: { text: string; bom: boolean; id?: FileId };
  check: (text: string) => CheckResult;
  /** A review prompt (checked against the contract's words), not a snapshot. */
  prompt?: boolean;
}

/** Fixed files written at once at most: their fsyncs overlap each other and the next files' checks. */
const WRITES_AT_ONCE = 8;

/**
 * --fix: the writes still finishing (see `safeUpdateTextLater`), by the file each replaces. A file
 * that is one of them under another name (a link, a linked folder) is read once its write is
 * done, as it would be had the writes been made one after another.
 */
class Writes {
  private readonly pending = new Set<Promise<void>>();
  private readonly byFile = new Map<FileId, Promise<void>>();
  /** The first write that threw (a disk error, say): the run stops with it once the others are done. */
  private failed?: { error: unknown };

  add(id: FileId | undefined, done: Promise<void>): void {
    const settled = () => {
      this.pending.delete(p);
      if (id !== undefined && this.byFile.get(id) === p) this.byFile.delete(id);
    };
    const p: Promise<void> = done.then(settled, (error: unknown) => {
      settled();
      this.failed ??= { error };
    });
    this.pending.add(p);
    if (id !== undefined) this.byFile.set(id, p);
  }

  /** The write of this file, while it is finishing. */
  of(id: FileId | undefined): Promise<void> | undefined {
    return id === undefined ? undefined : this.byFile.get(id);
  }

  /** A turn of the event loop (finished fsyncs go on to their renames), or the wait for a place; a write that threw stops the run. */
  async room(): Promise<void> {
    await (this.pending.size >= WRITES_AT_ONCE ? Promise.race(this.pending) : new Promise((r) => setImmediate(r)));
    if (this.failed) throw this.failed.error;
  }

  async all(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failed) throw this.failed.error;
  }
}

/** One snapshot's check, fixed first when asked (what is reported is what remains). */
function checkOne(run: Run, c: Checked, mode: Mode, template: boolean, writes?: Writes): FileReport {
  const shown = displayPath(c.abs);
  const original = c.read.text;
  let result: CheckResult;
  let fixed: Finding[] | undefined;
  if (mode === 'check') result = c.check(original);
  else {
    const out = fixUntilStable(original, c.check);
    ({ result, fixed } = out);
    if (out.text !== original && mode === 'dry-run') run.diffs.push(unifiedDiff(shown, original, out.text));
    if (out.text !== original && mode === 'fix') {
      const write = writeFixed(c.abs, c.target.scope, original, out.text, c.read.bom);
      return finishing(run, c, template, { result, fixed: fixed! }, write, writes!);
    }
  }
  const unchecked = reportFailures(shown, result);
  if (unchecked) run.unchecked++;
  return crossOf(run, c, reportOf(c, template, result, fixed, unchecked), result);
}

/** Keeps a snapshot's candidates for the findings across the run's snapshots (not a prompt's, not a template's). */
function crossOf(run: Run, c: Checked, report: FileReport, result: CheckResult): FileReport {
  run.cross.add(report, c.root, c.abs, result);
  return report;
}

function reportOf(c: Checked, template: boolean, result: CheckResult, fixed: Finding[] | undefined, unchecked: boolean): FileReport {
  return {
    file: displayPath(c.abs),
    abs: c.abs,
    root: c.root,
    findings: result.findings,
    ...(template ? { template } : {}),
    ...(c.prompt ? { prompt: true } : {}),
    ...(fixed ? { fixed } : {}),
    ...(unchecked ? { unchecked } : {}),
  };
}

/**
 * A fixed file being written: its report is made when the write is done, from the fixed text's
 * check or, if it could not be written, from the check of what the file still holds; what it has
 * to say on standard error comes where it would had the write been made before the next file.
 */
function finishing(
  run: Run,
  c: Checked,
  template: boolean,
  fixedRun: { result: CheckResult; fixed: Finding[] },
  write: Promise<string | undefined>,
  writes: Writes,
): FileReport {
  const report = crossOf(run, c, reportOf(c, template, fixedRun.result, fixedRun.fixed, false), fixedRun.result);
  const say = keepErrPlace();
  const settle = (why: string | undefined) => {
    const lines = why ? [`review-snapshot: ${why}`] : [];
    if (why) run.unwritten++;
    const result = why ? c.check(c.read.text) : fixedRun.result;
    lines.push(...failureLines(displayPath(c.abs), result));
    say(lines);
    const unchecked = result.failures.length > 0;
    if (unchecked) run.unchecked++;
    // The report checkOne makes (its keys, in its order).
    Object.assign(report, reportOf(c, template, result, why ? [] : fixedRun.fixed, unchecked));
  };
  const done = write.then(settle, (e: unknown) => {
    // A write that threw (a disk error): its place on standard error says nothing; the run stops with it.
    say([]);
    throw e;
  });
  writes.add(c.read.id, done);
  return report;
}

/**
 * The run's checks, as steps: a step that yields a promise waits for a write to finish (only
 * --fix writes), so a run that writes nothing runs straight through (see `runSteps`).
 */
function* checkAllSteps(args: Args, mode: Mode, service: SnapshotCore, settings: CliSettings): Generator<Promise<unknown>, Run, void> {
  const rootFlag = flagValue(args, 'root');
  const schemaPath = flagValue(args, 'schema');
  if (schemaPath && !fs.existsSync(schemaPath)) throw new UsageError(`--schema ${schemaPath}: no such file`);
  const run: Run = { reports: [], ignored: [], unchecked: 0, unwritten: 0, diffs: [], cross: new CrossPass() };
  const writes = mode === 'fix' ? new Writes() : undefined;
  // One date for the whole run (and one time-zone lookup rather than one per snapshot).
  const today = todayIso();
  const seen = new Set<string>();
  for (const t of expandTargets(args.positional, flagValue(args, 'stdin-filename'))) {
    const abs = path.resolve(t.file);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const root = path.resolve(rootFlag ?? findRoot(path.dirname(abs)));
    let read = t.stdin ? readStdinSnapshot() : readSnapshot(t.file, t.scope);
    const earlier = 'text' in read ? writes?.of(read.id) : undefined;
    if (earlier) {
      // This file is being written under another name: read it as that write leaves it.
      yield earlier;
      read = readSnapshot(t.file, t.scope);
    }
    if ('finding' in read) {
      run.reports.push({ file: displayPath(abs), abs, root, findings: [read.finding] });
      continue;
    }
    // A review prompt is checked against the contract's words (cli/prompts.ts), not as a snapshot.
    const rel = toRepoPath(root, abs) ?? path.relative(root, abs).split(path.sep).join('/');
    // The recipe every front end uses (service/fileCheck.ts): the settings, the role, the check.
    // Made once: its settings serve the prompt check too (asking for them apart made them twice).
    // The repository's templates are read only when the verdict could depend on them (engine.ts).
    const links = !args.flags.has('no-links');
    const options = { schemaFile: schemaPath ? path.resolve(schemaPath) : undefined, links, today, templatesWhenNeeded: true };
    const file = settings.fileCheck({ file: abs, root, explicit: t.explicit, options }, read.text);
    const prompt = promptCheck(service, root, rel, read.text, file.settings);
    if (prompt) {
      noteChecked();
      run.reports.push(checkOne(run, { target: t, abs, root, read, check: prompt, prompt: true }, mode, false, writes));
      if (writes) yield writes.room();
      continue;
    }
    if (file.role === 'ignored' && t.explicit) run.ignored.push(displayPath(abs));
    if (!file.checked) continue;
    const template = file.role === 'template';
    const check = (text: string) => file.check(text);
    noteChecked();
    run.reports.push(checkOne(run, { target: t, abs, root, read, check }, mode, template, writes));
    if (writes) yield writes.room();
  }
  if (writes) yield writes.all();
  run.cross.finish();
  return run;
}

/** Runs the steps; straight through (no promise) until one waits. */
function runSteps<T>(steps: Generator<Promise<unknown>, T, void>): T | Promise<T> {
  const first = steps.next();
  if (first.done) return first.value;
  return (async (): Promise<T> => {
    let r: IteratorResult<Promise<unknown>, T> = first;
    while (!r.done) {
      await r.value;
      r = steps.next();
    }
    return r.value;
  })();
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

export function runValidate(args: Args): number | Promise<number> {
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
  const settings = new CliSettings(service, choice);
  const run = runSteps(checkAllSteps(args, mode, service, settings));
  const done = (r: Run) => reportRun(args, mode, format, render, settings, r);
  return run instanceof Promise ? run.then(done) : done(run);
}

/** What a run found, said in the chosen format; the exit code. */
function reportRun(args: Args, mode: Mode, format: string, render: () => Format, settings: CliSettings, run: Run): number {
  const strict = args.flags.has('strict');
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
    unwritten: run.unwritten,
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
