// `review-snapshot validate`: check files, directories and globs; exit 0 when all conform.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { counts } from '../service/engine';
import { DEFAULT_SETTINGS } from '../service/settings';
import { flagValue, UsageError, type Args } from './args';
import { cliService, readSnapshot } from './context';
import { formatJson, formatText, plural, type FileReport } from './output';
import { expandTargets, findRoot } from './targets';

/** The reports of the files checked, and the files left out by the `ignores` globs. */
function checkAll(args: Args): { reports: FileReport[]; ignored: string[] } {
  const rootFlag = flagValue(args, 'root');
  if (rootFlag && !fs.existsSync(rootFlag)) throw new UsageError(`--root ${rootFlag}: no such directory`);
  const schemaPath = flagValue(args, 'schema');
  if (schemaPath && !fs.existsSync(schemaPath)) throw new UsageError(`--schema ${schemaPath}: no such file`);
  const service = cliService();
  const reports: FileReport[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const t of expandTargets(args.positional)) {
    const abs = path.resolve(t.file);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const root = path.resolve(rootFlag ?? findRoot(path.dirname(abs)));
    const read = readSnapshot(t.file);
    const shown = path.relative(process.cwd(), abs) || t.file;
    if ('finding' in read) {
      reports.push({ file: shown, findings: [read.finding] });
      continue;
    }
    const rel = path.relative(root, abs).split(path.sep).join('/');
    // The same decision as the editor's: ignored, not a snapshot, a snapshot, a template.
    const role = service.classify(rel, read.text, DEFAULT_SETTINGS, { explicit: t.explicit });
    if (role === 'ignored' && t.explicit) ignored.push(shown);
    if (role === 'ignored' || role === 'other') continue;
    const template = role === 'template';
    const extra = { schemaFile: schemaPath ? path.resolve(schemaPath) : undefined, links: !args.flags.has('no-links') };
    const { findings } = service.check({ text: read.text, root, template }, DEFAULT_SETTINGS, extra);
    reports.push({ file: shown, findings, ...(template ? { template } : {}) });
  }
  return { reports, ignored };
}

/** "2 snapshots", "1 snapshot and 1 template", "1 template". */
function checkedWhat(reports: FileReport[]): string {
  const templates = reports.filter((r) => r.template).length;
  const snapshots = reports.length - templates;
  if (!templates) return plural(snapshots, 'snapshot');
  return snapshots ? `${plural(snapshots, 'snapshot')} and ${plural(templates, 'template')}` : plural(templates, 'template');
}

export function runValidate(args: Args): number {
  const format = flagValue(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (args.positional.length === 0) throw new UsageError('validate needs at least one file, directory or glob');
  const strict = args.flags.has('strict');
  const { reports, ignored } = checkAll(args);
  if (reports.length === 0 && ignored.length) {
    process.stdout.write(`nothing checked: ${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} ignored (the ignores globs)\n`);
    return 0;
  }
  if (reports.length === 0) throw new UsageError(`no review snapshots found in ${args.positional.join(' ')}`);
  const c = counts(reports.flatMap((r) => r.findings));
  const failed = c.errors > 0 || (strict && c.warnings > 0);
  if (format === 'json') {
    process.stdout.write(formatJson(reports, c.errors, c.warnings, !failed) + '\n');
    return failed ? 1 : 0;
  }
  const text = formatText(reports);
  if (text) process.stdout.write(text + '\n');
  const bad = reports.filter((r) => r.findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning'))).length;
  const verdict = failed ? `; ${bad} failed${strict ? ' (--strict)' : ''}` : '; all conform';
  process.stdout.write(`${checkedWhat(reports)} checked: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}${verdict}\n`);
  return failed ? 1 : 0;
}
