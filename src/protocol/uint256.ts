/**
 * Helpers that give bigint the fixed width of Bitcoin Core's `arith_uint256` (src/arith_uint256.h):
 * values are unsigned and wrap modulo 2^256.
 */

/** 2^256. */
export const UINT256_MODULUS = 1n << 256n;

/** 2^256 − 1, all 256 bits set. */
export const UINT256_MAX = UINT256_MODULUS - 1n;

/** Throws a RangeError unless `value` fits in an unsigned 256-bit integer. */
export function assertUint256(value: bigint, name: string): void {
  if (value < 0n || value > UINT256_MAX) {
    throw new RangeError(`${name} must be in [0, 2^256), got ${value}`);
  }
}

/** `base_uint::bits()`: position of the highest set bit plus one (0 for 0). */
export function bitLength(value: bigint): number {
  if (value === 0n) return 0;
  // Hex digits, then the leading digit's own bits: 4× fewer characters than toString(2) on a hot path.
  const hex = value.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0] as string, 16)));
}
