// What every command of one CLI run shares: the disk workspace and the service on it.
import * as fs from 'node:fs';
import { DiskWorkspace } from '../node/diskWorkspace';
import { decodeText } from '../service/encoding';
import type { Finding } from '../service/findings';
import { createSnapshotService, type SnapshotService } from '../service/index';
import { UsageError } from './args';

export function cliService(): SnapshotService {
  return createSnapshotService({ workspace: new DiskWorkspace(), log: (m) => process.stderr.write(`review-snapshot: ${m}\n`) });
}

/** A snapshot's text, or the finding that says why its bytes are not UTF-8 text. */
export function readSnapshot(file: string): { text: string } | { finding: Finding } {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new UsageError(`${file}: cannot read: ${why}`);
  }
  return decodeText(buf);
}
