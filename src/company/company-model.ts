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

/** Hashrate held through a joint venture or equity-method investee: the company's attributable share. */
export interface JointVentureCapacity {
  name: string;
  /** Attributable operating hashrate at dated points (linear between, flat after the last, zero before the first). */
  hashrateEhs: readonly DatedValue[];
  /** Whether the fleet's hashrate points include this share (then the company's own fleet is the rest). */
  includedInFleet: boolean;
}

export interface CompanyModel {
  ticker: string;
  /** Energized self-mining hashrate at dated points (linear between, flat after the last); unknown before the first. */
  energizedHashrateEhs: readonly DatedValue[];
  /** Fleet efficiency at dated points (linear between, flat outside). */
  efficiencyJPerTh: readonly DatedValue[];
  /** Operating ÷ energized hashrate (downtime, pool luck). */
  realization: number;
  /**
   * Realization estimated walk-forward (src/company/walk-forward-realization.ts): from each step's day on, in place
   * of `realization`. Empty: the file's realization throughout.
   */
  realizationSteps: readonly DatedValue[];
  /** Capacity held through joint ventures: counted in reported production, not in revenue or power cost. */
  jointVentures: readonly JointVentureCapacity[];
  /** Share of time curtailed, on top of realization. */
  curtailment: number;
  poolFee: number;
  powerPriceUsdPerMwh: number;
  /** Share of the fleet's power drawn at third-party hosting sites (they pay the hosting fee, not the power price). */
  hostedShare: number;
  /** All-in hosting fee (power included), USD per MWh drawn at hosting sites. */
  hostingFeeUsdPerMwh: number;
  /** Site operating costs other than power at owned sites (staff, repairs, security), USD per MWh drawn there. */
  siteOpexUsdPerMwh: number;
  powerCreditsUsdPerQuarter: number;
  /** Fleet refresh (sustaining) capex, USD per quarter: valued over the mining horizon, not in EBITDA. */
  refreshCapexUsdPerQuarter: number;
  otherMiningCashCostsUsdPerQuarter: number;
  /** Undefined when the file gives no SG&A: adjusted EBITDA then equals gross profit, with a warning. */
  cashSgaUsdPerQuarter: number | undefined;
  hpcContracts: readonly HpcContract[];
  displacements: readonly MiningDisplacement[];
}
