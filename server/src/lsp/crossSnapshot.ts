// Candidates across snapshots in the editor: a snapshot's findings against every other snapshot
// of the workspace index (service/lifecycle/crossSnapshot.ts; the CLI runs the same over the
// files of its run), added where a check's diagnostics are made and counted (the status item,
// Check Workspace), for open and closed files alike. A template is neither compared nor compared
// with (its placeholder ids would collide with every snapshot), nor is an ignored file; the
// file's configured levels and suppression comments apply (engine.ts `outsideFindings`).
import { CrossIndex, outsideFindings, type CheckResult, type Finding, type SnapshotService } from '../service/index';
import { filePath, type Folders } from './folders';

export class CrossSnapshots {
  private built?: { generation: number; index: CrossIndex };
  /** What was last published for each file (rule and place), to publish again only on a change. */
  private readonly last = new Map<string, string>();

  constructor(
    private readonly service: SnapshotService,
    private readonly folders: Folders,
  ) {}

  /** The cross-snapshot findings of the snapshot at `uri` as checked (its own text, the others' from the index). */
  findings(uri: string, result: CheckResult): Finding[] {
    const out = this.teller(uri, result)();
    this.last.set(uri, keyOf(out));
    return out;
  }

  /**
   * What is told across snapshots of the snapshot at `uri` as checked, worked out against the index
   * as it is whenever asked (the Snapshots view keeps a verdict while the other snapshots change).
   * Leaves what was last published alone (the Problems panel republishes by it).
   */
  teller(uri: string, result: CheckResult): () => Finding[] {
    const file = filePath(uri);
    const root = file ? this.folders.rootOf(uri) : undefined;
    if (!file || !root || result.template) return () => [];
    const entry = this.service.indexEntry(root, file, result);
    const settle = outsideFindings(result);
    return () => settle(this.index().findings(entry));
  }

  private index(): CrossIndex {
    const index = this.service.index;
    if (!this.built || this.built.generation !== index.generation) {
      this.built = { generation: index.generation, index: new CrossIndex(index.snapshots().filter((e) => !e.role)) };
    }
    return this.built.index;
  }

  /** Whether the findings of `uri` would differ from those last published (the index changed since). */
  changed(uri: string, result: CheckResult): boolean {
    const before = this.last.get(uri) ?? '';
    return keyOf(this.findings(uri, result)) !== before;
  }
}

/** A check's own findings and those across snapshots: what is published, and what is counted. */
export function allFindings(uri: string, result: CheckResult, cross: CrossSnapshots | undefined): Finding[] {
  const more = cross?.findings(uri, result) ?? [];
  return more.length ? [...result.findings, ...more] : result.findings;
}

function keyOf(fs: readonly Finding[]): string {
  return fs.map((f) => `${f.rule}@${f.range.start.line}:${f.range.start.character}:${f.message}`).join('\n');
}
