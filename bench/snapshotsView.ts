// Benchmark figures of the Snapshots view (issue 25): 1,000 typical snapshots on disk, the real
// server; the view's first level asked for once the workspace index is ready (a workspace-symbol
// answer waits for its first build): how long that first answer takes (the first render), a later
// one, and how long until every verdict is worked out in the background. Medians over fresh servers.
import * as fs from 'node:fs';
import { SnapshotsViewRequest } from '../server/src/protocol';
import { LspSession } from '../test/support/lsp';
import { writeWorkspace } from './authoring';
import { median } from './measure';

export interface ViewFigures {
  snapshots: number;
  /** The first answer after the index is ready (median over fresh servers). */
  firstRenderMs: number;
  /** A later answer, every verdict known (median). */
  againMs: number;
  /** From the first answer until no verdict is `checking…` (median over fresh servers). */
  allVerdictsMs: number;
  runs: number;
}

async function once(dir: string, n: number): Promise<{ first: number; again: number[]; all: number }> {
  const lsp = await LspSession.start({ folders: [dir], watchFiles: false });
  try {
    await lsp.request('workspace/symbol', { query: 'zz-no-such' });
    const t0 = performance.now();
    const r = await lsp.request(SnapshotsViewRequest, { groupBy: 'folder' });
    const first = performance.now() - t0;
    const listed = r.groups.reduce((k, g) => k + g.items.length, 0);
    if (listed !== n) throw new Error(`the view listed ${listed} of ${n} snapshots`);
    let unchecked = r.unchecked;
    while (unchecked > 0) {
      await new Promise((res) => setTimeout(res, 50));
      unchecked = (await lsp.request(SnapshotsViewRequest, { groupBy: 'folder' })).unchecked;
    }
    const all = performance.now() - t0;
    const again: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await lsp.request(SnapshotsViewRequest, { groupBy: i % 2 ? 'date' : 'folder' });
      again.push(performance.now() - t);
    }
    return { first, again, all };
  } finally {
    await lsp.stop();
  }
}

export async function snapshotsViewFigures(quick: boolean): Promise<ViewFigures> {
  const n = 1000;
  const dir = writeWorkspace(n);
  try {
    const runs = quick ? 1 : 3;
    const got = [];
    for (let i = 0; i < runs; i++) got.push(await once(dir, n));
    const f: ViewFigures = {
      snapshots: n,
      firstRenderMs: median(got.map((g) => g.first)),
      againMs: median(got.flatMap((g) => g.again)),
      allVerdictsMs: median(got.map((g) => g.all)),
      runs,
    };
    process.stderr.write(
      `[bench] snapshots view (${n}): first render ${f.firstRenderMs.toFixed(0)} ms, all verdicts ${f.allVerdictsMs.toFixed(0)} ms\n`,
    );
    return f;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
