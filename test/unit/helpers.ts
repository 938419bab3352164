// Shared by the unit tests: the engine run on text, as the server and CLI run it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-types';
import { checkSnapshot, type CheckResult } from '../../server/src/service/engine';
import type { Finding } from '../../server/src/service/findings';
import { SchemaLoader } from '../../server/src/service/schemaSource';
import type { ConventionsSetting } from '../../server/src/service/schema';
import { TextLines } from '../../server/src/service/text';

export const FIXTURES = path.join(process.cwd(), 'test', 'fixtures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export const VALID = () => fixture('snapshots/valid.md');
export const DIALECT = () => fixture('snapshots/valid-dialect.md');

export interface CheckOptions {
  root?: string;
  files?: Record<string, string>;
  conventions?: ConventionsSetting;
  schemaPath?: string;
}

/** Runs the engine with an in-memory file system for schema files. */
export function run(text: string, opts: CheckOptions = {}): CheckResult {
  const files = opts.files ?? {};
  const loader = new SchemaLoader((f) => {
    if (f in files) return files[f];
    const e = new Error(`ENOENT: ${f}`) as NodeJS.ErrnoException;
    e.code = 'ENOENT';
    throw e;
  });
  return checkSnapshot({ text, root: opts.root, loader, conventions: opts.conventions, schemaPath: opts.schemaPath, today: '2026-11-24' });
}

export function findings(text: string, opts?: CheckOptions): Finding[] {
  return run(text, opts).findings;
}

export function rules(text: string, opts?: CheckOptions): string[] {
  return findings(text, opts).map((f) => f.rule);
}

/** Replaces exactly one occurrence; fails loudly when the fixture does not hold it. */
export function edit(text: string, from: string | RegExp, to: string): string {
  const hits =
    typeof from === 'string'
      ? text.split(from).length - 1
      : (text.match(new RegExp(from.source, from.flags.includes('g') ? from.flags : from.flags + 'g')) ?? []).length;
  if (hits !== 1) throw new Error(`expected exactly one ${String(from)} in the fixture, found ${hits}`);
  return text.replace(from, to);
}

/** Applies LSP text edits the way an editor does (all ranges refer to the original text). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new TextLines(text);
  const withOffsets = edits.map((e, i) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText, i }));
  withOffsets.sort((a, b) => b.s - a.s || b.i - a.i);
  let out = text;
  for (const x of withOffsets) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}

/** The one finding of a rule (fails when there are none or several). */
export function only(text: string, rule: string, opts?: CheckOptions): Finding {
  const f = findings(text, opts).filter((x) => x.rule === rule);
  if (f.length !== 1)
    {throw new Error(
      `expected one ${rule}, got ${f.length}: ${JSON.stringify(
        findings(text, opts).map((x) => `${x.rule}@${x.range.start.line}:${x.range.start.character} ${x.message}`),
        null,
        1,
      )}`,
    );}
  return f[0];
}

export function at(f: Finding): [number, number, number, number] {
  return [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];
}
