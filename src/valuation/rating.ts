/**
 * Rating from the upside of the price target over the share price, against thresholds the methodology documents
 * (J.P. Morgan's Overweight / Neutral / Underweight scale; its numeric thresholds are not public, so a preset states
 * its own).
 */
import type { Sourced } from './explain.ts';

export type Rating = 'Overweight' | 'Neutral' | 'Underweight';

export interface RatingThresholds {
  /** Upside (target ÷ price − 1) at or above which the rating is Overweight. */
  overweightFromUpside: Sourced;
  /** Upside at or below which the rating is Underweight. */
  underweightToUpside: Sourced;
}

export function upside(targetUsd: number, sharePriceUsd: number): number {
  return targetUsd / sharePriceUsd - 1;
}

export function rating(upsideFraction: number, thresholds: RatingThresholds): Rating {
  if (upsideFraction >= thresholds.overweightFromUpside.value) return 'Overweight';
  if (upsideFraction <= thresholds.underweightToUpside.value) return 'Underweight';
  return 'Neutral';
}
