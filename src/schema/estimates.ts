/** Input and output schemas of `estimates` (CLI flags and API bodies share them). */
import { asOfField, scenarioField } from './framing-fields.ts';
import { z } from 'zod';
import { finiteNumber, finiteNumberOrNull } from './common.ts';
import { marketPathFlags } from './projection.ts';
import { inputField } from './input-field.ts';

const rangeText = (example: string) =>
  z
    .string()
    .regex(/^[A-Z0-9]+(:[A-Z0-9]+)?$/, `expected a period or a range like ${example}`)
    .transform((text) => {
      const [from, to] = text.split(':') as [string, string | undefined];
      return { from, to: to ?? from };
    });

export const estimatesInputSchema = z
  .object({
    target: z
      .string({ error: 'name a ticker or all: rerate estimates TICKER|all' })
      .transform((t) => t.toUpperCase())
      .meta(inputField({ argument: '<ticker|all>', description: 'a covered ticker (rerate coverage list) or all' })),
    asOf: asOfField,
    quarters: rangeText('2025Q3:2026Q4 (FY26Q1:FY26Q4 with --fiscal)')
      .optional()
      .meta(
        inputField({
          value: '<range>',
          description:
            'quarters, e.g. 2025Q4 or 2025Q3:2026Q4 (FY26Q1:FY26Q4 with --fiscal); ' +
            'default: the last completed quarter and the next five',
        }),
      ),
    years: rangeText('2025:2027 (FY26:FY28 with --fiscal)')
      .optional()
      .meta(
        inputField({
          value: '<range>',
          description: 'years instead of quarters, e.g. 2025:2027 (FY26:FY28 with --fiscal)',
        }),
      ),
    fiscal: z
      .boolean()
      .default(false)
      .meta(inputField({ description: 'fiscal quarters and years of each company (CLSK ends 30 Sep, IREN 30 Jun)' })),
    scenario: scenarioField,
    ...marketPathFlags,
    reported: z
      .string()
      .min(1)
      .optional()
      .meta(
        inputField({
          value: '<file.csv>',
          description:
            'more reported monthly figures (long CSV, docs/company-file.md); ' +
            'they take precedence over the embedded ones',
        }),
      ),
    modelOnly: z
      .boolean()
      .default(false)
      .meta(inputField({ description: 'ignore reported months: the model alone' })),
  })
  .strict()
  .refine((input) => input.quarters === undefined || input.years === undefined, {
    message: 'give --quarters or --years, not both',
    path: ['years'],
  });

export type EstimatesInput = z.output<typeof estimatesInputSchema>;

const money = finiteNumberOrNull;

export const periodEstimateSchema = z.object({
  period: z.string(),
  start: z.string(),
  end: z.string(),
  days: z.number().int(),
  historyDays: z.number().int(),
  projectedDays: z.number().int(),
  actualMonths: z.array(z.string()),
  btcMined: finiteNumberOrNull,
  realizedPriceUsd: finiteNumberOrNull,
  miningRevenueUsd: money,
  hpcRevenueUsd: money,
  totalRevenueUsd: money,
  avgEnergizedEhs: finiteNumberOrNull,
  avgOperatingEhs: finiteNumberOrNull,
  avgDisplacedEhs: finiteNumberOrNull,
  avgNetworkEhs: finiteNumberOrNull,
  networkShare: finiteNumberOrNull,
  powerMwh: finiteNumberOrNull,
  avgPowerMw: finiteNumberOrNull,
  powerCostUsd: money,
  powerCreditsUsd: money,
  netPowerCostUsd: money,
  netPowerUsdPerMwh: finiteNumberOrNull,
  otherMiningCashCostsUsd: money,
  hpcOperatingCostUsd: money,
  cashSgaUsd: money,
  grossProfitUsd: money,
  adjustedEbitdaUsd: money,
  powerCostPerBtcUsd: finiteNumberOrNull,
  cashCostPerBtcUsd: finiteNumberOrNull,
  hashcostUsdPerPhDay: finiteNumberOrNull,
  hashrevenueUsdPerPhDay: finiteNumberOrNull,
});

export type PeriodEstimateResult = z.infer<typeof periodEstimateSchema>;

const inputFigureSchema = z.object({
  path: z.string(),
  value: finiteNumber,
  kind: z.enum(['sourced', 'assumption', 'unlabelled']),
  note: z.string(),
  asOf: z.string().optional(),
});

export const companyEstimatesSchema = z.object({
  ticker: z.string(),
  name: z.string(),
  file: z.string(),
  fileAsOf: z.string(),
  fiscalYearEnd: z.string(),
  periods: z.array(periodEstimateSchema),
  /** Reported months that replaced modeled ones, with their sources. */
  actuals: z.array(z.object({ month: z.string(), btcProduced: finiteNumber, source: z.string(), file: z.string() })),
  /** The company-file figures the estimate used, each sourced or an assumption. */
  inputs: z.array(inputFigureSchema),
  /** Realization after the as-of date, walk-forward from the reported months listed (none: the file's). */
  realization: z.object({ value: finiteNumber, fromMonths: z.array(z.string()) }),
  /** Each quarter whose three months were reported by the as-of date: modeled (walk-forward) vs reported. */
  reconciliation: z.array(
    z.object({
      quarter: z.string(),
      modeledBtc: finiteNumber,
      reportedBtc: finiteNumber,
      differencePct: finiteNumber,
      modeledRealization: finiteNumber,
      impliedRealization: finiteNumber,
      why: z.string(),
    }),
  ),
  /** Modeled unit costs over the period of each reported figure, beside it. */
  costChecks: z.array(
    z.object({
      metric: z.string(),
      from: z.string(),
      to: z.string(),
      modeledUsd: finiteNumberOrNull,
      reportedUsd: finiteNumber,
      source: z.string(),
    }),
  ),
});

export const estimatesSchema = z.object({
  asOf: z.string(),
  interval: z.enum(['quarter', 'year']),
  fiscal: z.boolean(),
  scenario: z.object({ name: z.string(), file: z.string() }),
  companies: z.array(companyEstimatesSchema),
  /** The network projection's inputs (after the as-of date), each with its source. */
  networkAssumptions: z.array(
    z.object({ input: z.string(), value: z.union([finiteNumber, z.string()]), unit: z.string(), source: z.string() }),
  ),
  definitions: z.record(z.string(), z.string()),
});

export type EstimatesResult = z.infer<typeof estimatesSchema>;
export type CompanyEstimatesResult = z.infer<typeof companyEstimatesSchema>;
