// What every part of the benchmark measures with: medians, and the wall and CPU time of child
// processes run interleaved (a, b, a, b…) so a busy machine slows them alike.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** CPU time (user + system, ms) of the children this process has waited for (Linux; 0 elsewhere). */
function childrenCpuMs(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // cutime and cstime are fields 16 and 17 of stat(5), in clock ticks (100 a second).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/** Wall time and CPU time of one process, in ms: on a busy machine the wall time includes waiting for a core. */
function wall(args: string[], cwd: string, exe = process.execPath): { ms: number; cpu: number; status: number | null } {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(exe, args, { cwd, stdio: 'ignore' });
  return { ms: performance.now() - t0, cpu: childrenCpuMs() - c0, status: r.status };
}

/** Runs each command `n` times, interleaved (a, b, a, b…), so a busy machine slows them alike (`exe`: another program than Node). */
export function interleaved(cmds: Record<string, { args: string[]; before?: () => void; exe?: string }>, cwd: string, n: number) {
  const xs: Record<string, number[]> = {};
  const cpu: Record<string, number> = {};
  const status: Record<string, number | null> = {};
  for (let i = 0; i < n; i++) {
    for (const [k, c] of Object.entries(cmds)) {
      c.before?.();
      const r = wall(c.args, cwd, c.exe);
      (xs[k] ??= []).push(r.ms);
      cpu[k] = (cpu[k] ?? 0) + r.cpu / n;
      status[k] = r.status;
    }
  }
  return Object.fromEntries(Object.entries(xs).map(([k, v]) => [k, { median: median(v), cpu: cpu[k], status: status[k] }]));
}
