// `review-snapshot to-pending`: convert a valid snapshot's candidates into a pending spec file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULTS } from '../service/contract';
import { convertToPending, pendingPath, type PendingFormat } from '../service/features/pending';
import { DEFAULT_SETTINGS } from '../service/settings';
import { flagValue, UsageError, type Args } from './args';
import { cliService, readSnapshot } from './context';
import { formatText, plural } from './output';
import { findRoot } from './targets';

function writeAtomic(out: string, text: string): void {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Atomic: a reader sees the old file or the new one, never half of one.
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, out);
}

export function runToPending(args: Args): number {
  if (args.positional.length !== 1) throw new UsageError('to-pending needs exactly one snapshot file');
  const file = args.positional[0];
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  const format = flagValue(args, 'format') ?? DEFAULTS.pendingFormat;
  if (format !== 'yaml' && format !== 'markdown') throw new UsageError(`--format must be yaml or markdown, not "${format}"`);
  const abs = path.resolve(file);
  const root = path.resolve(flagValue(args, 'root') ?? findRoot(path.dirname(abs)));
  const read = readSnapshot(file);
  if ('finding' in read) {
    process.stderr.write(formatText([{ file, findings: [read.finding] }]) + '\n');
    return 1;
  }
  const schemaPath = flagValue(args, 'schema');
  const result = cliService().check({ text: read.text, root }, DEFAULT_SETTINGS, {
    schemaFile: schemaPath ? path.resolve(schemaPath) : undefined,
    links: false,
  });
  const shown = path.relative(process.cwd(), abs) || file;
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    process.stderr.write(formatText([{ file: shown, findings: errors }]) + '\n');
    process.stderr.write(`${shown}: ${plural(errors.length, 'error')}; nothing written (fix the snapshot first)\n`);
    return 1;
  }
  const rel = path.relative(root, abs).split(path.sep).join('/');
  const out = flagValue(args, 'out') ?? path.join(root, pendingPath(rel, DEFAULTS.pendingDirectory, format as PendingFormat));
  const exists = fs.existsSync(out);
  if (exists && !args.flags.has('force')) {
    process.stderr.write(`${out}: exists; use --force to replace the entries of these candidates (everything else in it is kept)\n`);
    return 2;
  }
  const before = exists ? fs.readFileSync(out, 'utf8') : '';
  const conv = convertToPending(result.model, { sourcePath: rel, format: format as PendingFormat, existing: before || undefined });
  if (!conv.ok) {
    process.stderr.write(`${out}: ${conv.error}\n`);
    return 1;
  }
  writeAtomic(out, conv.text);
  process.stdout.write(`${path.relative(process.cwd(), out) || out}: ${plural(conv.ids.length, 'candidate')} written (${format})\n`);
  return 0;
}
