// One configuration, one verdict: for workspaces with no configuration, conventions, rule
// overrides, suppressions, ignores and a nested configuration file, the findings of the language
// server (open snapshots), of its workspace check (snapshots nobody opened) and of the CLI are
// identical: rule, line, column, severity.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CheckWorkspaceRequest } from '../../server/src/protocol';
import { cli } from '../support/cli';
import { LspSession } from '../support/lsp';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

type Verdict = Record<string, string[]>;

const BROKEN = VALID_TEXT.replace('| P2 | Verified |', '| High | maybe |')
  .replace('| fail | 137 |', '| ok | 137 |')
  .replace('dc%2Drunner%2Drust/runner_adapter.sh:138', 'dc-runner-go/adapter.sh:9, src/gone.ts:1')
  .replace('  risk: moderate', '  risk: extreme');
const SECOND = 'docs/reviews/snapshots/2026-03-01_second.md';
const OLD = 'docs/history/2025-01-01_old.md';

interface Case {
  name: string;
  files: Record<string, string>;
}

const CASES: Case[] = [
  { name: 'no configuration', files: {} },
  { name: 'conventions', files: { '.review-snapshot.yaml': 'conventions:\n  statuses: { pass: [ok] }\n  verification: [maybe]\n' } },
  {
    name: 'rule overrides',
    files: { '.review-snapshot.json': '{"rules": {"table/severity": "off", "links/missing": "error", "candidates/convention": "off"}}' },
  },
  {
    name: 'suppressions',
    files: {
      [SECOND]: BROKEN.replace('| ok | 137 |', '| ok | 137 |').replace(
        /(\| High \|.*) \|$/m,
        '$1 <!-- review-snapshot-disable-line table/severity table/verification --> |',
      ),
    },
  },
  {
    name: 'ignores and external paths',
    files: { '.review-snapshot.yaml': 'ignores: ["docs/history/**"]\nlinks:\n  external: ["dc-runner-*/**"]\n' },
  },
  {
    name: 'a nested configuration',
    files: {
      '.review-snapshot.yaml': 'rules: { table/status: off }\n',
      'docs/reviews/.review-snapshot.yaml': 'rules: { table/severity: off }\n',
    },
  },
];

function workspace(c: Case): TempWorkspace {
  const ws = new TempWorkspace('rs-parity-').withExampleRepo();
  fs.mkdirSync(ws.path('.git'));
  ws.write(SNAPSHOT_REL, BROKEN);
  ws.write(SECOND, BROKEN.replace('Date: 2026-02-19', 'Date: 2026-03-01'));
  ws.write(OLD, '# Review Snapshot\n\nDate: long ago\n');
  for (const [rel, text] of Object.entries(c.files)) ws.write(rel, text);
  return ws;
}

function fromCli(ws: TempWorkspace): Verdict {
  const r = cli(['validate', '--format', 'json', '.'], ws.root);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  const out: Verdict = {};
  for (const f of JSON.parse(r.out).files as {
    file: string;
    findings: { rule: string; line: number; column: number; severity: string }[];
  }[]) {
    out[f.file] = f.findings.map((x) => `${x.rule} ${x.line}:${x.column} ${x.severity}`).sort();
  }
  return out;
}

const SEVERITY = ['', 'error', 'warning', 'info'];

function diagnosticsOf(lsp: LspSession, ws: TempWorkspace, rel: string): string[] {
  return (lsp.last(ws.uri(rel))?.diagnostics ?? [])
    .map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 0]}`)
    .sort();
}

async function fromOpenDocuments(ws: TempWorkspace, rels: string[]): Promise<Verdict> {
  const lsp = await LspSession.start({ folders: [ws.root] });
  try {
    for (const rel of rels) await lsp.diagnosticsFor(ws.uri(rel), lsp.open(ws.uri(rel), ws.read(rel)));
    return Object.fromEntries(rels.map((rel) => [rel, diagnosticsOf(lsp, ws, rel)]));
  } finally {
    await lsp.stop();
  }
}

async function fromWorkspaceCheck(ws: TempWorkspace): Promise<Verdict> {
  const lsp = await LspSession.start({ folders: [ws.root] });
  try {
    const r = await lsp.request(CheckWorkspaceRequest, {});
    const rels = [...lsp.diagnostics.keys()]
      .filter((u) => u.endsWith('.md'))
      .map((u) => u.slice(pathToFileURL(ws.root).toString().length + 1));
    // The snapshots and the review prompt (docs/reviews/prompts/), each published once.
    assert.equal(rels.length, r.snapshots + (r.prompts ?? 0));
    return Object.fromEntries(rels.map((rel) => [rel, diagnosticsOf(lsp, ws, rel)]));
  } finally {
    await lsp.stop();
  }
}

describe('parity: the editor, the workspace check and the CLI give the same verdict', function () {
  this.timeout(60000);
  for (const c of CASES) {
    it(c.name, async () => {
      const ws = workspace(c);
      try {
        const byCli = fromCli(ws);
        const checked = Object.keys(byCli).sort();
        assert.ok(checked.includes(SNAPSHOT_REL));
        assert.equal(checked.includes(OLD), c.name !== 'ignores and external paths', 'ignores take a file out everywhere');
        const open = await fromOpenDocuments(ws, checked);
        const workspaceCheck = await fromWorkspaceCheck(ws);
        assert.deepEqual(open, byCli, 'server (open documents) vs CLI');
        assert.deepEqual(workspaceCheck, byCli, 'server (workspace check) vs CLI');
        assert.ok(byCli[SNAPSHOT_REL].length > 0, 'there is something to agree on');
      } finally {
        ws.dispose();
      }
    });
  }

  it('the cases differ from each other: each configuration changes the verdict', async () => {
    const verdicts = CASES.map((c) => {
      const ws = workspace(c);
      try {
        return JSON.stringify(fromCli(ws));
      } finally {
        ws.dispose();
      }
    });
    assert.equal(new Set(verdicts).size, CASES.length);
  });
});
