/**
 * Seeded pseudo-random numbers: xoshiro128** 1.1 (Blackman & Vigna 2018, "Scrambled linear
 * pseudorandom number generators", reference C at prng.di.unimi.it), period 2^128 − 1, seeded from
 * (seed, stream) through splitmix32. All arithmetic is 32-bit (`Math.imul`, `>>>`), so a given
 * (seed, stream) yields the identical sequence on every platform.
 */

/** A source of uniform random numbers. Engines take one as an argument; nothing here reads a global. */
export interface Rng {
  /** Uniform in [0, 1) with 53-bit resolution (two uint32 draws). */
  nextFloat(): number;
  /** Uniform uint32 in [0, 2^32). */
  nextUint32(): number;
}

const TWO_POW_32 = 4_294_967_296;
const TWO_POW_MINUS_53 = 1 / 9_007_199_254_740_992;
const GOLDEN_GAMMA = 0x9e3779b9 | 0;
const SEEDING_ROUNDS = 4;

/** xoshiro128** over four int32 words; one class so `nextFloat`/`nextUint32` call sites stay monomorphic. */
class Xoshiro128StarStar implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
  }

  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    this.s0 = s0 ^ s3;
    this.s1 = s1 ^ s2;
    this.s2 = s2 ^ (s1 << 9);
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  }

  nextFloat(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67_108_864 + low) * TWO_POW_MINUS_53;
  }
}

/**
 * splitmix32 output at Weyl-sequence position `k` for input `x`: the golden-ratio increment of
 * SplitMix (Steele, Lea & Flood 2014) followed by the MurmurHash3 fmix32 finalizer (Appleby), a
 * bijection on 32 bits.
 */
function splitmix32(x: number, k: number): number {
  let z = (x + Math.imul(k, GOLDEN_GAMMA)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}

function checkInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer, got ${String(value)}`);
}

/**
 * A generator for `(seed, stream)`, both safe integers (negative allowed; all 53 bits count).
 * The two are taken as 64-bit two's-complement words (seedLo, seedHi, streamLo, streamHi) and mixed
 * into the 128-bit xoshiro state by four rounds of an unbalanced Feistel network whose round function
 * is splitmix32: each step adds the splitmix32 of one word to the next, so the map is a bijection —
 * distinct (seed, stream) pairs always start from distinct, well-diffused states. Starting points are
 * thus effectively random on the 2^128 − 1 cycle, so streams (e.g. one per Monte Carlo path) do not
 * overlap in practice (a million streams of 2^40 draws overlap with probability below 2^-68).
 */
export function createRng(seed: number, stream = 0): Rng {
  checkInteger('seed', seed);
  checkInteger('stream', stream);
  let x0 = seed | 0;
  let x1 = Math.floor(seed / TWO_POW_32) | 0;
  let x2 = stream | 0;
  let x3 = Math.floor(stream / TWO_POW_32) | 0;
  let k = 0;
  for (let round = 0; round < SEEDING_ROUNDS; round++) {
    x0 = (x0 + splitmix32(x3, ++k)) | 0;
    x1 = (x1 + splitmix32(x0, ++k)) | 0;
    x2 = (x2 + splitmix32(x1, ++k)) | 0;
    x3 = (x3 + splitmix32(x2, ++k)) | 0;
  }
  // The bijection maps exactly one 128-bit input to the all-zero state, which xoshiro forbids.
  if ((x0 | x1 | x2 | x3) === 0) x0 = GOLDEN_GAMMA;
  return new Xoshiro128StarStar(x0, x1, x2, x3);
}

/**
 * A generator started from an explicit xoshiro128** state (four 32-bit words, not all zero), for
 * checking against the reference implementation; models should use `createRng`.
 */
export function rngFromState(s0: number, s1: number, s2: number, s3: number): Rng {
  return new Xoshiro128StarStar(s0, s1, s2, s3);
}
