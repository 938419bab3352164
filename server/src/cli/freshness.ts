// `review-snapshot freshness`: does each File:Line cite still point at the code the review saw?
// For each snapshot named (files, directories, globs), every cite is followed with git from the
// snapshot's Repo revision to HEAD (node/freshness.ts). Exit 0 when every cite is unchanged or
// moved, 1 otherwise (changed, deleted, renamed, unknown), 2 when a file could not be checked at
// all (not a git repository, git missing, unreadable, a broken configuration file). A rule level
// of `off` (`rules: { freshness/unknown: off }`) leaves that status out of the report and the verdict.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshnessOf } from '../node/freshnessRun';
import { closeGitRepos } from '../node/gitRepo';
import { nowText, freshnessRule, isFresh, STATUSES, type CiteFreshness, type FileFreshness, toRepoPath } from '../service/core';
import { flagValue, UsageError, type Args } from './args';
import { CliSettings, configChoice } from './config';
import { cliService, readSnapshot } from './context';
import { freshnessSarif } from './formats/freshnessSarif';
import { displayPath, errLine, safeJson, writeOut } from './output';
import { expandTargets, findRoot } from './targets';

const FORMATS = ['text', 'json', 'sarif'];

export interface FreshnessReport {
  files: (FileFreshness & { abs: string; root: string })[];
  code: number;
}

async function runAll(args: Args): Promise<FreshnessReport> {
  const rootFlag = flagValue(args, 'root');
  const service = cliService();
  const settings = new CliSettings(service, configChoice(args));
  const files: FreshnessReport['files'] = [];
  const seen = new Set<string>();
  let broken = false;
  for (const t of expandTargets(args.positional)) {
    const abs = path.resolve(t.file);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const root = path.resolve(rootFlag ?? findRoot(path.dirname(abs)));
    const read = readSnapshot(t.file, t.scope);
    const shown = displayPath(abs);
    if ('finding' in read) {
      files.push({ ...emptyFile(shown, abs, root), error: read.finding.message });
      continue;
    }
    const s = settings.for(root, abs);
    const role = service.classify(toRepoPath(root, abs), read.text, s, { explicit: t.explicit });
    if (role === 'ignored' || role === 'other') continue;
    const checked = await freshnessOf({ root, abs, text: read.text, file: shown, service, settings: s });
    files.push({ ...checked, cites: citesNotOff(checked.cites, s.rules), abs, root });
    broken ||= settings.broken > 0;
  }
  if (!files.length) throw new UsageError(`no review snapshots found in ${args.positional.join(' ')}`);
  const stale = files.some((f) => f.cites.some((c) => !isFresh(c.status)));
  return { files, code: broken || files.some((f) => f.error) ? 2 : stale ? 1 : 0 };
}

function emptyFile(file: string, abs: string, root: string): FreshnessReport['files'][number] {
  return { file, written: null, revision: null, approximate: false, head: null, cites: [], abs, root };
}

export function runFreshness(args: Args): Promise<number> {
  const format = flagValue(args, 'format') ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`, 'freshness');
  const rootFlag = flagValue(args, 'root');
  if (rootFlag && !fs.existsSync(rootFlag)) throw new UsageError(`--root ${rootFlag}: no such directory`);
  if (args.positional.length === 0) throw new UsageError('freshness needs at least one file, directory or glob', 'freshness');
  return runAll(args)
    .then((report) => {
      for (const f of report.files) if (f.error) errLine(`review-snapshot: could not check the freshness of ${f.file}: ${f.error}`);
      writeOut(format === 'json' ? asJson(report) : format === 'sarif' ? freshnessSarif(report) : asText(report));
      return report.code;
    })
    .finally(closeGitRepos);
}

/** One file of the JSON report (version 1), as the MCP tool check_freshness answers it too. */
export function freshnessFileJson(f: FileFreshness) {
  return {
    file: f.file,
    written: f.written,
    revision: f.revision,
    approximate: f.approximate,
    head: f.head,
    ...(f.error ? { error: f.error } : {}),
    cites: f.cites.map(({ range, ...c }) => ({ ...c, at: { line: range.start.line + 1, column: range.start.character + 1 } })),
  };
}

/** The cites a configuration has not turned off (`rules: { freshness/moved: off }`). */
export function citesNotOff(cites: CiteFreshness[], levels: ReadonlyMap<string, string>): CiteFreshness[] {
  return cites.filter((c) => levels.get(freshnessRule(c.status) ?? '') !== 'off');
}

/** The JSON report (version 1): per file the base used, per cite where its code is now. */
function asJson(report: FreshnessReport): string {
  const files = report.files.map(freshnessFileJson);
  return safeJson({ version: 1, files, summary: summary(report), code: report.code }) + '\n';
}

function summary(report: FreshnessReport): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const f of report.files) for (const c of f.cites) out[c.status]++;
  return out;
}

/** One line per cite that is not unchanged (`file:line:col: status cite → where: reason`), then a summary. */
function asText(report: FreshnessReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    const base = f.revision
      ? `${f.revision.slice(0, 7)}${f.approximate ? ` (approximate: Repo revision ${f.written ?? 'missing'} is not a commit here; the commit that last wrote the snapshot)` : ''}`
      : 'none';
    lines.push(`${f.file}: base ${base}, HEAD ${f.head?.slice(0, 7) ?? '?'}`);
    for (const c of f.cites) {
      if (c.status === 'unchanged' && !c.nearby) continue;
      const at = `${f.file}:${c.range.start.line + 1}:${c.range.start.character + 1}`;
      const fix = c.fix ? ` (fix: ${c.fix})` : '';
      lines.push(`${at}: ${c.status} ${c.cite} → ${nowText(c)}: ${c.reason}${fix}${c.approximate ? ' [approximate base]' : ''}`);
    }
  }
  const s = summary(report);
  const counted = STATUSES.filter((k) => s[k]).map((k) => `${s[k]} ${k}`);
  lines.push(`${counted.join(', ') || 'no cites'}`);
  return lines.join('\n') + '\n';
}
