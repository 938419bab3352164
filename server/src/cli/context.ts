// What every command of one CLI run shares: the disk workspace, the service on it, how snapshot
// files are read (through the one guarded read), and how a check that could not run is reported.
import * as path from 'node:path';
import { DiskWorkspace } from '../node/diskWorkspace';
import { withFailpoint } from '../node/failpoint';
import { safeReadBytes, safeReadStdin, type FileId } from '../node/safeFs';
import { decodeText, type CheckResult, type Finding, describeDenied, createSnapshotCore, type SnapshotCore } from '../service/core';
import { UsageError } from './args';
import { errLine } from './output';

/** Snapshots larger than this are not read (the biggest real ones are a few hundred KB). */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

export function cliService(): SnapshotCore {
  return createSnapshotCore({ workspace: new DiskWorkspace(), rules: withFailpoint(process.env.REVIEW_SNAPSHOT_FAILPOINT) });
}

const WHY: Record<string, string> = {
  missing: 'no such file',
  outside: 'it points outside the folder it was found in',
  'not-a-file': 'it is not a regular file',
};

/**
 * A snapshot's text, or the finding that says why its bytes are not UTF-8 text. A file named on
 * the command line is read wherever it is; one found in a folder (`scope`) only when its real
 * path is in that folder. Either way only a regular file, up to the cap.
 */
export function readSnapshot(file: string, scope?: string): Snapshot {
  const abs = path.resolve(file);
  const r = safeReadBytes(scope ?? path.parse(abs).root, abs, MAX_SNAPSHOT_BYTES);
  if (!r.ok) {
    // A size refusal states the cap it was refused under (describeDenied).
    const why =
      r.reason === 'unreadable'
        ? (r.detail ?? 'cannot read')
        : r.detail === 'dir'
          ? 'is a directory'
          : (WHY[r.reason] ?? describeDenied(r));
    throw new UsageError(`${file}: cannot read: ${why}`);
  }
  return decoded(r.bytes, r.id);
}

/**
 * A snapshot's text (and whether its bytes began with a BOM, which a fix keeps, and which file it
 * was: see `FileId`), or why not.
 */
export type Snapshot = { text: string; bom: boolean; id?: FileId } | { finding: Finding };

function decoded(bytes: Buffer, id?: FileId): Snapshot {
  const d = decodeText(bytes);
  return 'text' in d ? { text: d.text, bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, id } : d;
}

/** The snapshot `-` names: standard input, under the same cap as a file. */
export function readStdinSnapshot(): Snapshot {
  const r = safeReadStdin(MAX_SNAPSHOT_BYTES);
  if (!r.ok) throw new UsageError(`standard input: cannot read: ${r.reason === 'too-large' ? describeDenied(r) : r.detail}`);
  return decoded(r.bytes);
}

/** Says which rules could not run; true when any did not (the verdict is then no verdict). */
export function reportFailures(shown: string, result: Pick<CheckResult, 'failures'>): boolean {
  for (const line of failureLines(shown, result)) errLine(line);
  return result.failures.length > 0;
}

/** The lines that say which rules could not run. */
export function failureLines(shown: string, result: Pick<CheckResult, 'failures'>): string[] {
  return result.failures.map((f) => {
    const reason = f.error instanceof Error ? `${f.error.name}: ${f.error.message}` : String(f.error);
    return `review-snapshot: could not check ${shown}: rule ${f.rule} failed: ${reason}`;
  });
}
