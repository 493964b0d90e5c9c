/**
 * Market and network path descriptions and their resolution into one value per projected day. A shape says how a
 * quantity moves from its value at the as-of date: flat, compound growth, linear interpolation through dated points
 * (flat after the last), or as realized in history (for backtests, which replay what happened on purpose).
 */
import { interpolateLinear } from '../math/interpolation.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import type { HashpriceResponse } from './projection-inputs.ts';

export type PathShape =
  | { kind: 'flat' }
  | { kind: 'growth'; ratePerYear: number }
  | { kind: 'points'; points: readonly { day: DayNumber; value: number }[] }
  | { kind: 'realized' };

export interface HashratePathSpec {
  shape: PathShape;
  /** EH/s at the as-of date; default: the curtailment-robust estimate (start-hashrate.ts). */
  startEhs?: number;
  /** Monte Carlo only: annualized volatility of log hashrate. */
  volatilityPerYear?: number;
  response?: HashpriceResponse;
}

export interface PricePathSpec {
  shape: PathShape;
  /** USD at the as-of date; default: that day's price. */
  startUsd?: number;
  /** Monte Carlo only: annualized volatility of log price (GBM). */
  volatilityPerYear?: number;
}

export interface FeePathSpec {
  /** Fees in BTC per block, or as a share of miner rewards (subsidy + fees). */
  unit: 'btc-per-block' | 'share-of-rewards';
  shape: PathShape;
  /** At the as-of date; default: the trailing 28-day mean fee per block. */
  start?: number;
}

export interface MarketPathSpecs {
  hashrate: HashratePathSpec;
  fees: FeePathSpec;
  price: PricePathSpec;
}

const DAYS_PER_YEAR = 365.25;

/**
 * Values for days asOf+1 … asOf+dayCount. `realized` supplies history for the realized shape (index 0 = asOf+1);
 * it must cover every day.
 */
export function resolvePath(
  shape: PathShape,
  startValue: number,
  asOfDay: DayNumber,
  dayCount: number,
  realized?: Float64Array,
): Float64Array {
  const values = new Float64Array(dayCount);
  switch (shape.kind) {
    case 'flat':
      values.fill(startValue);
      break;
    case 'growth': {
      const dailyFactor = Math.pow(1 + shape.ratePerYear, 1 / DAYS_PER_YEAR);
      let value = startValue;
      for (let d = 0; d < dayCount; d++) values[d] = value *= dailyFactor;
      break;
    }
    case 'points': {
      const later = shape.points.filter((point) => point.day > asOfDay);
      const xs = [asOfDay, ...later.map((point) => point.day)];
      const ys = [startValue, ...later.map((point) => point.value)];
      for (let d = 0; d < dayCount; d++) values[d] = interpolateLinear(xs, ys, asOfDay + 1 + d);
      break;
    }
    case 'realized':
      if (!realized || realized.length < dayCount) throw new RangeError('realized path shorter than the projection');
      values.set(realized.subarray(0, dayCount));
      break;
  }
  return values;
}
