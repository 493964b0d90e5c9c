/**
 * The comps multiples of one company (issue 21; docs/methodology.md "Comps"): EV per EH/s installed and realized,
 * EV per MW by stage, price-to-hash and the multiples of earnings, each null when its denominator is not positive
 * (a multiple of nothing or of a loss says nothing), and the quartiles of each column across the coverage.
 */
import { quantileSorted } from '../math/statistics.ts';

export interface CompsDenominators {
  enterpriseValueUsd: number;
  /** Energized EH/s on the as-of day. */
  installedEhs: number;
  /** EH/s implied by the trailing period's BTC mined (null when the period is not known). */
  realizedEhs: number | null;
  /** Ownership-weighted gross MW by stage on the as-of day. */
  mw: { operating: number; underConstruction: number; approved: number };
  /** The valuation's HPC parts (contracted leases + pipeline), USD at the as-of day. */
  hpcValueUsd: number;
  /** Adjusted EBITDA of the next four quarters, USD. */
  nextFourQuartersEbitdaUsd: number | null;
  /** Undiscounted mining gross profit over the mining horizon (revenue − mining cash costs), USD. */
  blockRewardGrossProfitUsd: number;
}

export interface CompsMultiples {
  evPerInstalledEhsUsd: number | null;
  evPerRealizedEhsUsd: number | null;
  evPerMwUsd: { operating: number | null; underConstruction: number | null; approved: number | null };
  /** EV less the HPC parts: the EV the market attributes to mining (BTC held is already out of EV). */
  miningEnterpriseValueUsd: number;
  /** Mining EV ÷ installed EH/s. */
  priceToHashUsdPerEhs: number | null;
  evToNextFourQuartersEbitda: number | null;
  /** Mining EV ÷ the horizon's block-reward gross profit. */
  miningEvToBlockRewardGrossProfit: number | null;
}

/** `numerator ÷ denominator`, or null when the denominator is missing, not positive or the result not finite. */
export function multipleOf(numerator: number, denominator: number | null): number | null {
  if (denominator === null || !(denominator > 0)) return null;
  const value = numerator / denominator;
  return Number.isFinite(value) ? value : null;
}

export function compsMultiples(d: CompsDenominators): CompsMultiples {
  const ev = d.enterpriseValueUsd;
  const miningEnterpriseValueUsd = ev - d.hpcValueUsd;
  return {
    evPerInstalledEhsUsd: multipleOf(ev, d.installedEhs),
    evPerRealizedEhsUsd: multipleOf(ev, d.realizedEhs),
    evPerMwUsd: {
      operating: multipleOf(ev, d.mw.operating),
      underConstruction: multipleOf(ev, d.mw.underConstruction),
      approved: multipleOf(ev, d.mw.approved),
    },
    miningEnterpriseValueUsd,
    priceToHashUsdPerEhs: multipleOf(miningEnterpriseValueUsd, d.installedEhs),
    evToNextFourQuartersEbitda: multipleOf(ev, d.nextFourQuartersEbitdaUsd),
    miningEvToBlockRewardGrossProfit: multipleOf(miningEnterpriseValueUsd, d.blockRewardGrossProfitUsd),
  };
}

/**
 * EH/s implied by production: BTC mined over the days ÷ the BTC one EH/s earned over them after the pool fee, i.e.
 * the company's share of the network's rewards × the network's hashrate (TheMinerMag's "realized hashrate"). Null
 * when a day is unknown (NaN: before the company's first hashrate figure) or nothing could be earned.
 */
export function realizedHashrateEhs(
  btcMined: ArrayLike<number>,
  btcPerEhDay: ArrayLike<number>,
  poolFee: number,
  fromIndex: number,
  toIndexExclusive: number,
): number | null {
  let mined = 0;
  let perEh = 0;
  for (let i = fromIndex; i < toIndexExclusive; i++) {
    mined += btcMined[i] as number;
    perEh += (btcPerEhDay[i] as number) * (1 - poolFee);
  }
  return Number.isFinite(mined) && perEh > 0 ? mined / perEh : null;
}

/** The quartiles of one column: median and the 25th and 75th percentiles of its non-null values. */
export interface ColumnQuartiles {
  /** How many companies have a value in the column. */
  n: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
}

/**
 * Quartiles by linear interpolation between order statistics (Hyndman & Fan 1996 type 7, the default of R, NumPy
 * and Excel's QUARTILE.INC): the median of an even count is the mean of the middle two. Nulls are left out.
 */
export function columnQuartiles(values: readonly (number | null)[]): ColumnQuartiles {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, q1: null, median: null, q3: null };
  return {
    n: sorted.length,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
  };
}
