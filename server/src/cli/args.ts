// Command-line arguments: the commands, their flags (a Map: a flag name from the command line is
// never looked up on an object's prototype), and usage errors that name the flag.

export class UsageError extends Error {
  /** The command whose usage is shown with the message (none: the general usage). */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

export interface Args {
  command: string;
  flags: Map<string, string | true>;
  positional: string[];
}

type FlagKind = 'bool' | 'value';

export const FLAGS: ReadonlyMap<string, ReadonlyMap<string, FlagKind>> = new Map([
  [
    'validate',
    new Map<string, FlagKind>([
      ['strict', 'bool'],
      ['format', 'value'],
      ['schema', 'value'],
      ['root', 'value'],
      ['no-links', 'bool'],
      ['config', 'value'],
      ['no-config', 'bool'],
      ['print-config', 'value'],
      ['fix', 'bool'],
      ['fix-dry-run', 'bool'],
      ['stdin-filename', 'value'],
      ['output-file', 'value'],
    ]),
  ],
  [
    'to-pending',
    new Map<string, FlagKind>([
      ['out', 'value'],
      ['format', 'value'],
      ['force', 'bool'],
      ['root', 'value'],
      ['schema', 'value'],
      ['config', 'value'],
      ['no-config', 'bool'],
      ['stdin-filename', 'value'],
    ]),
  ],
  ['explain', new Map<string, FlagKind>([['list', 'bool']])],
  ['diff', new Map<string, FlagKind>([['format', 'value']])],
  [
    'findings',
    new Map<string, FlagKind>([
      ['format', 'value'],
      ['root', 'value'],
    ]),
  ],
  [
    'mcp',
    new Map<string, FlagKind>([
      ['root', 'value'],
      ['config', 'value'],
      ['no-config', 'bool'],
    ]),
  ],
  [
    'new',
    new Map<string, FlagKind>([
      ['out', 'value'],
      ['force', 'bool'],
      ['root', 'value'],
      ['prompt', 'value'],
      ['model', 'value'],
      ['date', 'value'],
      ['schema', 'value'],
      ['config', 'value'],
      ['no-config', 'bool'],
    ]),
  ],
  [
    'freshness',
    new Map<string, FlagKind>([
      ['format', 'value'],
      ['root', 'value'],
      ['config', 'value'],
      ['no-config', 'bool'],
    ]),
  ],
]);

function readFlag(
  spec: ReadonlyMap<string, FlagKind>,
  command: string,
  a: string,
  next: () => string | undefined,
): [string, string | true] {
  const eq = a.indexOf('=');
  const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
  const inline = eq < 0 ? undefined : a.slice(eq + 1);
  const kind = spec.get(name);
  if (!kind) throw new UsageError(`unknown option "--${name}" for ${command}`, command);
  if (kind === 'bool') {
    if (inline !== undefined) throw new UsageError(`option "--${name}" takes no value`, command);
    return [name, true];
  }
  const v = inline ?? next();
  if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`option "--${name}" needs a value`, command);
  return [name, v];
}

export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  const spec = command === undefined ? undefined : FLAGS.get(command);
  if (!spec) throw new UsageError(command ? `unknown command "${command}" (expected ${[...FLAGS.keys()].join(', ')})` : 'missing command');
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    // Every command takes --help (and -h): it is not in each command's table.
    if (a === '--help' || a === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, value] = readFlag(spec, command, a, () => rest[++i]);
    flags.set(name, value);
  }
  return { command, flags, positional };
}

export function flagValue(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
