/**
 * Methodology presets (YAML, data/methodology/): every default of the valuation engines with its source
 * (DESIGN.md §6). Each parameter is `{ value, source }`; the source is a citation or `assumption: why`.
 *
 *   name: rerate
 *   targetDate: 2026-12-31
 *   time: { discountRatePerYear: …, rollForwardToTargetDate: … }
 *   mining: { method: gross-profit, horizonYears: { value: 4, source: … } }
 *   powerAndLand: { includeMiningMw: …, miningMwAfterHorizon: …, usdPerMw: { operating: …, … }, probability: { … } }
 *   hpc: { grossPerItMw: …, leases: { baseRatePerYear: …, colocation: { method: cash-flow, … }, cloud: … },
 *          pipeline: { buildProbability: { approved: …, … }, scope: { latestStartYearsAfterTarget: … } },
 *          equityUsdPerItMw: { colocation: …, cloud: … }, equityUsdPerItMwByTicker: { CIFR: { colocation: … } } }
 *   treasury: { hodlPremium: …, excludePledged: … }
 *   capitalStructure: { convertibles: { convention: bond-floor-plus-option, source: …, riskFreeRatePerYear: …,
 *                       creditSpreadPerYear: …, volatilityPerYear: … }, atm: { count: … } }
 *   rating: { overweightFromUpside: …, underweightToUpside: … }
 */
import { z } from 'zod';
import { boundedNumber, inputDateSchema, SITE_MW, USD_PER_EHS, USD_PER_MW, type Bound } from './bounds.ts';
import { SITE_STAGES } from './company.ts';
import { hpcLeasesSchema } from './methodology-leases.ts';

const source = z.string().min(3, 'name the source, or write "assumption: …"');

function parameter(number: z.ZodNumber) {
  return z.object({ value: number, source }).strict();
}
const within = (bound: Bound) => parameter(boundedNumber(bound));
const usdPerMw = within(USD_PER_MW);
const fraction = parameter(z.number().min(0, 'a fraction lies in [0, 1]').max(1, 'a fraction lies in [0, 1]'));
const ratePerYear = parameter(z.number().min(0, 'a rate cannot be negative').max(1, 'a rate above 100%/yr is a typo'));
const flag = z.object({ value: z.boolean(), source }).strict();

const byStage = <T extends z.ZodType>(item: T) =>
  z
    .object(Object.fromEntries(SITE_STAGES.map((stage) => [stage, item])) as Record<(typeof SITE_STAGES)[number], T>)
    .strict();

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
      volatilityPerYear: parameter(z.number().min(0.01, 'a volatility of at least 1%/√yr').max(5, 'above 500%/√yr')),
    })
    .strict(),
]);

const perKind = z.object({ colocation: usdPerMw, cloud: usdPerMw }).strict();

/** Which pipeline projects a methodology counts, and the build risk it takes by the stage of the project's site. */
const pipelineRules = z
  .object({
    /** Probability that a project on a site at this stage gets built, on top of its deal probability. */
    buildProbability: byStage(fraction),
    scope: z
      .object({
        /** Count only projects expected to start at most this many years after the target date. */
        latestStartYearsAfterTarget: parameter(z.number().min(0).max(30)).optional(),
        /**
         * HPC critical-IT MW the methodology expects per company: leases, then projects by start, counted in full up
         * to it (src/inputs/expected-hpc-mw.ts); companies not listed follow the file's probabilities.
         */
        expectedItMwByTicker: z.record(z.string().regex(/^[A-Z][A-Z.]{0,9}$/, 'a ticker'), within(SITE_MW)).default({}),
        /** Count only projects on sites at these stages. */
        siteStages: z
          .object({ value: z.array(z.enum(SITE_STAGES)).min(1), source })
          .strict()
          .optional(),
      })
      .strict()
      .default({ expectedItMwByTicker: {} }),
  })
  .strict();

export const methodologyFileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a name in lower-case letters, digits and dashes'),
    description: z.string().min(1),
    /** The date the price target refers to. */
    targetDate: inputDateSchema,
    /**
     * The one discounting convention: every part that is a flow in time (mining gross profit, a pipeline project's
     * value at its start, power and land after the mining horizon) is discounted to the as-of day at this rate, and
     * the operating parts are rolled forward at it to the target date when `rollForwardToTargetDate` holds.
     */
    time: z.object({ discountRatePerYear: ratePerYear, rollForwardToTargetDate: flag }).strict(),
    mining: z
      .object({
        method: z.enum(['gross-profit', 'ev-per-eh']),
        horizonYears: parameter(z.number().min(0.25, 'at least a quarter').max(30, 'at most 30 years')),
        shutdownWhenUnprofitable: flag,
        /** Subtract the fleet refresh capex that keeps the hashrate from each running day. */
        subtractRefreshCapex: flag,
        evPerEhUsd: within(USD_PER_EHS).optional(),
      })
      .strict()
      .refine((m) => m.method !== 'ev-per-eh' || m.evPerEhUsd !== undefined, {
        message: 'the ev-per-eh method needs evPerEhUsd',
        path: ['evPerEhUsd'],
      }),
    powerAndLand: z
      .object({
        includeMiningMw: flag,
        /** Value the mining MW's power and land from the end of the mining horizon (discounted to the as-of day). */
        miningMwAfterHorizon: flag,
        usdPerMw: byStage(usdPerMw),
        probability: byStage(fraction),
      })
      .strict(),
    hpc: z
      .object({
        /** Gross MW per critical-IT MW where a site does not give both. */
        grossPerItMw: parameter(z.number().min(1, 'gross MW are at least the critical-IT MW').max(3)),
        leases: hpcLeasesSchema,
        pipeline: pipelineRules,
        equityUsdPerItMw: perKind,
        equityUsdPerItMwByTicker: z
          .record(z.string().regex(/^[A-Z][A-Z.]{0,9}$/, 'a ticker'), perKind.partial())
          .default({}),
      })
      .strict(),
    /** Company-level costs: subtract the present value of cash SG&A over the mining horizon as a part of its own. */
    corporate: z.object({ subtractCashSga: flag }).strict(),
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
