// What every output format is given: the files checked, with their findings (and what --fix
// fixed), the counts and the exit code already decided. A format only renders; it decides nothing.
import type { Finding } from '../../service/core';
import type { FileReport } from '../output';

export interface RunReport {
  files: FileReport[];
  errors: number;
  warnings: number;
  strict: boolean;
  /** Files whose check did not run to its end. */
  unchecked: number;
  /** Files --fix could not write. */
  unwritten?: number;
  /** Configuration files with problems (printed on stderr; the run cannot pass). */
  brokenConfigs?: number;
  /** The exit code of the run: 0 conforms, 1 problems remain, 2 could not check. */
  code: number;
}

/** A format: the whole report as text (the caller escapes each line for the terminal). */
export type Format = (run: RunReport) => string;

/** Whether a finding fails the run (an error; a warning too under --strict). */
export function failing(f: Finding, strict: boolean): boolean {
  return f.severity === 'error' || (strict && f.severity === 'warning');
}

/** 1-based line and column of a position, as every format but LSP counts them. */
export function oneBased(p: { line: number; character: number }): { line: number; column: number } {
  return { line: p.line + 1, column: p.character + 1 };
}
