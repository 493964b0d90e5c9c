/**
 * Reads the valuation engines' view of a company (src/valuation/sum-of-parts.ts) off its file and a methodology
 * preset: every number carries its source — the file path and its citation or assumption, or the preset's source.
 */
import type { CompanyModel } from '../company/company-model.ts';
import { figureProvenance, type FigureProvenance } from '../schema/company-provenance.ts';
import { valueOf } from '../schema/company.ts';
import type { MethodologyFile } from '../schema/methodology.ts';
import type { PolicySite } from '../scenarios/ercot-rule.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../units/calendar-day.ts';
import { DAYS_PER_YEAR } from '../company/hpc-revenue.ts';
import type { SiteStage } from '../valuation/site-ledger.ts';
import { countExpectedItMw } from './expected-hpc-mw.ts';
import type { Sourced } from '../valuation/explain.ts';
import type { HpcKind, LeaseParameters } from '../valuation/hpc-lease-value.ts';
import { cashFlowParameters, leaseTermsFromFile } from './lease-inputs-from-file.ts';
import type { LedgerSite } from '../valuation/site-ledger.ts';
import type {
  CompanyInputsBeforeDays,
  HpcDisplacement,
  SitedPipelineItem,
  ValuationParameters,
} from '../valuation/sum-of-parts.ts';
import { capitalFromFile } from './capital-from-file.ts';
import type { LoadedCompany, LoadedMethodology } from './loaded-files.ts';
import type { ResultWarning } from '../schema/result-envelope.ts';

export interface FileValuationInputs {
  inputs: CompanyInputsBeforeDays;
  policySites: PolicySite[];
  warnings: ResultWarning[];
}

export function valuationInputsFromFile(
  loaded: LoadedCompany,
  loadedMethodology: LoadedMethodology,
  model: CompanyModel,
  asOfDay: DayNumber,
  targetDay: DayNumber,
  btcPriceUsd: Sourced,
  figures: FigureIndex,
): FileValuationInputs {
  const { company, file } = loaded;
  const { methodology } = loadedMethodology;
  const provenance = provenanceOf(loaded, figures);
  const fig = (path: string, figure: number | { value: number } | undefined, fallback: number): Sourced => {
    const value = figure === undefined ? fallback : valueOf(figure);
    return { value, source: provenance.get(path) ?? `${file} ${path}: not in the file, default ${value}` };
  };
  const parameters = valuationParameters(loadedMethodology, company.ticker);
  const warnings: ResultWarning[] = [];

  const sites: LedgerSite[] = company.sites.map((site) => ({
    name: site.name,
    stage: site.stage,
    use: site.use,
    grossMw: valueOf(site.grossMw),
    criticalItMw: site.criticalItMw === undefined ? undefined : valueOf(site.criticalItMw),
    ownership: valueOf(site.ownership),
    buildOut: site.unenergizedStage && {
      unenergizedStage: site.unenergizedStage,
      energizedMw: energizedBy(site.energization ?? [], asOfDay),
    },
  }));
  const ownershipOf = (siteName: string | undefined): Sourced => {
    const index = company.sites.findIndex((s) => s.name === siteName);
    return index < 0
      ? { value: 1, source: 'no site named: wholly owned' }
      : fig(`sites[${index}].ownership`, company.sites[index]?.ownership, 1);
  };
  const grossPerItOf = (siteName: string | undefined): number => {
    const site = sites.find((s) => s.name === siteName);
    return site?.criticalItMw ? site.grossMw / site.criticalItMw : parameters.defaultGrossPerItMw.value;
  };

  const fromFile = company.hpc.leases.map((lease, i) => {
    const contract = model.hpcContracts[i];
    if (!contract) throw new Error(`lease ${i} has no contract in the company model`);
    const at = `hpc.leases[${i}]`;
    const siteIndex = company.sites.findIndex((s) => s.name === lease.site);
    const sitePower = company.sites[siteIndex]?.powerPriceUsdPerMwh;
    return {
      name: contract.name,
      site: lease.site,
      kind: lease.kind,
      displacement: displacementOf(lease.displacesMiningMw, lease.displacementDate ?? lease.startDate),
      criticalItMw: fig(`${at}.criticalItMw`, lease.criticalItMw, 0),
      contract,
      remainingCapexUsd: fig(`${at}.remainingCapexUsd`, lease.remainingCapexUsd, 0),
      deliveryProbability: fig(`${at}.deliveryProbability`, lease.deliveryProbability, 1),
      ownership: ownershipOf(lease.site),
      ...leaseTermsFromFile(lease, at, file, fig),
      powerPriceUsdPerMwh:
        sitePower === undefined
          ? fig('fleet.powerPriceUsdPerMwh', company.fleet.powerPriceUsdPerMwh, 0)
          : fig(`sites[${siteIndex}].powerPriceUsdPerMwh`, sitePower, 0),
    };
  });
  const scope = pipelineScope(loadedMethodology, targetDay);
  const counted: SitedPipelineItem[] = [];
  company.hpc.pipeline.forEach((item, i) => {
    // A project is built on MW not yet energized: a site being built out lends it its build-out stage.
    const site = company.sites.find((s) => s.name === item.site);
    const stage = site?.unenergizedStage ?? site?.stage ?? 'undeveloped';
    const outside = scope.excludes(item.expectedStart, stage);
    if (outside) {
      warnings.push({
        code: 'pipeline-out-of-scope',
        message: `${company.ticker}: pipeline project "${item.name}" is not counted: ${outside}.`,
        field: `hpc.pipeline[${i}]`,
      });
      return;
    }
    counted.push({
      name: item.name,
      site: item.site,
      kind: item.kind,
      displacement: displacementOf(item.displacesMiningMw, item.displacementDate ?? item.expectedStart),
      criticalItMw: fig(`hpc.pipeline[${i}].criticalItMw`, item.criticalItMw, 0),
      probability: fig(`hpc.pipeline[${i}].probability`, item.probability, 0),
      ownership: ownershipOf(item.site),
      expectedStartDay: dayFromIso(item.expectedStart),
      buildProbability: {
        ...parameters.pipelineBuildProbability[stage],
        source:
          `${parameters.pipelineBuildProbability[stage].source}` +
          (item.site === undefined ? ' (no site named: taken as undeveloped)' : ` (site stage ${stage})`),
      },
    });
  });

  const expected = methodology.hpc.pipeline.scope.expectedItMwByTicker[company.ticker];
  const hpc = expected
    ? countExpectedItMw(
        company.ticker,
        {
          value: expected.value,
          source:
            `${loadedMethodology.file} hpc.pipeline.scope.expectedItMwByTicker.${company.ticker}: ` + expected.source,
        },
        fromFile,
        counted,
        asOfDay,
      )
    : { leases: fromFile, pipeline: counted, warnings: [] };
  warnings.push(...hpc.warnings);
  const { leases, pipeline } = hpc;

  const sheet = company.balanceSheet;
  // The notes are valued on the day the equity is: the target date when the parts are rolled forward to it.
  const solvedOnDay = methodology.time.rollForwardToTargetDate.value ? targetDay : asOfDay;
  const capital = capitalFromFile(company, file, loadedMethodology.file, methodology, asOfDay, solvedOnDay, fig);
  warnings.push(...capital.warnings);

  const policySites: PolicySite[] = company.sites.map((site) => ({
    name: site.name,
    grid: site.grid,
    stage: site.stage,
    grossMw: valueOf(site.grossMw),
    energization: (site.energization ?? []).map((p) => ({ day: dayFromIso(p.date), mw: valueOf(p.mw) })),
    grossPerItMw: grossPerItOf(site.name),
  }));

  return {
    warnings,
    policySites,
    inputs: {
      valuationDay: asOfDay,
      targetDay,
      sites,
      leases,
      pipeline,
      treasury: {
        btcHeld: fig('balanceSheet.btcHeld', sheet.btcHeld, 0),
        btcPledged: fig('balanceSheet.btcPledged', sheet.btcPledged, 0),
        btcPriceUsd,
        hodlPremium: {
          value: methodology.treasury.hodlPremium.value,
          source: `${loadedMethodology.file} treasury.hodlPremium: ${methodology.treasury.hodlPremium.source}`,
        },
        excludePledged: methodology.treasury.excludePledged.value,
      },
      cashUsd: capital.cashUsd,
      straightDebt: capital.straightDebt,
      otherClaimsUsd: fig('balanceSheet.otherClaimsUsd', sheet.otherClaimsUsd, 0),
      capital: capital.capital,
      capitalDisclosure: capital.disclosure,
      sharePriceUsd: fig('market.sharePriceUsd', company.market.sharePriceUsd, 0),
      parameters,
    },
  };
}

/** Each figure of a company file by its path, with its citation or assumption. */
export type FigureIndex = ReadonlyMap<string, FigureProvenance>;

/** The file's figures by path: read once per file by the caller (valuations re-run for every sensitivity point). */
export function indexFigures(loaded: LoadedCompany): FigureIndex {
  return new Map(figureProvenance(loaded.raw).map((f) => [f.path, f]));
}

function provenanceOf(loaded: LoadedCompany, figures: FigureIndex): { get(path: string): string | undefined } {
  return {
    get(path) {
      const f = figures.get(path);
      return f && `${loaded.file} ${f.path}: ${f.kind === 'assumption' ? 'assumption: ' : ''}${f.note}`;
    },
  };
}

/** The preset's parameters for one company (its per-ticker HPC $/MW where the preset gives them). */
export function valuationParameters(loaded: LoadedMethodology, ticker: string): ValuationParameters {
  const m: MethodologyFile = loaded.methodology;
  const cite = (p: Sourced, path: string): Sourced => ({
    value: p.value,
    source: `${loaded.file} ${path}: ${p.source}`,
  });
  const own = m.hpc.equityUsdPerItMwByTicker[ticker];
  const equity = (kind: HpcKind): Sourced => {
    const specific = own?.[kind];
    return specific
      ? cite(specific, `hpc.equityUsdPerItMwByTicker.${ticker}.${kind}`)
      : cite(m.hpc.equityUsdPerItMw[kind], `hpc.equityUsdPerItMw.${kind}`);
  };
  const lease = (kind: HpcKind): LeaseParameters => ({
    method: m.hpc.leases[kind].method,
    cashFlow: cashFlowParameters(m.hpc.leases, kind, cite),
    equityUsdPerItMw: m.hpc.leases[kind].method === 'per-mw' ? equity(kind) : undefined,
  });
  const byStage = (record: Record<string, Sourced>, path: string) =>
    Object.fromEntries(
      Object.entries(record).map(([stage, p]) => [stage, cite(p, `${path}.${stage}`)]),
    ) as ValuationParameters['powerLand']['usdPerMw'];
  const discountRatePerYear = cite(m.time.discountRatePerYear, 'time.discountRatePerYear');
  const horizonYears = cite(m.mining.horizonYears, 'mining.horizonYears');
  return {
    discountRatePerYear,
    rollForwardToTargetDate: m.time.rollForwardToTargetDate.value,
    mining: {
      method: m.mining.method,
      horizonYears,
      discountRatePerYear,
      shutdownWhenUnprofitable: m.mining.shutdownWhenUnprofitable.value,
      subtractRefreshCapex: m.mining.subtractRefreshCapex.value,
      evPerEhUsd: m.mining.evPerEhUsd && cite(m.mining.evPerEhUsd, 'mining.evPerEhUsd'),
    },
    powerLand: {
      includeMiningMw: m.powerAndLand.includeMiningMw.value,
      usdPerMw: byStage(m.powerAndLand.usdPerMw, 'powerAndLand.usdPerMw'),
      probability: byStage(m.powerAndLand.probability, 'powerAndLand.probability'),
      ...(m.powerAndLand.miningMwAfterHorizon.value && {
        miningMwAfterHorizon: {
          discountFactor: (1 + discountRatePerYear.value) ** -horizonYears.value,
          horizonYears,
          discountRatePerYear,
        },
      }),
    },
    corporate: { subtractCashSga: m.corporate.subtractCashSga.value, horizonYears, discountRatePerYear },
    pipelineBuildProbability: byStage(m.hpc.pipeline.buildProbability, 'hpc.pipeline.buildProbability'),
    defaultGrossPerItMw: cite(m.hpc.grossPerItMw, 'hpc.grossPerItMw'),
    leases: { colocation: lease('colocation'), cloud: lease('cloud') },
    pipelineEquityUsdPerItMw: { colocation: equity('colocation'), cloud: equity('cloud') },
    rating: {
      overweightFromUpside: cite(m.rating.overweightFromUpside, 'rating.overweightFromUpside'),
      underweightToUpside: cite(m.rating.underweightToUpside, 'rating.underweightToUpside'),
    },
  };
}

/** The methodology's pipeline scope rules: why a project is not counted, or `undefined` when it is. */
function pipelineScope(loaded: LoadedMethodology, targetDay: DayNumber) {
  const { scope } = loaded.methodology.hpc.pipeline;
  const latest = scope.latestStartYearsAfterTarget;
  const latestDay = latest && targetDay + Math.round(latest.value * DAYS_PER_YEAR);
  return {
    excludes(expectedStart: string, stage: SiteStage): string | undefined {
      if (latestDay !== undefined && dayFromIso(expectedStart) > latestDay) {
        return (
          `it starts ${expectedStart}, after ${isoFromDay(latestDay as DayNumber)} ` +
          `(${loaded.file} hpc.pipeline.scope.latestStartYearsAfterTarget: ${latest?.source})`
        );
      }
      if (scope.siteStages && !scope.siteStages.value.includes(stage)) {
        return `its site is ${stage} (${loaded.file} hpc.pipeline.scope.siteStages: ${scope.siteStages.source})`;
      }
      return undefined;
    },
  };
}

/** MW energized by a day on a cumulative energization schedule (0 before its first step). */
function energizedBy(schedule: readonly { date: string; mw: number | { value: number } }[], day: DayNumber): number {
  let mw = 0;
  for (const step of schedule) if (dayFromIso(step.date) <= day) mw = valueOf(step.mw);
  return mw;
}

/** The mining MW an HPC item of the file takes over, in full, and from when. */
function displacementOf(mw: number | { value: number } | undefined, fromIso: string): HpcDisplacement | undefined {
  return mw === undefined ? undefined : { day: dayFromIso(fromIso), mw: valueOf(mw) };
}
