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
} from '../../src/present/format.ts';
export { formatCompact } from '../../src/present/charts/render-chart.ts';

const MINUS = '\u2212';

/** A signed change from a fraction: `+48.7%`, `−21%` (one decimal under 10 %, as in the research note). */
export function formatChangePct(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return 'n/a';
  const percent = fraction * 100;
  const body = Math.abs(percent).toFixed(Math.abs(percent) < 10 ? 1 : 0);
  return `${percent >= 0 ? '+' : MINUS}${body}%`;
}

/** A run id as the CLI shows it: its first 12 hex digits. */
export function shortRunId(id: string): string {
  return id.slice(0, 12);
}

/** `2026-02-07T19:54:11Z` → `2026-02-07 19:54 UTC`. */
export function formatUtcTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
