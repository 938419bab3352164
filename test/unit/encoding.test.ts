// Bytes that are not UTF-8, in every form a strict decoder refuses: each is reported at the
// exact line and column where it starts, with the byte and why — never "byte -1 is 0xundefined"
// at 1:1 (what surrogates, overlong forms and code points past U+10FFFF gave before).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeText } from '../../server/src/service/text/encoding';

const FORMS: [string, number[], RegExp][] = [
  ['a surrogate (U+D800) encoded in UTF-8', [0xed, 0xa0, 0x80], /surrogate/],
  ['a low surrogate (U+DFFF)', [0xed, 0xbf, 0xbf], /surrogate/],
  ['an overlong two-byte form of "/"', [0xc0, 0xaf], /overlong/],
  ['an overlong three-byte form', [0xe0, 0x80, 0xaf], /overlong/],
  ['an overlong four-byte form', [0xf0, 0x80, 0x80, 0xaf], /overlong/],
  ['a code point past U+10FFFF (F4 90)', [0xf4, 0x90, 0x80, 0x80], /past U\+10FFFF/],
  ['a lead byte past F4', [0xf5, 0x80, 0x80, 0x80], /past U\+10FFFF/],
  ['a stray continuation byte', [0x80], /continuation byte/],
  ['a truncated sequence', [0xe2, 0x82], /without its continuation bytes/],
  ['a Latin-1 é', [0xe9, 0x20], /without its continuation bytes/],
];

function finding(bytes: Uint8Array) {
  const d = decodeText(bytes);
  assert.ok('finding' in d, 'refused');
  return d.finding;
}

describe('invalid UTF-8 is reported where it is', () => {
  for (const [what, bad, why] of FORMS) {
    it(`${what}: its line, column, byte and reason`, () => {
      const before = Buffer.from('# Review Snapshot\n\nDate: 2026-02-19 — ünïcode ok\nModel: x', 'utf8');
      const f = finding(Buffer.concat([before, Buffer.from(bad), Buffer.from(' rest\n')]));
      assert.deepEqual(f.range.start, { line: 3, character: 'Model: x'.length });
      assert.match(f.message, new RegExp(`byte ${before.length} is 0x${bad[0].toString(16)}`));
      assert.match(f.message, why);
      assert.doesNotMatch(f.message, /byte -1|undefined/);
    });
  }

  it('any valid text followed by any invalid form: the finding starts where the valid text ends', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(...FORMS.map((x) => x[1])), (text, bad) => {
        const head = Buffer.from(text.replace(/\0/g, ''), 'utf8');
        const f = finding(Buffer.concat([head, Buffer.from(bad)]));
        const lines = head.toString('utf8').split('\n');
        assert.deepEqual(f.range.start, { line: lines.length - 1, character: lines[lines.length - 1].length });
        assert.match(f.message, new RegExp(`byte ${head.length} is`));
      }),
    );
  });
});
