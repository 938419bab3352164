// `review-snapshot validate`: check files, directories and globs; exit 0 when all conform, 1 on
// violations, 2 when a file could not be checked (a rule failed, a file could not be read).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { counts } from '../service/engine';
import type { SnapshotService } from '../service/index';
import { flagValue, UsageError, type Args } from './args';
import { CliSettings, configChoice, printConfig } from './config';
import { cliService, readSnapshot, reportFailures } from './context';
import { formatJson, formatText, plural, shownPath, writeOut, type FileReport } from './output';
import { expandTargets, findRoot } from './targets';

interface Run {
  reports: FileReport[];
  /** Files whose check did not run to its end: no verdict can be given for them. */
  unchecked: number;
  /** Files named on the command line that the `ignores` globs leave out. */
  ignored: string[];
}

/** "2 snapshots", "1 snapshot and 1 template", "1 template". */
function checkedWhat(reports: FileReport[]): string {
  const templates = reports.filter((r) => r.template).length;
  const snapshots = reports.length - templates;
  if (!templates) return plural(snapshots, 'snapshot');
  return snapshots ? `${plural(snapshots, 'snapshot')} and ${plural(templates, 'template')}` : plural(templates, 'template');
}

function checkAll(args: Args, service: SnapshotService, settings: CliSettings): Run {
  const rootFlag = flagValue(args, 'root');
  const schemaPath = flagValue(args, 'schema');
  if (schemaPath && !fs.existsSync(schemaPath)) throw new UsageError(`--schema ${schemaPath}: no such file`);
  const run: Run = { reports: [], unchecked: 0, ignored: [] };
  const seen = new Set<string>();
  for (const t of expandTargets(args.positional)) {
    const abs = path.resolve(t.file);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const root = path.resolve(rootFlag ?? findRoot(path.dirname(abs)));
    const read = readSnapshot(t.file, t.scope);
    const shown = shownPath(abs);
    if ('finding' in read) {
      run.reports.push({ file: shown, findings: [read.finding] });
      continue;
    }
    const rel = path.relative(root, abs).split(path.sep).join('/');
    const s = settings.for(root, abs);
    // The same decision as the editor's: ignored, not a snapshot, a snapshot, a template.
    const role = service.classify(rel, read.text, s, { explicit: t.explicit });
    if (role === 'ignored' && t.explicit) run.ignored.push(shown);
    if (role === 'ignored' || role === 'other') continue;
    const template = role === 'template';
    const extra = { schemaFile: schemaPath ? path.resolve(schemaPath) : undefined, links: !args.flags.has('no-links') };
    const result = service.check({ text: read.text, root, template }, s, extra);
    if (reportFailures(shown, result)) run.unchecked++;
    run.reports.push({ file: shown, findings: result.findings, ...(template ? { template } : {}) });
  }
  return run;
}

export function runValidate(args: Args): number {
  const format = flagValue(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const strict = args.flags.has('strict');
  const rootFlag = flagValue(args, 'root');
  if (rootFlag && !fs.existsSync(rootFlag)) throw new UsageError(`--root ${rootFlag}: no such directory`);
  const service = cliService();
  const choice = configChoice(args);
  const printFor = flagValue(args, 'print-config');
  if (printFor) return printConfig(service, path.resolve(rootFlag ?? findRoot(path.dirname(path.resolve(printFor)))), printFor, choice);
  if (args.positional.length === 0) throw new UsageError('validate needs at least one file, directory or glob');
  const settings = new CliSettings(service, choice);
  const { reports, unchecked, ignored } = checkAll(args, service, settings);
  if (reports.length === 0 && !settings.broken) {
    if (ignored.length) {
      writeOut(`nothing checked: ${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} ignored (the ignores globs)\n`);
      return 0;
    }
    throw new UsageError(`no review snapshots found in ${args.positional.join(' ')}`);
  }
  const c = counts(reports.flatMap((r) => r.findings));
  const failed = c.errors > 0 || (strict && c.warnings > 0);
  const code = unchecked || settings.broken ? 2 : failed ? 1 : 0;
  if (format === 'json') {
    writeOut(formatJson(reports, c.errors, c.warnings, code === 0) + '\n');
    return code;
  }
  const text = formatText(reports);
  if (text) writeOut(text + '\n');
  const bad = reports.filter((r) => r.findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning'))).length;
  const verdict = settings.broken
    ? `; the configuration has problems (above)`
    : unchecked
      ? `; ${plural(unchecked, 'snapshot')} could not be checked`
      : failed
        ? `; ${bad} failed${strict ? ' (--strict)' : ''}`
        : '; all conform';
  writeOut(`${checkedWhat(reports)} checked: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}${verdict}\n`);
  return code;
}
