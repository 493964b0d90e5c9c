/** Result schemas of the valuation commands (update, value, sensitivity, tornado, implied, policy). */
import { z } from 'zod';
import { finiteNumber, finiteNumberOrNull } from './common.ts';
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
});
export type PolicyResult = z.output<typeof policySchema>;
