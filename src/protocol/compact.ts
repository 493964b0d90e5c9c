/**
 * The compact ("nBits") encoding of a 256-bit target, mirroring `arith_uint256::SetCompact` and
 * `arith_uint256::GetCompact` (src/arith_uint256.cpp): a base-256 exponent in the top byte, a sign
 * bit (0x00800000) and a 23-bit mantissa.
 */
import { UINT256_MAX, assertUint256, bitLength } from './uint256.ts';

/** Result of `SetCompact(nCompact, pfNegative, pfOverflow)`. */
export interface CompactDecoded {
  /** The 256-bit value (wrapped modulo 2^256 exactly as Core's shift does when `overflow`). */
  target: bigint;
  /** `*pfNegative`: sign bit set with a non-zero mantissa. */
  negative: boolean;
  /** `*pfOverflow`: the value does not fit in 256 bits. */
  overflow: boolean;
}

function assertUint32(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${name} must be a uint32, got ${value}`);
  }
}

/** `arith_uint256::SetCompact`, including the negative and overflow flags exactly as Core sets them. */
export function setCompact(bits: number): CompactDecoded {
  assertUint32(bits, 'bits');
  const size = bits >>> 24;
  let word = bits & 0x007fffff;
  let target: bigint;
  if (size <= 3) {
    word >>>= 8 * (3 - size);
    target = BigInt(word);
  } else {
    target = (BigInt(word) << BigInt(8 * (size - 3))) & UINT256_MAX;
  }
  const negative = word !== 0 && (bits & 0x00800000) !== 0;
  const overflow = word !== 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
  return { target, negative, overflow };
}

/** `arith_uint256::GetCompact(fNegative)`: the uint32 compact form (as a non-negative number). */
export function getCompact(target: bigint, negative = false): number {
  assertUint256(target, 'target');
  let size = Math.floor((bitLength(target) + 7) / 8);
  let compact = size <= 3 ? Number(target << BigInt(8 * (3 - size))) : Number(target >> BigInt(8 * (size - 3)));
  // The 0x00800000 bit is the sign bit: if the mantissa would set it, shift in one more byte.
  if ((compact & 0x00800000) !== 0) {
    compact >>>= 8;
    size++;
  }
  compact |= size << 24;
  if (negative && (compact & 0x007fffff) !== 0) compact |= 0x00800000;
  return compact >>> 0;
}

/**
 * The target encoded by `bits` (`SetCompact`), throwing a RangeError when it is negative, overflows or is
 * zero: the checks of `DeriveTarget`/`CheckProofOfWorkImpl` (src/pow.cpp) except the powLimit bound.
 */
export function targetFromBits(bits: number): bigint {
  const { target, negative, overflow } = setCompact(bits);
  if (negative || overflow || target === 0n) {
    const hex = `0x${bits.toString(16).padStart(8, '0')}`;
    const reason = negative ? 'negative' : overflow ? 'overflow' : 'zero';
    throw new RangeError(`bits ${hex} do not encode a valid target (${reason})`);
  }
  return target;
}
