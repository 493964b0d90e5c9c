/** Input and output schemas of the network commands (CLI flags and API bodies share them). */
import { asOfField } from './framing-fields.ts';
import { z } from 'zod';
import { HISTORY_INTERVALS } from '../network/history-aggregation.ts';
import { finiteNumber, finiteNumberOrNull, isoDateSchema } from './common.ts';
import { inputField } from './input-field.ts';

/** Representative efficiencies of Hashrate Index's fleet tiers (<19, 19–25, 25–38 J/TH; reference/formulas.md §4.1). */
export const DEFAULT_EFFICIENCIES_J_PER_TH = [17, 22, 32];

export const networkStatusInputSchema = z
  .object({
    /** The day whose end the status describes; default: the last day of the data. */
    asOf: asOfField,
    /** Fleet efficiencies at which to show revenue per MWh (and hashcost), J/TH. */
    efficiencyJPerTh: z
      .array(
        z
          .number({ error: 'expected a number of J/TH' })
          .positive('must be above 0 J/TH')
          .max(1000, 'must be at most 1000 J/TH'),
      )
      .min(1)
      .max(12, 'at most 12 efficiencies')
      .default(DEFAULT_EFFICIENCIES_J_PER_TH)
      .meta(
        inputField({
          flag: '--efficiency',
          value: '<J/TH,...>',
          description:
            'fleet efficiencies for revenue per MWh and hashcost (default: 17,22,32, the Hashrate Index tiers)',
        }),
      ),
    /** All-in power price for hashcost and hash spread, USD/MWh. */
    powerPriceUsdPerMwh: z
      .number({ error: 'expected a number of USD/MWh' })
      .nonnegative('must be at least 0 USD/MWh')
      .max(10_000, 'must be at most 10,000 USD/MWh')
      .optional()
      .meta(
        inputField({
          flag: '--power-price',
          value: '<USD/MWh>',
          description: 'all-in power price, for hashcost and hash spread',
        }),
      ),
  })
  .strict();

export const networkHistoryInputSchema = z
  .object({
    from: isoDateSchema.meta(inputField({ value: '<date>', description: 'first UTC day (YYYY-MM-DD)' })),
    to: isoDateSchema.meta(inputField({ value: '<date>', description: 'last UTC day, inclusive (YYYY-MM-DD)' })),
    interval: z
      .enum(HISTORY_INTERVALS)
      .default('day')
      .meta(inputField({ value: '<interval>', description: 'aggregation period' })),
  })
  .strict();

const isoDateTime = z.string();

export const dataSourceSchema = z.object({ id: z.string(), description: z.string(), licence: z.string() });

export const networkStatusSchema = z.object({
  asOf: isoDateSchema,
  tipHeight: z.number().int(),
  blocksInDay: z.number().int(),
  epoch: z.object({
    index: z.number().int(),
    startHeight: z.number().int(),
    startTime: isoDateTime,
    startTimeEstimated: z.boolean(),
    bits: z.string(),
    difficulty: finiteNumber,
    blocksMined: z.number().int(),
    blocksRemaining: z.number().int(),
    progressPct: finiteNumber,
  }),
  retargetEstimate: z.object({
    method: z.string(),
    basis: z.enum(['observed-and-hashrate', 'hashrate-only']),
    height: z.number().int(),
    estimatedTime: isoDateTime,
    observedIntervals: z.number().int(),
    meanObservedIntervalS: finiteNumberOrNull,
    projectedIntervalS: finiteNumber,
    bits: z.string(),
    difficulty: finiteNumber,
    changePct: finiteNumber,
    clamp: z.enum(['none', 'lower', 'upper']),
  }),
  halving: z.object({
    nextHeight: z.number().int(),
    blocksRemaining: z.number().int(),
    subsidyNowBtc: finiteNumber,
    subsidyAfterBtc: finiteNumber,
    method: z.string(),
    meanBlockInterval30dS: finiteNumber,
    estimatedTime: isoDateTime,
  }),
  hashrate7dEhs: finiteNumber,
  hashrate30dEhs: finiteNumber,
  difficultyOfDay: finiteNumber,
  fees: z.object({
    btc: finiteNumber,
    perBlockBtc: finiteNumber,
    sharePct: finiteNumber,
    share7dPct: finiteNumber,
    imputed: z.boolean(),
  }),
  priceUsd: finiteNumberOrNull,
  /** Spot at the end of the day: the next block's difficulty and subsidy, the day's fees per block and price. */
  spotDifficulty: finiteNumber,
  spotSubsidyBtc: finiteNumber,
  hashvalueBtcPerPhDay: finiteNumber,
  hashpriceUsdPerPhDay: finiteNumberOrNull,
  networkBtcPerEhDay: finiteNumber,
  /** Realized over the day's blocks (their mean difficulty and subsidy). */
  realizedDay: z.object({ hashvalueBtcPerPhDay: finiteNumber, hashpriceUsdPerPhDay: finiteNumberOrNull }),
  unitEconomics: z.object({
    powerPriceUsdPerMwh: finiteNumberOrNull,
    rows: z.array(
      z.object({
        efficiencyJPerTh: finiteNumber,
        /** Mining revenue per MWh consumed at this efficiency; null without a price. */
        revenueUsdPerMwh: finiteNumberOrNull,
        /** Power cost of 1 PH/s for a day; null without a power price. */
        hashcostUsdPerPhDay: finiteNumberOrNull,
        /** Revenue per MWh less the power price (BitOoda's hash spread); null without both. */
        hashSpreadUsdPerMwh: finiteNumberOrNull,
      }),
    ),
  }),
  dataSource: dataSourceSchema,
});

export const historyRowSchema = z.object({
  period: z.string(),
  from: isoDateSchema,
  to: isoDateSchema,
  days: z.number().int(),
  complete: z.boolean(),
  firstHeight: z.number().int().nullable(),
  lastHeight: z.number().int(),
  blocks: z.number().int(),
  issuanceBtc: finiteNumber,
  feesBtc: finiteNumberOrNull,
  feesImputedDays: z.number().int(),
  feeSharePct: finiteNumberOrNull,
  difficultyMean: finiteNumberOrNull,
  hashrateEhs: finiteNumber,
  priceUsdMean: finiteNumberOrNull,
  priceDays: z.number().int(),
  hashvalueBtcPerPhDay: finiteNumberOrNull,
  hashpriceUsdPerPhDay: finiteNumberOrNull,
  networkBtcPerEhDay: finiteNumberOrNull,
  epoch: z.object({ index: z.number().int(), bits: z.string(), difficulty: finiteNumber }).optional(),
});

export const networkHistorySchema = z.object({
  dataSources: z.array(dataSourceSchema),
  from: isoDateSchema,
  to: isoDateSchema,
  interval: z.enum(HISTORY_INTERVALS),
  rows: z.array(historyRowSchema),
});

export type NetworkStatusInput = z.input<typeof networkStatusInputSchema>;
export type NetworkHistoryInput = z.input<typeof networkHistoryInputSchema>;
export type NetworkStatusResult = z.infer<typeof networkStatusSchema>;
export type NetworkHistoryResult = z.infer<typeof networkHistorySchema>;
export type HistoryRowResult = z.infer<typeof historyRowSchema>;
