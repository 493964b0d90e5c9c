/**
 * The note's comps page (issue 21): `rerate comps` as two tables — the enterprise value with its parts, to the cent
 * (the note and the command agree to the cent), and the multiples with the implied HPC share — then the quartiles.
 */
import { formatNumber, formatPct, formatUsd } from '../format.ts';
import type { NoteBlock } from './note-document.ts';
import type { CompsResult, CompsRow } from '../../schema/comps.ts';

type Kind = CompsRow['enterpriseValueParts'][number]['kind'];

const partOf = (row: CompsRow, kind: Kind) =>
  row.enterpriseValueParts.filter((p) => p.kind === kind).reduce((sum, p) => sum + p.usd, 0);
const millions = (usd: number | null) => (usd === null ? '—' : `${formatNumber(usd / 1e6, 1)}M`);
const times = (x: number | null) => (x === null ? '—' : `${formatNumber(x, 1)}×`);
const share = (x: number | null) => (x === null ? '—' : formatPct(x * 100, 0));

export function compsSection(comps: CompsResult): NoteBlock[] {
  const right = (label: string) => ({ label, align: 'right' as const });
  const quartile = (column: string, show: (v: number | null) => string) => {
    const q = comps.quartiles.find((c) => c.column === column);
    return q ? `${show(q.q1)} / ${show(q.median)} / ${show(q.q3)}` : '—';
  };
  return [
    { kind: 'heading', level: 1, text: 'Comps', id: 'comps' },
    {
      kind: 'paragraph',
      text:
        `What the market pays for each miner as of ${comps.asOf}: enterprise value against hashrate, power by stage, ` +
        'next-four-quarter EBITDA and the block-reward gross profit, and the share of the room for new HPC the price ' +
        `pays for (methodology ${comps.methodology.name}, scenario ${comps.scenario.name}; ` +
        'docs/methodology.md, Comps).',
    },
    {
      kind: 'table',
      caption: 'Enterprise value: market cap (basic shares) + debt + convertibles at face + other claims − cash − BTC',
      columns: [
        { label: 'Ticker', align: 'left' },
        right('Price (date)'),
        right('Market cap (USD)'),
        right('Debt, converts, other (USD)'),
        right('Cash (USD)'),
        right('BTC (USD)'),
        right('EV (USD)'),
        right('Balance sheet'),
      ],
      rows: comps.companies.map((c) => [
        c.ticker,
        `${formatUsd(c.sharePriceUsd)} (${c.sharePriceDate ?? 'file'})`,
        formatUsd(c.marketCapUsd),
        formatUsd(partOf(c, 'straight-debt') + partOf(c, 'convertible') + partOf(c, 'other-claims')),
        formatUsd(-partOf(c, 'cash')),
        formatUsd(-partOf(c, 'btc')),
        formatUsd(c.enterpriseValueUsd),
        c.balanceSheetAsOf,
      ]),
      notes: [`BTC at the ${comps.asOf} close; rerate comps --json lists each part with its source.`],
    },
    {
      kind: 'table',
      caption: 'Multiples and the market-implied HPC share (USD millions per EH/s and per MW)',
      columns: [
        { label: 'Ticker', align: 'left' },
        right('EV/EH inst.'),
        right('EV/EH real.'),
        right('P/H'),
        right('EV/MW op.'),
        right('EV/MW constr.'),
        right('EV/MW appr.'),
        right('EV/EBITDA NTM'),
        right('Mining EV/GP'),
        right('HPC share'),
      ],
      rows: [
        ...comps.companies.map((c) => [
          c.ticker,
          millions(c.evPerInstalledEhsUsd),
          millions(c.evPerRealizedEhsUsd),
          millions(c.priceToHashUsdPerEhs),
          millions(c.evPerMwUsd.operating),
          millions(c.evPerMwUsd.underConstruction),
          millions(c.evPerMwUsd.approved),
          times(c.evToNextFourQuartersEbitda),
          times(c.miningEvToBlockRewardGrossProfit),
          share(c.impliedHpc.share),
        ]),
        [
          'Q1 / median / Q3',
          quartile('evPerInstalledEhsUsd', millions),
          quartile('evPerRealizedEhsUsd', millions),
          quartile('priceToHashUsdPerEhs', millions),
          quartile('evPerMwUsd.operating', millions),
          quartile('evPerMwUsd.underConstruction', millions),
          quartile('evPerMwUsd.approved', millions),
          quartile('evToNextFourQuartersEbitda', times),
          quartile('miningEvToBlockRewardGrossProfit', times),
          quartile('impliedHpc.share', share),
        ],
      ],
      notes: [
        `Realized hashrate from ${comps.companies[0]?.realizedPeriod ?? 'the trailing quarter'} production; P/H ` +
          'and mining EV/GP take the HPC parts out of EV; NTM = the four quarters from the as-of date’s; quartiles ' +
          'type 7; — where a denominator is not positive.',
        ...comps.companies.map((c) => `${c.ticker}: ${c.impliedHpc.explanation}`),
      ],
    },
  ];
}
