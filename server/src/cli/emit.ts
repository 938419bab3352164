// Where a report goes: standard output, or the file --output-file names (through the one guarded
// write: atomic, never through a symbolic link). Either way every line is escaped for a terminal
// (a report file is read with cat and in CI logs too); JSON and XML are already free of what that
// escaping would change, so they stay valid.
import * as path from 'node:path';
import { safeUpdateText } from '../node/safeFs';
import { escapeLines, shownPath, writeOut, errLine } from './output';

/** Writes the report; false (having said why) when the output file could not be written. */
export function writeReport(text: string, outputFile: string | undefined): boolean {
  if (outputFile === undefined || outputFile === '-') {
    writeOut(text);
    return true;
  }
  const abs = path.resolve(outputFile);
  // A place the user names is theirs to choose: the scope is the whole disk, as for --out.
  const r = safeUpdateText(path.parse(abs).root, abs, { maxBytes: Number.MAX_SAFE_INTEGER, update: () => ({ text: escapeLines(text) }) });
  if (!r.ok) errLine(`review-snapshot: ${shownPath(abs)}: not written: ${r.reason}`);
  return r.ok;
}
