/**
 * Scenario files (YAML) and scenario flags: named overlays on the market and network paths of a projection.
 * Every block that sets a value names its `source` — a citation, or `assumption: …` for an explicit assumption.
 *
 *   name: base
 *   description: …
 *   hashrate: { growth: 35%/yr, volatility: 30%/yr, source: … }     # or points: [...], realized: true; none = flat
 *             model: responsive, fleet: { tiers, powerPrice, newCapacity }   # the hashprice-responsive network
 *   fees:     { share: 0.6%, source: … }                           # or perBlock: 0.02 (BTC)
 *   price:    { start: 90000, growth: 0%/yr, volatility: 50%/yr, source: … }   # or points, curve: file.csv, realized
 */
import { z } from 'zod';
import {
  BTC_PRICE_USD,
  formatLimit,
  inputDateSchema,
  NETWORK_HASHRATE_EHS,
  POWER_PRICE_USD_PER_MWH,
  SITE_MW,
  USD_PER_MW,
  boundedNumber,
  type Bound,
} from './bounds.ts';
import { increasingDates } from './common.ts';
import { parseDecimal, parseRatePerYear, parseShare, parseVolatilityPerYear } from './quantity-text.ts';

function textQuantity(parse: (text: string) => number | undefined, expected: string) {
  return z.union([z.number(), z.string()], { error: `expected ${expected}` }).transform((value, context) => {
    const parsed = typeof value === 'number' ? value : parse(value);
    if (parsed === undefined || !Number.isFinite(parsed)) {
      context.addIssue({ code: 'custom', message: `expected ${expected}, found ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return parsed;
  });
}

export const ratePerYearSchema = textQuantity(
  parseRatePerYear,
  'a growth rate like 25%/yr or 2%/mo (a plain number is a fraction per year, 0.25 = 25%/yr)',
).refine((rate) => rate > -1 && rate <= 10, 'a growth rate must lie between -100%/yr and +1,000%/yr');
export const volatilityPerYearSchema = textQuantity(parseVolatilityPerYear, 'a volatility like 30%/yr').refine(
  (volatility) => volatility >= 0 && volatility <= 5,
  'a volatility must lie between 0%/yr and 500%/yr',
);
export const shareSchema = textQuantity(parseShare, 'a share like 0.6%').refine(
  (share) => share >= 0 && share < 0.9,
  'a fee share must lie between 0% and 90% of rewards',
);
/** A plain number, or its text, within its bound (src/schema/bounds.ts). */
const boundedText = (bound: Bound) =>
  textQuantity(parseDecimal, `a number of ${bound.unit}`)
    .refine((value) => value >= bound.min, `at least ${formatLimit(bound.min)} ${bound.unit}: ${bound.reason}`)
    .refine((value) => value <= bound.max, `at most ${formatLimit(bound.max)} ${bound.unit}: ${bound.reason}`);

const sourceSchema = z.string().min(3, 'name the source, or write "assumption: …"');

/** The largest network hashrate a path may reach, EH/s (a million times today's): beyond it, a typo. */
export const MAX_HASHRATE_EHS = NETWORK_HASHRATE_EHS.max;
const hashrateValue = boundedText(NETWORK_HASHRATE_EHS);
const priceValue = boundedText(BTC_PRICE_USD);
const perBlockBtc = textQuantity(parseDecimal, 'BTC per block').refine(
  (v) => v >= 0 && v < 100,
  'BTC per block must lie in [0, 100)',
);
const hashratePoint = z.object({ date: inputDateSchema, ehs: hashrateValue }).strict();
const pricePoint = z.object({ date: inputDateSchema, usd: priceValue }).strict();
const feePoint = z
  .object({ date: inputDateSchema, perBlock: perBlockBtc.optional(), share: shareSchema.optional() })
  .strict()
  .refine(
    (point) => (point.perBlock === undefined) !== (point.share === undefined),
    'give exactly one of perBlock or share',
  );

/** At most one way of moving a path. */
function oneShape<T extends Record<string, unknown>>(block: T, keys: string[]): boolean {
  return keys.filter((key) => block[key] !== undefined && block[key] !== false).length <= 1;
}

/** A number with its source (a citation, or "assumption: …"). */
const sourcedNumber = (min: number, max: number, what: string) =>
  z
    .object({
      value: z.number().min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`),
      source: sourceSchema,
    })
    .strict();

/** The network models a projection can step: today's exogenous path, or the hashprice-responsive fleet. */
export const NETWORK_MODELS = ['exogenous', 'responsive'] as const;
export type NetworkModel = (typeof NETWORK_MODELS)[number];

/** The fleet's cost curve for the responsive model (src/network/fleet-response.ts). */
export const fleetBlockSchema = z
  .object({
    tiers: z
      .array(
        z
          .object({
            efficiency: z.number().min(1, 'J/TH of at least 1').max(500, 'J/TH of at most 500'),
            share: z.number().min(0, 'a share lies in [0, 1]').max(1, 'a share lies in [0, 1]'),
            source: sourceSchema,
          })
          .strict(),
      )
      .min(1)
      .max(12)
      .refine((tiers) => Math.abs(tiers.reduce((sum, t) => sum + t.share, 0) - 1) < 1e-3, 'tier shares sum to 1'),
    powerPrice: z
      .object({
        low: boundedNumber(POWER_PRICE_USD_PER_MWH),
        high: boundedNumber(POWER_PRICE_USD_PER_MWH),
        source: sourceSchema,
      })
      .strict()
      .refine((band) => band.high >= band.low, 'high must be at least low'),
    responseDays: sourcedNumber(0, 365, 'response days'),
    newCapacity: z
      .object({
        efficiency: sourcedNumber(1, 500, 'J/TH'),
        machineUsdPerTh: sourcedNumber(0.01, 1000, 'USD/TH'),
        paybackDays: sourcedNumber(1, 10_000, 'payback days'),
        growthAtDoubleMargin: sourcedNumber(0, 10, 'growth per year'),
        maxGrowth: sourcedNumber(0, 10, 'growth per year'),
        lagDays: sourcedNumber(0, 730, 'lag days').refine((v) => Number.isInteger(v.value), 'lag in whole days'),
      })
      .strict(),
  })
  .strict();

export const hashrateBlockSchema = z
  .object({
    start: hashrateValue.optional(),
    growth: ratePerYearSchema.optional(),
    points: increasingDates(hashratePoint).min(1).optional(),
    realized: z.boolean().optional(),
    volatility: volatilityPerYearSchema.optional(),
    hashpriceResponse: z
      .object({ elasticity: z.number().min(-10).max(10), lagDays: z.number().int().min(0).max(730) })
      .strict()
      .optional(),
    /** exogenous (default): the path above; responsive: the fleet below, the path ignored. */
    model: z.enum(NETWORK_MODELS).optional(),
    fleet: fleetBlockSchema.optional(),
    source: sourceSchema.optional(),
  })
  .strict()
  .refine((block) => oneShape(block, ['growth', 'points', 'realized']), 'give at most one of growth, points, realized')
  .refine((block) => block.model !== 'responsive' || block.fleet !== undefined, {
    message: 'the responsive model needs a fleet block (tiers, powerPrice, newCapacity)',
    path: ['fleet'],
  })
  .refine((block) => !(block.fleet && block.hashpriceResponse), {
    message: 'give either a fleet (the responsive model) or a hashpriceResponse (an elasticity), not both',
    path: ['hashpriceResponse'],
  });

export const feesBlockSchema = z
  .object({
    perBlock: perBlockBtc.optional(),
    share: shareSchema.optional(),
    points: increasingDates(feePoint).min(1).optional(),
    realized: z.boolean().optional(),
    source: sourceSchema.optional(),
  })
  .strict()
  .refine(
    (block) => !(block.perBlock !== undefined && block.share !== undefined),
    'give at most one of perBlock or share',
  )
  .refine((block) => oneShape(block, ['points', 'realized']), 'give at most one of points, realized');

export const priceBlockSchema = z
  .object({
    start: priceValue.optional(),
    growth: ratePerYearSchema.optional(),
    points: increasingDates(pricePoint).min(1).optional(),
    curve: z.string().min(1).optional(),
    realized: z.boolean().optional(),
    volatility: volatilityPerYearSchema.optional(),
    source: sourceSchema.optional(),
  })
  .strict()
  .refine(
    (block) => oneShape(block, ['growth', 'points', 'curve', 'realized']),
    'give at most one of growth, points, curve, realized',
  );

/** Company-level inputs a scenario may set, by the names the sensitivity commands use. */
export const companyAdjustmentSchema = z
  .object({
    'power-price': boundedNumber(POWER_PRICE_USD_PER_MWH).optional(),
    'hpc-usd-per-mw': boundedNumber(USD_PER_MW).optional(),
    'deal-probability': z
      .number()
      .min(0, 'a probability lies in [0, 1]')
      .max(1, 'a probability lies in [0, 1]')
      .optional(),
    'cap-rate': z.number().min(0.01, 'a cap rate of at least 1%').max(1, 'a cap rate of at most 100%').optional(),
    'hodl-premium': z.number().min(-1).max(10).optional(),
    'signed-mw': boundedNumber(SITE_MW).optional(),
  })
  .strict();

/** A review window: 1y, 18mo or 365d. */
export const windowSchema = z.string().transform((text, context) => {
  const match = /^(\d+(?:\.\d+)?)(y|mo|d)$/.exec(text.trim());
  if (!match) {
    context.addIssue({
      code: 'custom',
      message: `expected a window like 1y, 18mo or 365d, found ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  }
  const amount = Number(match[1]);
  const days = Math.round(match[2] === 'y' ? amount * 365.25 : match[2] === 'mo' ? amount * 30.4375 : amount);
  if (days < 1 || days > 36_525) {
    context.addIssue({ code: 'custom', message: 'a window lies between 1 day and 100 years' });
    return z.NEVER;
  }
  return days;
});

export const ercotRuleSchema = z
  .object({
    window: windowSchema,
    probability: z.number().min(0, 'a probability lies in [0, 1]').max(1, 'a probability lies in [0, 1]'),
    source: sourceSchema,
  })
  .strict();

export const scenarioFileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a name in lower-case letters, digits and dashes'),
    description: z.string().min(1),
    hashrate: hashrateBlockSchema.optional(),
    fees: feesBlockSchema.optional(),
    price: priceBlockSchema.optional(),
    /** Company-level inputs for every company (`all`) or by ticker (a ticker's values win). */
    companies: z
      .object({
        adjust: z.record(z.string().regex(/^(all|[A-Z][A-Z.]{0,9})$/, 'all or a ticker'), companyAdjustmentSchema),
        source: sourceSchema,
      })
      .strict()
      .optional(),
    /** Power-policy rules applied to the company files. */
    policy: z.object({ ercotUseItOrLoseIt: ercotRuleSchema }).strict().optional(),
  })
  .strict()
  .superRefine((scenario, context) => {
    for (const key of ['hashrate', 'fees', 'price'] as const) {
      const block = scenario[key];
      if (block && Object.keys(block).some((field) => field !== 'source') && !block.source) {
        context.addIssue({
          code: 'custom',
          path: [key, 'source'],
          message: 'name the source of these values, or write "assumption: …"',
        });
      }
    }
  });

export type ScenarioFile = z.output<typeof scenarioFileSchema>;
export type CompanyAdjustmentBlock = z.output<typeof companyAdjustmentSchema>;
export type HashrateBlock = z.output<typeof hashrateBlockSchema>;
export type FleetBlock = z.output<typeof fleetBlockSchema>;
export type FeesBlock = z.output<typeof feesBlockSchema>;
export type PriceBlock = z.output<typeof priceBlockSchema>;
