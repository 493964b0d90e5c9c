/**
 * Input schemas of the valuation commands (update, value, sensitivity, tornado, implied, policy): the flags and what
 * they parse to.
 */
import { asOfField, methodologyField, scenarioField, targetDateField } from './framing-fields.ts';
import { z } from 'zod';
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

/** The values an input can take, in its unit, and why: one rule wherever a value is given by hand. */
export interface ValuationInputDomain {
  low: number;
  high: number;
  unit: string;
  why: string;
}

/**
 * Each input's domain (issue 19): `value --set` and both sensitivity axes refuse a value outside it the same way,
 * naming the flag; an implied-value solve and a tornado bump stay inside it.
 */
export const VALUATION_INPUT_DOMAINS: Record<ValuationInputName, ValuationInputDomain> = {
  'btc-price': { low: 1, high: 1e9, unit: 'USD', why: 'a BTC price in USD, at least 1' },
  'network-growth': {
    low: -0.9,
    high: 5,
    unit: 'per year',
    why: 'a fall of over 90% or growth above 500% a year is outside what the projection models',
  },
  fees: {
    low: 0,
    high: 10,
    unit: 'BTC per block',
    why: 'not negative; above every day in the embedded data (at most 9.65, on 2017-12-22)',
  },
  'power-price': {
    low: 0,
    high: 1000,
    unit: 'USD/MWh',
    why: 'an all-in price over the horizon: negative hours are inside the average, which is not negative',
  },
  'hpc-usd-per-mw': {
    low: 0,
    high: 200e6,
    unit: 'USD per critical-IT MW',
    why: 'an equity value per MW is not negative',
  },
  'deal-probability': { low: 0, high: 1, unit: 'fraction', why: 'a probability' },
  'cap-rate': {
    low: 0.01,
    high: 0.5,
    unit: 'per year',
    why: 'below 1% a lease would be worth over a hundred years of its income',
  },
  'hodl-premium': {
    low: -0.99,
    high: 10,
    unit: 'fraction of holdings',
    why: 'a discount cannot take more than the BTC held',
  },
  'signed-mw': { low: 0, high: 50_000, unit: 'critical-IT MW', why: 'MW signed are not negative' },
};

/** The message for a value outside an input's domain, or undefined when it is inside. */
function outsideDomain(input: ValuationInputName, values: readonly number[], found: string): string | undefined {
  const domain = VALUATION_INPUT_DOMAINS[input];
  // An axis's stepped values carry float noise (0.1 + 9 × 0.1 is just above 1): a bound within it is met.
  const noise = (bound: number) => 1e-9 * Math.max(1, Math.abs(bound));
  const inside = (value: number) =>
    value >= domain.low - noise(domain.low) && value <= domain.high + noise(domain.high);
  if (values.every(inside)) return undefined;
  return `${input} must be between ${domain.low} and ${domain.high} ${domain.unit} (${domain.why}); found ${found}`;
}

function isValuationInputName(name: string): name is ValuationInputName {
  return (VALUATION_INPUT_NAMES as readonly string[]).includes(name);
}

function unknownInputMessage(name: string): string {
  return `unknown input "${name}"; inputs: ${VALUATION_INPUT_NAMES.join(', ')}`;
}

/** Flags every valuation command shares. */
export const valuationFlags = {
  asOf: asOfField,
  scenario: scenarioField,
  methodology: methodologyField,
  targetDate: targetDateField,
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
        message:
          'expected INPUT=VALUE[,INPUT=VALUE…], e.g. btc-price=90000,deal-probability=0.6; ' +
          `found ${JSON.stringify(part)}`,
      });
      return z.NEVER;
    }
    const input = match[1] as string;
    if (!isValuationInputName(input)) {
      context.addIssue({ code: 'custom', message: unknownInputMessage(input) });
      return z.NEVER;
    }
    if (settings.some((s) => s.input === input)) {
      context.addIssue({ code: 'custom', message: `${input} is set twice` });
      return z.NEVER;
    }
    const value = Number(match[2]);
    const outside = outsideDomain(input, [value], String(value));
    if (outside) {
      context.addIssue({ code: 'custom', message: outside });
      return z.NEVER;
    }
    settings.push({ input, value });
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
  if (!isValuationInputName(input)) {
    context.addIssue({ code: 'custom', message: unknownInputMessage(input) });
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
  // The axis's first and last values (as src/scenarios/sensitivity.ts's axisValues steps them) inside the domain.
  const last = from + Math.floor((to - from) / step + 1e-9) * step;
  const outside = outsideDomain(input, [from, last], `an axis from ${from} to ${to}`);
  if (outside) {
    context.addIssue({ code: 'custom', message: outside });
    return z.NEVER;
  }
  return { input, from, to, step };
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
