// "Today", decided once: the author's local calendar day. A snapshot's Date is the day its
// author wrote it, as their calendar shows it; New Snapshot, the fixes that insert a Date and
// the CLI all use this (in CI the runner's time zone is the calendar, usually UTC).

/** `YYYY-MM-DD` of `now` in the local time zone. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
