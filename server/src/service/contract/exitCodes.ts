// What an exit code means, in words (a hover and the status/exit_code checks say it).

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  5: 'SIGTRAP',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  10: 'SIGUSR1',
  11: 'SIGSEGV',
  12: 'SIGUSR2',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
};

const WHY: Record<number, string> = { 9: ' (often the out-of-memory killer)', 15: ' (asked to stop)', 2: ' (Ctrl+C)' };

/** `137` → `128 + 9: killed by SIGKILL (often the out-of-memory killer)`. */
export function describeExitCode(code: number): string {
  if (code === 0) return 'success';
  if (code === 1) return 'general failure';
  if (code === 2) return 'usage error (by convention)';
  if (code === 126) return 'command found but not executable';
  if (code === 127) return 'command not found';
  if (code > 128 && code <= 128 + 64) {
    const sig = code - 128;
    const name = Object.hasOwn(SIGNALS, sig) ? SIGNALS[sig] : `signal ${sig}`;
    return `128 + ${sig}: killed by ${name}${Object.hasOwn(WHY, sig) ? WHY[sig] : ''}`;
  }
  return 'failure';
}

/** An exit code as written in a cell: an optional minus and digits. */
export function isIntegerText(s: string): boolean {
  let i = s.startsWith('-') ? 1 : 0;
  if (i >= s.length) return false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
