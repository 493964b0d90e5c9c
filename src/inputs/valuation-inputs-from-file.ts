/**
 * Reads the valuation engines' view of a company (src/valuation/sum-of-parts.ts) off its file and a methodology
 * preset: every number carries its source — the file path and its citation or assumption, or the preset's source.
 */
import type { CompanyDays } from '../company/company-days.ts';
import type { CompanyModel } from '../company/company-model.ts';
import { figureProvenance, type FigureProvenance } from '../schema/company-provenance.ts';
import { valueOf } from '../schema/company.ts';
import type { MethodologyFile } from '../schema/methodology.ts';
import type { PolicySite } from '../scenarios/ercot-rule.ts';
import { dayFromIso, type DayNumber } from '../units/calendar-day.ts';
import type { Sourced } from '../valuation/explain.ts';
import type { HpcKind, LeaseParameters } from '../valuation/hpc-lease-value.ts';
import type { LedgerSite } from '../valuation/site-ledger.ts';
import type { CompanyValuationInputs, ValuationParameters } from '../valuation/sum-of-parts.ts';
import { capitalFromFile } from './capital-from-file.ts';
import type { LoadedCompany, LoadedMethodology } from './loaded-files.ts';
import type { ResultWarning } from '../schema/result-envelope.ts';

export interface FileValuationInputs {
  inputs: CompanyValuationInputs;
  policySites: PolicySite[];
  warnings: ResultWarning[];
}

export function valuationInputsFromFile(
  loaded: LoadedCompany,
  loadedMethodology: LoadedMethodology,
  model: CompanyModel,
  days: CompanyDays,
  asOfDay: DayNumber,
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

  const leases = company.hpc.leases.map((lease, i) => {
    const contract = model.hpcContracts[i];
    if (!contract) throw new Error(`lease ${i} has no contract in the company model`);
    return {
      name: contract.name,
      site: lease.site,
      kind: lease.kind,
      criticalItMw: fig(`hpc.leases[${i}].criticalItMw`, lease.criticalItMw, 0),
      contract,
      remainingCapexUsd: fig(`hpc.leases[${i}].remainingCapexUsd`, lease.remainingCapexUsd, 0),
      deliveryProbability: fig(`hpc.leases[${i}].deliveryProbability`, lease.deliveryProbability, 1),
      ownership: ownershipOf(lease.site),
    };
  });
  const pipeline = company.hpc.pipeline.map((item, i) => ({
    name: item.name,
    site: item.site,
    kind: item.kind,
    criticalItMw: fig(`hpc.pipeline[${i}].criticalItMw`, item.criticalItMw, 0),
    probability: fig(`hpc.pipeline[${i}].probability`, item.probability, 0),
    ownership: ownershipOf(item.site),
  }));

  const sheet = company.balanceSheet;
  const capital = capitalFromFile(company, file, loadedMethodology.file, methodology, asOfDay, fig);
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
      days,
      startIndex: asOfDay + 1 - days.firstDay,
      displacements: model.displacements,
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
  const lease = (kind: HpcKind): LeaseParameters => {
    const method = m.hpc.leases[kind];
    return {
      method: method.method,
      capRate: method.capRate && cite(method.capRate, `hpc.leases.${kind}.capRate`),
      discountRatePerYear: cite(method.discountRatePerYear, `hpc.leases.${kind}.discountRatePerYear`),
      equityUsdPerItMw: method.method === 'per-mw' ? equity(kind) : undefined,
    };
  };
  const byStage = (record: Record<string, Sourced>, path: string) =>
    Object.fromEntries(
      Object.entries(record).map(([stage, p]) => [stage, cite(p, `${path}.${stage}`)]),
    ) as ValuationParameters['powerLand']['usdPerMw'];
  return {
    mining: {
      method: m.mining.method,
      horizonYears: cite(m.mining.horizonYears, 'mining.horizonYears'),
      discountRatePerYear: cite(m.mining.discountRatePerYear, 'mining.discountRatePerYear'),
      shutdownWhenUnprofitable: m.mining.shutdownWhenUnprofitable.value,
      evPerEhUsd: m.mining.evPerEhUsd && cite(m.mining.evPerEhUsd, 'mining.evPerEhUsd'),
    },
    powerLand: {
      includeMiningMw: m.powerAndLand.includeMiningMw.value,
      usdPerMw: byStage(m.powerAndLand.usdPerMw, 'powerAndLand.usdPerMw'),
      probability: byStage(m.powerAndLand.probability, 'powerAndLand.probability'),
    },
    defaultGrossPerItMw: cite(m.hpc.grossPerItMw, 'hpc.grossPerItMw'),
    leases: { colocation: lease('colocation'), cloud: lease('cloud') },
    pipelineEquityUsdPerItMw: { colocation: equity('colocation'), cloud: equity('cloud') },
    rating: {
      overweightFromUpside: cite(m.rating.overweightFromUpside, 'rating.overweightFromUpside'),
      underweightToUpside: cite(m.rating.underweightToUpside, 'rating.underweightToUpside'),
    },
  };
}
