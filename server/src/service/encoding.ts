// Bytes → text for the CLI: UTF-8 only, a BOM dropped, and any NUL byte or invalid UTF-8
// reported at its exact line and column instead of producing mojibake findings.
import type { Finding } from './findings';

function lineColOfByte(buf: Uint8Array, at: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (buf[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count the characters before the byte (the decodable prefix of the line).
  const prefix = new TextDecoder('utf-8').decode(buf.subarray(lineStart, at));
  return { line, character: prefix.length };
}

function firstInvalidUtf8(buf: Uint8Array): number {
  for (let i = 0; i < buf.length;) {
    const b = buf[i];
    let n: number;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** One decoder for every file: without `stream`, each `decode` stands alone. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeText(buf: Uint8Array): { text: string } | { finding: Finding } {
  const nul = buf.indexOf(0);
  if (nul !== -1) {
    const at = lineColOfByte(buf, nul);
    return {
      finding: {
        rule: 'file/encoding',
        severity: 'error',
        message: `The file holds a NUL byte (byte ${nul}): it is binary or not UTF-8 text.`,
        range: { start: at, end: { line: at.line, character: at.character + 1 } },
      },
    };
  }
  try {
    const text = utf8.decode(buf);
    return { text };
  } catch {
    const bad = firstInvalidUtf8(buf);
    const at = lineColOfByte(buf, Math.max(0, bad));
    return {
      finding: {
        rule: 'file/encoding',
        severity: 'error',
        message: `The file is not valid UTF-8 (byte ${bad} is 0x${buf[bad]?.toString(16).padStart(2, '0')}); save it as UTF-8.`,
        range: { start: at, end: { line: at.line, character: at.character + 1 } },
      },
    };
  }
}
