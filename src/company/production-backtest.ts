/**
 * Production backtest: modeled against reported BTC per company-month, with the error in percent of the reported
 * figure, and per-company mean absolute percentage error (MAPE) and bias (mean signed error).
 */

export interface BacktestRow {
  company: string;
  month: string;
  reportedBtc: number;
  /** NaN when the month could not be modeled (see `reason`). */
  modeledBtc: number;
  /** Operating hashrate the month was modeled with, EH/s (NaN when not modeled). */
  operatingEhs: number;
  /** Realization the month was modeled with (capacity-history mode; NaN otherwise). */
  realization: number;
  /** The reported months the realization was estimated from (empty: the file's stated realization). */
  realizationFrom: string[];
  reason: string | undefined;
}

export interface BacktestSummary {
  company: string;
  months: number;
  unmodeled: number;
  /** Mean |modeled − reported| ÷ reported, percent. */
  mapePct: number;
  /** Mean (modeled − reported) ÷ reported, percent: positive when the model runs high. */
  biasPct: number;
}

export function errorPct(row: BacktestRow): number {
  return ((row.modeledBtc - row.reportedBtc) / row.reportedBtc) * 100;
}

/** One summary per company (in first-seen order) and one over all companies, named `all`. */
export function summarizeBacktest(rows: readonly BacktestRow[]): BacktestSummary[] {
  const companies = [...new Set(rows.map((row) => row.company))];
  return [
    ...companies.map((company) =>
      summaryOf(
        company,
        rows.filter((row) => row.company === company),
      ),
    ),
    summaryOf('all', rows),
  ];
}

function summaryOf(company: string, rows: readonly BacktestRow[]): BacktestSummary {
  const modeled = rows.filter((row) => row.reason === undefined && row.reportedBtc > 0);
  const errors = modeled.map(errorPct);
  const mean = (values: number[]) =>
    values.length === 0 ? NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
  return {
    company,
    months: modeled.length,
    unmodeled: rows.length - modeled.length,
    mapePct: mean(errors.map(Math.abs)),
    biasPct: mean(errors),
  };
}
