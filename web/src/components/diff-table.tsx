/**
 * The revisions between two runs (`diff`): per company, period and metric, run A's and run B's figure, the change,
 * and the part of it credited to each driver that moved anything (columns sum to the change).
 */
import type { DiffResult } from '../api-types.ts';
import { formatChangePct, formatCompact, formatUsd } from '../display-format.ts';
import { type Column, SortableTable } from './sortable-table.tsx';

type DiffRow = DiffResult['rows'][number];

/** A figure in its unit, named in the metric (targetUsd per share, other *Usd in USD, upside a fraction). */
export function formatFigure(metric: string, value: number | null): string {
  if (value === null) return 'n/a';
  if (metric === 'targetUsd') return formatUsd(value);
  if (metric.endsWith('Usd')) return formatCompact(value, 'USD');
  if (metric === 'upside' || metric === 'networkShare') return formatChangePct(value);
  return formatCompact(value, '', 4);
}

/**
 * A change in a figure, signed: `+$0.10`, `−16.4M`, `+0.4%` (for upside, the change in percentage points of upside).
 */
export function formatFigureChange(metric: string, change: number | null): string {
  if (change === null) return 'n/a';
  const text = formatFigure(metric, change);
  return change > 0 && !text.startsWith('+') ? `+${text}` : text;
}

export function DiffTable({ diff }: { diff: DiffResult }) {
  const active = diff.attribution.available
    ? diff.drivers.filter((driver) => diff.rows.some((row) => (row.contributions[driver.driver] ?? 0) !== 0))
    : [];
  const columns: Column<DiffRow>[] = [
    { key: 'ticker', label: 'Ticker', sortValue: (r) => r.ticker, cell: (r) => r.ticker },
    { key: 'period', label: 'Period', sortValue: (r) => r.period, cell: (r) => r.period },
    { key: 'metric', label: 'Metric', sortValue: (r) => r.metric, cell: (r) => <code>{r.metric}</code> },
    { key: 'a', label: 'Run A', numeric: true, sortValue: (r) => r.a, cell: (r) => formatFigure(r.metric, r.a) },
    { key: 'b', label: 'Run B', numeric: true, sortValue: (r) => r.b, cell: (r) => formatFigure(r.metric, r.b) },
    {
      key: 'change',
      label: 'Change',
      numeric: true,
      sortValue: (r) => r.change,
      cell: (r) => formatFigureChange(r.metric, r.change),
    },
    {
      key: 'changePct',
      label: '%',
      numeric: true,
      sortValue: (r) => r.changePct,
      cell: (r) => formatChangePct(r.changePct),
    },
    ...active.map((driver): Column<DiffRow> => ({
      key: `driver-${driver.driver}`,
      label: driver.label,
      numeric: true,
      ...(driver.change === null ? {} : { description: driver.change }),
      sortValue: (r) => r.contributions[driver.driver] ?? null,
      cell: (r) => formatFigureChange(r.metric, r.contributions[driver.driver] ?? null),
    })),
  ];
  if (diff.rows.length === 0) return <p>No figure changed between the two runs (beyond float noise).</p>;
  return (
    <SortableTable
      caption={
        'Revisions from run A to run B' +
        `${diff.attribution.available ? ', with the change credited to each driver' : ''}`
      }
      columns={columns}
      rows={diff.rows}
      rowKey={(r) => `${r.ticker}|${r.period}|${r.metric}`}
    />
  );
}
