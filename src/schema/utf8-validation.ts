/**
 * Where a byte sequence stops being UTF-8. The rule is the Unicode Standard's table of well-formed byte sequences
 * (Unicode 15, §3.9, Table 3-7): no overlong forms, no surrogates (U+D800–U+DFFF), nothing above U+10FFFF, and every
 * lead byte followed by exactly its continuation bytes. The offset returned is the first byte of the first sequence
 * that breaks the rule, which is where a strict decoder gives up and where an editor shows the bad character.
 */

/** Continuation bytes allowed right after each lead byte, as [lowest, highest]; later continuations are 80..BF. */
function secondByteRange(lead: number): readonly [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf]; // no overlong 3-byte forms
  if (lead === 0xed) return [0x80, 0x9f]; // no surrogates
  if (lead === 0xf0) return [0x90, 0xbf]; // no overlong 4-byte forms
  if (lead === 0xf4) return [0x80, 0x8f]; // nothing above U+10FFFF
  return [0x80, 0xbf];
}

/** Bytes in the sequence a lead byte starts, or 0 when the byte cannot start one (80..C1, F5..FF). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The offset of the first byte of the first ill-formed sequence, or undefined when all of `bytes` is UTF-8. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number | undefined {
  let offset = 0;
  while (offset < bytes.length) {
    const lead = bytes[offset] as number;
    if (lead < 0x80) {
      offset++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0 || offset + length > bytes.length) return offset;
    const [low, high] = secondByteRange(lead);
    const second = bytes[offset + 1] as number;
    if (second < low || second > high) return offset;
    for (let k = 2; k < length; k++) {
      const next = bytes[offset + k] as number;
      if (next < 0x80 || next > 0xbf) return offset;
    }
    offset += length;
  }
  return undefined;
}
