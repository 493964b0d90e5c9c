/** The comps columns that get quartiles, and the definition of every figure of the table (docs/methodology.md). */
import type { CompsRow } from '../../schema/comps.ts';

/** Each multiple column by its JSON path in a row, with how to read it. */
export const COMPS_COLUMNS: readonly { column: string; of: (row: CompsRow) => number | null }[] = [
  { column: 'marketCapUsd', of: (r) => r.marketCapUsd },
  { column: 'enterpriseValueUsd', of: (r) => r.enterpriseValueUsd },
  { column: 'evPerInstalledEhsUsd', of: (r) => r.evPerInstalledEhsUsd },
  { column: 'evPerRealizedEhsUsd', of: (r) => r.evPerRealizedEhsUsd },
  { column: 'evPerMwUsd.operating', of: (r) => r.evPerMwUsd.operating },
  { column: 'evPerMwUsd.underConstruction', of: (r) => r.evPerMwUsd.underConstruction },
  { column: 'evPerMwUsd.approved', of: (r) => r.evPerMwUsd.approved },
  { column: 'priceToHashUsdPerEhs', of: (r) => r.priceToHashUsdPerEhs },
  { column: 'evToNextFourQuartersEbitda', of: (r) => r.evToNextFourQuartersEbitda },
  { column: 'miningEvToBlockRewardGrossProfit', of: (r) => r.miningEvToBlockRewardGrossProfit },
  { column: 'impliedHpc.share', of: (r) => r.impliedHpc.share },
];

export const COMPS_DEFINITIONS: Record<string, string> = {
  marketCapUsd: 'share price × basic shares (the file’s, rolled forward by the financing public by the as-of date)',
  dilutedMarketCapUsd:
    'share price × diluted shares at the share price: convertibles in the money as their conversion shares, options ' +
    'and warrants by the treasury-stock method, RSUs in full; shown beside the basic market cap, not used in EV',
  enterpriseValueUsd:
    'market cap (basic) + straight debt + convertibles at face + other claims (lease liabilities where the file has ' +
    'them) − cash − BTC held × the BTC close of the as-of day; each part listed with its source',
  installedEhs: 'energized EH/s on the as-of day (the file’s fleet schedule)',
  realizedEhs:
    'EH/s implied by production over the trailing quarter: BTC mined (reported months where public) ÷ the BTC one ' +
    'EH/s earned after the pool fee = share of the network’s rewards × network hashrate',
  evPerMwUsd:
    'EV ÷ ownership-weighted gross MW by stage on the as-of day; an operating site’s MW not yet energized count at ' +
    'its unenergized stage',
  priceToHashUsdPerEhs:
    'EV attributed to mining ÷ installed EH/s; EV attributed to mining = EV − the valuation’s HPC parts (contracted ' +
    'leases and pipeline, at the as-of day); BTC held is already out of EV',
  evToNextFourQuartersEbitda:
    'EV ÷ adjusted EBITDA (mining and HPC gross profit − cash SG&A) of the four calendar quarters from the as-of ' +
    'date’s, as rerate estimates gives them',
  miningEvToBlockRewardGrossProfit:
    'EV attributed to mining ÷ the mining gross profit (revenue − mining cash costs, undiscounted) the model ' +
    'projects over the methodology’s mining horizon (four years by default): the multiple of the block-reward ' +
    'gross profit the market pays',
  impliedHpc:
    'critical-IT MW of new signed HPC at which the target equals the share price (rerate implied --solve signed-mw, ' +
    'within the site ledger’s room) ÷ that room at the undeveloped, in-queue and approved sites',
  quartiles:
    'median and quartiles of each column over the companies with a value (type 7: linear between order ' +
    'statistics, as R, NumPy and Excel QUARTILE.INC); a multiple whose denominator is not positive is left out',
};
