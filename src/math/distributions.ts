/**
 * Random variates from a seeded `Rng`. Each function draws only what it needs from `rng` and allocates
 * nothing; the only module state is `poisson`'s memo of constants for the last mean, which changes
 * speed, never results, so a given generator state always yields the same variate.
 */
import type { Rng } from './random.ts';
import { logFactorial } from './log-factorial.ts';

/** Standard normal N(0, 1) by the Marsaglia polar method (Marsaglia & Bray 1964); the second variate is discarded. */
export function standardNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.nextFloat() - 1;
    const v = 2 * rng.nextFloat() - 1;
    const s = u * u + v * v;
    if (s < 1 && s > 0) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** Exponential with the given `rate` (mean 1/rate) by inversion: −ln(1 − U)/rate. */
export function exponential(rng: Rng, rate: number): number {
  if (!(rate > 0 && rate < Infinity))
    throw new RangeError(`exponential rate must be finite and > 0, got ${String(rate)}`);
  return -Math.log(1 - rng.nextFloat()) / rate;
}

/** Below this mean Poisson variates come from inversion, at and above it from PTRS. */
const POISSON_PTRS_MIN_MEAN = 10;
/** Inversion stops here: for mean < 10, P(X > 200) < 1e-150, far below float resolution. */
const POISSON_INVERSION_MAX_K = 200;

// Constants for the most recent mean (engines draw many variates with one mean). Kept in a typed
// array: storing doubles there allocates nothing, unlike module-level `let` bindings.
const INVERSION_MEAN = 0;
const INVERSION_EXP_NEG_MEAN = 1;
const PTRS_MEAN = 2;
const PTRS_A = 3;
const PTRS_B = 4;
const PTRS_INV_ALPHA = 5;
const PTRS_VR = 6;
const PTRS_LOG_MEAN = 7; // NaN until the rare exact-acceptance step needs it
const poissonCache = new Float64Array(8).fill(Number.NaN);

function setPtrsMean(mean: number): void {
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  poissonCache[PTRS_MEAN] = mean;
  poissonCache[PTRS_A] = -0.059 + 0.02483 * b;
  poissonCache[PTRS_B] = b;
  poissonCache[PTRS_INV_ALPHA] = 1.1239 + 1.1328 / (b - 3.4);
  poissonCache[PTRS_VR] = 0.9277 - 3.6224 / (b - 2);
  poissonCache[PTRS_LOG_MEAN] = Number.NaN;
}

/**
 * Poisson with the given `mean` (finite, ≥ 0), exactly: sequential-search inversion of the CDF for
 * mean < 10 (one uniform), and for mean ≥ 10 PTRS, the transformed rejection method with squeeze of
 * Hörmann (1993, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12), about 1.2 uniform pairs per variate whatever the mean.
 */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean >= 0 && mean < Infinity)) {
    throw new RangeError(`poisson mean must be finite and ≥ 0, got ${String(mean)}`);
  }
  if (mean >= POISSON_PTRS_MIN_MEAN) return poissonPtrs(rng, mean);
  if (mean === 0) return 0;
  if (mean !== poissonCache[INVERSION_MEAN]) {
    poissonCache[INVERSION_MEAN] = mean;
    poissonCache[INVERSION_EXP_NEG_MEAN] = Math.exp(-mean);
  }
  const u = rng.nextFloat();
  let p = poissonCache[INVERSION_EXP_NEG_MEAN] as number;
  let cdf = p;
  let k = 0;
  while (u >= cdf && k < POISSON_INVERSION_MAX_K) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

function poissonPtrs(rng: Rng, mean: number): number {
  if (mean !== poissonCache[PTRS_MEAN]) setPtrsMean(mean);
  const a = poissonCache[PTRS_A] as number;
  const b = poissonCache[PTRS_B] as number;
  const vr = poissonCache[PTRS_VR] as number;
  for (;;) {
    const u = rng.nextFloat() - 0.5;
    const v = rng.nextFloat();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    // Hörmann's test log(v·α⁻¹/(a/us² + b)) ≤ −μ + k·log μ − log k!. Here us > 0 (us = 0 means
    // u = −0.5, so k = −∞, rejected above), and v = 0 gives log 0 = −∞, which accepts.
    let logMean = poissonCache[PTRS_LOG_MEAN] as number;
    if (Number.isNaN(logMean)) logMean = poissonCache[PTRS_LOG_MEAN] = Math.log(mean);
    const invAlpha = poissonCache[PTRS_INV_ALPHA] as number;
    if (Math.log((v * invAlpha) / (a / (us * us) + b)) <= -mean + k * logMean - logFactorial(k)) return k;
  }
}

/**
 * Gamma with the given `shape` (> 0, finite) and scale 1 by Marsaglia & Tsang (2000, "A simple method
 * for generating gamma variables", ACM TOMS 26(3)); for shape < 1, G(shape + 1)·U^(1/shape).
 */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0 && shape < Infinity))
    throw new RangeError(`gamma shape must be finite and > 0, got ${String(shape)}`);
  if (shape < 1) return marsagliaTsang(rng, shape + 1) * Math.pow(rng.nextFloat(), 1 / shape);
  return marsagliaTsang(rng, shape);
}

function marsagliaTsang(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.nextFloat();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Beta(a, b) (both > 0, finite) as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b). When both shapes are
 * at most 1 it uses Jöhnk's algorithm (Jöhnk 1964) instead, in log space if X + Y underflows, since
 * both gammas can then underflow to 0 together.
 */
export function beta(rng: Rng, a: number, b: number): number {
  if (!(a > 0 && a < Infinity && b > 0 && b < Infinity)) {
    throw new RangeError(`beta shapes must be finite and > 0, got ${String(a)}, ${String(b)}`);
  }
  if (a <= 1 && b <= 1) return johnk(rng, a, b);
  const x = gamma(rng, a);
  return x / (x + gamma(rng, b));
}

function johnk(rng: Rng, a: number, b: number): number {
  for (;;) {
    const u = rng.nextFloat();
    const v = rng.nextFloat();
    const x = Math.pow(u, 1 / a);
    const y = Math.pow(v, 1 / b);
    const sum = x + y;
    if (sum > 1 || (u === 0 && v === 0)) continue;
    if (sum > 0) return x / sum;
    const logX = Math.log(u) / a;
    const logY = Math.log(v) / b;
    return 1 / (1 + Math.exp(logY - logX));
  }
}
