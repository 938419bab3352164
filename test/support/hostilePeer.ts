// Raw JSON-RPC for the tests that play a hostile peer to the real server (test/lsp/security,
// hostileMessages): a message framed by hand (written to the server's stdin as is, so it can be
// anything), and the check that the server still serves after it.
import * as assert from 'node:assert/strict';
import type { LspSession } from './lsp';
import { SNAPSHOT_REL, VALID_TEXT, type TempWorkspace } from './workspace';

export function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** The server still checks a snapshot it is sent (and is still running). */
export async function stillAnswers(lsp: LspSession, ws: TempWorkspace): Promise<void> {
  const uri = ws.uri(SNAPSHOT_REL);
  lsp.open(uri, VALID_TEXT.replace('Date: 2026-02-19', 'Date: never'));
  const d = await lsp.diagnosticsFor(uri, 1);
  assert.ok(d.diagnostics.some((x) => x.code === 'metadata/date'));
  assert.equal(lsp.proc.exitCode, null, 'still running');
}
