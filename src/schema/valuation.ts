/** Result schemas of the valuation commands (update, value, sensitivity, tornado, implied, policy). */
import { z } from 'zod';
import { finiteNumber, finiteNumberOrNull } from './common.ts';
import { olderFigureSchema } from './older-figures.ts';
const explainInput = z.object({ name: z.string(), value: finiteNumber, unit: z.string(), source: z.string() });
const explain = z.object({ formula: z.string(), inputs: z.array(explainInput) });

const cashFlowRow = z.object({
  period: z.string(),
  rentUsd: finiteNumber,
  opexUsd: finiteNumber,
  capexUsd: finiteNumber,
  prepaymentUsd: finiteNumber,
  terminalUsd: finiteNumber,
  residualUsd: finiteNumber,
  netUsd: finiteNumber,
  pvUsd: finiteNumber,
});

export const partsSchema = z.object({
  miningUsd: finiteNumber,
  /** Present value of cash SG&A over the mining horizon, subtracted (0 when the methodology does not count it). */
  corporateCostsUsd: finiteNumber,
  powerAndLandUsd: finiteNumber,
  hpcLeasesUsd: finiteNumber,
  hpcPipelineUsd: finiteNumber,
  /** What rolling the operating parts forward to the target date adds (0 when the methodology does not). */
  rollForwardUsd: finiteNumber,
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
  /** Where the price comes from (issue 20): the stored close's sources (`nasdaq+yahoo`), or `company file`. */
  sharePriceSource: z.string(),
  upside: finiteNumber,
  parts: partsSchema,
  /** Stale or assumed key inputs (details in the warnings). */
  notes: z.array(z.string()),
  /** As of a later date than the company file's: its figures dated before the as-of date, oldest first. */
  olderFigures: z.array(olderFigureSchema),
  quarter: z.object({
    period: z.string(),
    btcMined: finiteNumberOrNull,
    miningRevenueUsd: finiteNumberOrNull,
    actualMonths: z.array(z.string()),
    projectedDays: z.number().int(),
  }),
});

/**
 * A covered company a run could not value: its figures start after the as-of date (src/inputs/valuation-start.ts).
 * `valuedFrom` is the first as-of date it can be valued at.
 */
export const notValuedSchema = z.object({
  ticker: z.string(),
  name: z.string(),
  valuedFrom: z.string(),
  reason: z.string(),
});
export type NotValuedCompany = z.output<typeof notValuedSchema>;

const framing = {
  asOf: z.string(),
  targetDate: z.string(),
  scenario: z.object({ name: z.string(), file: z.string() }),
  methodology: z.object({ name: z.string(), file: z.string() }),
};

export const updateSchema = z.object({
  ...framing,
  companies: z.array(coverageRowSchema),
  /** Covered companies without figures by the as-of date, with the reason (none on a date every company has). */
  notValued: z.array(notValuedSchema),
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
      /** Cash-flow method: base rate + the tenant's credit spread; null for per-MW. */
      discountRatePerYear: finiteNumberOrNull,
      /** Cash-flow method: calendar-year cash flows (USD, nominal, costs negative) and their present values. */
      cashFlows: z.array(cashFlowRow),
      /** A signed MW against the methodology's pipeline $/MW of its kind (null for per-MW leases). */
      perMwCheck: z
        .object({
          leaseUsdPerItMw: finiteNumber,
          pipelineUsdPerItMw: finiteNumber,
          below: z.boolean(),
          reason: z.string(),
        })
        .nullable(),
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
    /** How the convertibles are counted (the methodology's convention), with its parameters and source. */
    convention: z.object({ name: z.string(), source: z.string(), parameters: z.array(explainInput) }),
    /** Each convertible's terms and its treatment at the solved per-share value. */
    convertibles: z.array(
      z.object({
        name: z.string(),
        treatedAs: z.enum(['debt', 'shares', 'bond-floor-plus-option']),
        principalUsd: finiteNumber,
        conversionPriceUsd: finiteNumber,
        cappedCallCapUsd: finiteNumberOrNull,
        couponPct: finiteNumber,
        maturity: z.string(),
        /** Principal as debt, or the bond floor. */
        debtUsd: finiteNumber,
        /** The conversion option the holders keep, net of the capped call. */
        optionUsd: finiteNumber,
        /** The company's capped call, subtracted from the holders' claim. */
        cappedCallUsd: finiteNumber,
        /** Net shares counted. */
        shares: finiteNumber,
        /** What the note takes from the equity value: debt + option + shares × target. */
        claimUsd: finiteNumber,
      }),
    ),
    dilutive: z.array(z.object({ name: z.string(), shares: finiteNumber })),
    straightDebt: z.array(z.object({ name: z.string(), principalUsd: finiteNumber, source: z.string() })),
    cashSource: z.string(),
    /** The ATM programme (an assumption), when the company file gives one public by the as-of date. */
    atm: z
      .object({
        remainingCapacityUsd: finiteNumber,
        source: z.string(),
        counted: z.boolean(),
        countSource: z.string(),
        shares: finiteNumber,
      })
      .nullable(),
    /** Financing after the balance-sheet date used to roll cash (and shares) forward to the as-of date. */
    rollForward: z.array(
      z.object({ date: z.string(), item: z.string(), cashUsd: finiteNumber, shares: finiteNumber, source: z.string() }),
    ),
  }),
  rating: z.object({
    upside: finiteNumber,
    overweightFromUpside: explainInput,
    underweightToUpside: explainInput,
    sharePrice: explainInput,
  }),
  policy: z.array(z.object({ site: z.string(), atRiskMw: finiteNumber, forfeitedMw: finiteNumber })).nullable(),
  /** The methodology's conventions, one line each with its source. */
  conventions: z.array(z.object({ name: z.string(), rule: z.string(), source: z.string() })),
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
  /**
   * Inputs with a physical limit (signed MW on the sites' room): the largest feasible value, what it rests on, and the
   * target there; whether the answer fits; and, when it does not, the value the price would need regardless.
   */
  feasibility: z
    .object({
      maxValue: finiteNumber,
      describe: z.string(),
      targetAtMaxUsd: finiteNumberOrNull,
      feasible: z.boolean(),
      unconstrainedValue: finiteNumberOrNull,
    })
    .nullable(),
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
  /** Covered companies without figures by the as-of date, with the reason. */
  notValued: z.array(notValuedSchema),
});
export type PolicyResult = z.output<typeof policySchema>;
