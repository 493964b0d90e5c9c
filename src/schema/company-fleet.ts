/** The `fleet` block of a company file: capacity history, efficiency, realization, JVs, hosting and costs. */
import { z } from 'zod';
import {
  COMPANY_HASHRATE_EHS,
  EFFICIENCY_J_PER_TH,
  boundedNumber,
  inputDateSchema,
  POWER_PRICE_USD_PER_MWH,
  UNIT_COST_USD,
  USD_AMOUNT,
} from './bounds.ts';
import { increasingDates } from './common.ts';
import { assumedNote, fraction, knownFrom, within } from './company-figures.ts';

const datedFigure = (make: () => z.ZodNumber) =>
  increasingDates(
    z
      .object({
        date: inputDateSchema,
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
    attributableHashrateEhs: datedFigure(() => boundedNumber(COMPANY_HASHRATE_EHS)).min(
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
    valueUsd: boundedNumber(UNIT_COST_USD),
    /** First and last day of the period the figure covers. */
    from: inputDateSchema,
    to: inputDateSchema,
    source: z.string().min(3),
  })
  .strict()
  .refine((c) => c.from < c.to, { message: 'the period must end after it starts', path: ['to'] });

export const fleet = z
  .object({
    /** Energized (installed, powered) self-mining hashrate, EH/s, at dated points. */
    hashrateEhs: datedFigure(() => boundedNumber(COMPANY_HASHRATE_EHS)).min(1, 'give at least one dated point'),
    /**
     * Hashrate goals the company has announced (guidance), EH/s at the dates they aim for. Printed as guidance,
     * never read as capacity: only `hashrateEhs` (actuals) drives the model.
     */
    hashrateGoalsEhs: datedFigure(() => boundedNumber(COMPANY_HASHRATE_EHS)).optional(),
    /**
     * Capacity held through joint ventures or equity-method investees: the company's attributable hashrate, EH/s.
     * Its BTC counts in the production the company reports, not in its revenue or power cost (equity method).
     */
    jointVentures: z.array(jointVenture).default([]),
    /** Fleet efficiency, J/TH, at dated points. */
    efficiencyJPerTh: datedFigure(() => boundedNumber(EFFICIENCY_J_PER_TH)).min(1, 'give at least one dated point'),
    /** Share of energized hashrate that mines, after downtime, and pool luck (operating ÷ energized). */
    realization: fraction('realization'),
    /** Share of time curtailed (power sales, demand response), on top of realization. */
    curtailment: fraction('curtailment').default(0),
    poolFee: fraction('the pool fee').default(0),
    /** All-in power price for mining, USD/MWh. */
    powerPriceUsdPerMwh: within(POWER_PRICE_USD_PER_MWH),
    /** Power and demand-response credits, USD per quarter. */
    powerCreditsUsdPerQuarter: within(USD_AMOUNT).optional(),
    /** Fixed other cash costs of mining (site leases, staff not scaling with power), USD per quarter. */
    otherCashCostsUsdPerQuarter: within(USD_AMOUNT).optional(),
    /** Site operating costs other than power at owned sites, USD per MWh drawn there. */
    siteOpexUsdPerMwh: within(POWER_PRICE_USD_PER_MWH).optional(),
    /** Machines at third-party hosting sites: their share of the fleet's power and the all-in fee they pay. */
    hosting: z
      .object({ shareOfFleet: fraction('the hosted share'), feeUsdPerMwh: within(POWER_PRICE_USD_PER_MWH) })
      .strict()
      .optional(),
    /** The company's (or an analyst's) reported unit costs, for the check `estimates` and `value` print. */
    reportedCosts: z.array(reportedCost).default([]),
    /** Fleet refresh (sustaining) capex, USD per quarter, spent over the mining horizon. */
    refreshCapexUsdPerQuarter: within(USD_AMOUNT).optional(),
  })
  .strict();
