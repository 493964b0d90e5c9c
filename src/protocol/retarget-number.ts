/**
 * `CalculateNextWorkRequired` (src/pow.cpp) for the common case, in exact float64 integer arithmetic instead of
 * 256-bit bigints: no allocation, for Monte Carlo loops that retarget millions of times. The result equals
 * `calculateNextWorkRequired` bit for bit (property-tested over random bits and timespans and every mainnet epoch);
 * inputs outside the fast path's preconditions fall back to it.
 *
 * Why it is exact: with bits = (e, m), the old target is m·2^s with s = 8(e − 3), and the new one is
 * V(s) = ⌊m·t·2^s / T⌋ (t the clamped timespan). Since ⌊⌊x⌋ / 2^k⌋ = ⌊x / 2^k⌋, the bit length of
 * V(s) is bitLength(V(0)) + s, and the 24 bits `GetCompact` keeps are V(s − 8(size − 3)) — small quotients of
 * integers below 2^53, computed with an exact remainder correction.
 */
import { POW_TARGET_TIMESPAN_S } from './consensus-params.ts';
import { calculateNextWorkRequired, type RetargetClamp } from './retarget.ts';

const T = POW_TARGET_TIMESPAN_S;
const MIN_TIMESPAN_S = T / 4;
const MAX_TIMESPAN_S = T * 4;
/** powLimit = 2^224 − 1 encodes as 0x1d00ffff; a target of 225 bits or more is above it. */
const POW_LIMIT_BITS = 0x1d00ffff;
const POW_LIMIT_BIT_LENGTH = 224;

export interface NumberRetarget {
  bits: number;
  clamp: RetargetClamp;
}

export function nextWorkRequiredBits(
  lastBits: number,
  firstBlockTimeS: number,
  lastBlockTimeS: number,
): NumberRetarget {
  const actual = lastBlockTimeS - firstBlockTimeS;
  const exponent = lastBits >>> 24;
  const mantissa = lastBits & 0x007fffff;
  // Fast path: whole-second times, a normalized positive mantissa (as GetCompact writes) and a target ≥ 2^16.
  if (
    !Number.isSafeInteger(actual) ||
    exponent < 3 ||
    exponent > 32 ||
    mantissa < 0x008000 ||
    (lastBits & 0x00800000) !== 0
  ) {
    const exact = calculateNextWorkRequired({ lastBits, firstBlockTimeS, lastBlockTimeS });
    return { bits: exact.bits, clamp: exact.clamp };
  }
  let clamp: RetargetClamp = 'none';
  let timespan = actual;
  if (actual < MIN_TIMESPAN_S) {
    timespan = MIN_TIMESPAN_S;
    clamp = 'lower';
  } else if (actual > MAX_TIMESPAN_S) {
    timespan = MAX_TIMESPAN_S;
    clamp = 'upper';
  }
  const product = mantissa * timespan; // < 2^23 · 2^23: exact
  const shift = 8 * (exponent - 3);
  const bitLength = bitLengthOf(scaledQuotient(product, 0)) + shift;
  if (bitLength > POW_LIMIT_BIT_LENGTH) return { bits: POW_LIMIT_BITS, clamp };
  let size = Math.ceil(bitLength / 8);
  if (size < 3) {
    const exact = calculateNextWorkRequired({ lastBits, firstBlockTimeS, lastBlockTimeS });
    return { bits: exact.bits, clamp: exact.clamp };
  }
  let compact = scaledQuotient(product, shift - 8 * (size - 3));
  // GetCompact: a set sign bit would read as negative, so move one byte out of the mantissa.
  if ((compact & 0x00800000) !== 0) {
    compact = Math.floor(compact / 256);
    size++;
  }
  return { bits: ((size << 24) | compact) >>> 0, clamp };
}

/** ⌊p·2^d / T⌋ for an integer p < 2^47 and −32 ≤ d ≤ 32, exactly. */
function scaledQuotient(p: number, d: number): number {
  if (d < 0) return floorDivide(p, T * 2 ** -d);
  const whole = floorDivide(p, T);
  const remainder = p - whole * T;
  return whole * 2 ** d + floorDivide(remainder * 2 ** d, T);
}

/** ⌊a / b⌋ for integers 0 ≤ a, b < 2^53, corrected for the rounding of the float division. */
function floorDivide(a: number, b: number): number {
  let quotient = Math.floor(a / b);
  let remainder = a - quotient * b;
  while (remainder < 0) {
    quotient--;
    remainder += b;
  }
  while (remainder >= b) {
    quotient++;
    remainder -= b;
  }
  return quotient;
}

/** Bit length of a non-negative integer below 2^53. */
function bitLengthOf(value: number): number {
  const high = Math.floor(value / 2 ** 32);
  return high > 0 ? 64 - Math.clz32(high) : 32 - Math.clz32(value);
}
