/**
 * Comps (issue 21): every covered company's market cap, enterprise value, EV per EH/s installed and realized,
 * price-to-hash, EV per MW by stage, EV/EBITDA on the next four quarters, mining EV over the block-reward gross
 * profit and the market-implied HPC share (`GET /api/v1/comps`, as `rerate comps`), sortable by any column, with the
 * quartiles under it and a scatter of EV per operating MW against the implied HPC share.
 */
import type { CompsResult, ResultEnvelope } from '../api-types.ts';
import { AwaitEnvelope } from '../components/await-envelope.tsx';
import { ChartFigure } from '../components/chart-figure.tsx';
import { FramingControls } from '../components/framing-controls.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Provenance } from '../components/provenance.tsx';
import { type Column, SortableTable } from '../components/sortable-table.tsx';
import { WarningsList } from '../components/warnings-list.tsx';
import { formatCompact, formatNumber, formatPct, formatUsd } from '../display-format.ts';
import { type Framing, framingParams, valuationQuery } from '../framing.ts';
import { hrefOf, type Route } from '../router.ts';
import { useApi } from '../use-api.ts';
import { compsScatterChart } from '../../../src/present/comps-charts.ts';

type CompsRow = CompsResult['companies'][number];

const usd = (value: number | null) => (value === null ? '—' : formatCompact(value, 'USD'));
const times = (value: number | null) => (value === null ? '—' : `${formatNumber(value, 1)}×`);
const share = (value: number | null) => (value === null ? '—' : formatPct(value * 100, 0));

function numeric(
  key: string,
  label: string,
  description: string,
  of: (row: CompsRow) => number | null,
  show: (value: number | null) => string = usd,
): Column<CompsRow> {
  return { key, label, description, numeric: true, sortValue: of, cell: (row) => show(of(row)) };
}

function columns(framing: Framing, definitions: Record<string, string>): Column<CompsRow>[] {
  const define = (term: string) => definitions[term] ?? '';
  return [
    {
      key: 'ticker',
      label: 'Ticker',
      sortValue: (row) => row.ticker,
      cell: (row) => (
        <a href={hrefOf({ page: 'company', ticker: row.ticker }, framingParams(framing))} data-ticker={row.ticker}>
          {row.ticker}
        </a>
      ),
    },
    {
      key: 'price',
      label: 'Price',
      numeric: true,
      description: 'Share price, USD, with its date and source',
      sortValue: (row) => row.sharePriceUsd,
      cell: (row) => (
        <>
          {formatUsd(row.sharePriceUsd)}
          <span class="sub">
            {row.sharePriceDate ?? 'file date'}, {row.sharePriceSource}
          </span>
        </>
      ),
    },
    numeric('marketCap', 'Mkt cap', define('marketCapUsd'), (row) => row.marketCapUsd),
    {
      key: 'ev',
      label: 'EV',
      numeric: true,
      description: define('enterpriseValueUsd'),
      sortValue: (row) => row.enterpriseValueUsd,
      cell: (row) => (
        <>
          {usd(row.enterpriseValueUsd)}
          <span class="sub">balance sheet {row.balanceSheetAsOf}</span>
        </>
      ),
    },
    numeric('evPerEhInstalled', 'EV/EH inst.', define('installedEhs'), (row) => row.evPerInstalledEhsUsd),
    numeric('evPerEhRealized', 'EV/EH real.', define('realizedEhs'), (row) => row.evPerRealizedEhsUsd),
    numeric('priceToHash', 'P/H', define('priceToHashUsdPerEhs'), (row) => row.priceToHashUsdPerEhs),
    numeric('evPerMwOperating', 'EV/MW op.', define('evPerMwUsd'), (row) => row.evPerMwUsd.operating),
    numeric('evPerMwConstruction', 'EV/MW constr.', define('evPerMwUsd'), (row) => row.evPerMwUsd.underConstruction),
    numeric('evPerMwApproved', 'EV/MW appr.', define('evPerMwUsd'), (row) => row.evPerMwUsd.approved),
    numeric(
      'evToEbitda',
      'EV/EBITDA NTM',
      define('evToNextFourQuartersEbitda'),
      (row) => row.evToNextFourQuartersEbitda,
      times,
    ),
    numeric(
      'miningEvToGrossProfit',
      'Mining EV/GP',
      define('miningEvToBlockRewardGrossProfit'),
      (row) => row.miningEvToBlockRewardGrossProfit,
      times,
    ),
    {
      key: 'impliedHpcShare',
      label: 'Implied HPC share',
      numeric: true,
      description: define('impliedHpc'),
      sortValue: (row) => row.impliedHpc.share,
      cell: (row) => (
        <>
          {share(row.impliedHpc.share)}
          <span class="sub">of {formatNumber(row.impliedHpc.roomMw, 0)} MW</span>
        </>
      ),
    },
  ];
}

/** The quartiles row under the table: Q1 / median / Q3 of each column, by its JSON path. */
function QuartilesTable({ results }: { results: CompsResult }) {
  const show = (column: string) => {
    if (column === 'impliedHpc.share') return share;
    if (column.startsWith('evTo') || column.startsWith('miningEvTo')) return times;
    return usd;
  };
  return (
    <div class="table-scroll" role="region" aria-label="Quartiles" tabIndex={0}>
      <table class="data-table" data-table="comps-quartiles">
        <caption>Quartiles per column (type 7: linear between order statistics)</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col" class="numeric">
              n
            </th>
            <th scope="col" class="numeric">
              Q1
            </th>
            <th scope="col" class="numeric">
              Median
            </th>
            <th scope="col" class="numeric">
              Q3
            </th>
          </tr>
        </thead>
        <tbody>
          {results.quartiles.map((q) => (
            <tr key={q.column} data-row={q.column}>
              <th scope="row">
                <code>{q.column}</code>
              </th>
              <td class="numeric">{q.n}</td>
              <td class="numeric">{show(q.column)(q.q1)}</td>
              <td class="numeric">{show(q.column)(q.median)}</td>
              <td class="numeric">{show(q.column)(q.q3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CompsBody({ envelope, framing }: { envelope: ResultEnvelope<CompsResult>; framing: Framing }) {
  const results = envelope.results;
  return (
    <>
      <p class="summary">
        What the market pays as of <strong>{results.asOf}</strong>, methodology{' '}
        <strong>{results.methodology.name}</strong>, scenario <strong>{results.scenario.name}</strong>. EV = market cap
        + debt + convertibles at face + other claims − cash − BTC at the as-of close.
      </p>
      <SortableTable
        caption={`Comps: ${results.companies.length} companies (select a column header to sort)`}
        columns={columns(framing, results.definitions)}
        rows={results.companies}
        rowKey={(row) => row.ticker}
      />
      <QuartilesTable results={results} />
      <ChartFigure
        spec={compsScatterChart(results)}
        caption={
          'Each company’s EV per operating MW against the share of its room for new HPC its share price pays for; ' +
          'companies without room are left out.'
        }
      />
      <ul class="implied-hpc" data-field="impliedHpc">
        {results.companies.map((c) => (
          <li key={c.ticker} data-row={c.ticker}>
            <strong>{c.ticker}</strong>: {c.impliedHpc.explanation}
          </li>
        ))}
      </ul>
      {results.notValued.length > 0 ? (
        <p class="hint">
          Not valued as of {results.asOf}: {results.notValued.map((c) => `${c.ticker} (${c.reason})`).join('; ')}
        </p>
      ) : null}
      <WarningsList id="comps-warnings" title="Warnings" warnings={envelope.warnings} />
      <Provenance sources={[{ command: 'comps', envelope }]} />
    </>
  );
}

export function CompsPage({ route, framing }: { route: Route; framing: Framing }) {
  const comps = useApi<CompsResult>('comps', valuationQuery(framing));
  const inUse =
    comps.status === 'ok'
      ? {
          asOf: comps.envelope.results.asOf,
          scenario: comps.envelope.results.scenario.name,
          methodology: comps.envelope.results.methodology.name,
        }
      : undefined;
  return (
    <>
      <PageHeading>Comps</PageHeading>
      <FramingControls route={route} framing={framing} inUse={inUse} fields={['asOf', 'scenario', 'methodology']} />
      <AwaitEnvelope loaded={comps} what="the comps (rerate comps)">
        {(envelope) => <CompsBody envelope={envelope} framing={framing} />}
      </AwaitEnvelope>
    </>
  );
}
