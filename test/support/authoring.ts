// The authoring features through the facade, on an in-memory repository: a snapshot (with a
// cursor marker where a test asks), the files it cites, pending specs. Positions come from the
// marker or from lineOf/colOf, never from hard-coded numbers.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Position } from 'vscode-languageserver-types';
import type { AuthoringRequest, CheckResult, SnapshotService } from '../../server/src/service/index';
import { BUNDLED_SCHEMA_TEXT } from '../../server/src/service/contract/schema';
import { drain } from '../../server/src/service/steps';
import { colOf, lineOf, serviceFor, settingsFor, VALID } from './engine';

export const ROOT = path.resolve('/repo');
export const SNAPSHOT_REL = 'docs/reviews/snapshots/2026-02-19_self-heal-run.md';
export const PENDING_REL = 'specs/governance/pending/2026-02-19_self-heal-run-pending.yaml';
export const TODAY = '2026-11-24';
/** Where a test puts the cursor in a snapshot text. */
export const CURSOR = '‸';

export const abs = (rel: string) => path.join(ROOT, ...rel.split('/'));
export const uriOf = (rel: string) => pathToFileURL(abs(rel)).toString();

/** The text without its cursor marker, and the position the marker was at. */
export function withCursor(marked: string): { text: string; pos: Position } {
  const at = marked.indexOf(CURSOR);
  if (at < 0 || marked.indexOf(CURSOR, at + 1) >= 0) throw new Error('exactly one cursor marker expected');
  const before = marked.slice(0, at).split('\n');
  return {
    text: marked.slice(0, at) + marked.slice(at + 1),
    pos: { line: before.length - 1, character: before[before.length - 1].length },
  };
}

/** The position of the `nth` occurrence of `needle` (plus `offset` characters). */
export function posOf(text: string, needle: string, offset = 0, nth = 0): Position {
  const line = lineOf(text, needle, nth);
  return { line, character: colOf(text, line, needle) + offset };
}

export interface Authoring {
  service: SnapshotService;
  result: CheckResult;
  req: AuthoringRequest;
  text: string;
}

export interface AuthoringOptions {
  /** More files of the repository, by repository path. */
  files?: Record<string, string>;
  /** Files open in the editor (by repository path), newer than the disk. */
  open?: Record<string, string>;
  /** Build the workspace index first (for workspace-wide answers). */
  index?: boolean;
}

/** The example repository: the files the valid fixture cites. */
export function exampleFiles(): Record<string, string> {
  return {
    'specs/schema/review_snapshot_schema_v1.yaml': BUNDLED_SCHEMA_TEXT,
    'docs/reviews/prompts/self_healing.md': '# prompt\n',
    'docs/book/80_troubleshooting.md': '# Troubleshooting\n',
    'specs/schema/schema_v1.md': '# stub\n',
    'specs/contract/12_runner_interface.md': '# stub\n',
    'specs/contract/25_compatibility_matrix.md': '# stub\n',
    'specs/contract/26_review_output_contract.md': '# stub\n',
    'specs/governance/check_sets_v1.yaml': '# stub\n',
    'dc-runner-rust/runner_adapter.sh': Array.from({ length: 150 }, (_, i) => `echo line ${i + 1}`).join('\n') + '\n',
    'src/a.ts': 'export const one = 1;\nexport const two = 2;\nexport const three = 3;\nexport const four = 4;\n',
  };
}

export function authoring(text = VALID(), opts: AuthoringOptions = {}): Authoring {
  const files: Record<string, string> = {};
  for (const [rel, t] of Object.entries({ ...exampleFiles(), [SNAPSHOT_REL]: text, ...opts.files })) files[abs(rel)] = t;
  const service = serviceFor({ files });
  const settings = settingsFor();
  if (opts.index) {
    service.index.setFolders([{ root: ROOT, files: settings.files, pendingDirectory: settings.pending.directory }]);
    while (service.index.hasWork) drain(service.index.updateSteps());
  }
  const result = service.check({ text, root: ROOT }, settings, { today: TODAY });
  const open = new Map(Object.entries(opts.open ?? {}).map(([rel, t]) => [abs(rel), t]));
  const req: AuthoringRequest = {
    uri: uriOf(SNAPSHOT_REL),
    root: ROOT,
    file: abs(SNAPSHOT_REL),
    settings,
    version: 1,
    today: TODAY,
    openText: (p) => open.get(p),
  };
  return { service, result, req, text };
}
