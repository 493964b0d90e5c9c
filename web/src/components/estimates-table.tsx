/** Quarterly estimates of one company (`estimates`): production, revenue, costs and margins per calendar quarter. */
import type { PeriodEstimateResult } from '../api-types.ts';
import { formatCompact, formatPct, formatUsd } from '../display-format.ts';
import { type Column, SortableTable } from './sortable-table.tsx';

const usd = (value: number | null) => (value === null ? 'n/a' : formatCompact(value, 'USD'));

/** How a quarter is known: reported months, days of history, or projected. */
function basisOf(period: PeriodEstimateResult): string {
  const parts: string[] = [];
  if (period.actualMonths.length > 0) parts.push(`reported ${period.actualMonths.join(', ')}`);
  if (period.historyDays > 0) parts.push(`${period.historyDays} d history`);
  if (period.projectedDays > 0) parts.push(`${period.projectedDays} d projected`);
  return parts.join(', ');
}

const COLUMNS: Column<PeriodEstimateResult>[] = [
  { key: 'period', label: 'Quarter', sortValue: (p) => p.period, cell: (p) => p.period },
  { key: 'basis', label: 'Basis', sortValue: (p) => p.projectedDays, cell: basisOf },
  {
    key: 'btcMined',
    label: 'BTC mined',
    numeric: true,
    sortValue: (p) => p.btcMined,
    cell: (p) => (p.btcMined === null ? 'n/a' : Math.round(p.btcMined).toLocaleString('en-US')),
  },
  {
    key: 'realizedPrice',
    label: 'Realized price',
    numeric: true,
    description: 'Production-weighted BTC price, USD',
    sortValue: (p) => p.realizedPriceUsd,
    cell: (p) => (p.realizedPriceUsd === null ? 'n/a' : formatUsd(p.realizedPriceUsd, 0)),
  },
  {
    key: 'miningRevenue',
    label: 'Mining revenue',
    numeric: true,
    sortValue: (p) => p.miningRevenueUsd,
    cell: (p) => usd(p.miningRevenueUsd),
  },
  {
    key: 'hpcRevenue',
    label: 'HPC revenue',
    numeric: true,
    sortValue: (p) => p.hpcRevenueUsd,
    cell: (p) => usd(p.hpcRevenueUsd),
  },
  {
    key: 'netPower',
    label: 'Net power cost',
    numeric: true,
    sortValue: (p) => p.netPowerCostUsd,
    cell: (p) => usd(p.netPowerCostUsd),
  },
  {
    key: 'grossProfit',
    label: 'Gross profit',
    numeric: true,
    sortValue: (p) => p.grossProfitUsd,
    cell: (p) => usd(p.grossProfitUsd),
  },
  {
    key: 'ebitda',
    label: 'Adj. EBITDA',
    numeric: true,
    sortValue: (p) => p.adjustedEbitdaUsd,
    cell: (p) => usd(p.adjustedEbitdaUsd),
  },
  {
    key: 'cashCostPerBtc',
    label: 'Cash cost / BTC',
    numeric: true,
    sortValue: (p) => p.cashCostPerBtcUsd,
    cell: (p) => (p.cashCostPerBtcUsd === null ? 'n/a' : formatUsd(p.cashCostPerBtcUsd, 0)),
  },
  {
    key: 'operatingEhs',
    label: 'Operating EH/s',
    numeric: true,
    description: 'Average operating hashrate, EH/s',
    sortValue: (p) => p.avgOperatingEhs,
    cell: (p) => (p.avgOperatingEhs === null ? 'n/a' : p.avgOperatingEhs.toFixed(1)),
  },
  {
    key: 'networkShare',
    label: 'Network share',
    numeric: true,
    sortValue: (p) => p.networkShare,
    cell: (p) => (p.networkShare === null ? 'n/a' : formatPct(p.networkShare * 100, 2)),
  },
];

export function EstimatesTable({ periods, caption }: { periods: readonly PeriodEstimateResult[]; caption: string }) {
  return <SortableTable caption={caption} columns={COLUMNS} rows={periods} rowKey={(p) => p.period} />;
}
