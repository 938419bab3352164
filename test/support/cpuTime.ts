// Work measured in this process's CPU time, not wall time. Other processes on a loaded machine
// (CI's two cores, parallel jobs, helpers) stretch wall time several-fold but hardly a process's
// own CPU time, so a bound on it still catches a super-linear regression (seconds of work) without
// failing because the machine is busy.

/** This process's CPU time so far, user and system, in milliseconds. */
export function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** What `fn` returns, and the CPU milliseconds it took. */
export function cpuTimed<T>(fn: () => T): [T, number] {
  const t0 = cpuNow();
  const v = fn();
  return [v, cpuNow() - t0];
}
