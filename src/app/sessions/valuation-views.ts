/** A valued company as result rows: the coverage-table row and the part-by-part bridge to the target. */
import type { CompanyValuation } from '../../valuation/sum-of-parts.ts';
import type { ValuedCompany } from './valuation-session.ts';
import { formatMillionsUsd, formatPct } from '../../present/format.ts';

export function partsOf(valuation: CompanyValuation) {
  return {
    miningUsd: valuation.mining.valueUsd,
    corporateCostsUsd: valuation.corporate.costUsd,
    powerAndLandUsd: valuation.powerLand.valueUsd,
    hpcLeasesUsd: valuation.leasesUsd,
    hpcPipelineUsd: valuation.pipelineUsd,
    rollForwardUsd: valuation.rollForward.valueUsd,
    btcTreasuryUsd: valuation.treasury.valueUsd,
    cashUsd: valuation.cashUsd,
    straightDebtUsd: valuation.straightDebtUsd,
    otherClaimsUsd: valuation.otherClaimsUsd,
    // The convertibles' claims that are not shares: principal as debt, or bond floor + option (capital-structure.ts).
    convertibleDebtUsd: valuation.perShare.convertibleDebtUsd + valuation.perShare.convertibleOptionUsd,
    equityValueUsd: valuation.perShare.equityValueUsd,
    dilutedShares: valuation.perShare.dilutedShares,
  };
}

export function companyHeadline(valued: ValuedCompany) {
  const { company } = valued.loaded;
  const { valuation } = valued;
  const price = company.market.sharePriceUsd;
  return {
    ticker: company.ticker,
    name: company.name,
    rating: valuation.rating,
    targetUsd: valuation.targetUsd,
    sharePriceUsd: valued.inputs.sharePriceUsd.value,
    sharePriceDate: typeof price === 'number' ? null : (price.asOf ?? null),
    sharePriceSource: valued.sharePriceSource,
    upside: valuation.upside,
    parts: partsOf(valuation),
    notes: valued.notes,
    olderFigures: valued.olderFigures,
  };
}

/** Whole millions, as the valuation tables show USD. */
export function millions(usd: number | null): string {
  return formatMillionsUsd(usd, 0);
}

export function upsideText(upside: number): string {
  return formatPct(upside * 100, 0, true);
}
