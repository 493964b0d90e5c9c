/**
 * HPC pipeline not yet under contract: deal probability × build probability (by the stage of the project's site) ×
 * critical-IT MW × equity USD per MW (colocation or GPU cloud) × ownership, discounted from the project's expected
 * start to the valuation day at the methodology's rate — the published J.P. Morgan layer (reference/methods-sell-
 * side.md §2: 50% deal probability, $8–17M per critical-IT MW for colocation, up to $19M for cloud, Nov 2025) with
 * the time value and stage risk a desk adds (issue 18). The equity $/MW is a value at the start of the lease.
 */
import { DAYS_PER_YEAR } from '../company/hpc-revenue.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import { input, type Explain, type Sourced } from './explain.ts';
import type { HpcKind } from './hpc-lease-value.ts';

export interface PipelineAsset {
  name: string;
  kind: HpcKind;
  criticalItMw: Sourced;
  probability: Sourced;
  ownership: Sourced;
  expectedStartDay: DayNumber;
  /** Probability that the project gets built, by the stage of its site. */
  buildProbability: Sourced;
}

export interface PipelineValue {
  name: string;
  kind: HpcKind;
  criticalItMw: number;
  probability: number;
  buildProbability: number;
  /** Years from the valuation day to the expected start (0 when already due). */
  yearsToStart: number;
  discountFactor: number;
  valueUsd: number;
  explain: Explain;
}

export function pipelineValue(
  item: PipelineAsset,
  equityUsdPerItMw: Sourced,
  discountRatePerYear: Sourced,
  valuationDay: DayNumber,
): PipelineValue {
  const yearsToStart = Math.max(0, (item.expectedStartDay - valuationDay) / DAYS_PER_YEAR);
  const discountFactor = (1 + discountRatePerYear.value) ** -yearsToStart;
  const atStartUsd =
    item.probability.value *
    item.buildProbability.value *
    item.criticalItMw.value *
    equityUsdPerItMw.value *
    item.ownership.value;
  return {
    name: item.name,
    kind: item.kind,
    criticalItMw: item.criticalItMw.value,
    probability: item.probability.value,
    buildProbability: item.buildProbability.value,
    yearsToStart,
    discountFactor,
    valueUsd: atStartUsd * discountFactor,
    explain: {
      formula:
        'deal probability × build probability × critical-IT MW × equity USD per MW × ownership ÷ (1 + r)^t, ' +
        `t = ${yearsToStart.toFixed(2)} years to the expected start`,
      inputs: [
        input('deal probability', item.probability, 'fraction'),
        input('build probability (site stage)', item.buildProbability, 'fraction'),
        input('critical-IT MW', item.criticalItMw, 'MW'),
        input(`equity per critical-IT MW (${item.kind})`, equityUsdPerItMw, 'USD/MW'),
        input('ownership', item.ownership, 'fraction'),
        input('discount rate r', discountRatePerYear, 'per year'),
      ],
    },
  };
}
