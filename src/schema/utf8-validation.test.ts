// The UTF-8 rule against the platform's strict decoder (WHATWG Encoding, which follows Unicode's Table 3-7): any
// bytes are UTF-8 exactly when the decoder accepts them, and the offset found is where the decoder first fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstInvalidUtf8Offset } from './utf8-validation.ts';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const decodes = (bytes: Uint8Array) => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Bytes near UTF-8: text, with bytes from the edges of the table (leads, continuations, C0/C1, E0, ED, F0, F4, FF). */
const nearUtf8 = fc
  .array(
    fc.oneof(
      fc
        .string({ unit: 'binary', maxLength: 3 })
        .filter((text) => !text.includes('\uFFFD'))
        .map((text) => [...new TextEncoder().encode(text)]),
      fc
        .constantFrom(
          0x80,
          0xbf,
          0xc0,
          0xc1,
          0xc2,
          0xdf,
          0xe0,
          0xed,
          0xef,
          0xf0,
          0xf4,
          0xf5,
          0xff,
          0x9f,
          0xa0,
          0x8f,
          0x90,
        )
        .map((byte) => [byte]),
    ),
    { maxLength: 12 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

test('bytes are UTF-8 exactly when the strict decoder accepts them; the offset is where it first fails', () => {
  fc.assert(
    fc.property(nearUtf8, (bytes) => {
      const offset = firstInvalidUtf8Offset(bytes);
      assert.equal(offset === undefined, decodes(bytes));
      if (offset === undefined) return;
      // Everything before the offset is UTF-8, and the lenient decoder replaces the sequence starting there.
      const before = strict.decode(bytes.subarray(0, offset));
      assert.ok(lenient.decode(bytes).startsWith(`${before}\uFFFD`));
    }),
    { numRuns: 2000 },
  );
});

test('the sequences Table 3-7 forbids are found at their first byte', () => {
  const cases: [number[], number][] = [
    [[0x41, 0x80], 1], // a lone continuation byte
    [[0xc0, 0xaf], 0], // overlong "/"
    [[0xe0, 0x80, 0xaf], 0], // overlong 3-byte
    [[0xed, 0xa0, 0x80], 0], // the surrogate U+D800
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0xe2, 0x82], 0], // truncated at the end
    [[0x61, 0xe2, 0x82, 0x61], 1], // truncated before ASCII
    [[0xf5, 0x80, 0x80, 0x80], 0], // a lead byte that cannot lead
  ];
  for (const [bytes, offset] of cases) assert.equal(firstInvalidUtf8Offset(Uint8Array.from(bytes)), offset, `${bytes}`);
  assert.equal(firstInvalidUtf8Offset(new TextEncoder().encode('€ 𝄞 ü')), undefined);
});
