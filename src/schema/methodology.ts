/**
 * Methodology presets (YAML, data/methodology/): every default of the valuation engines with its source
 * (DESIGN.md §6). Each parameter is `{ value, source }`; the source is a citation or `assumption: why`.
 *
 *   name: rerate
 *   targetDate: 2026-12-31
 *   mining: { method: gross-profit, horizonYears: { value: 4, source: … }, discountRatePerYear: … }
 *   powerAndLand: { includeMiningMw: …, usdPerMw: { operating: …, … }, probability: { … } }
 *   hpc: { grossPerItMw: …, leases: { colocation: { method: cap-rate, capRate: … }, cloud: … },
 *          equityUsdPerItMw: { colocation: …, cloud: … }, equityUsdPerItMwByTicker: { CIFR: { colocation: … } } }
 *   treasury: { hodlPremium: …, excludePledged: … }
 *   capitalStructure: { convertibles: { convention: bond-floor-plus-option, source: …, riskFreeRatePerYear: …,
 *                       creditSpreadPerYear: …, volatilityPerYear: … }, atm: { count: … } }
 *   rating: { overweightFromUpside: …, underweightToUpside: … }
 */
import { z } from 'zod';
import { isoDateSchema } from './common.ts';
import { SITE_STAGES } from './company.ts';

const source = z.string().min(3, 'name the source, or write "assumption: …"');

function parameter(number: z.ZodNumber) {
  return z.object({ value: number, source }).strict();
}
const usd = parameter(z.number().nonnegative('USD cannot be negative'));
const fraction = parameter(z.number().min(0, 'a fraction lies in [0, 1]').max(1, 'a fraction lies in [0, 1]'));
const ratePerYear = parameter(z.number().min(0, 'a rate cannot be negative').max(1, 'a rate above 100%/yr is a typo'));
const flag = z.object({ value: z.boolean(), source }).strict();

const byStage = <T extends z.ZodType>(item: T) =>
  z
    .object(Object.fromEntries(SITE_STAGES.map((stage) => [stage, item])) as Record<(typeof SITE_STAGES)[number], T>)
    .strict();

const leaseMethod = z
  .object({
    method: z.enum(['cap-rate', 'npv', 'per-mw']),
    capRate: parameter(z.number().positive('a cap rate must be positive').max(1)).optional(),
    discountRatePerYear: ratePerYear,
  })
  .strict()
  .refine((m) => m.method !== 'cap-rate' || m.capRate !== undefined, {
    message: 'the cap-rate method needs capRate',
    path: ['capRate'],
  });

/** How convertibles are counted (docs/methodology.md "Capital structure conventions"), with its parameters. */
const convertibleConvention = z.discriminatedUnion('convention', [
  z.object({ convention: z.literal('switch-at-conversion'), source }).strict(),
  z.object({ convention: z.literal('if-converted'), source }).strict(),
  z
    .object({
      convention: z.literal('bond-floor-plus-option'),
      source,
      /** Continuously compounded, per year: the option's rate and, with the spread, the bond floor's. */
      riskFreeRatePerYear: ratePerYear,
      creditSpreadPerYear: ratePerYear,
      /** Of the per-share value, per √year (0.6 = 60%). */
      volatilityPerYear: parameter(z.number().positive('a volatility must be positive').max(5, 'above 500%/√yr')),
    })
    .strict(),
]);

const perKind = z.object({ colocation: usd, cloud: usd }).strict();

export const methodologyFileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a name in lower-case letters, digits and dashes'),
    description: z.string().min(1),
    /** The date the price target refers to. */
    targetDate: isoDateSchema,
    mining: z
      .object({
        method: z.enum(['gross-profit', 'ev-per-eh']),
        horizonYears: parameter(z.number().positive().max(30, 'at most 30 years')),
        discountRatePerYear: ratePerYear,
        shutdownWhenUnprofitable: flag,
        evPerEhUsd: usd.optional(),
      })
      .strict()
      .refine((m) => m.method !== 'ev-per-eh' || m.evPerEhUsd !== undefined, {
        message: 'the ev-per-eh method needs evPerEhUsd',
        path: ['evPerEhUsd'],
      }),
    powerAndLand: z.object({ includeMiningMw: flag, usdPerMw: byStage(usd), probability: byStage(fraction) }).strict(),
    hpc: z
      .object({
        /** Gross MW per critical-IT MW where a site does not give both. */
        grossPerItMw: parameter(z.number().min(1, 'gross MW are at least the critical-IT MW').max(3)),
        leases: z.object({ colocation: leaseMethod, cloud: leaseMethod }).strict(),
        equityUsdPerItMw: perKind,
        equityUsdPerItMwByTicker: z
          .record(z.string().regex(/^[A-Z][A-Z.]{0,9}$/, 'a ticker'), perKind.partial())
          .default({}),
      })
      .strict(),
    treasury: z.object({ hodlPremium: parameter(z.number().min(-1).max(10)), excludePledged: flag }).strict(),
    capitalStructure: z
      .object({
        convertibles: convertibleConvention,
        /** Whether a company's remaining ATM capacity is counted as sold at the market price (cash in, shares out). */
        atm: z.object({ count: flag }).strict(),
      })
      .strict(),
    rating: z
      .object({
        overweightFromUpside: parameter(z.number().min(-1).max(10)),
        underweightToUpside: parameter(z.number().min(-1).max(10)),
      })
      .strict()
      .refine((r) => r.underweightToUpside.value < r.overweightFromUpside.value, {
        message: 'the Underweight bound must lie below the Overweight one',
        path: ['underweightToUpside'],
      }),
  })
  .strict();

export type MethodologyFile = z.output<typeof methodologyFileSchema>;
