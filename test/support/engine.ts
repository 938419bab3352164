// The engine run on text, as the server and CLI run it (through the service facade), with an
// in-memory workspace. Shared by the unit tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-types';
import type { ConventionsSetting } from '../../server/src/service/contract/conventions';
import type { CheckResult } from '../../server/src/service/engine';
import type { Finding } from '../../server/src/service/findings';
import { createSnapshotService, type SnapshotService } from '../../server/src/service/index';
import type { RuleModule } from '../../server/src/service/rules/registry';
import { DEFAULT_SETTINGS, type SnapshotSettings } from '../../server/src/service/config/settings';
import { TextLines } from '../../server/src/service/model/text';
import { InMemoryWorkspace } from './memoryWorkspace';

export const FIXTURES = path.join(process.cwd(), 'test', 'fixtures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export const VALID = () => fixture('snapshots/valid.md');
export const DIALECT = () => fixture('snapshots/valid-dialect.md');

export interface CheckOptions {
  root?: string;
  /** Files of the workspace (absolute paths). */
  files?: Record<string, string>;
  /** Symbolic links of the workspace: link path → target. */
  symlinks?: Record<string, string>;
  /** Resolve the paths the snapshot names (links and link checks); off unless asked for. */
  checkLinks?: boolean;
  conventions?: ConventionsSetting;
  schemaPath?: string;
  settings?: Partial<SnapshotSettings>;
  rules?: readonly RuleModule[];
  log?: (m: string) => void;
}

export function serviceFor(opts: CheckOptions = {}): SnapshotService {
  return createSnapshotService({ workspace: new InMemoryWorkspace(opts.files, opts.symlinks), rules: opts.rules, log: opts.log });
}

export function settingsFor(opts: CheckOptions = {}): SnapshotSettings {
  return { ...DEFAULT_SETTINGS, schemaPath: opts.schemaPath ?? '', conventions: opts.conventions ?? null, ...opts.settings };
}

/** Runs the engine with an in-memory workspace (no disk). */
export function run(text: string, opts: CheckOptions = {}): CheckResult {
  return serviceFor(opts).check({ text, root: opts.root }, settingsFor(opts), { today: '2026-11-24', links: opts.checkLinks === true });
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

/** Checks `text` as the server and CLI do: classified by its path (`rel`), then checked as what it is (snapshot or template). */
export function checkAt(rel: string, text: string, opts: CheckOptions = {}): Finding[] {
  const service = serviceFor(opts);
  const settings = settingsFor(opts);
  const role = service.classify(rel, text, settings);
  if (role !== 'snapshot' && role !== 'template') throw new Error(`${rel} is not checked (${role})`);
  return service.check({ text, root: opts.root, template: role === 'template' }, settings, { today: '2026-11-24', links: false }).findings;
}

/** The one finding of a rule (fails when there are none or several). */
export function only(text: string, rule: string, opts?: CheckOptions): Finding {
  const all = findings(text, opts);
  const f = all.filter((x) => x.rule === rule);
  if (f.length !== 1) {
    const seen = all.map((x) => `${x.rule}@${x.range.start.line}:${x.range.start.character} ${x.message}`);
    throw new Error(`expected one ${rule}, got ${f.length}: ${JSON.stringify(seen, null, 1)}`);
  }
  return f[0];
}

export function at(f: Finding): [number, number, number, number] {
  return [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];
}

/** The 0-based line of the `nth` line (from 0) of `text` that contains `needle`; throws when there is none. */
export function lineOf(text: string, needle: string, nth = 0): number {
  const lines = text.split(/\r?\n/);
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(needle) && seen++ === nth) return i;
  }
  throw new Error(`no line ${nth + 1} holding ${JSON.stringify(needle)}`);
}

/** The 0-based column of `needle` in line `line` of `text`. */
export function colOf(text: string, line: number, needle: string): number {
  const c = text.split(/\r?\n/)[line].indexOf(needle);
  if (c < 0) throw new Error(`line ${line} does not hold ${JSON.stringify(needle)}`);
  return c;
}
