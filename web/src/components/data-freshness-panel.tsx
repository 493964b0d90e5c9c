/**
 * The data on hand today (`GET /api/v1/data/status`, as `rerate data status`; issue 20): each chain and price series
 * with its last day, source and age, and each covered ticker's last stored share close with its sources and age,
 * stale ones flagged as the CLI flags them. Before a share refresh, how to get closes (`rerate data refresh`, which
 * the API never runs).
 */
import type { ComponentChildren } from 'preact';
import type { DataStatusResult } from '../api-types.ts';
import { formatUsd } from '../display-format.ts';

const SERIES_COLUMNS = ['Series', 'Last day', 'Source', 'Age (days)', 'Status'];
const SHARE_COLUMNS = ['Ticker', 'Last close', 'Day', 'Sources', 'Age (days)', 'Status'];
/** Right-aligned columns of SHARE_COLUMNS (close, age); SERIES_COLUMNS' age. */
const SHARE_NUMERIC = new Set([1, 4]);
const SERIES_NUMERIC = new Set([3]);

function Flag({ stale, staleAfterDays }: { stale: boolean; staleAfterDays: number }) {
  return (
    <span class={`status-flag ${stale ? 'status-stale' : 'status-fresh'}`} title={`stale after ${staleAfterDays} days`}>
      {stale ? 'stale' : 'fresh'}
    </span>
  );
}

function Table({
  id,
  caption,
  columns,
  numeric,
  rows,
}: {
  id: string;
  caption: string;
  columns: readonly string[];
  numeric: ReadonlySet<number>;
  rows: { key: string; cells: ComponentChildren[] }[];
}) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table class="data-table stacked-table" data-field={id}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((label, i) => (
              <th key={label} scope="col" class={numeric.has(i) ? 'numeric' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, cells: [first, ...cells] }) => (
            <tr key={key} data-row={key}>
              <th scope="row">{first}</th>
              {cells.map((cell, i) => (
                <td key={i} data-label={columns[i + 1]} class={numeric.has(i + 1) ? 'numeric' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DataFreshnessPanel({ status }: { status: DataStatusResult }) {
  const age = (days: number | null) => (days === null ? '—' : String(days));
  return (
    <>
      <p class="hint">
        Measured from today, {status.today}, whatever the as-of date above: the {status.snapshot.origin} snapshot{' '}
        <code>{status.snapshot.snapshotId.slice(0, 12)}</code>.
      </p>
      <Table
        id="series"
        caption="Chain and price series: last day, source and age"
        columns={SERIES_COLUMNS}
        numeric={SERIES_NUMERIC}
        rows={status.series.map((entry) => ({
          key: entry.series,
          cells: [
            entry.series,
            entry.lastDay,
            entry.source || '—',
            age(entry.ageDays),
            <Flag stale={entry.stale} staleAfterDays={entry.staleAfterDays} />,
          ],
        }))}
      />
      {status.shares.every((entry) => entry.lastDay === null) ? (
        <p class="empty-state" data-field="shares-empty">
          No share closes are stored: valuations use each company file's price. <code>rerate data refresh</code> fetches
          them (the dashboard never does); then restart <code>rerate serve</code>.
        </p>
      ) : (
        <Table
          id="shares"
          caption="Share prices: each ticker's last stored close, its sources and age"
          columns={SHARE_COLUMNS}
          numeric={SHARE_NUMERIC}
          rows={status.shares.map((entry) => ({
            key: entry.ticker,
            cells: [
              entry.ticker,
              entry.closeUsd === null ? '—' : formatUsd(entry.closeUsd),
              entry.lastDay ?? '—',
              entry.sources.join(', ') || '—',
              age(entry.ageDays),
              <Flag stale={entry.stale} staleAfterDays={entry.staleAfterDays} />,
            ],
          }))}
        />
      )}
    </>
  );
}
