// `review-snapshot findings [--format sarif|json] [--root DIR] <snapshot|dir|glob>...`: the
// Findings rows of reviews, for code scanning (SARIF 2.1.0) or scripts (JSON version 1). Files
// are read through the guarded read; exit 0 with the report, 2 when any cannot be read.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportFindings, findingsSarif, findingFingerprint } from '../service/core';
import { flagValue, UsageError, type Args } from './args';
import { readSnapshot } from './context';
import { VERSION } from './help';
import { safeJson, writeOut } from './output';
import { expandTargets, findRoot } from './targets';

const FORMATS = ['sarif', 'json'];

export function runFindings(args: Args): number {
  const format = flagValue(args, 'format') ?? 'sarif';
  if (!FORMATS.includes(format)) {
    throw new UsageError(`option "--format" must be one of ${FORMATS.join(', ')} (got "${format}")`, 'findings');
  }
  if (args.positional.length === 0) throw new UsageError('missing snapshot (give one or more files, folders or globs)', 'findings');
  const targets = args.positional.flatMap((a) => expandTargets([a]));
  const rootFlag = flagValue(args, 'root');
  const root = path.resolve(rootFlag ?? findRoot(path.dirname(path.resolve(targets[0].file))));
  const snapshots = targets.map((t) => {
    if (t.stdin) throw new UsageError('findings reads files, not standard input ("-")', 'findings');
    const s = readSnapshot(t.file, t.explicit ? undefined : t.scope);
    if ('finding' in s) throw new UsageError(`${t.file}: cannot read: ${s.finding.message}`);
    const rel = path.relative(root, path.resolve(t.file));
    // A snapshot outside the root is named by its file URI (SARIF's uriBaseId would not reach it).
    const inside = rel && !rel.startsWith('..') && !path.isAbsolute(rel);
    return exportFindings(inside ? rel.split(path.sep).join('/') : pathToFileURL(path.resolve(t.file)).href, s.text);
  });
  if (format === 'json') {
    const files = snapshots.map((s) => ({ file: s.name, findings: s.findings.map((f) => ({ ...f, fingerprint: findingFingerprint(f) })) }));
    writeOut(safeJson({ version: 1, root, snapshots: files }) + '\n');
  } else writeOut(safeJson(findingsSarif(snapshots, pathToFileURL(root).href, VERSION)) + '\n');
  return 0;
}
