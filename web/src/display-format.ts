/**
 * Numbers as the dashboard shows them: the engine's own formatters (src/present/format.ts, as in the CLI tables)
 * and the chart renderer's compact form (src/present/charts/number-format.ts, as on the charts), plus the few the
 * pages add.
 */
export {
  formatDifficulty,
  formatHashrate,
  formatMillionsUsd,
  formatNumber,
  formatPct,
  formatUsd,
  formatChangePct,
} from '../../src/present/format.ts';
export { formatCompact } from '../../src/present/charts/render-chart.ts';

/** A run id as the CLI shows it: its first 12 hex digits. */
export function shortRunId(id: string): string {
  return id.slice(0, 12);
}

/** `2026-02-07T19:54:11Z` → `2026-02-07 19:54 UTC`. */
export function formatUtcTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
