// Incremental checking through the real server over stdio: a document edited by incremental
// didChange events (cells, rows, a heading, a fenced block, line breaks) ends with the
// diagnostics of the same text opened fresh; and the pause before a check follows what the
// document's last check cost (the timing report says which pause the scheduler chose).
import * as assert from 'node:assert/strict';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { SPECS, rng, snapshot } from '../../bench/inputs';
import { adaptiveDebounceMs, debounceMs } from '../../server/src/lsp/validation';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';
import { applyEdits } from '../support/engine';

/** The fixture with rows that hold findings (a placeholder, a missing file, a bad severity) and a fenced log. */
const TEXT =
  VALID_TEXT.replace(
    '\n\n## Synthesis',
    '\n| TODO | Verified | src/missing.ts:3 | w | w | w | f |\n| P9 | Maybe | src/a.ts:99 | w | w | w | f |\n\n## Synthesis',
  ).trimEnd() + '\n\n```text\n$ ./gate.sh\nok 1\nok 2\n```\n';

function lineOf(text: string, prefix: string): number {
  const n = text.split('\n').findIndex((l) => l.startsWith(prefix));
  assert.ok(n >= 0, `no line starts with ${prefix}`);
  return n;
}

const at = (line: number, character: number, endCharacter = character): Range => ({
  start: { line, character },
  end: { line, character: endCharacter },
});

function sorted(ds: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}:${d.code}:${d.message}`;
  return [...ds].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe('incremental checking in the server', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let lsp: LspSession;

  afterEach(async () => {
    await lsp?.stop();
    ws?.dispose();
  });

  it('incremental didChange edits end with the diagnostics of the same text opened fresh', async () => {
    ws = new TempWorkspace().withExampleRepo();
    ws.write(SNAPSHOT_REL, TEXT);
    ws.write('src/a.ts', 'export const one = 1;\n');
    lsp = await LspSession.start({ folders: [ws.root] });
    const uri = ws.uri(SNAPSHOT_REL);
    let text = TEXT;
    await lsp.diagnosticsFor(uri, lsp.open(uri, text));
    const row = lineOf(text, '| TODO |');
    const raw = lineOf(text, '```text') + 1;
    const edits: { range: Range; text: string }[] = [
      { range: at(row, 2, 6), text: 'P1' }, // a cell: the placeholder filled in
      { range: at(row + 1, 2, 4), text: 'P2' }, // the bad severity fixed
      { range: at(row, 20, 27), text: 'missing' }, // a path in the File:Line cell
      { range: at(raw, 0), text: 'more output ' }, // a line of a fenced block
      { range: at(row + 1, 0), text: '| P3 | Verified | src/a.ts:1 | x | y | z | w |\n' }, // a row added
      { range: at(row, 0), text: '## Heading in between\n\n' }, // structure
      { range: at(raw + 2, 0), text: '```\n' }, // a fence closed early
    ];
    // And some random edits at random places (seeded), each kept within the text.
    const r = rng(28);
    for (let k = 0; k < 8; k++) {
      const line = Math.floor(r() * 40) + 5;
      edits.push({ range: at(line, Math.floor(r() * 4)), text: ['|', 'x', '`', '# ', '\n', 'TODO'][Math.floor(r() * 6)] });
    }
    // After each edit, the diagnostics of the edited document are those of its text opened fresh
    // beside it (a full check; its own uri named as the other's).
    for (const [k, e] of edits.entries()) {
      const lineCount = text.split('\n').length;
      const range = e.range.start.line < lineCount ? e.range : at(lineCount - 1, 0);
      const len = text.split('\n')[range.start.line].length;
      const clipped = {
        start: { ...range.start, character: Math.min(range.start.character, len) },
        end: { ...range.end, character: Math.min(range.end.character, len) },
      };
      text = applyEdits(text, [{ range: clipped, newText: e.text }]);
      const incremental = (await lsp.diagnosticsFor(uri, lsp.change(uri, [{ range: clipped, text: e.text }]))).diagnostics;
      const other = ws.uri(`docs/reviews/snapshots/2026-02-19_fresh-${k}.md`);
      const fresh = (await lsp.diagnosticsFor(other, lsp.open(other, text))).diagnostics;
      lsp.close(other);
      const same = JSON.parse(JSON.stringify(fresh).split(other).join(uri)) as Diagnostic[];
      assert.deepEqual(sorted(incremental), sorted(same), `after edit ${k + 1}: ${JSON.stringify(e)}`);
    }
  });

  it('waits after an edit a few times what the last check cost, not by the file size', async () => {
    ws = new TempWorkspace().withExampleRepo();
    const big = snapshot(SPECS.find((s) => s.name === '1MB')!);
    ws.write(SNAPSHOT_REL, big);
    // The files its rows cite exist, as in a real repository (else every row is a missing link).
    const body = Array.from({ length: 60 }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';
    for (const cited of new Set([...big.matchAll(/\/?(src\/[\w/]+\.ts)/g)].map((m) => m[1]))) ws.write(cited, body);
    lsp = await LspSession.start({ folders: [ws.root], initializationOptions: { timing: true } });
    const uri = ws.uri(SNAPSHOT_REL);
    const opened = await lsp.timingOf(uri, lsp.open(uri, big));
    const row = lineOf(big, '| P2 |');
    let last = opened;
    const seen = [];
    for (let k = 0; k < 3; k++) {
      const version = lsp.change(uri, [{ range: at(row, 30, 31), text: k % 2 ? 'x' : 'y' }]);
      const t = await lsp.timingOf(uri, version);
      // The scheduler's decision: from the cost of the check before, whatever the size.
      assert.equal(t.debounceMs, adaptiveDebounceMs(last.workMs, big.length));
      seen.push(t);
      last = t;
    }
    // A cell edit is checked incrementally: cheaper than the full check of the open, so the pause
    // after it is shorter than the size alone would give (150 ms for this file).
    const cheapest = Math.min(...seen.map((t) => t.workMs));
    assert.ok(cheapest < opened.workMs, `an edit's check (${cheapest} ms) costs less than the full check (${opened.workMs} ms)`);
    assert.ok(
      adaptiveDebounceMs(cheapest, big.length) < debounceMs(big.length),
      `the pause after a cheap check (${cheapest} ms) is shorter than by size`,
    );
  });
});
