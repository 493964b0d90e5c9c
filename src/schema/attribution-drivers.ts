/**
 * The drivers a revision is attributed to, in the order sequential substitution swaps them (docs/runs.md), with their
 * labels.
 */

export const ATTRIBUTION_DRIVERS = [
  'timing',
  'btc-price',
  'network',
  'fees',
  'operations',
  'hpc-and-power',
  'balance-sheet',
  'methodology',
] as const;
export type AttributionDriver = (typeof ATTRIBUTION_DRIVERS)[number];

export const DRIVER_LABELS: Record<AttributionDriver, string> = {
  timing: 'As-of date and periods',
  'btc-price': 'BTC price path',
  network: 'Network hashrate/difficulty',
  fees: 'Fees',
  operations: 'Company operations',
  'hpc-and-power': 'HPC and power',
  'balance-sheet': 'Balance sheet and shares',
  methodology: 'Methodology',
};
