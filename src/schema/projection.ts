/** Input and output schemas of `network project` (CLI flags and API bodies share them). */
import { asOfField, scenarioField } from './framing-fields.ts';
import { z } from 'zod';
import { PROJECTION_INTERVALS } from '../network/projection-rows.ts';
import { finiteNumber, finiteNumberOrNull, isoDateSchema } from './common.ts';
import { parseDecimal, parseShare } from './quantity-text.ts';
import { NETWORK_MODELS, ratePerYearSchema, volatilityPerYearSchema } from './scenario.ts';
import { inputField } from './input-field.ts';

/** `--fees 0.02` (BTC per block) or `--fees 0.6%` (share of rewards). */
export const feesFlagSchema = z.string().transform((text, context) => {
  if (text.trim().endsWith('%')) {
    const share = parseShare(text);
    if (share !== undefined && share >= 0 && share < 0.9) return { shareOfRewards: share };
  } else {
    const perBlock = parseDecimal(text);
    if (perBlock !== undefined && perBlock >= 0 && perBlock < 100) return { perBlockBtc: perBlock };
  }
  context.addIssue({
    code: 'custom',
    message: `expected BTC per block like 0.02, or a share of rewards like 0.6%, found "${text}"`,
  });
  return z.NEVER;
});

export const MAX_MONTE_CARLO_PATHS = 100_000;

const priceSchema = z
  .number({ error: 'expected a price in USD' })
  .positive('must be a positive USD price')
  .max(1e9)
  .optional();

/** The market-path flags of estimates and the valuation commands: they replace the scenario's starting levels. */
export const marketPathFlags = {
  hashrateGrowth: ratePerYearSchema
    .optional()
    .meta(inputField({ value: '<rate>', description: 'network hashrate growth, e.g. 25%/yr' })),
  price: priceSchema.meta(inputField({ value: '<usd>', description: 'BTC price at the start of the projection, USD' })),
  fees: feesFlagSchema
    .optional()
    .meta(inputField({ value: '<btc|share>', description: 'fees: BTC per block (0.02) or share of rewards (0.6%)' })),
  networkModel: z
    .enum(NETWORK_MODELS)
    .optional()
    .meta(
      inputField({
        value: '<model>',
        description: 'network hashrate: exogenous (the scenario path) or responsive (fleet cost curve)',
      }),
    ),
};

export const networkProjectInputSchema = z
  .object({
    asOf: asOfField,
    to: isoDateSchema.meta(inputField({ value: '<date>', description: 'last projected UTC day' })),
    scenario: scenarioField,
    hashrateGrowth: ratePerYearSchema
      .optional()
      .meta(inputField({ value: '<rate>', description: 'network hashrate growth, e.g. 25%/yr or 2%/mo' })),
    hashrateVolatility: volatilityPerYearSchema
      .optional()
      .meta(inputField({ value: '<vol>', description: 'Monte Carlo hashrate volatility, e.g. 30%/yr' })),
    price: priceSchema.meta(inputField({ value: '<usd>', description: 'BTC price at the start, USD' })),
    priceVolatility: volatilityPerYearSchema
      .optional()
      .meta(inputField({ value: '<vol>', description: 'Monte Carlo price volatility, e.g. 50%/yr' })),
    fees: marketPathFlags.fees,
    networkModel: marketPathFlags.networkModel,
    paths: z
      .number({ error: 'expected a whole number of paths' })
      .int('expected a whole number of paths')
      .min(1, 'at least 1 path')
      .max(MAX_MONTE_CARLO_PATHS, `at most ${MAX_MONTE_CARLO_PATHS} paths`)
      .optional()
      .meta(inputField({ value: '<n>', description: 'Monte Carlo paths (1–100000); none: deterministic' })),
    seed: z
      .number({ error: 'expected a whole-number seed' })
      .int('expected a whole-number seed')
      .min(0, 'a seed from 0 to 4294967295')
      .max(2 ** 32 - 1, 'a seed from 0 to 4294967295')
      .default(1)
      .meta(inputField({ value: '<s>', description: 'Monte Carlo seed (default 1)' })),
    interval: z
      .enum(PROJECTION_INTERVALS)
      .default('quarter')
      .meta(inputField({ value: '<interval>', description: 'rows by' })),
  })
  .strict();

const statistic = z.object({
  mean: finiteNumber,
  standardError: finiteNumber,
  p5: finiteNumber,
  p50: finiteNumber,
  p95: finiteNumber,
  paths: z.number().int(),
});
/** A deterministic value, or a Monte Carlo distribution; null where no path has one. */
const metricValue = z.union([finiteNumber, statistic]).nullable();

export const projectionRowSchema = z.object({
  period: z.string(),
  from: isoDateSchema.nullable(),
  to: isoDateSchema.nullable(),
  days: z.number().int().nullable(),
  complete: z.boolean(),
  metrics: z.record(z.string(), metricValue),
});

export const projectedEventSchema = z.object({
  event: z.enum(['retarget', 'halving']),
  height: z.number().int(),
  /** Paths that reach the event within the horizon (1 in deterministic mode). */
  paths: z.number().int(),
  /** Deterministic: the expected date; Monte Carlo: median with 5–95% band; null when past the horizon. */
  time: z.string().nullable(),
  timeP5: z.string().nullable(),
  timeP95: z.string().nullable(),
  difficulty: finiteNumberOrNull,
  changePct: finiteNumberOrNull,
  clamped: z.boolean().nullable(),
});

export const networkProjectionSchema = z.object({
  asOf: isoDateSchema,
  to: isoDateSchema,
  interval: z.enum(PROJECTION_INTERVALS),
  mode: z.enum(['deterministic', 'monte-carlo']),
  paths: z.number().int(),
  seed: z.number().int().nullable(),
  scenario: z.object({ name: z.string(), file: z.string(), description: z.string() }),
  start: z.object({
    height: z.number().int(),
    epoch: z.number().int(),
    difficulty: finiteNumber,
    hashrateEhs: finiteNumber,
    priceUsd: finiteNumber,
    spotHashpriceUsdPerPhDay: finiteNumber,
  }),
  assumptions: z.array(
    z.object({ input: z.string(), value: z.union([finiteNumber, z.string()]), unit: z.string(), source: z.string() }),
  ),
  metricUnits: z.record(z.string(), z.string()),
  rows: z.array(projectionRowSchema),
  events: z.array(projectedEventSchema),
});

export type NetworkProjectionResult = z.infer<typeof networkProjectionSchema>;
export type ProjectionRowResult = z.infer<typeof projectionRowSchema>;
export type ProjectedEvent = z.infer<typeof projectedEventSchema>;
