// Bytes → text for the CLI: UTF-8 only, a BOM dropped, and any NUL byte or invalid UTF-8
// reported at its exact line and column instead of producing mojibake findings.
import type { Finding } from '../findings';

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

/** The byte after a lead byte: its allowed range (the WHATWG/Unicode table of well-formed UTF-8). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf]; // below: an overlong form
  if (lead === 0xed) return [0x80, 0x9f]; // above: a UTF-16 surrogate
  if (lead === 0xf0) return [0x90, 0xbf]; // below: an overlong form
  if (lead === 0xf4) return [0x80, 0x8f]; // above: past U+10FFFF
  return [0x80, 0xbf];
}

/** Why the sequence led by `lead` is not UTF-8, given its second byte. */
function whyInvalid(lead: number, second: number | undefined): string {
  if (lead >= 0x80 && lead <= 0xbf) return 'a continuation byte with no lead byte';
  if (lead === 0xc0 || lead === 0xc1 || ((lead === 0xe0 || lead === 0xf0) && second !== undefined && second < secondByteRange(lead)[0])) {
    return 'an overlong encoding';
  }
  if (lead === 0xed && second !== undefined && second >= 0xa0 && second <= 0xbf) return 'a UTF-16 surrogate encoded in UTF-8';
  if (lead >= 0xf5 || (lead === 0xf4 && second !== undefined && second >= 0x90 && second <= 0xbf)) return 'a code point past U+10FFFF';
  return 'a lead byte without its continuation bytes';
}

/**
 * The first byte where the text stops being well-formed UTF-8 (what a fatal TextDecoder refuses:
 * overlong forms, surrogates, code points past U+10FFFF, stray and missing continuation bytes),
 * and why; undefined when it is all well-formed.
 */
export function firstInvalidUtf8(buf: Uint8Array): { at: number; why: string } | undefined {
  for (let i = 0; i < buf.length;) {
    const b = buf[i];
    let n: number;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return { at: i, why: whyInvalid(b, buf[i + 1]) };
    const [lo, hi] = secondByteRange(b);
    if (n > 0 && (i + 1 >= buf.length || buf[i + 1] < lo || buf[i + 1] > hi)) return { at: i, why: whyInvalid(b, buf[i + 1]) };
    for (let k = 2; k <= n; k++) {
      if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) return { at: i, why: 'a lead byte without its continuation bytes' };
    }
    i += n + 1;
  }
  return undefined;
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
    // The decoder refused the bytes, so the scan finds where (it follows the same table); were
    // they ever to disagree, the file is still refused, at its start.
    const bad = firstInvalidUtf8(buf) ?? { at: 0, why: 'not UTF-8' };
    const at = lineColOfByte(buf, bad.at);
    return {
      finding: {
        rule: 'file/encoding',
        severity: 'error',
        message: `The file is not valid UTF-8 (byte ${bad.at} is 0x${(buf[bad.at] ?? 0).toString(16).padStart(2, '0')}): ${bad.why}; save it as UTF-8.`,
        range: { start: at, end: { line: at.line, character: at.character + 1 } },
      },
    };
  }
}
