/** The `fleet` block of a company file: capacity history, efficiency, realization, JVs, hosting and costs. */
import { z } from 'zod';
import { increasingDates, isoDateSchema } from './common.ts';
import { assumedNote, fraction, knownFrom, nonNegative } from './company-figures.ts';

const datedFigure = (make: () => z.ZodType) =>
  increasingDates(
    z
      .object({
        date: isoDateSchema,
        value: make(),
        source: z.string().min(3).optional(),
        assumption: z.string().min(3).optional(),
        knownFrom,
      })
      .strict(),
  );

const jointVenture = z
  .object({
    name: z.string().min(1),
    /** Whether the fleet's `hashrateEhs` points include this share (the company reports one total). */
    includedInFleetHashrate: z.boolean().default(false),
    /** The company's attributable share of the venture's hashrate, EH/s, at dated points (flat after the last). */
    attributableHashrateEhs: datedFigure(() => z.number().nonnegative('EH/s cannot be negative')).min(
      1,
      'give at least one dated point',
    ),
    source: z.string().min(3).optional(),
    assumed: assumedNote,
  })
  .strict();

export const REPORTED_COST_METRICS = [
  'cash-cost-per-ph-day',
  'power-cost-per-btc',
  'cash-cost-per-btc',
  'fully-loaded-cost-per-btc',
] as const;

const reportedCost = z
  .object({
    metric: z.enum(REPORTED_COST_METRICS),
    valueUsd: z.number().positive('a cost must be positive'),
    /** First and last day of the period the figure covers. */
    from: isoDateSchema,
    to: isoDateSchema,
    source: z.string().min(3),
  })
  .strict()
  .refine((c) => c.from < c.to, { message: 'the period must end after it starts', path: ['to'] });

export const fleet = z
  .object({
    /** Energized (installed, powered) self-mining hashrate, EH/s, at dated points. */
    hashrateEhs: datedFigure(() => z.number().nonnegative('EH/s cannot be negative')).min(
      1,
      'give at least one dated point',
    ),
    /**
     * Hashrate goals the company has announced (guidance), EH/s at the dates they aim for. Printed as guidance,
     * never read as capacity: only `hashrateEhs` (actuals) drives the model.
     */
    hashrateGoalsEhs: datedFigure(() => z.number().nonnegative('EH/s cannot be negative')).optional(),
    /**
     * Capacity held through joint ventures or equity-method investees: the company's attributable hashrate, EH/s.
     * Its BTC counts in the production the company reports, not in its revenue or power cost (equity method).
     */
    jointVentures: z.array(jointVenture).default([]),
    /** Fleet efficiency, J/TH, at dated points. */
    efficiencyJPerTh: datedFigure(() =>
      z.number().positive('J/TH must be positive').max(200, 'J/TH above 200 is not a bitcoin miner'),
    ).min(1, 'give at least one dated point'),
    /** Share of energized hashrate that mines, after downtime, and pool luck (operating ÷ energized). */
    realization: fraction('realization'),
    /** Share of time curtailed (power sales, demand response), on top of realization. */
    curtailment: fraction('curtailment').default(0),
    poolFee: fraction('the pool fee').default(0),
    /** All-in power price for mining, USD/MWh. */
    powerPriceUsdPerMwh: nonNegative('USD/MWh'),
    /** Power and demand-response credits, USD per quarter. */
    powerCreditsUsdPerQuarter: nonNegative('USD').optional(),
    /** Fixed other cash costs of mining (site leases, staff not scaling with power), USD per quarter. */
    otherCashCostsUsdPerQuarter: nonNegative('USD').optional(),
    /** Site operating costs other than power at owned sites, USD per MWh drawn there. */
    siteOpexUsdPerMwh: nonNegative('USD/MWh').optional(),
    /** Machines at third-party hosting sites: their share of the fleet's power and the all-in fee they pay. */
    hosting: z
      .object({ shareOfFleet: fraction('the hosted share'), feeUsdPerMwh: nonNegative('USD/MWh') })
      .strict()
      .optional(),
    /** The company's (or an analyst's) reported unit costs, for the check `estimates` and `value` print. */
    reportedCosts: z.array(reportedCost).default([]),
    /** Fleet refresh (sustaining) capex, USD per quarter, spent over the mining horizon. */
    refreshCapexUsdPerQuarter: nonNegative('USD').optional(),
  })
  .strict();
