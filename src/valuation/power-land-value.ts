/**
 * Power and land not otherwise valued: per site, MW × USD per MW by stage × probability by stage × ownership
 * (DESIGN.md §6). Which MW count comes from the site ledger; a methodology may also value the MW that mine, either
 * today (how the published "land and power" layer reads) or from the end of the mining horizon, discounted to the
 * valuation day: the power rights outlive the machines (issue 18, terminal value of power and land).
 */
import { input, type Explain, type Sourced } from './explain.ts';
import type { SiteLedger, SiteStage } from './site-ledger.ts';

export interface PowerLandParameters {
  usdPerMw: Record<SiteStage, Sourced>;
  probability: Record<SiteStage, Sourced>;
  /** Count the MW the fleet mines on as well (they are valued by mining over its horizon only). */
  includeMiningMw: boolean;
  /**
   * Otherwise, value the mining MW from the end of the mining horizon: × (1 + r)^−horizon. Absent: not at all.
   */
  miningMwAfterHorizon?: { discountFactor: number; horizonYears: Sourced; discountRatePerYear: Sourced };
}

export interface SitePowerValue {
  site: string;
  stage: SiteStage;
  mw: number;
  /** Of `mw`, those not yet energized, valued at the site's build-out stage. */
  unenergizedMw: number;
  valueUsd: number;
}

export interface PowerLandValue {
  valueUsd: number;
  sites: SitePowerValue[];
  explain: Explain;
}

export function powerLandValue(ledger: SiteLedger, parameters: PowerLandParameters): PowerLandValue {
  const later = parameters.includeMiningMw ? undefined : parameters.miningMwAfterHorizon;
  const perMw = (stage: SiteStage) => parameters.usdPerMw[stage].value * parameters.probability[stage].value;
  const sites = ledger.rows.map((row) => {
    const miningWeight = parameters.includeMiningMw ? 1 : (later?.discountFactor ?? 0);
    const mw = row.unvaluedMw + row.miningMw * miningWeight;
    const { stage, buildOut } = row.site;
    // The fleet mines on energized MW; of the MW left unvalued, those beyond the energized ones are not built yet.
    const unenergizedMw = buildOut
      ? Math.min(row.unvaluedMw, Math.max(0, row.unvaluedMw - Math.max(0, buildOut.energizedMw - row.miningMw)))
      : 0;
    const laterStage = buildOut?.unenergizedStage ?? stage;
    return {
      site: row.site.name,
      stage,
      mw,
      unenergizedMw,
      valueUsd: ((mw - unenergizedMw) * perMw(stage) + unenergizedMw * perMw(laterStage)) * row.site.ownership,
    };
  });
  const stages = [
    ...new Set(ledger.rows.flatMap((row) => [row.site.stage, row.site.buildOut?.unenergizedStage ?? row.site.stage])),
  ];
  const mwCounted = parameters.includeMiningMw
    ? '(not valued as HPC, mining MW included)'
    : later
      ? '(neither HPC nor mining, + mining MW × (1 + r)^−horizon: from the end of the mining horizon)'
      : '(neither HPC nor mining)';
  return {
    valueUsd: sites.reduce((sum, s) => sum + s.valueUsd, 0),
    sites,
    explain: {
      formula:
        `Σ sites MW ${mwCounted} × USD/MW(stage) × probability(stage) × ownership; ` +
        'MW not yet energized at a site being built out at its build-out stage',
      inputs: [
        ...stages.flatMap((stage) => [
          input(`USD per MW, ${stage}`, parameters.usdPerMw[stage], 'USD/MW'),
          input(`probability, ${stage}`, parameters.probability[stage], 'fraction'),
        ]),
        ...(later
          ? [
              input('mining horizon', later.horizonYears, 'years'),
              input('discount rate r', later.discountRatePerYear, 'per year'),
            ]
          : []),
      ],
    },
  };
}
