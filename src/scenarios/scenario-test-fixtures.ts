// Shared test fixtures of the scenario engine tests (company adjustments, the ERCOT rule): a company's valuation
// inputs around its sites, sited leases and pipeline items, on the valuation fixtures. Test data only: no engine
// imports this file.
import type { CapitalStructure } from '../valuation/capital-structure.ts';
import type { LedgerSite } from '../valuation/site-ledger.ts';
import type { CompanyValuationInputs, SitedLease, SitedPipelineItem } from '../valuation/sum-of-parts.ts';
import {
  contract,
  day,
  powerParams,
  s,
  steadyDays,
  V,
  valuationParameters,
} from '../valuation/valuation-test-fixtures.ts';

/** A colocation lease of `itMw` at `site`: ten years from `startDay` at $150k a day rising 3% a year, $8M/MW capex. */
export function lease(
  name: string,
  site: string,
  itMw: number,
  startDay: number,
  overrides: Partial<SitedLease> = {},
): SitedLease {
  return {
    name,
    kind: 'colocation',
    site,
    criticalItMw: s(itMw),
    contract: contract({
      name,
      startDay: day(startDay),
      endDayExclusive: day(startDay + 3653),
      firstYearRentUsdPerDay: 150_000,
      escalatorPerYear: 0.03,
    }),
    remainingCapexUsd: s(itMw * 8e6),
    deliveryProbability: s(0.9),
    ownership: s(1),
    ...overrides,
  };
}

export function pipelineItem(
  name: string,
  site: string | undefined,
  itMw: number,
  probability: number,
  overrides: Partial<SitedPipelineItem> = {},
): SitedPipelineItem {
  return {
    name,
    kind: 'colocation',
    site,
    criticalItMw: s(itMw),
    probability: s(probability),
    ownership: s(1),
    expectedStartDay: V,
    buildProbability: s(1),
    ...overrides,
  };
}

/** A company on the steady days (BTC at $100k) with the given sites, leases, pipeline and capital structure. */
export function companyInputs(
  sites: LedgerSite[],
  leases: SitedLease[],
  pipeline: SitedPipelineItem[],
  capital?: CapitalStructure,
): CompanyValuationInputs {
  const days = steadyDays({ priceUsd: Array<number>(20).fill(100_000) });
  const parameters = valuationParameters();
  return {
    valuationDay: V,
    targetDay: V,
    days,
    startIndex: V + 1 - days.firstDay,
    displacements: [],
    sites,
    leases,
    pipeline,
    treasury: { btcHeld: s(500), btcPledged: s(0), btcPriceUsd: s(100_000), hodlPremium: s(0), excludePledged: false },
    cashUsd: s(300e6),
    straightDebt: [{ name: 'Term loan', principalUsd: 100e6, source: 'test' }],
    otherClaimsUsd: s(10e6),
    capital: capital ?? {
      basicShares: 100e6,
      convertibles: [{ name: 'Convertible', principalUsd: 500e6, conversionPriceUsd: 15, cappedCallCapUsd: 25 }],
      dilutive: [{ name: 'RSUs', shares: 2e6, strikeUsd: 0 }],
    },
    sharePriceUsd: s(12),
    parameters: {
      ...parameters,
      powerLand: powerParams(false, { operating: s(425_000), 'under-construction': s(425_000) }),
      leases: {
        ...parameters.leases,
        cloud: { method: 'per-mw', equityUsdPerItMw: s(19e6) },
      },
    },
  };
}
