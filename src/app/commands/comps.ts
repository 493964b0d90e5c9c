/**
 * `rerate comps`: the comps table over the coverage (issue 21) — market cap, enterprise value with its parts, EV per
 * EH/s installed and realized, EV per MW by stage, price-to-hash, EV/EBITDA on the next four quarters, the multiple of
 * the block-reward gross profit and the market-implied HPC share, with medians and quartiles.
 */
import { compsInputSchema, compsSchema, type CompsResult } from '../../schema/comps.ts';
import { defineCommand, type TextSection } from '../command.ts';
import { formatNumber, formatPct, formatUsd } from '../../present/format.ts';
import { compsOfCoverage } from '../sessions/comps-session.ts';
import { millions } from '../sessions/valuation-views.ts';
import { enterpriseValuePartUsd } from '../../present/enterprise-value-parts.ts';

export const compsCommand = defineCommand({
  name: 'comps',
  summary: 'The comps table: EV, EV/EH, EV/MW, price-to-hash, EV/EBITDA and the implied HPC share of every miner',
  description:
    'Per covered company: market cap (basic, and diluted at the price), enterprise value with each part it includes ' +
    '(debt, convertibles at face, other claims, cash, BTC at the as-of close), EV per EH/s installed and realized ' +
    '(from the trailing quarter’s production), EV per MW by stage, price-to-hash (EV less the HPC parts per EH/s), ' +
    'EV/EBITDA on the four quarters from the as-of date’s, the multiple of the block-reward gross profit over the ' +
    'mining horizon, and the share of the room for new HPC the share price pays for; medians and quartiles per ' +
    'column. Values as `rerate update` does (methodology, scenario, as-of date).',
  examples: ['rerate comps', 'rerate comps --methodology jpm-2025-11 --csv', 'rerate comps --as-of 2026-01-15 --json'],
  http: { heavy: true },
  inputSchema: compsInputSchema,
  outputSchema: compsSchema,
  async run(input, ports) {
    const { results, dataAsOf, warnings } = await compsOfCoverage(input, ports);
    return { results, asOf: results.asOf, dataAsOf, warnings };
  },
  textView: compsText,
  csvView(results) {
    return {
      columns: [
        'ticker',
        'sharePriceUsd',
        'sharePriceDate',
        'sharePriceSource',
        'basicShares',
        'marketCapUsd',
        'dilutedMarketCapUsd',
        'balanceSheetAsOf',
        'btcPriceUsd',
        'btcPriceDate',
        'straightDebtUsd',
        'convertiblesAtFaceUsd',
        'otherClaimsUsd',
        'cashUsd',
        'btcHeldUsd',
        'enterpriseValueUsd',
        'installedEhs',
        'realizedEhs',
        'realizedPeriod',
        'operatingMw',
        'underConstructionMw',
        'approvedMw',
        'evPerInstalledEhsUsd',
        'evPerRealizedEhsUsd',
        'evPerOperatingMwUsd',
        'evPerUnderConstructionMwUsd',
        'evPerApprovedMwUsd',
        'hpcValueUsd',
        'miningEnterpriseValueUsd',
        'priceToHashUsdPerEhs',
        'nextFourQuarters',
        'nextFourQuartersEbitdaUsd',
        'evToNextFourQuartersEbitda',
        'blockRewardHorizonYears',
        'blockRewardGrossProfitUsd',
        'miningEvToBlockRewardGrossProfit',
        'impliedHpcMw',
        'hpcRoomMw',
        'impliedHpcShare',
        'impliedHpcStatus',
      ],
      rows: results.companies.map((c) => [
        c.ticker,
        c.sharePriceUsd,
        c.sharePriceDate,
        c.sharePriceSource,
        c.basicShares,
        c.marketCapUsd,
        c.dilutedMarketCapUsd,
        c.balanceSheetAsOf,
        c.btcPriceUsd,
        c.btcPriceDate,
        enterpriseValuePartUsd(c, 'straight-debt'),
        enterpriseValuePartUsd(c, 'convertible'),
        enterpriseValuePartUsd(c, 'other-claims'),
        -enterpriseValuePartUsd(c, 'cash'),
        -enterpriseValuePartUsd(c, 'btc'),
        c.enterpriseValueUsd,
        c.installedEhs,
        c.realizedEhs,
        c.realizedPeriod,
        c.mw.operating,
        c.mw.underConstruction,
        c.mw.approved,
        c.evPerInstalledEhsUsd,
        c.evPerRealizedEhsUsd,
        c.evPerMwUsd.operating,
        c.evPerMwUsd.underConstruction,
        c.evPerMwUsd.approved,
        c.hpcValueUsd,
        c.miningEnterpriseValueUsd,
        c.priceToHashUsdPerEhs,
        c.nextFourQuarters.join(' '),
        c.nextFourQuartersEbitdaUsd,
        c.evToNextFourQuartersEbitda,
        c.blockRewardHorizonYears,
        c.blockRewardGrossProfitUsd,
        c.miningEvToBlockRewardGrossProfit,
        c.impliedHpc.impliedMw,
        c.impliedHpc.roomMw,
        c.impliedHpc.share,
        c.impliedHpc.status,
      ]),
    };
  },
});

const perEh = (usd: number | null) => (usd === null ? '—' : `${formatNumber(usd / 1e6, 1)}M`);
const times = (x: number | null) => (x === null ? '—' : `${formatNumber(x, 1)}×`);
const mwText = (mw: number | null) => (mw === null ? '—' : formatNumber(mw, 0));

function compsText(r: CompsResult): TextSection[] {
  const frame = `as of ${r.asOf}, methodology ${r.methodology.name}, scenario ${r.scenario.name}`;
  // One row each for the first quartile, the median and the third, under the columns that have them.
  const statRows = (cells: readonly ([column: string, show: (v: number | null) => string] | null)[]) =>
    (['q1', 'median', 'q3'] as const).map((stat) =>
      cells.map((cell, i) => {
        if (i === 0) return { q1: 'Q1', median: 'Median', q3: 'Q3' }[stat];
        const q = cell && r.quartiles.find((c) => c.column === cell[0]);
        return q && cell ? cell[1](q[stat]) : '';
      }),
    );
  const share = (v: number | null) => (v === null ? '—' : formatPct(v * 100, 0));
  const first = r.companies.map((c) => [
    c.ticker,
    `${formatUsd(c.sharePriceUsd)} (${c.sharePriceDate ?? 'file'})`,
    millions(c.marketCapUsd),
    millions(
      enterpriseValuePartUsd(c, 'straight-debt') +
        enterpriseValuePartUsd(c, 'convertible') +
        enterpriseValuePartUsd(c, 'other-claims'),
    ),
    millions(-enterpriseValuePartUsd(c, 'cash')),
    millions(-enterpriseValuePartUsd(c, 'btc')),
    millions(c.enterpriseValueUsd),
    c.balanceSheetAsOf,
    `${formatNumber(c.installedEhs, 1)} / ${c.realizedEhs === null ? '—' : formatNumber(c.realizedEhs, 1)}`,
    perEh(c.evPerInstalledEhsUsd),
    perEh(c.evPerRealizedEhsUsd),
    perEh(c.priceToHashUsdPerEhs),
  ]);
  const second = r.companies.map((c) => [
    c.ticker,
    `${mwText(c.mw.operating)} / ${mwText(c.mw.underConstruction)} / ${mwText(c.mw.approved)}`,
    perEh(c.evPerMwUsd.operating),
    perEh(c.evPerMwUsd.underConstruction),
    perEh(c.evPerMwUsd.approved),
    times(c.evToNextFourQuartersEbitda),
    times(c.miningEvToBlockRewardGrossProfit),
    `${share(c.impliedHpc.share)} of ${mwText(c.impliedHpc.roomMw)} MW`,
  ]);
  const realized = r.companies[0]?.realizedPeriod ?? '';
  const quarters = r.companies[0]?.nextFourQuarters ?? [];
  return [
    {
      kind: 'table',
      title: `Comps: enterprise value and hashrate — ${frame}`,
      columns: [
        'Ticker',
        'Price (date)',
        'Mkt cap',
        'Debt + conv. + other',
        'Cash',
        'BTC',
        'EV',
        'Bal. sheet',
        `EH/s inst. / real. (${realized})`,
        'EV/EH inst.',
        'EV/EH real.',
        'P/H',
      ],
      rows: [
        ...first,
        ...statRows([
          null,
          null,
          ['marketCapUsd', millions],
          null,
          null,
          null,
          ['enterpriseValueUsd', millions],
          null,
          null,
          ['evPerInstalledEhsUsd', perEh],
          ['evPerRealizedEhsUsd', perEh],
          ['priceToHashUsdPerEhs', perEh],
        ]),
      ],
      notes: [
        `USD millions; EV/EH and P/H in USD millions per EH/s. BTC at the ${r.asOf} close. Realized EH/s: ` +
          `${realized} BTC mined ÷ BTC per EH/s (reported months where public). P/H: EV less the HPC parts per ` +
          'installed EH/s. `--json` lists each EV part with its source.',
      ],
    },
    {
      kind: 'table',
      title: `Comps: power, earnings and the implied HPC share — ${frame}`,
      columns: [
        'Ticker',
        'MW op. / constr. / appr.',
        'EV/MW op.',
        'EV/MW constr.',
        'EV/MW appr.',
        `EV/EBITDA ${quarters[0] ?? ''}–${quarters.at(-1) ?? ''}`,
        'Mining EV/GP',
        'Implied HPC share',
      ],
      rows: [
        ...second,
        ...statRows([
          null,
          null,
          ['evPerMwUsd.operating', perEh],
          ['evPerMwUsd.underConstruction', perEh],
          ['evPerMwUsd.approved', perEh],
          ['evToNextFourQuartersEbitda', times],
          ['miningEvToBlockRewardGrossProfit', times],
          ['impliedHpc.share', share],
        ]),
      ],
      notes: [
        'EV/MW in USD millions per ownership-weighted gross MW. Mining EV/GP: EV less the HPC parts ÷ the mining ' +
          `gross profit over ${r.companies[0]?.blockRewardHorizonYears ?? 4} years. Implied HPC share: new signed ` +
          'HPC MW at which the target equals the price ÷ the room at undeveloped, in-queue and approved sites.',
        ...r.companies.map((c) => `${c.ticker}: ${c.impliedHpc.explanation}`),
        ...r.notValued.map((c) => `${c.ticker}: not valued — ${c.reason}`),
        'Quartiles: type 7 (linear between order statistics); — when a denominator is not positive.',
      ],
    },
  ];
}
