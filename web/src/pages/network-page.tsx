/**
 * The network: the chain at the as-of date (`network status`) and the research note's three charts — hashrate,
 * difficulty (log scale) and hashprice — from `network history` (two years of weekly means before the as-of date)
 * and `network project` (daily, under the scenario, to the chosen horizon: by default the end of the quarter of the
 * next halving, so the halving is on the chart); and the data on hand today (`data status`): each series' and each
 * ticker's share close's last day, source, age and stale flag.
 */
import { useMemo } from 'preact/hooks';
import { networkHistoryCharts } from '../../../src/present/note-charts.ts';
import { endOfQuarter, isCalendarDate, networkHistoryFrom } from '../../../src/present/network-window.ts';
import type {
  DataStatusResult,
  NetworkHistoryResult,
  NetworkProjectionResult,
  NetworkStatusResult,
} from '../api-types.ts';
import { AwaitEnvelope, Loading } from '../components/await-envelope.tsx';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataFreshnessPanel } from '../components/data-freshness-panel.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { FramingControls, type FramingInUse } from '../components/framing-controls.tsx';
import { NetworkStatusPanel } from '../components/network-status-panel.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Provenance, type Source } from '../components/provenance.tsx';
import { WarningsList } from '../components/warnings-list.tsx';
import { type Framing, framingParams } from '../framing.ts';
import { hrefOf, navigate, type Route } from '../router.ts';
import { useApi } from '../use-api.ts';

export function NetworkPage({ route, framing, params }: { route: Route; framing: Framing; params: URLSearchParams }) {
  const status = useApi<NetworkStatusResult>('network/status', { asOf: framing.asOf });
  const statusResults = status.status === 'ok' ? status.envelope.results : undefined;
  const chosenTo = params.get('to') ?? undefined;
  const projectTo =
    chosenTo !== undefined && isCalendarDate(chosenTo)
      ? chosenTo
      : statusResults
        ? endOfQuarter(statusResults.halving.estimatedTime)
        : undefined;
  const asOf = statusResults?.asOf;
  const history = useApi<NetworkHistoryResult>(asOf === undefined ? undefined : 'network/history', {
    from: asOf === undefined ? undefined : networkHistoryFrom(asOf),
    to: asOf,
    interval: 'week',
  });
  const projection = useApi<NetworkProjectionResult>(
    asOf === undefined || projectTo === undefined ? undefined : 'network/project',
    { asOf, to: projectTo, scenario: framing.scenario, interval: 'day' },
  );
  const dataStatus = useApi<DataStatusResult>('data/status');
  const charts = useMemo(
    () =>
      history.status === 'ok' && projection.status === 'ok'
        ? networkHistoryCharts(history.envelope.results, projection.envelope.results)
        : undefined,
    [history, projection],
  );

  const sources: Source[] = [];
  if (status.status === 'ok') sources.push({ command: 'network status', envelope: status.envelope });
  if (history.status === 'ok')
    sources.push({
      command:
        `network history --from ${history.envelope.results.from} --to ${history.envelope.results.to} ` +
        '--interval week',
      envelope: history.envelope,
    });
  if (projection.status === 'ok')
    sources.push({
      command: `network project --to ${projection.envelope.results.to} --interval day`,
      envelope: projection.envelope,
    });
  if (dataStatus.status === 'ok') sources.push({ command: 'data status', envelope: dataStatus.envelope });
  const inUse: FramingInUse | undefined = statusResults
    ? {
        asOf: statusResults.asOf,
        ...(projection.status === 'ok' ? { scenario: projection.envelope.results.scenario.name } : {}),
      }
    : undefined;

  return (
    <>
      <PageHeading>Network</PageHeading>
      <FramingControls route={route} framing={framing} inUse={inUse} fields={['asOf', 'scenario']} />
      <section class="panel" aria-labelledby="status-title">
        <h2 id="status-title">Chain status{statusResults ? ` at the end of ${statusResults.asOf}` : ''}</h2>
        <AwaitEnvelope loaded={status} what="the network status">
          {(envelope) => (
            <>
              <NetworkStatusPanel status={envelope.results} />
              <WarningsList id="status-warnings" title="Warnings on the status" warnings={envelope.warnings} />
            </>
          )}
        </AwaitEnvelope>
      </section>
      <section class="panel" aria-labelledby="charts-title">
        <h2 id="charts-title">History and projection</h2>
        <div class="field inline-field">
          <label for="project-to">Project to</label>
          <input
            type="date"
            id="project-to"
            value={projectTo ?? ''}
            min={asOf}
            onChange={(event) => navigate(hrefOf(route, { ...framingParams(framing), to: event.currentTarget.value }))}
          />
        </div>
        {history.status === 'error' ? <ErrorAlert error={history.error} context="Loading the network history" /> : null}
        {projection.status === 'error' ? (
          <ErrorAlert error={projection.error} context="Loading the projection" />
        ) : null}
        {charts ? (
          <div class="chart-stack">
            {charts.map((chart) => (
              <ChartFigure
                key={chart.id}
                spec={chart}
                width={880}
                caption="History (solid) and the scenario projection (dashed)."
              />
            ))}
          </div>
        ) : history.status !== 'error' && projection.status !== 'error' ? (
          <Loading what="the history and the projection" />
        ) : null}
        {history.status === 'ok' ? (
          <WarningsList id="history-warnings" title="Warnings on the history" warnings={history.envelope.warnings} />
        ) : null}
        {projection.status === 'ok' ? (
          <WarningsList
            id="projection-warnings"
            title="Warnings on the projection"
            warnings={projection.envelope.warnings}
          />
        ) : null}
      </section>
      <section class="panel" id="data-freshness" aria-labelledby="data-freshness-title">
        <h2 id="data-freshness-title">Data on hand</h2>
        <AwaitEnvelope loaded={dataStatus} what="the data status">
          {(envelope) => (
            <>
              <DataFreshnessPanel status={envelope.results} />
              <WarningsList id="data-warnings" title="Warnings on the data" warnings={envelope.warnings} />
            </>
          )}
        </AwaitEnvelope>
      </section>
      <Provenance sources={sources} />
    </>
  );
}
