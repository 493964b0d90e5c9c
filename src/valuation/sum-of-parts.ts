/**
 * Sum of the parts for one company (DESIGN.md §6): mining + power and land + HPC leases + HPC pipeline + BTC
 * treasury + cash − straight debt − other claims = equity value before the convertibles; the convertibles and the
 * dilution are then solved with the per-share value, which is the price target. No MW is valued twice: the site
 * ledger gives power and land only what HPC and (unless the methodology says otherwise) mining do not use, and the
 * mining days already stop the hashrate that HPC displaces (probability-weighted, by the caller's company model).
 */
import type { CompanyDays } from '../company/company-days.ts';
import type { MiningDisplacement } from '../company/company-model.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import { solvePerShare, type CapitalStructure, type PerShareSolution } from './capital-structure.ts';
import type { CapitalDisclosure } from './capital-disclosure.ts';
import { btcTreasuryValue, type TreasuryInputs, type TreasuryValue } from './btc-treasury-value.ts';
import { DAYS_PER_YEAR } from '../company/hpc-revenue.ts';
import { input, type Explain, type Sourced } from './explain.ts';
import { leaseValue, type HpcKind, type LeaseAsset, type LeaseParameters, type LeaseValue } from './hpc-lease-value.ts';
import { pipelineValue, type PipelineAsset, type PipelineValue } from './hpc-pipeline-value.ts';
import { corporateCostValue, type CorporateCostParameters, type CorporateCostValue } from './corporate-costs.ts';
import { miningValue, type MiningParameters, type MiningValue } from './mining-value.ts';
import { powerLandValue, type PowerLandParameters, type PowerLandValue } from './power-land-value.ts';
import { rating, upside, type Rating, type RatingThresholds } from './rating.ts';
import { siteLedger, type LedgerSite, type SiteLedger, type SiteStage } from './site-ledger.ts';

/** The mining MW an HPC item takes over from a day, in full (weighted by the item's probability when applied). */
export interface HpcDisplacement {
  day: DayNumber;
  mw: number;
}

export interface SitedLease extends LeaseAsset {
  site: string;
  displacement?: HpcDisplacement | undefined;
}
export interface SitedPipelineItem extends PipelineAsset {
  site: string | undefined;
  displacement?: HpcDisplacement | undefined;
}

/**
 * The mining MW the HPC items take over on the expected basis: a lease's MW × delivery probability, a pipeline
 * project's × deal probability, as the valuation counts them (after its scope rules and adjustments), so that the
 * mining days stop exactly the hashrate the HPC parts and the site ledger claim.
 */
export function expectedDisplacements(
  leases: readonly SitedLease[],
  pipeline: readonly SitedPipelineItem[],
): MiningDisplacement[] {
  return [
    ...leases.flatMap((l) =>
      l.displacement
        ? [{ name: l.name, day: l.displacement.day, mw: l.displacement.mw * l.deliveryProbability.value }]
        : [],
    ),
    ...pipeline.flatMap((p) =>
      p.displacement ? [{ name: p.name, day: p.displacement.day, mw: p.displacement.mw * p.probability.value }] : [],
    ),
  ];
}

export interface StraightDebt {
  name: string;
  principalUsd: number;
  source: string;
}

export interface ValuationParameters {
  /** The methodology's one discount rate (mining, pipeline time value, power and land later, roll-forward). */
  discountRatePerYear: Sourced;
  /** Roll the operating parts forward from the valuation day to the target date at the discount rate. */
  rollForwardToTargetDate: boolean;
  mining: MiningParameters;
  corporate: CorporateCostParameters;
  powerLand: PowerLandParameters;
  defaultGrossPerItMw: Sourced;
  leases: Record<HpcKind, LeaseParameters>;
  /** Probability that a pipeline project gets built, by the stage of its site. */
  pipelineBuildProbability: Record<SiteStage, Sourced>;
  /** Equity USD per critical-IT MW of pipeline, by kind. */
  pipelineEquityUsdPerItMw: Record<HpcKind, Sourced>;
  rating: RatingThresholds;
}

/**
 * A company's valuation inputs before its mining days: the mining days stop the hashrate the HPC items take over as
 * finally counted (scope, expected MW, scenario adjustments, power policy), so they are made from these last.
 */
export type CompanyInputsBeforeDays = Omit<CompanyValuationInputs, 'days' | 'startIndex' | 'displacements'>;

export interface CompanyValuationInputs {
  valuationDay: DayNumber;
  /** The day the price target refers to. */
  targetDay: DayNumber;
  /** Company days from the valuation model; `startIndex` is the first day after the valuation day. */
  days: CompanyDays;
  startIndex: number;
  /** The displacements the company model applied (expected MW), to keep future ones out of the ledger's mining MW. */
  displacements: readonly MiningDisplacement[];
  sites: readonly LedgerSite[];
  leases: readonly SitedLease[];
  pipeline: readonly SitedPipelineItem[];
  treasury: TreasuryInputs;
  cashUsd: Sourced;
  straightDebt: readonly StraightDebt[];
  otherClaimsUsd: Sourced;
  capital: CapitalStructure;
  /** What `value` prints about the capital structure (convention, note terms, ATM, cash roll-forward). */
  capitalDisclosure?: CapitalDisclosure | undefined;
  sharePriceUsd: Sourced;
  parameters: ValuationParameters;
}

export interface CompanyValuation {
  mining: MiningValue;
  corporate: CorporateCostValue;
  miningMw: number;
  ledger: SiteLedger;
  powerLand: PowerLandValue;
  leases: LeaseValue[];
  leasesUsd: number;
  pipeline: PipelineValue[];
  pipelineUsd: number;
  treasury: TreasuryValue;
  rollForward: RollForward;
  /** Mining − corporate SG&A + power and land + leases + pipeline + roll-forward + treasury. */
  assetsUsd: number;
  cashUsd: number;
  straightDebtUsd: number;
  otherClaimsUsd: number;
  equityBeforeConvertiblesUsd: number;
  perShare: PerShareSolution;
  targetUsd: number;
  upside: number;
  rating: Rating;
}

/**
 * The operating parts (mining less corporate SG&A, power and land, leases, pipeline) are present values at the
 * valuation day; a target
 * for a later date rolls them forward at the methodology's rate: × (1 + r)^t, t in years to the target date. The
 * treasury is already valued at the target date's BTC price, and cash and debt at face value, so neither is rolled.
 */
export interface RollForward {
  years: number;
  factor: number;
  /** (factor − 1) × the operating parts: the part the roll-forward adds. */
  valueUsd: number;
  explain: Explain;
}

export function valueCompany(inputs: CompanyValuationInputs): CompanyValuation {
  const { parameters, days, startIndex } = inputs;
  const mining = miningValue(days, startIndex, parameters.mining);
  const corporate = corporateCostValue(days, startIndex, parameters.corporate);
  const miningMw = ledgerMiningMw(days, startIndex, inputs.valuationDay, inputs.displacements);
  const claims = [
    // A lease whose term has ended no longer holds its MW.
    ...inputs.leases
      .filter((l) => l.contract.endDayExclusive > inputs.valuationDay + 1)
      .map((l) => ({
        name: l.name,
        site: l.site,
        criticalItMw: l.criticalItMw.value * (1 - (l.forfeitedShare ?? 0)),
        probability: l.deliveryProbability.value,
      })),
    ...inputs.pipeline.map((p) => ({
      name: p.name,
      site: p.site,
      criticalItMw: p.criticalItMw.value,
      probability: p.probability.value,
    })),
  ];
  const ledger = siteLedger(inputs.sites, claims, miningMw, parameters.defaultGrossPerItMw.value);
  const powerLand = powerLandValue(ledger, parameters.powerLand);
  const leases = inputs.leases.map((lease) =>
    leaseValue(
      lease,
      parameters.leases[lease.kind],
      inputs.valuationDay,
      parameters.pipelineEquityUsdPerItMw[lease.kind],
    ),
  );
  const pipeline = inputs.pipeline.map((item) =>
    pipelineValue(
      item,
      parameters.pipelineEquityUsdPerItMw[item.kind],
      parameters.discountRatePerYear,
      inputs.valuationDay,
    ),
  );
  const treasury = btcTreasuryValue(inputs.treasury);
  const leasesUsd = total(leases);
  const pipelineUsd = total(pipeline);
  const operatingUsd = mining.valueUsd - corporate.costUsd + powerLand.valueUsd + leasesUsd + pipelineUsd;
  const rollForward = rollForwardOf(operatingUsd, inputs);
  const assetsUsd = operatingUsd + rollForward.valueUsd + treasury.valueUsd;
  const straightDebtUsd = inputs.straightDebt.reduce((sum, d) => sum + d.principalUsd, 0);
  const equityBeforeConvertiblesUsd = assetsUsd + inputs.cashUsd.value - straightDebtUsd - inputs.otherClaimsUsd.value;
  const perShare = solvePerShare(equityBeforeConvertiblesUsd, inputs.capital);
  const up = upside(perShare.priceUsd, inputs.sharePriceUsd.value);
  return {
    mining,
    corporate,
    miningMw,
    ledger,
    powerLand,
    leases,
    leasesUsd,
    pipeline,
    pipelineUsd,
    treasury,
    rollForward,
    assetsUsd,
    cashUsd: inputs.cashUsd.value,
    straightDebtUsd,
    otherClaimsUsd: inputs.otherClaimsUsd.value,
    equityBeforeConvertiblesUsd,
    perShare,
    targetUsd: perShare.priceUsd,
    upside: up,
    rating: rating(up, parameters.rating),
  };
}

/**
 * MW the fleet mines on for the site ledger: energized EH/s on the first valued day × J/TH (mining's gross and IT MW
 * taken as equal), less displacements still to come — those MW are already claimed by HPC at their site.
 */
function ledgerMiningMw(
  days: CompanyDays,
  startIndex: number,
  valuationDay: DayNumber,
  displacements: readonly MiningDisplacement[],
): number {
  const energizedMw = (days.energizedEhs[startIndex] as number) * (days.efficiencyJPerTh[startIndex] as number);
  const comingMw = displacements.filter((d) => d.day > valuationDay + 1).reduce((sum, d) => sum + d.mw, 0);
  return Math.max(0, (Number.isFinite(energizedMw) ? energizedMw : 0) - comingMw);
}

function rollForwardOf(operatingUsd: number, inputs: CompanyValuationInputs): RollForward {
  const { discountRatePerYear, rollForwardToTargetDate } = inputs.parameters;
  const years = rollForwardToTargetDate ? Math.max(0, (inputs.targetDay - inputs.valuationDay) / DAYS_PER_YEAR) : 0;
  const factor = (1 + discountRatePerYear.value) ** years;
  return {
    years,
    factor,
    valueUsd: (factor - 1) * operatingUsd,
    explain: {
      formula: rollForwardToTargetDate
        ? `(mining − corporate SG&A + power and land + HPC leases + HPC pipeline) × ((1 + r)^t − 1), ` +
          `t = ${years.toFixed(2)} years`
        : 'none: the methodology publishes present values at the as-of date as its targets',
      inputs: [input('discount rate r', discountRatePerYear, 'per year')],
    },
  };
}

function total(values: readonly { valueUsd: number }[]): number {
  return values.reduce((sum, v) => sum + v.valueUsd, 0);
}
