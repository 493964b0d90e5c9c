/** Input and output schemas of `cost-curve` (the sector cost curve; issue 21). CLI flags and API bodies share them. */
import { z } from 'zod';
import { finiteNumber, finiteNumberOrNull } from './common.ts';
import { asOfField, scenarioField } from './framing-fields.ts';
import { inputField } from './input-field.ts';

/** At most three years of quarters after the last reported one. */
export const MAX_CURVE_QUARTERS = 12;

export const costCurveInputSchema = z
  .object({
    asOf: asOfField,
    scenario: scenarioField,
    quarters: z
      .number({ error: 'expected a whole number of quarters' })
      .int('expected a whole number of quarters')
      .min(0, 'expected 0 or more quarters')
      .max(MAX_CURVE_QUARTERS, `at most ${MAX_CURVE_QUARTERS} quarters`)
      .default(4)
      .meta(inputField({ value: '<n>', description: 'model quarters after the last reported one (default 4)' })),
  })
  .strict();

export type CostCurveInput = z.output<typeof costCurveInputSchema>;

/** Where a cost comes from: the company's reported figure for the quarter, or the model's estimate. */
export const costBasisSchema = z.enum(['reported', 'modeled']);
export type CostBasis = z.infer<typeof costBasisSchema>;

const unitCost = z.object({ usd: finiteNumberOrNull, basis: costBasisSchema });

export const curveCompanySchema = z.object({
  ticker: z.string(),
  /** 1 = the lowest cash cost per BTC. */
  rank: z.number().int(),
  /** Weighted percentile rank, 0–100 (mid-point of the company's hashrate share). */
  percentile: finiteNumber,
  /** The company's share of the universe's average operating hashrate. */
  share: finiteNumber,
  cumulativeShareBefore: finiteNumber,
  cumulativeShare: finiteNumber,
  avgOperatingEhs: finiteNumber,
  btcMined: finiteNumber,
  /** Power net of credits + hosting + site opex + other mining cash costs, per BTC mined. */
  cashCostPerBtc: unitCost,
  /** The same plus cash SG&A, per BTC mined. */
  cashCostWithSgaPerBtc: unitCost,
  /** Cash cost per PH/s of average operating hashrate per day. */
  cashCostPerPhDay: unitCost,
  cashCostWithSgaPerPhDay: unitCost,
  /** Realized price minus cash cost per BTC: the margin per BTC at the quarter's prices. */
  marginPerBtcUsd: finiteNumberOrNull,
  /** Reported monthly production in place of modeled months. */
  actualMonths: z.array(z.string()),
  /** The reported figures used, with their citations. */
  sources: z.array(z.string()),
});

export const curveQuarterSchema = z.object({
  period: z.string(),
  start: z.string(),
  end: z.string(),
  /** `last-reported`: the last quarter public by the as-of date; `model`: a quarter after it. */
  kind: z.enum(['last-reported', 'model']),
  historyDays: z.number().int(),
  projectedDays: z.number().int(),
  /** The reference lines: the quarter's mean daily BTC price and network hashprice (before pool fees). */
  btcPriceUsd: finiteNumber,
  hashpriceUsdPerPhDay: finiteNumber,
  /** Hashrate-weighted mean of the companies' cash cost per BTC and per PH/s-day. */
  weightedCashCostPerBtcUsd: finiteNumberOrNull,
  weightedCashCostPerPhDayUsd: finiteNumberOrNull,
  totalOperatingEhs: finiteNumber,
  companies: z.array(curveCompanySchema),
  /** Companies not on the curve this quarter, and why. */
  apart: z.array(z.object({ ticker: z.string(), reason: z.string() })),
});

export const costCurveSchema = z.object({
  asOf: z.string(),
  scenario: z.object({ name: z.string(), file: z.string() }),
  lastReportedQuarter: z.string(),
  quarters: z.array(curveQuarterSchema),
  definitions: z.record(z.string(), z.string()),
});

export type CostCurveResult = z.infer<typeof costCurveSchema>;
export type CurveQuarter = z.infer<typeof curveQuarterSchema>;
export type CurveCompany = z.infer<typeof curveCompanySchema>;
