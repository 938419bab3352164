// Which shell Run Gates hands a command to, and what that shell will do to it beyond running the
// words as written. A gate is one command line, given to the shell whole (VS Code's
// ShellExecution with a command line string): it is never quoted or split by us — quoting it
// would change what it means, and a log's command is meant to run as it was logged. But a log
// written on Linux reads differently in cmd.exe (`%VAR%` expands, `^` escapes, even inside
// double quotes) and in PowerShell (`$x` and `$(…)` expand, the backtick escapes): the
// confirmation names the shell and says which of these a command holds, so what runs is what
// the user read. No vscode import: the unit tests run it for every shell on any machine.

export type ShellKind = 'cmd' | 'powershell' | 'posix';

/** The kind of shell at `shellPath` (`C:\Windows\System32\cmd.exe`, `pwsh`, `/bin/bash`). */
export function shellKind(shellPath: string): ShellKind {
  const base = shellPath
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
  if (base === 'cmd') return 'cmd';
  if (base === 'powershell' || base === 'pwsh') return 'powershell';
  return 'posix';
}

/** How the confirmation names a shell. */
export function shellName(kind: ShellKind, shellPath: string): string {
  if (kind === 'cmd') return 'cmd.exe';
  if (kind === 'powershell') return 'PowerShell';
  return shellPath.split(/[\\/]/).pop() || 'the shell';
}

interface Hazard {
  re: RegExp;
  says: (m: string) => string;
}

const CMD: Hazard[] = [
  { re: /%[^%\s"]+%/, says: (m) => `${m} is replaced by that environment variable's value, even inside double quotes` },
  { re: /![^!\s"]+!/, says: (m) => `${m} is replaced by a variable's value where delayed expansion is on` },
  { re: /\^/, says: () => '^ escapes the character after it (and is dropped)' },
  { re: /&|\|/, says: () => '& and | run further commands, also after a double quote cmd.exe does not see as closing' },
];

const POWERSHELL: Hazard[] = [
  { re: /\$\(/, says: () => '$( … ) runs the command inside it and puts its output there, even inside double quotes' },
  {
    re: /\$[A-Z_{][\w:{}]*/i,
    says: (m) => `${m} is replaced by a PowerShell variable's value (empty when unset), even inside double quotes`,
  },
  { re: /`/, says: () => 'the backtick escapes the character after it' },
  { re: /;|&&|\|\||(?<![&|])[&|](?![&|])/, says: () => '; & | (and && || in PowerShell 7) run further commands' },
  { re: /(^|\s)@[({]/, says: () => '@( … ) and @{ … } build arrays and tables' },
];

const POSIX: Hazard[] = [
  { re: /\$\(|`/, says: () => '$( … ) and backticks run the command inside them and put its output there' },
  { re: /\$[A-Z_{]/i, says: () => '$NAME is replaced by that variable' },
  { re: /[;&|]/, says: () => '; & | run further commands' },
];

/** What `kind` of shell does to `command` beyond running it word for word (empty: nothing). */
export function shellHazards(command: string, kind: ShellKind): string[] {
  const table = kind === 'cmd' ? CMD : kind === 'powershell' ? POWERSHELL : POSIX;
  const out: string[] = [];
  for (const h of table) {
    const m = h.re.exec(command);
    if (m) out.push(h.says(m[0].trim()));
  }
  return out;
}

/**
 * The lines the confirmation adds for Windows shells: which shell runs the commands and, per
 * command, what that shell makes of it. POSIX shells add nothing (the log was written for one).
 */
export function shellNotes(commands: readonly string[], kind: ShellKind, name: string): string {
  if (kind === 'posix') return '';
  const notes = commands
    .map((c, i) => ({ i, hazards: shellHazards(c, kind) }))
    .filter((n) => n.hazards.length)
    .map((n) => `${n.i + 1}. ${n.hazards.join('; ')}`);
  const head = `They run in ${name}, which reads them by its own rules, not a POSIX shell's.`;
  return notes.length ? `${head} In ${name}:\n${notes.join('\n')}\n\n` : `${head}\n\n`;
}
