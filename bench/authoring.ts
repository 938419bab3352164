// Benchmark figures of the authoring features (issue 17): each request on a ready check in the
// engine, and as a round trip to the real server (completion right after an edit includes the
// re-check it waits for); the workspace index of 1,000 snapshots — built on disk through the
// Workspace port, its memory, its queries — in the process and in the server.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Position } from 'vscode-languageserver-types';
import { DiskWorkspace } from '../server/src/node/diskWorkspace';
import { createSnapshotService, type AuthoringRequest, type SnapshotService } from '../server/src/service/index';
import { DEFAULT_SETTINGS } from '../server/src/service/config/settings';
import { drain } from '../server/src/service/steps';
import { LspSession } from '../test/support/lsp';
import { InMemoryWorkspace } from '../test/support/memoryWorkspace';
import { SPECS, snapshot } from './inputs';

export type Stat = { median: number; p90: number; runs: number };
type Measure = (fn: () => void, min?: number, max?: number, budgetMs?: number, before?: () => void) => Stat;

export const FEATURES = ['completion', 'symbols', 'definition', 'references', 'rename', 'hover', 'folding', 'lenses'] as const;
export type Feature = (typeof FEATURES)[number];

/** Positions in a benchmark snapshot: a label's id, a severity cell, the Date value. */
function positions(text: string): { label: Position; afterTick: Position; severity: Position; date: Position } {
  const lines = text.split('\n');
  const label = lines.findIndex((l) => l.startsWith('- `BENCH-RUN-001`'));
  const severity = lines.findIndex((l) => l.startsWith('| P'));
  const date = lines.findIndex((l) => l.startsWith('Date: '));
  return {
    label: { line: label, character: 4 },
    afterTick: { line: label, character: 3 },
    severity: { line: severity, character: 2 },
    date: { line: date, character: 'Date: '.length },
  };
}

/** Each authoring feature on a ready check (the engine alone), per input. */
export function engineFigures(texts: Map<string, string>, measure: Measure, quick: boolean): Record<string, Record<Feature, Stat>> {
  const root = path.resolve('/bench');
  const file = path.join(root, 'docs', 'reviews', 'snapshots', 'x.md');
  const out: Record<string, Record<Feature, Stat>> = {};
  for (const [name, text] of texts) {
    if (name === '5MB') continue;
    const service = createSnapshotService({ workspace: new InMemoryWorkspace({ [file]: text }) });
    const result = service.check({ text, root }, DEFAULT_SETTINGS);
    const req: AuthoringRequest = { uri: pathToFileURL(file).toString(), root, file, settings: DEFAULT_SETTINGS, version: 1 };
    const p = positions(text);
    const runs = quick ? 10 : 40;
    const m = (fn: () => void) => measure(fn, 5, runs, quick ? 500 : 1500);
    out[name] = {
      completion: m(() => {
        service.completion(result, req, { position: p.afterTick, trigger: '`' });
        service.completion(result, req, { position: p.severity });
        service.completion(result, req, { position: p.date });
      }),
      symbols: m(() => service.documentSymbols(result)),
      definition: m(() => service.definition(result, p.label, req)),
      references: m(() => service.references(result, p.label, req, true)),
      rename: m(() => {
        service.prepareRename(result, p.label);
        service.rename(result, p.label, 'BENCH-RUN-999', req);
      }),
      hover: m(() => service.hover(result, p.label, req)),
      folding: m(() => service.foldingRanges(result)),
      lenses: m(() => service.codeLenses(result, req)),
    };
    process.stderr.write(
      `[bench] authoring ${name}: completion ${out[name].completion.median.toFixed(2)} ms, symbols ${out[name].symbols.median.toFixed(2)} ms\n`,
    );
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export interface RoundTrips {
  /** Completion asked right after an edit: the shared re-check of the new version, then the list. */
  completionAfterEdit: number;
  symbols: number;
  definition: number;
  references: number;
  rename: number;
}

/** The requests as the editor sends them, to the real server, on an open snapshot. */
export async function serverRoundTrips(lsp: LspSession, uri: string, text: string, repeats: number): Promise<RoundTrips> {
  const p = positions(text);
  const doc = { textDocument: { uri } };
  const times: Record<keyof RoundTrips, number[]> = { completionAfterEdit: [], symbols: [], definition: [], references: [], rename: [] };
  const time = async (k: keyof RoundTrips, f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    times[k].push(performance.now() - t0);
  };
  const cell = { line: p.severity.line, character: text.split('\n')[p.severity.line].lastIndexOf('|') - 3 };
  for (let i = 0; i < repeats; i++) {
    const version = lsp.change(uri, [
      { range: { start: cell, end: { line: cell.line, character: cell.character + 1 } }, text: i % 2 ? 'x' : 'y' },
    ]);
    await time('completionAfterEdit', () =>
      lsp.request('textDocument/completion', { ...doc, position: p.afterTick, context: { triggerKind: 2, triggerCharacter: '`' } }),
    );
    await lsp.arrivalOf(uri, version);
    await time('symbols', () => lsp.request('textDocument/documentSymbol', doc));
    await time('definition', () => lsp.request('textDocument/definition', { ...doc, position: p.label }));
    await time('references', () =>
      lsp.request('textDocument/references', { ...doc, position: p.label, context: { includeDeclaration: true } }),
    );
    await time('rename', () => lsp.request('textDocument/rename', { ...doc, position: p.label, newName: 'BENCH-RUN-999' }));
  }
  return {
    completionAfterEdit: median(times.completionAfterEdit),
    symbols: median(times.symbols),
    definition: median(times.definition),
    references: median(times.references),
    rename: median(times.rename),
  };
}

/** A folder of `n` typical snapshots, each with its own candidate ids. */
function writeWorkspace(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-bench-index-'));
  const snaps = path.join(dir, 'docs', 'reviews', 'snapshots');
  fs.mkdirSync(snaps, { recursive: true });
  for (let i = 0; i < n; i++) {
    const text = snapshot(SPECS[0], i + 1).replace(/BENCH-RUN-/g, `RUN${i}-`);
    fs.writeFileSync(path.join(snaps, `2026-02-19_run-${i}.md`), text);
  }
  return dir;
}

const rssMb = () => process.memoryUsage().rss / 2 ** 20;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

function buildIndex(dir: string): { service: SnapshotService; ms: number } {
  const service = createSnapshotService({ workspace: new DiskWorkspace() });
  const t0 = performance.now();
  service.index.setFolders([{ root: dir, files: DEFAULT_SETTINGS.files, pendingDirectory: DEFAULT_SETTINGS.pending.directory }]);
  while (service.index.hasWork) drain(service.index.updateSteps());
  return { service, ms: performance.now() - t0 };
}

export interface IndexInProcess {
  symbols: number;
  buildMs: number;
  extraRssMb: number;
  extraHeapMb: number;
  query: Stat;
  queryAll: Stat;
}

export interface IndexFigures extends IndexInProcess {
  files: number;
  server: { firstAnswerMs: number; rssMb: number; emptyRssMb: number; queryMs: number };
}

/** Run in a fresh process (BENCH_PART=index): what building the index costs, and what it holds. */
export function indexInThisProcess(dir: string, measure: Measure, quick: boolean): IndexInProcess {
  gc();
  const rss0 = rssMb();
  const heap0 = process.memoryUsage().heapUsed / 2 ** 20;
  const first = buildIndex(dir);
  gc();
  const extraRssMb = rssMb() - rss0;
  const extraHeapMb = process.memoryUsage().heapUsed / 2 ** 20 - heap0;
  const builds = [first.ms];
  for (let i = 0; i < (quick ? 1 : 3); i++) builds.push(buildIndex(dir).ms);
  return {
    symbols: first.service.workspaceSymbols('').length,
    buildMs: median(builds),
    extraRssMb,
    extraHeapMb,
    query: measure(() => first.service.workspaceSymbols('run42'), 5, 50, 1000),
    queryAll: measure(() => first.service.workspaceSymbols(''), 5, 50, 1000),
  };
}

/** The workspace index of 1,000 snapshots: built in a fresh process (time, memory, queries) and in the server. */
export async function indexFigures(bundle: string): Promise<IndexFigures> {
  const n = 1000;
  const dir = writeWorkspace(n);
  try {
    // A fresh process: the benchmark's own heap would hide what the index holds.
    const child = spawnSync(process.execPath, ['--expose-gc', bundle], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_PART: 'index', BENCH_INDEX_DIR: dir },
    });
    if (child.status !== 0) throw new Error(`index benchmark failed: ${child.stderr}`);
    const own = JSON.parse(child.stdout) as IndexInProcess;
    const server = await serverIndex(dir);
    process.stderr.write(`[bench] index of ${n} snapshots: ${own.buildMs.toFixed(0)} ms, +${own.extraRssMb.toFixed(1)} MB RSS\n`);
    return { files: n, ...own, server };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function serverRss(lsp: LspSession): number {
  const status = fs.readFileSync(`/proc/${lsp.proc.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The server on the folder: the first workspace-symbol answer waits for the background build. */
async function serverIndex(dir: string): Promise<IndexFigures['server']> {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-bench-empty-'));
  const bare = await LspSession.start({ folders: [empty], watchFiles: false });
  await bare.request('workspace/symbol', { query: '' });
  await new Promise((r) => setTimeout(r, 1500));
  const emptyRssMb = serverRss(bare);
  await bare.stop();
  fs.rmSync(empty, { recursive: true, force: true });
  const lsp = await LspSession.start({ folders: [dir], watchFiles: false });
  const t0 = performance.now();
  await lsp.request('workspace/symbol', { query: '' });
  const firstAnswerMs = performance.now() - t0;
  const qs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await lsp.request('workspace/symbol', { query: `run${i}` });
    qs.push(performance.now() - t);
  }
  // Resident memory once the server has settled (it collects when idle).
  await new Promise((r) => setTimeout(r, 1500));
  const rss = serverRss(lsp);
  await lsp.stop();
  return { firstAnswerMs, rssMb: rss, emptyRssMb, queryMs: median(qs) };
}
