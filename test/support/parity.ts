// Verdicts of the real front ends, in one comparable form: per file, each finding as
// `rule line:column-endLine:endColumn severity` (1-based, as the CLI's JSON writes them), sorted.
import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { CheckWorkspaceRequest } from '../../server/src/protocol';
import { cli } from './cli';
import { LspSession, type StartOptions } from './lsp';

/** Findings by file (relative to the folder checked, `/`-separated). */
export type Verdict = Record<string, string[]>;

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

interface JsonFinding {
  rule: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** `validate --format json .` in `root`, with `args` added: the verdict of every file it checked. */
export function cliVerdict(root: string, args: string[] = [], env: Record<string, string> = {}): Verdict {
  return cliVerdictOf(['validate', '--format', 'json', ...args, '.'], root, env);
}

/** The verdict of a CLI run that prints JSON (`args` in full), in `cwd`. */
export function cliVerdictOf(args: string[], cwd: string, env: Record<string, string> = {}): Verdict {
  const r = cli(args, cwd, 60000, env);
  assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `exit ${r.code}: ${r.err}`);
  const out: Verdict = {};
  for (const f of JSON.parse(r.out).files as { file: string; findings: JsonFinding[] }[]) {
    out[f.file.split('\\').join('/')] = f.findings
      .map((x) => `${x.rule} ${x.line}:${x.column}-${x.endLine}:${x.endColumn} ${x.severity}`)
      .sort();
  }
  return out;
}

export function diagnosticsVerdict(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .map((d) => {
      const { start, end } = d.range;
      return `${d.code} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${SEVERITY[d.severity ?? 0]}`;
    })
    .sort();
}

/** A file's path from `root` given its URI. */
export function relOf(root: string, uri: string): string {
  return decodeURIComponent(uri.slice(pathToFileURL(root).toString().length + 1));
}

/**
 * The server's verdicts in one session on the folder `root`: its workspace check (files nobody
 * opened, read from disk), then each of `open` opened with its text (the editor's path).
 */
export async function serverVerdicts(
  root: string,
  open: Record<string, string>,
  opts: StartOptions = {},
): Promise<{ workspace: Verdict; open: Verdict }> {
  const lsp = await LspSession.start({ folders: [root], ...opts });
  try {
    const summary = await lsp.request(CheckWorkspaceRequest, {});
    const checked = [...lsp.diagnostics.keys()].filter((u) => u.endsWith('.md'));
    assert.equal(checked.length, summary.snapshots + (summary.prompts ?? 0), 'one publication per snapshot or prompt checked');
    const workspace = Object.fromEntries(checked.map((u) => [relOf(root, u), diagnosticsVerdict(lsp.last(u)!.diagnostics)]));
    const opened: Verdict = {};
    for (const [rel, text] of Object.entries(open)) {
      const uri = pathToFileURL(`${root}/${rel}`).toString();
      opened[rel] = diagnosticsVerdict((await lsp.diagnosticsFor(uri, lsp.open(uri, text))).diagnostics);
    }
    return { workspace, open: opened };
  } finally {
    await lsp.stop();
  }
}
