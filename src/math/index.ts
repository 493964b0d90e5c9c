/** Seeded randomness, random variates, sample statistics and interpolation: pure numeric building blocks. */
export { createRng, rngFromState } from './random.ts';
export type { Rng } from './random.ts';
export { beta, exponential, gamma, poisson, standardNormal } from './distributions.ts';
export { mean, quantileSorted, standardError, summarize, summarizeInPlace } from './statistics.ts';
export type { Summary } from './statistics.ts';
export { interpolateLinear } from './interpolation.ts';
export { lerp } from './lerp.ts';
export { logFactorial } from './log-factorial.ts';
export { zigguratNormal } from './ziggurat-normal.ts';
