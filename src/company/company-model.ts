/**
 * The company as the estimate engine sees it: plain numbers on day numbers, read from a company file
 * (DESIGN.md §5) by the application layer. Units are in the names.
 */
import type { DayNumber } from '../units/calendar-day.ts';

export interface DatedValue {
  day: DayNumber;
  value: number;
}

/** Mining power (MW) that a contracted HPC lease takes over from `day` on. */
export interface MiningDisplacement {
  name: string;
  day: DayNumber;
  mw: number;
}

/** An HPC lease as a daily revenue stream: rent in its first lease year, escalated once a year, ramped in linearly. */
export interface HpcContract {
  name: string;
  startDay: DayNumber;
  /** Day after the last day of the term. */
  endDayExclusive: DayNumber;
  /** Days over which the contracted capacity comes into service, linearly (0: all at the start). */
  rampDays: number;
  firstYearRentUsdPerDay: number;
  escalatorPerYear: number;
  /** Net operating income ÷ revenue: the rest of the revenue is the lease's operating cost. */
  noiMargin: number;
}

export interface CompanyModel {
  ticker: string;
  /** Energized self-mining hashrate at dated points (linear between, flat after the last); unknown before the first. */
  energizedHashrateEhs: readonly DatedValue[];
  /** Fleet efficiency at dated points (linear between, flat outside). */
  efficiencyJPerTh: readonly DatedValue[];
  /** Operating ÷ energized hashrate (downtime, pool luck). */
  realization: number;
  /** Share of time curtailed, on top of realization. */
  curtailment: number;
  poolFee: number;
  powerPriceUsdPerMwh: number;
  powerCreditsUsdPerQuarter: number;
  otherMiningCashCostsUsdPerQuarter: number;
  /** Undefined when the file gives no SG&A: adjusted EBITDA then equals gross profit, with a warning. */
  cashSgaUsdPerQuarter: number | undefined;
  hpcContracts: readonly HpcContract[];
  displacements: readonly MiningDisplacement[];
}
