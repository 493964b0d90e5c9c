/**
 * What a projection starts from and steps through: the chain state at the end of the as-of day, and one value
 * per projected day for hashrate, fees and price (day 0 is the day after as-of). Paths are plain typed arrays, so
 * the stepper never allocates per day; stochastic variation is applied on top of them by the stepper itself.
 */
import type { DayNumber } from '../units/calendar-day.ts';
import type { FleetCostCurve } from './fleet-response.ts';

export interface ChainState {
  asOfDay: DayNumber;
  /** Height of the last block at the end of the as-of day. */
  tipHeight: number;
  /** Current epoch: first height, time of its first block (unix s), bits. */
  epochStartHeight: number;
  epochStartTimeS: number;
  bits: number;
  /** Spot hashprice at the end of the as-of day, USD/PH/day: the reference for the hashprice response. */
  spotHashpriceUsdPerPhDay: number;
}

export interface ProjectionPaths {
  /** Number of projected days. */
  dayCount: number;
  /** Expected network hashrate, EH/s, per day. */
  hashrateEhs: Float64Array;
  /** Fees per block, BTC, per day; NaN on days where `feeShareOfRewards` applies instead. */
  feesPerBlockBtc: Float64Array;
  /** Fees as a share of miner rewards (0.006 = 0.6%), per day; used where feesPerBlockBtc is NaN. */
  feeShareOfRewards: Float64Array;
  /** Expected BTC price, USD, per day. */
  priceUsd: Float64Array;
}

/** Randomness of a Monte Carlo path. Lognormal noise multiplies the expected path with mean one. */
export interface PathVolatility {
  /** Annualized volatility of log hashrate (0.3 = 30%/yr). */
  hashratePerYear: number;
  /** Annualized volatility of log price (GBM). */
  pricePerYear: number;
}

/**
 * Hashrate responding to hashprice with a lag: each day, log hashrate moves by
 * elasticity × ln(hashprice `lagDays` ago / hashprice at as-of) / 365.25 on top of its path.
 * Miners add machines when hashprice has been above its starting level and switch them off when below.
 */
export interface HashpriceResponse {
  elasticity: number;
  lagDays: number;
}

/** The hashprice-responsive network (fleet-response.ts): the fleet's cost curve, installed from the start hashrate. */
export interface FleetModel {
  curve: FleetCostCurve;
  startHashrateEhs: number;
}
