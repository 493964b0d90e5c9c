/**
 * The hashrate a projection starts from, robust to a curtailment week. Curtailment (a winter storm, an ERCOT heat
 * wave, a grid emergency) only ever takes hashrate off the network for days, so a trailing 7-day mean taken in such a
 * week understates the fleet that comes back the week after. The estimator: the mean of the two highest of the four
 * trailing weekly means (28 days of daily estimates from blocks and difficulty). Dropping the two lowest weeks drops a
 * curtailment week; averaging two weeks rather than taking the single highest halves the upward bias of block luck.
 *
 * Measured on every start day of 2024–2025 against the mean of the 30 days that followed (docs/methodology.md,
 * "Start hashrate"; test/start-hashrate-history.test.ts): mean absolute error 3.2% (7-day mean: 3.8%), bias −0.3%
 * (−1.7%), worst 9.4% (16.5%, the 2024-01-20 winter-storm week).
 */
export const START_HASHRATE_WEEKS = 4;
const DAYS_PER_WEEK = 7;

/**
 * EH/s at the end of day `end` from the trailing 7-day estimates `hashrate7dEhs` (index = day): the mean of the
 * two highest of the weekly means ending on days end, end − 7, end − 14 and end − 21. Near the
 * start of the series only the weeks that begin within it count.
 */
export function robustStartHashrateEhs(hashrate7dEhs: Float64Array, end: number): number {
  let best = -Infinity;
  let second = -Infinity;
  for (let w = 0; w < START_HASHRATE_WEEKS; w++) {
    const day = end - w * DAYS_PER_WEEK;
    if (day < 0 || (w > 0 && day < DAYS_PER_WEEK - 1)) break;
    const weekly = hashrate7dEhs[day] as number;
    if (!Number.isFinite(weekly)) continue;
    if (weekly > best) {
      second = best;
      best = weekly;
    } else if (weekly > second) second = weekly;
  }
  if (best === -Infinity) return NaN;
  return second === -Infinity ? best : (best + second) / 2;
}
