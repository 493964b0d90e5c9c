/**
 * Coverage: every covered company with its rating, price target, share price, upside and the parts of its sum of the
 * parts (`GET /api/v1/update`, as `rerate update`), sortable by any column; the companies not valued as of a past
 * date (their figures start later) listed with the reason; warnings under the table and marked on the rows they
 * concern; each company file's completeness (`GET /api/v1/coverage/list`: the sourced share of its figures, with the
 * counts); the sector cost curve under it (`GET /api/v1/cost-curve`); the framing to value under; a button to save
 * the run.
 */
import { useMemo } from 'preact/hooks';
import type { CoverageListResult, ResultEnvelope, UpdateResult } from '../api-types.ts';
import { AwaitEnvelope } from '../components/await-envelope.tsx';
import { CostCurveSection } from '../components/cost-curve-section.tsx';
import { FramingControls } from '../components/framing-controls.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Provenance } from '../components/provenance.tsx';
import { RatingBadge } from '../components/rating-badge.tsx';
import { SaveRunButton } from '../components/save-run-button.tsx';
import { type Column, SortableTable } from '../components/sortable-table.tsx';
import { WarningMarker, WarningsList } from '../components/warnings-list.tsx';
import { formatChangePct, formatCompact, formatUsd } from '../display-format.ts';
import { type Framing, framingParams, valuationQuery } from '../framing.ts';
import { hrefOf, type Route } from '../router.ts';
import { useApi } from '../use-api.ts';
import { concernsCompany, concernsNoCompany } from '../warnings-of.ts';
import { DefinitionsList } from '../components/definitions-list.tsx';

type Completeness = CoverageListResult['companies'][number];
type CoverageRow = UpdateResult['companies'][number] & {
  warningIndexes: number[];
  completeness: Completeness | undefined;
};

const WARNINGS_ID = 'coverage-warnings';

/** Ratings in order, so the column sorts Overweight above Neutral above Underweight. */
const RATING_RANK: Record<string, number> = { Overweight: 3, Neutral: 2, Underweight: 1 };

const usdCompact = (value: number) => formatCompact(value, 'USD');

function columns(framing: Framing, completenessDefinition: string | undefined): Column<CoverageRow>[] {
  const part = (key: keyof CoverageRow['parts'], label: string, description: string): Column<CoverageRow> => ({
    key,
    label,
    description,
    numeric: true,
    sortValue: (row) => row.parts[key],
    cell: (row) => usdCompact(row.parts[key]),
  });
  return [
    {
      key: 'ticker',
      label: 'Ticker',
      sortValue: (row) => row.ticker,
      cell: (row) => (
        <>
          <a href={hrefOf({ page: 'company', ticker: row.ticker }, framingParams(framing))} data-ticker={row.ticker}>
            {row.ticker}
          </a>{' '}
          <WarningMarker listId={WARNINGS_ID} indexes={row.warningIndexes} />
        </>
      ),
    },
    { key: 'name', label: 'Company', sortValue: (row) => row.name, cell: (row) => row.name, cellClass: 'name' },
    {
      key: 'rating',
      label: 'Rating',
      sortValue: (row) => RATING_RANK[row.rating] ?? null,
      cell: (row) => <RatingBadge rating={row.rating} />,
    },
    {
      key: 'target',
      label: 'Target',
      numeric: true,
      description: 'Price target, USD per share',
      sortValue: (row) => row.targetUsd,
      cell: (row) => formatUsd(row.targetUsd),
    },
    {
      key: 'price',
      label: 'Price',
      numeric: true,
      description:
        'Share price, USD: the latest stored close on or before the as-of date, else the company file; ' +
        'with its date and source',
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
    {
      key: 'upside',
      label: 'Upside',
      numeric: true,
      description: 'Target ÷ price − 1',
      sortValue: (row) => row.upside,
      cell: (row) => <span class={row.upside >= 0 ? 'up' : 'down'}>{formatChangePct(row.upside)}</span>,
    },
    part('miningUsd', 'Mining', 'Mining gross profit over the horizon, USD'),
    {
      key: 'corporateCosts',
      label: 'Corp. SG&A',
      numeric: true,
      description: 'Cash SG&A over the mining horizon, present value, USD',
      sortValue: (row) => -row.parts.corporateCostsUsd,
      cell: (row) => usdCompact(-row.parts.corporateCostsUsd),
    },
    part('powerAndLandUsd', 'Power & land', 'Site MW not valued otherwise, USD'),
    part('hpcLeasesUsd', 'HPC leases', 'Contracted HPC leases, USD'),
    part('hpcPipelineUsd', 'HPC pipeline', 'Probability-weighted HPC pipeline, USD'),
    part('rollForwardUsd', 'Roll-fwd', 'Operating parts rolled forward to the target date, USD'),
    part('btcTreasuryUsd', 'BTC', 'BTC treasury, USD'),
    part('cashUsd', 'Cash', 'Cash, USD'),
    {
      key: 'debt',
      label: 'Debt & claims',
      numeric: true,
      description: 'Straight debt, convertibles’ claims (debt, or bond floor + option) and other claims, USD',
      sortValue: (row) => row.parts.straightDebtUsd + row.parts.convertibleDebtUsd + row.parts.otherClaimsUsd,
      cell: (row) => usdCompact(-(row.parts.straightDebtUsd + row.parts.convertibleDebtUsd + row.parts.otherClaimsUsd)),
    },
    part('equityValueUsd', 'Equity', 'Equity value, USD'),
    {
      key: 'shares',
      label: 'Diluted shares',
      numeric: true,
      sortValue: (row) => row.parts.dilutedShares,
      cell: (row) => formatCompact(row.parts.dilutedShares, 'count'),
    },
    {
      key: 'quarterBtc',
      label: 'Quarter BTC',
      numeric: true,
      description: 'BTC mined in the quarter shown (reported months replace modeled ones)',
      sortValue: (row) => row.quarter.btcMined,
      cell: (row) => (
        <>
          {row.quarter.btcMined === null ? 'n/a' : Math.round(row.quarter.btcMined).toLocaleString('en-US')}
          <span class="sub">{row.quarter.period}</span>
        </>
      ),
    },
    {
      key: 'sourced',
      label: 'Sourced',
      numeric: true,
      description: `Completeness of the company file: ${completenessDefinition ?? 'loading (rerate coverage list)'}`,
      sortValue: (row) => row.completeness?.sourcedPct ?? null,
      cell: (row) =>
        row.completeness ? (
          <>
            {row.completeness.sourcedPct.toFixed(0)}%
            <span class="sub">
              {row.completeness.sourced} of {row.completeness.figures}
            </span>
          </>
        ) : (
          '…'
        ),
    },
    {
      key: 'notes',
      label: 'Notes',
      description: 'Stale or assumed key inputs (details in the warnings)',
      sortValue: (row) => row.notes.join('; '),
      cell: (row) => row.notes.join('; ') || '—',
      cellClass: 'prose',
    },
  ];
}

function CoverageBody({
  envelope,
  framing,
  coverageList,
}: {
  envelope: ResultEnvelope<UpdateResult>;
  framing: Framing;
  coverageList: CoverageListResult | undefined;
}) {
  const results = envelope.results;
  const rows = useMemo<CoverageRow[]>(
    () =>
      results.companies.map((company, index) => ({
        ...company,
        warningIndexes: envelope.warnings.flatMap((warning, w) =>
          concernsCompany(warning, company.ticker, `companies[${index}]`) ? [w] : [],
        ),
        completeness: coverageList?.companies.find((c) => c.ticker === company.ticker),
      })),
    [envelope, coverageList],
  );
  const tickers = results.companies.map((company) => company.ticker);
  const general = envelope.warnings.filter((warning) => concernsNoCompany(warning, tickers)).length;
  const saveInput: Record<string, string> = {};
  for (const [key, value] of Object.entries(valuationQuery(framing)))
    if (typeof value === 'string') saveInput[key] = value;
  const { targetDate, asOf, methodology, scenario } = results;

  return (
    <>
      <div class="toolbar">
        <p class="summary">
          Price targets for <strong>{targetDate}</strong> as of <strong>{asOf}</strong>, methodology{' '}
          <strong>{methodology.name}</strong>, scenario <strong>{scenario.name}</strong>.
        </p>
        <SaveRunButton
          command="update"
          input={saveInput}
          revisionsHref={hrefOf({ page: 'revisions' }, framingParams(framing))}
        />
      </div>
      <SortableTable
        caption={
          `Coverage: ${results.companies.length} companies, sum of the parts in USD ` +
          '(select a column header to sort)'
        }
        columns={columns(framing, coverageList?.definitions.completeness)}
        rows={rows}
        rowKey={(row) => row.ticker}
        rowAttributes={(row): Record<string, string> =>
          row.warningIndexes.length > 0 ? { class: 'has-warnings' } : {}
        }
      />
      {results.notValued.length > 0 ? (
        <section class="not-valued" aria-labelledby="not-valued-title" data-field="notValued">
          <h2 id="not-valued-title">Not valued as of {asOf}</h2>
          <ul>
            {results.notValued.map((company) => (
              <li key={company.ticker} data-row={company.ticker}>
                <strong>{company.ticker}</strong> {company.name}: can be valued from {company.valuedFrom}{' '}
                <span class="sub">{company.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {general > 0 ? (
        <p class="hint">{general} of the warnings below concern every company (data freshness, imputed inputs).</p>
      ) : null}
      <WarningsList id={WARNINGS_ID} title="Warnings" warnings={envelope.warnings} />
      <DefinitionsList definitions={results.definitions} />
      <Provenance sources={[{ command: 'update', envelope }]} />
    </>
  );
}

export function CoveragePage({ route, framing }: { route: Route; framing: Framing }) {
  const coverage = useApi<UpdateResult>('update', valuationQuery(framing));
  const coverageList = useApi<CoverageListResult>('coverage/list');
  const inUse =
    coverage.status === 'ok'
      ? {
          asOf: coverage.envelope.results.asOf,
          scenario: coverage.envelope.results.scenario.name,
          methodology: coverage.envelope.results.methodology.name,
        }
      : undefined;
  return (
    <>
      <PageHeading>Coverage</PageHeading>
      <FramingControls route={route} framing={framing} inUse={inUse} fields={['asOf', 'scenario', 'methodology']} />
      <AwaitEnvelope loaded={coverage} what="the coverage (rerate update)">
        {(envelope) => (
          <CoverageBody
            envelope={envelope}
            framing={framing}
            coverageList={coverageList.status === 'ok' ? coverageList.envelope.results : undefined}
          />
        )}
      </AwaitEnvelope>
      <CostCurveSection framing={framing} />
    </>
  );
}
