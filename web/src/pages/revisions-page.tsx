/**
 * Revisions: the saved runs (`runs list`), two of them compared (`diff`; by default the newest and the run of the same
 * command saved before it), and for a chosen company the change in its target split by driver as a waterfall — or
 * why no attribution is available.
 */
import { useMemo } from 'preact/hooks';
import { attributionWaterfall } from '../../../src/present/note-charts.ts';
import type { DiffResult, RunSummary, RunsListResult } from '../api-types.ts';
import { AwaitEnvelope } from '../components/await-envelope.tsx';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DiffTable } from '../components/diff-table.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Provenance, type Source } from '../components/provenance.tsx';
import { RatingBadge } from '../components/rating-badge.tsx';
import { type Column, SortableTable } from '../components/sortable-table.tsx';
import { formatUsd, shortRunId } from '../display-format.ts';
import { type Framing, framingParams } from '../framing.ts';
import { hrefOf, navigate, type Route } from '../router.ts';
import { useApi } from '../use-api.ts';

const RUNS_SHOWN = 50;

function runLabel(run: RunSummary): string {
  return (
    `#${run.seq} ${shortRunId(run.id)} — ${run.command}, as of ${run.asOf}, ` +
    `${run.scenario ?? '—'}/${run.methodology ?? '—'}`
  );
}

const RUN_COLUMNS: Column<RunSummary>[] = [
  { key: 'seq', label: '#', numeric: true, sortValue: (r) => r.seq, cell: (r) => r.seq },
  { key: 'id', label: 'Run', sortValue: (r) => r.id, cell: (r) => <code title={r.id}>{shortRunId(r.id)}</code> },
  {
    key: 'savedAt',
    label: 'Saved (UTC)',
    sortValue: (r) => r.savedAt,
    cell: (r) => r.savedAt.slice(0, 16).replace('T', ' '),
    cellClass: 'nowrap',
  },
  { key: 'command', label: 'Command', sortValue: (r) => r.command, cell: (r) => r.command },
  { key: 'asOf', label: 'As of', sortValue: (r) => r.asOf, cell: (r) => r.asOf, cellClass: 'nowrap' },
  { key: 'scenario', label: 'Scenario', sortValue: (r) => r.scenario, cell: (r) => r.scenario ?? '—' },
  { key: 'methodology', label: 'Methodology', sortValue: (r) => r.methodology, cell: (r) => r.methodology ?? '—' },
  {
    key: 'companies',
    label: 'Targets',
    sortValue: (r) => r.companies.length,
    cell: (r) =>
      r.companies.map((c) => `${c.ticker} ${c.targetUsd === null ? '—' : formatUsd(c.targetUsd)}`).join(', '),
    cellClass: 'targets',
  },
];

/** The default pair: B the newest run, A the run of the same command saved before it (as `rerate diff` picks). */
function defaultPair(runs: readonly RunSummary[]): { a: string | undefined; b: string | undefined } {
  const newest = runs[0];
  const before =
    newest === undefined ? undefined : runs.find((run) => run.seq < newest.seq && run.command === newest.command);
  return { a: before?.id, b: newest?.id };
}

function RunPicker({
  id,
  label,
  runs,
  value,
  onPick,
}: {
  id: string;
  label: string;
  runs: readonly RunSummary[];
  value: string | undefined;
  onPick: (id: string) => void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onPick(event.currentTarget.value)}>
        {value === undefined ? <option value="">— choose a run —</option> : null}
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {runLabel(run)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Attribution({
  diff,
  ticker,
  onTicker,
}: {
  diff: DiffResult;
  ticker: string | undefined;
  onTicker: (ticker: string) => void;
}) {
  const targetRows = diff.rows.filter((row) => row.metric === 'targetUsd');
  const tickers = [...new Set(targetRows.map((row) => row.ticker))];
  // By default the company whose target moved most.
  const largest = [...targetRows].sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0))[0]?.ticker;
  const chosen = ticker !== undefined && tickers.includes(ticker) ? ticker : largest;
  const chart = useMemo(() => (chosen === undefined ? undefined : attributionWaterfall(diff, chosen)), [diff, chosen]);
  if (!diff.attribution.available)
    return (
      <p data-field="attribution">No attribution for these two runs: {diff.attribution.reason ?? 'unavailable'}.</p>
    );
  if (chosen === undefined)
    return (
      <p data-field="attribution">No price target changed between these runs, so there is nothing to attribute.</p>
    );
  return (
    <>
      <div class="field inline-field">
        <label for="attribution-ticker">Company</label>
        <select id="attribution-ticker" value={chosen} onChange={(event) => onTicker(event.currentTarget.value)}>
          {tickers.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {chart ? (
        <ChartFigure
          spec={chart}
          caption={
            `Run B's inputs replaced run A's in the order ${diff.attribution.order.join(' → ')}, ` +
            'the model recomputed after each; the bars sum to the change.'
          }
        />
      ) : null}
    </>
  );
}

export function RevisionsPage({ route, framing, params }: { route: Route; framing: Framing; params: URLSearchParams }) {
  const runs = useApi<RunsListResult>('runs/list', { limit: RUNS_SHOWN });
  const list = runs.status === 'ok' ? runs.envelope.results.runs : [];
  const defaults = defaultPair(list);
  const runA = params.get('a') ?? defaults.a;
  const runB = params.get('b') ?? defaults.b;
  const ticker = params.get('ticker') ?? undefined;
  const diff = useApi<DiffResult>(runA !== undefined && runB !== undefined && runA !== runB ? 'diff' : undefined, {
    runA,
    runB,
  });
  const go = (changes: Record<string, string>) =>
    navigate(hrefOf(route, { ...framingParams(framing), a: runA, b: runB, ticker, ...changes }));

  const sources: Source[] = [];
  if (runs.status === 'ok') sources.push({ command: `runs list --limit ${RUNS_SHOWN}`, envelope: runs.envelope });
  if (diff.status === 'ok')
    sources.push({
      command: `diff ${shortRunId(diff.envelope.results.runA.id)} ${shortRunId(diff.envelope.results.runB.id)}`,
      envelope: diff.envelope,
    });

  return (
    <>
      <PageHeading>Revisions</PageHeading>
      <section class="panel" aria-labelledby="runs-title">
        <h2 id="runs-title">Saved runs</h2>
        <AwaitEnvelope loaded={runs} what="the saved runs">
          {(envelope) =>
            envelope.results.runs.length < 2 ? (
              <p>
                {envelope.results.runs.length === 0 ? 'No runs are saved yet' : 'Only one run is saved'} in{' '}
                {envelope.results.store}. Save runs from the{' '}
                <a href={hrefOf({ page: 'coverage' }, framingParams(framing))}>coverage page</a> (for instance as of two
                dates) to compare them here.
              </p>
            ) : (
              <>
                <SortableTable
                  caption={`The ${envelope.results.runs.length} newest runs in ${envelope.results.store}`}
                  columns={RUN_COLUMNS}
                  rows={envelope.results.runs}
                  rowKey={(r) => r.id}
                />
                <form class="framing" aria-label="Runs to compare" onSubmit={(event) => event.preventDefault()}>
                  <RunPicker
                    id="run-a"
                    label="Run A (before)"
                    runs={envelope.results.runs}
                    value={runA}
                    onPick={(id) => go({ a: id })}
                  />
                  <RunPicker
                    id="run-b"
                    label="Run B (after)"
                    runs={envelope.results.runs}
                    value={runB}
                    onPick={(id) => go({ b: id })}
                  />
                </form>
              </>
            )
          }
        </AwaitEnvelope>
      </section>

      {runA !== undefined && runB !== undefined && runA === runB ? (
        <p role="alert">Run A and run B are the same run: choose two different runs.</p>
      ) : null}
      {runA !== undefined && runB !== undefined && runA !== runB ? (
        <AwaitEnvelope loaded={diff} what="the comparison (rerate diff, recomputing each driver)">
          {(envelope) => (
            <>
              <section class="panel" aria-labelledby="attribution-title">
                <h2 id="attribution-title">Why the target moved</h2>
                <Attribution diff={envelope.results} ticker={ticker} onTicker={(t) => go({ ticker: t })} />
              </section>
              <section class="panel" aria-labelledby="diff-title">
                <h2 id="diff-title">What changed</h2>
                <p>
                  Run A <code>{shortRunId(envelope.results.runA.id)}</code> ({envelope.results.runA.command}, as of{' '}
                  {envelope.results.runA.asOf}) → run B <code>{shortRunId(envelope.results.runB.id)}</code> (
                  {envelope.results.runB.command}, as of {envelope.results.runB.asOf}).
                </p>
                <DiffTable diff={envelope.results} />
                <h3>Ratings</h3>
                <ul class="ratings-changes">
                  {envelope.results.ratings.map((rating) => (
                    <li key={rating.ticker}>
                      {rating.ticker}: <RatingBadge rating={rating.a} /> → <RatingBadge rating={rating.b} />
                      {rating.changedBy.length > 0
                        ? ' (changed by ' +
                          rating.changedBy
                            .map((d) => envelope.results.drivers.find((x) => x.driver === d)?.label ?? d)
                            .join(', ') +
                          ')'
                        : rating.a === rating.b
                          ? ' (unchanged)'
                          : ''}
                    </li>
                  ))}
                </ul>
                <h3>Drivers</h3>
                <ul>
                  {envelope.results.drivers.map((driver) => (
                    <li key={driver.driver}>
                      {driver.label}:{' '}
                      {driver.change ??
                        (envelope.results.attribution.available ? 'unchanged between the runs' : 'not compared')}
                    </li>
                  ))}
                </ul>
              </section>
            </>
          )}
        </AwaitEnvelope>
      ) : null}
      <Provenance sources={sources} />
    </>
  );
}
