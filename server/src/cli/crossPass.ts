// Candidates across snapshots among the snapshots of one run (service/lifecycle/crossSnapshot.ts),
// for the CLI's validate and the MCP server's validate_snapshots alike: each snapshot's candidates
// are kept as it is checked, then each report gets its findings against the others, settled by
// its own check (levels, suppression comments: engine.ts `outsideFindings`). Neither a prompt nor
// a template is compared (a template's placeholder ids would collide with every snapshot's), as
// in the editor. One file alone has nothing to be compared with.
import {
  CrossIndex,
  outsideFindings,
  snapshotEntry,
  type CheckResult,
  type Finding,
  type IndexEntry,
  type SnapshotModel,
} from '../service/core';

/** A report whose `findings` the pass adds to (read when the pass finishes: a --fix report may replace them meanwhile). */
interface Report {
  findings: Finding[];
  template?: boolean;
  prompt?: boolean;
}

export class CrossPass {
  private readonly kept = new Map<Report, { entry: IndexEntry; settle: (findings: Finding[]) => Finding[] }>();

  /** Keeps a checked file's candidates (from its check's model: a prompt's check has none) for its report. */
  add(report: Report, root: string, abs: string, result: unknown): void {
    const model = (result as { model?: SnapshotModel }).model;
    if (report.prompt || report.template || !model) return;
    this.kept.set(report, { entry: snapshotEntry(root, abs, model), settle: outsideFindings(result as CheckResult) });
  }

  /** Adds to each kept report its findings against the others. */
  finish(): void {
    if (this.kept.size < 2) return;
    const index = new CrossIndex([...this.kept.values()].map((x) => x.entry));
    for (const [report, x] of this.kept) report.findings.push(...x.settle(index.findings(x.entry)));
  }
}
