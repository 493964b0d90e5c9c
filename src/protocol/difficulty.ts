/**
 * Difficulty: how many times harder a target is than the genesis target 0xffff·2^208 (bits 0x1d00ffff),
 * as reported by `GetDifficulty` (src/rpc/blockchain.cpp).
 */
import { assertUint256, bitLength } from './uint256.ts';

/** Target of difficulty 1: `SetCompact(0x1d00ffff)` = 0xffff·2^208. */
const DIFFICULTY_1_TARGET = 0xffffn << 208n;
const DIFFICULTY_1_TARGET_BITS = 224;
/** Quotient bits kept before rounding to a double: well above the 53 of the mantissa, plus a sticky bit. */
const QUOTIENT_BITS = 66;

/**
 * (0xffff·2^208) / target as a correctly rounded double. The quotient is formed in bigint with at least
 * 66 bits and a sticky bit for a non-zero remainder, so the single rounding in `Number()` is exact to
 * half an ulp; `Number(target)` would round the target first and lose that for large targets.
 */
export function difficultyFromTarget(target: bigint): number {
  assertUint256(target, 'target');
  if (target === 0n) throw new RangeError('target must be positive');
  const shift = Math.max(0, bitLength(target) - DIFFICULTY_1_TARGET_BITS + QUOTIENT_BITS);
  const numerator = DIFFICULTY_1_TARGET << BigInt(shift);
  let quotient = numerator / target;
  if (quotient * target !== numerator) quotient |= 1n;
  // Scaling by a power of two is exact here: the result lies in [2^-33, 2^224].
  return Number(quotient) / 2 ** shift;
}

/**
 * `GetDifficulty` (src/rpc/blockchain.cpp) for a block's nBits, transcribed: 0xffff / (nBits & 0x00ffffff),
 * then ×256 or ÷256 until the exponent reaches 29. Like Core it reads the 24-bit mantissa as unsigned
 * (the sign bit is not interpreted) and does not truncate mantissas of exponents below 3. On valid
 * mainnet bits (positive, exponent ≥ 3) the first division is the only rounding and the powers of 256
 * are exact, so the result equals `difficultyFromTarget(targetFromBits(bits))`, correctly rounded.
 * Throws a RangeError for a zero mantissa (Core would return infinity) or a non-uint32.
 */
export function difficultyFromBits(bits: number): number {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) {
    throw new RangeError(`bits must be a uint32, got ${bits}`);
  }
  const mantissa = bits & 0x00ffffff;
  if (mantissa === 0) {
    throw new RangeError(`bits 0x${bits.toString(16).padStart(8, '0')} have a zero mantissa`);
  }
  let shift = (bits >>> 24) & 0xff;
  let difficulty = 0x0000ffff / mantissa;
  while (shift < 29) {
    difficulty *= 256.0;
    shift++;
  }
  while (shift > 29) {
    difficulty /= 256.0;
    shift--;
  }
  return difficulty;
}
