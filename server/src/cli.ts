// review-snapshot: the engine as a command-line validator for CI.
//   review-snapshot validate [--strict] [--format text|json] [--schema PATH] [--root DIR] [--no-links] <file|dir|glob>...
//   review-snapshot to-pending <snapshot> [--out PATH] [--format yaml|markdown] [--force] [--root DIR]
// Exit codes: 0 conforms, 1 violations (with --strict, warnings too), 2 usage or I/O errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { checkSnapshot } from './service/engine';
import type { Finding } from './service/findings';
import { SchemaLoader } from './service/schemaSource';
import { DEFAULT_FILES, isSnapshot } from './service/files';
import { counts } from './service/validate';
import { decodeText } from './service/encoding';
import { DiskFiles } from './service/links';
import { convertToPending, pendingPath } from './service/pending';

const VERSION = '0.1.0';

class UsageError extends Error {}

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
Exit codes: 0 conforms, 1 violations found, 2 usage or file errors.`;

interface Args {
  command: string;
  flags: Map<string, string | true>;
  positional: string[];
}

const FLAGS: Record<string, Record<string, 'bool' | 'value'>> = {
  validate: { strict: 'bool', format: 'value', schema: 'value', root: 'value', 'no-links': 'bool' },
  'to-pending': { out: 'value', format: 'value', force: 'bool', root: 'value', schema: 'value' },
};

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  const spec = FLAGS[command];
  if (!spec) throw new UsageError(command ? `unknown command "${command}" (expected validate or to-pending)` : 'missing command');
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      const kind = spec[name];
      if (!kind) throw new UsageError(`unknown option "--${name}" for ${command}`);
      if (kind === 'bool') {
        if (inline !== undefined) throw new UsageError(`option "--${name}" takes no value`);
        flags.set(name, true);
      } else {
        const v = inline ?? rest[++i];
        if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`option "--${name}" needs a value`);
        flags.set(name, v);
      }
    } else positional.push(a);
  }
  return { command, flags, positional };
}

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

const MAGIC = /[*?[\]{}]/;

/** Files under a folder, not following links to folders (so link loops cannot hang us). */
function walk(dir: string, out: string[], seen: Set<string>): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out, seen);
    else if (e.isFile()) out.push(p);
    else if (e.isSymbolicLink()) {
      try {
        if (fs.statSync(p).isFile()) out.push(p);
      } catch {
        // a dangling link is no file
      }
    }
  }
}

interface Target {
  file: string;
  /** Named directly: checked whatever its name. */
  explicit: boolean;
}

function expandTargets(args: string[]): Target[] {
  const out: Target[] = [];
  for (const a of args) {
    if (fs.existsSync(a)) {
      const st = fs.statSync(a);
      if (st.isDirectory()) {
        const files: string[] = [];
        walk(a, files, new Set());
        const md = files.filter((f) => f.toLowerCase().endsWith('.md'));
        if (md.length === 0) throw new UsageError(`${a}: directory holds no Markdown files`);
        out.push(...md.map((file) => ({ file, explicit: false })));
      } else out.push({ file: a, explicit: true });
      continue;
    }
    if (!MAGIC.test(a)) throw new UsageError(`${a}: no such file or directory`);
    const parts = a.split(/[\\/]/);
    const baseParts: string[] = [];
    for (const p of parts) {
      if (MAGIC.test(p)) break;
      baseParts.push(p);
    }
    const base = baseParts.join('/') || '.';
    const isMatch = picomatch(a.replace(/^\.\//, ''), { dot: false });
    const files: string[] = [];
    if (fs.existsSync(base)) walk(base, files, new Set());
    const hits = files.filter((f) => isMatch(path.relative('.', f).split(path.sep).join('/')) || isMatch(f));
    if (hits.length === 0) throw new UsageError(`${a}: no files match`);
    out.push(...hits.map((file) => ({ file, explicit: false })));
  }
  return out;
}

interface FileReport {
  file: string;
  findings: Finding[];
}

function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      lines.push(`${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.message} [${f.rule}]`);
    }
  }
  return lines.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function readSnapshot(file: string): { text: string } | { finding: Finding } {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new UsageError(`${file}: cannot read: ${why}`);
  }
  return decodeText(buf);
}

function runValidate(args: Args): number {
  const format = (args.flags.get('format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (args.positional.length === 0) throw new UsageError('validate needs at least one file, directory or glob');
  const strict = args.flags.has('strict');
  const rootFlag = args.flags.get('root') as string | undefined;
  if (rootFlag && !fs.existsSync(rootFlag)) throw new UsageError(`--root ${rootFlag}: no such directory`);
  const schemaPath = args.flags.get('schema') as string | undefined;
  if (schemaPath && !fs.existsSync(schemaPath)) throw new UsageError(`--schema ${schemaPath}: no such file`);
  const targets = expandTargets(args.positional);
  const loader = new SchemaLoader((f) => fs.readFileSync(f, 'utf8'));
  const diskFiles = new DiskFiles();
  const reports: FileReport[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
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
    if (!t.explicit && !isSnapshot(path.relative(root, abs).split(path.sep).join('/'), read.text, DEFAULT_FILES)) continue;
    const result = checkSnapshot({
      text: read.text,
      root,
      schemaPath: schemaPath ? path.resolve(schemaPath) : undefined,
      loader,
      links: args.flags.has('no-links') ? undefined : { files: diskFiles, validate: true },
    });
    reports.push({ file: shown, findings: result.findings });
  }
  if (reports.length === 0) throw new UsageError(`no review snapshots found in ${args.positional.join(' ')}`);
  const all = reports.flatMap((r) => r.findings);
  const c = counts(all);
  const failed = c.errors > 0 || (strict && c.warnings > 0);
  if (format === 'json') {
    const json = reports.map((r) => ({
      file: r.file,
      findings: r.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
      })),
    }));
    process.stdout.write(JSON.stringify({ files: json, errors: c.errors, warnings: c.warnings, ok: !failed }, null, 2) + '\n');
  } else {
    const text = formatText(reports);
    if (text) process.stdout.write(text + '\n');
    const bad = reports.filter((r) => r.findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning'))).length;
    process.stdout.write(
      `${plural(reports.length, 'snapshot')} checked: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}` +
        (failed ? `; ${bad} failed${strict ? ' (--strict)' : ''}` : '; all conform') +
        '\n',
    );
  }
  return failed ? 1 : 0;
}

function runToPending(args: Args): number {
  if (args.positional.length !== 1) throw new UsageError('to-pending needs exactly one snapshot file');
  const file = args.positional[0];
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  const format = (args.flags.get('format') as string | undefined) ?? 'yaml';
  if (format !== 'yaml' && format !== 'markdown') throw new UsageError(`--format must be yaml or markdown, not "${format}"`);
  const abs = path.resolve(file);
  const rootFlag = args.flags.get('root') as string | undefined;
  const root = path.resolve(rootFlag ?? findRoot(path.dirname(abs)));
  const read = readSnapshot(file);
  if ('finding' in read) {
    process.stderr.write(
      `${file}:${read.finding.range.start.line + 1}:${read.finding.range.start.character + 1}: error ${read.finding.message} [${read.finding.rule}]\n`,
    );
    return 1;
  }
  const schemaPath = args.flags.get('schema') as string | undefined;
  const loader = new SchemaLoader((f) => fs.readFileSync(f, 'utf8'));
  const result = checkSnapshot({ text: read.text, root, schemaPath: schemaPath ? path.resolve(schemaPath) : undefined, loader });
  const errors = result.findings.filter((f) => f.severity === 'error');
  const shown = path.relative(process.cwd(), abs) || file;
  if (errors.length) {
    process.stderr.write(formatText([{ file: shown, findings: errors }]) + '\n');
    process.stderr.write(`${shown}: ${plural(errors.length, 'error')}; nothing written (fix the snapshot first)\n`);
    return 1;
  }
  const rel = path.relative(root, abs).split(path.sep).join('/');
  const out = (args.flags.get('out') as string | undefined) ?? path.join(root, pendingPath(rel, 'specs/governance/pending', format));
  const exists = fs.existsSync(out);
  if (exists && !args.flags.has('force')) {
    process.stderr.write(`${out}: exists; use --force to replace the entries of these candidates (everything else in it is kept)\n`);
    return 2;
  }
  const before = exists ? fs.readFileSync(out, 'utf8') : '';
  const conv = convertToPending(result.model, { sourcePath: rel, format, existing: before || undefined });
  if (!conv.ok) {
    process.stderr.write(`${out}: ${conv.error}\n`);
    return 1;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Atomic: a reader sees the old file or the new one, never half of one.
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, conv.text);
  fs.renameSync(tmp, out);
  process.stdout.write(`${path.relative(process.cwd(), out) || out}: ${plural(conv.ids.length, 'candidate')} written (${format})\n`);
  return 0;
}

export function main(argv: string[]): number {
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      process.stdout.write(HELP + '\n');
      return argv.length === 0 ? 2 : 0;
    }
    if (argv[0] === '--version') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    const args = parseArgs(argv);
    return args.command === 'validate' ? runValidate(args) : runToPending(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`review-snapshot: ${e.message}\n`);
      if (/^(unknown|missing|option|validate needs|to-pending needs|--)/.test(e.message))
        {process.stderr.write(`Run "review-snapshot --help" for usage.\n`);}
      return 2;
    }
    process.stderr.write(`review-snapshot: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
