/** Input and output schemas of the valuation commands (update, value, sensitivity, tornado, implied, policy). */
import { z } from 'zod';
import { finiteNumber, finiteNumberOrNull, isoDateSchema } from './common.ts';
import { marketPathFlags } from './projection.ts';
import { windowSchema } from './scenario.ts';
import { inputField } from './input-field.ts';

/** The inputs a sensitivity, tornado or implied-value solve can move. */
export const VALUATION_INPUT_NAMES = [
  'btc-price',
  'network-growth',
  'fees',
  'power-price',
  'hpc-usd-per-mw',
  'deal-probability',
  'cap-rate',
  'hodl-premium',
  'signed-mw',
] as const;
export type ValuationInputName = (typeof VALUATION_INPUT_NAMES)[number];

/** Flags every valuation command shares. */
export const valuationFlags = {
  asOf: isoDateSchema.optional().meta(
    inputField({
      value: '<date>',
      description: 'history up to this UTC day, projection after it (default: the last day of the data)',
    }),
  ),
  scenario: z
    .string()
    .min(1)
    .default('base')
    .meta(inputField({ value: '<names|file>', description: 'scenario, or several composed left to right' })),
  methodology: z
    .string()
    .min(1)
    .default('rerate')
    .meta(inputField({ value: '<name|file>', description: 'valuation preset (rerate, jpm-2025-11) or a YAML file' })),
  targetDate: isoDateSchema
    .optional()
    .meta(inputField({ value: '<date>', description: 'the date the price target refers to' })),
  ...marketPathFlags,
};

const ticker = z
  .string({ error: 'name a covered ticker' })
  .regex(/^[A-Za-z][A-Za-z.]{0,9}$/, 'a ticker like RIOT')
  .transform((t) => t.toUpperCase());
const coveredTicker = ticker.meta(inputField({ argument: '<ticker>', description: 'a covered ticker' }));

export const updateInputSchema = z
  .object({
    ...valuationFlags,
    quarter: z
      .string()
      .regex(/^\d{4}Q[1-4]$/, 'a calendar quarter like 2026Q1')
      .optional()
      .meta(
        inputField({
          value: '<quarter>',
          description: 'the quarter shown, e.g. 2025Q4 (default: the one containing the as-of date)',
        }),
      ),
  })
  .strict();

/** `INPUT=VALUE,INPUT=VALUE`: valuation inputs set by hand (the dashboard's controls; `rerate value --set`). */
export const inputSettingsSchema = z.string().transform((text, context) => {
  const settings: { input: ValuationInputName; value: number }[] = [];
  for (const part of text.split(',')) {
    const match = /^\s*([a-z-]+)\s*=\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*$/i.exec(part);
    if (!match) {
      context.addIssue({
        code: 'custom',
        message: `expected INPUT=VALUE[,INPUT=VALUE…], e.g. btc-price=90000,deal-probability=0.6; found ${JSON.stringify(part)}`,
      });
      return z.NEVER;
    }
    const input = match[1] as string;
    if (!(VALUATION_INPUT_NAMES as readonly string[]).includes(input)) {
      context.addIssue({
        code: 'custom',
        message: `unknown input "${input}"; inputs: ${VALUATION_INPUT_NAMES.join(', ')}`,
      });
      return z.NEVER;
    }
    if (settings.some((s) => s.input === input)) {
      context.addIssue({ code: 'custom', message: `${input} is set twice` });
      return z.NEVER;
    }
    settings.push({ input: input as ValuationInputName, value: Number(match[2]) });
  }
  return settings;
});

export const valueInputSchema = z
  .object({
    target: ticker.meta(inputField({ argument: '<ticker>', description: 'a covered ticker (rerate coverage list)' })),
    ...valuationFlags,
    set: inputSettingsSchema.optional().meta(
      inputField({
        value: '<input=value,...>',
        description: `set valuation inputs by hand: ${VALUATION_INPUT_NAMES.join(', ')} (units as in rerate tornado)`,
      }),
    ),
  })
  .strict();

/** `INPUT=FROM:TO:STEP` */
const axisSchema = z.string().transform((text, context) => {
  const match = /^([a-z-]+)=([^:]+):([^:]+):([^:]+)$/.exec(text);
  const numbers = match ? [match[2], match[3], match[4]].map(Number) : [];
  if (!match || numbers.some((n) => !Number.isFinite(n))) {
    context.addIssue({
      code: 'custom',
      message: `expected INPUT=FROM:TO:STEP, e.g. btc-price=60000:120000:3000; found ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  }
  const input = match[1] as string;
  if (!(VALUATION_INPUT_NAMES as readonly string[]).includes(input)) {
    context.addIssue({
      code: 'custom',
      message: `unknown input "${input}"; inputs: ${VALUATION_INPUT_NAMES.join(', ')}`,
    });
    return z.NEVER;
  }
  const [from, to, step] = numbers as [number, number, number];
  if (!(step > 0) || to < from) {
    context.addIssue({ code: 'custom', message: 'FROM must not exceed TO and STEP must be positive' });
    return z.NEVER;
  }
  if ((to - from) / step > 200) {
    context.addIssue({ code: 'custom', message: 'at most 201 values per axis' });
    return z.NEVER;
  }
  return { input: input as ValuationInputName, from, to, step };
});

export const SENSITIVITY_METRICS = ['target', 'mining-value', 'q-btc', 'q-revenue'] as const;

export const sensitivityInputSchema = z
  .object({
    target: coveredTicker,
    x: axisSchema.meta(inputField({ value: '<input=from:to:step>', description: 'the input along the columns' })),
    y: axisSchema.meta(inputField({ value: '<input=from:to:step>', description: 'the input along the rows' })),
    metric: z
      .enum(SENSITIVITY_METRICS)
      .default('target')
      .meta(inputField({ value: '<metric>', description: 'what the grid shows' })),
    ...valuationFlags,
  })
  .strict()
  .refine((input) => input.x.input !== input.y.input, { message: 'x and y must be different inputs', path: ['y'] });

export const tornadoInputSchema = z
  .object({
    target: coveredTicker,
    bump: z
      .number()
      .positive('the bump must be positive')
      .max(0.9, 'at most 90%')
      .default(0.1)
      .meta(inputField({ value: '<fraction>', description: 'the bump as a share of each base value (default 0.1)' })),
    ...valuationFlags,
  })
  .strict();

export const impliedInputSchema = z
  .object({
    target: coveredTicker,
    solve: z
      .enum(VALUATION_INPUT_NAMES, { error: `--solve one of ${VALUATION_INPUT_NAMES.join(', ')}` })
      .meta(inputField({ value: '<input>', description: 'the input to solve for' })),
    sharePrice: z
      .number()
      .positive('must be a positive USD price')
      .max(1e7)
      .optional()
      .meta(inputField({ value: '<usd>', description: 'the share price to explain (default: the company file’s)' })),
    ...valuationFlags,
  })
  .strict();

export const policyInputSchema = z
  .object({
    rule: z
      .literal('ercot', { error: 'the only policy rule is ercot' })
      .meta(inputField({ argument: '<rule>', description: 'the rule: ercot' })),
    window: windowSchema
      .default(365)
      .meta(
        inputField({ value: '<period>', description: 'review window after the as-of date: 1y (default), 18mo, 365d' }),
      ),
    probability: z
      .number()
      .min(0, 'a probability lies in [0, 1]')
      .max(1, 'a probability lies in [0, 1]')
      .default(1)
      .meta(
        inputField({
          value: '<p>',
          description: 'probability that an allocation not energized by the review is forfeited (default 1)',
        }),
      ),
    ...valuationFlags,
  })
  .strict();

const explainInput = z.object({ name: z.string(), value: finiteNumber, unit: z.string(), source: z.string() });
const explain = z.object({ formula: z.string(), inputs: z.array(explainInput) });

export const partsSchema = z.object({
  miningUsd: finiteNumber,
  powerAndLandUsd: finiteNumber,
  hpcLeasesUsd: finiteNumber,
  hpcPipelineUsd: finiteNumber,
  btcTreasuryUsd: finiteNumber,
  cashUsd: finiteNumber,
  straightDebtUsd: finiteNumber,
  otherClaimsUsd: finiteNumber,
  convertibleDebtUsd: finiteNumber,
  equityValueUsd: finiteNumber,
  dilutedShares: finiteNumber,
});

export const coverageRowSchema = z.object({
  ticker: z.string(),
  name: z.string(),
  rating: z.enum(['Overweight', 'Neutral', 'Underweight']),
  targetUsd: finiteNumber,
  sharePriceUsd: finiteNumber,
  sharePriceDate: z.string().nullable(),
  upside: finiteNumber,
  parts: partsSchema,
  /** Stale or assumed key inputs (details in the warnings). */
  notes: z.array(z.string()),
  quarter: z.object({
    period: z.string(),
    btcMined: finiteNumberOrNull,
    miningRevenueUsd: finiteNumberOrNull,
    actualMonths: z.array(z.string()),
    projectedDays: z.number().int(),
  }),
});

const framing = {
  asOf: z.string(),
  targetDate: z.string(),
  scenario: z.object({ name: z.string(), file: z.string() }),
  methodology: z.object({ name: z.string(), file: z.string() }),
};

export const updateSchema = z.object({
  ...framing,
  companies: z.array(coverageRowSchema),
  definitions: z.record(z.string(), z.string()),
});
export type UpdateResult = z.output<typeof updateSchema>;

export const valueSchema = z.object({
  ...framing,
  company: coverageRowSchema.omit({ quarter: true }),
  bridge: z.array(z.object({ part: z.string(), valueUsd: finiteNumber, perShareUsd: finiteNumber, explain })),
  mining: z.object({
    btcMined: finiteNumber,
    revenueUsd: finiteNumber,
    cashCostUsd: finiteNumber,
    operatingEhsAtStart: finiteNumber,
    ledgerMiningMw: finiteNumber,
  }),
  sites: z.array(
    z.object({
      site: z.string(),
      stage: z.string(),
      grossMw: finiteNumber,
      hpcGrossMw: finiteNumber,
      miningMw: finiteNumber,
      powerAndLandMw: finiteNumber,
      valueUsd: finiteNumber,
    }),
  ),
  leases: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      method: z.string(),
      criticalItMw: finiteNumber,
      valueUsd: finiteNumber,
      explain,
    }),
  ),
  pipeline: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      criticalItMw: finiteNumber,
      probability: finiteNumber,
      valueUsd: finiteNumber,
      explain,
    }),
  ),
  treasury: z.object({ btcCounted: finiteNumber, btcPledged: finiteNumber, valueUsd: finiteNumber, explain }),
  capital: z.object({
    basicShares: finiteNumber,
    convertibles: z.array(
      z.object({
        name: z.string(),
        treatedAs: z.enum(['debt', 'shares']),
        debtUsd: finiteNumber,
        shares: finiteNumber,
      }),
    ),
    dilutive: z.array(z.object({ name: z.string(), shares: finiteNumber })),
    straightDebt: z.array(z.object({ name: z.string(), principalUsd: finiteNumber, source: z.string() })),
    cashSource: z.string(),
  }),
  rating: z.object({
    upside: finiteNumber,
    overweightFromUpside: explainInput,
    underweightToUpside: explainInput,
    sharePrice: explainInput,
  }),
  policy: z.array(z.object({ site: z.string(), atRiskMw: finiteNumber, forfeitedMw: finiteNumber })).nullable(),
  /** Inputs set by hand (`--set`), applied on top of the scenario and methodology. */
  inputsSet: z.array(z.object({ input: z.string(), value: finiteNumber, unit: z.string() })),
});
export type ValueResult = z.output<typeof valueSchema>;

export const sensitivitySchema = z.object({
  ...framing,
  ticker: z.string(),
  metric: z.string(),
  unit: z.string(),
  x: z.object({ input: z.string(), unit: z.string(), base: finiteNumberOrNull, values: z.array(finiteNumber) }),
  y: z.object({ input: z.string(), unit: z.string(), base: finiteNumberOrNull, values: z.array(finiteNumber) }),
  /** rows follow y, columns follow x */
  grid: z.array(z.array(finiteNumberOrNull)),
  baseMetric: finiteNumberOrNull,
});
export type SensitivityResult = z.output<typeof sensitivitySchema>;

export const tornadoSchema = z.object({
  ...framing,
  ticker: z.string(),
  baseTargetUsd: finiteNumber,
  bumpFraction: finiteNumber,
  bars: z.array(
    z.object({
      input: z.string(),
      unit: z.string(),
      base: finiteNumber,
      bump: finiteNumber,
      bumpRule: z.string(),
      low: finiteNumber,
      high: finiteNumber,
      targetAtLow: finiteNumber,
      targetAtHigh: finiteNumber,
      swingUsd: finiteNumber,
    }),
  ),
});
export type TornadoResult = z.output<typeof tornadoSchema>;

export const impliedSchema = z.object({
  ...framing,
  ticker: z.string(),
  input: z.string(),
  unit: z.string(),
  sharePriceUsd: finiteNumber,
  sharePriceSource: z.string(),
  base: finiteNumber,
  baseTargetUsd: finiteNumber,
  solved: z.boolean(),
  impliedValue: finiteNumberOrNull,
  targetAtImpliedUsd: finiteNumberOrNull,
  /** Targets at the ends only when the solve found no crossing. */
  bracket: z.object({
    low: finiteNumber,
    high: finiteNumber,
    targetAtLowUsd: finiteNumberOrNull,
    targetAtHighUsd: finiteNumberOrNull,
  }),
  evaluations: z.number().int(),
  explanation: z.string(),
});
export type ImpliedResult = z.output<typeof impliedSchema>;

export const policySchema = z.object({
  ...framing,
  rule: z.object({ windowDays: z.number().int(), probability: finiteNumber, reviewDate: z.string() }),
  sites: z.array(
    z.object({
      ticker: z.string(),
      site: z.string(),
      stage: z.string(),
      grossMw: finiteNumber,
      energizedByReviewMw: finiteNumber,
      atRiskMw: finiteNumber,
      forfeitedMw: finiteNumber,
      claimsLosing: z.array(z.string()),
      targetImpactUsd: finiteNumber,
    }),
  ),
  companies: z.array(
    z.object({
      ticker: z.string(),
      ercotMw: finiteNumber,
      atRiskMw: finiteNumber,
      forfeitedMw: finiteNumber,
      targetUsd: finiteNumber,
      targetUnderRuleUsd: finiteNumber,
      impactUsd: finiteNumber,
      impactPct: finiteNumber,
    }),
  ),
});
export type PolicyResult = z.output<typeof policySchema>;
