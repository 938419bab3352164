// Counts in words, the same in every front end (the CLI's summary, Check Workspace, Run Gates):
// "1 snapshot", "5 snapshots and 1 template". A module without imports: the client bundles it.

/** `1 error`, `2 errors` (or the irregular plural given). */
export function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "2 snapshots", "1 snapshot and 1 template", "1 template", "1 snapshot, 1 template and 2 prompts". */
export function snapshotsAndTemplates(snapshots: number, templates: number, prompts = 0): string {
  const parts = [plural(snapshots, 'snapshot'), plural(templates, 'template'), plural(prompts, 'prompt')].filter(
    (_, i) => [snapshots, templates, prompts][i] > 0,
  );
  if (parts.length <= 1) return parts[0] ?? plural(0, 'snapshot');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** What Run Gates says when every gate ran: "The gate passed", "All 3 gates passed", "1 of 2 gates failed". */
export function gatesVerdict(total: number, failed: number): string {
  if (failed) return `${failed} of ${plural(total, 'gate')} failed`;
  return total === 1 ? 'The gate passed' : `All ${total} gates passed`;
}

/**
 * A label made a file-name slug for New Snapshot: "Flaky CI runs" → `flaky-ci-runs`, accents
 * dropped, anything but letters, digits, `-` and `_` a single `-` (empty when nothing is left).
 */
export function labelSlug(label: string): string {
  const plain = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const slug = plain
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-');
  // Trimmed by index, not by a regular expression anchored at the end (quadratic on long runs).
  let from = 0;
  let to = slug.length;
  while (from < to && (slug[from] === '-' || slug[from] === '_')) from++;
  while (to > from && (slug[to - 1] === '-' || slug[to - 1] === '_')) to--;
  return slug.slice(from, to).slice(0, 80);
}
