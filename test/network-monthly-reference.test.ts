// The embedded history, aggregated by month, against the published monthly aggregates of the same Coin Metrics
// data (test/fixtures/btc_monthly_network_coinmetrics.csv): blocks, issuance, fees, mean hashrate and the network's
// BTC per EH/s per day, for every month 2010-07 … 2025-12.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { embeddedSnapshot } from '../src/data/embedded-snapshot.ts';
import { computeDailyNetworkMetrics } from '../src/network/daily-metrics.ts';
import { aggregateHistory } from '../src/network/history-aggregation.ts';
import { dayFromIso } from '../src/units/calendar-day.ts';

const fixture = readFileSync(new URL('./fixtures/btc_monthly_network_coinmetrics.csv', import.meta.url), 'utf8')
  .trim()
  .split(/\r?\n/);
const header = (fixture[0] as string).split(',');
const months = fixture.slice(1).map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));

const relative = (actual: number, expected: number) => Math.abs(actual / expected - 1);

test('monthly network BTC/EH/day, blocks, issuance, fees and hashrate match the published monthly series', async () => {
  const { history } = await embeddedSnapshot().loadNetwork();
  const metrics = computeDailyNetworkMetrics(history.daily);
  const rows = aggregateHistory(history, metrics, dayFromIso('2010-07-01'), dayFromIso('2025-12-29'), 'month');
  assert.equal(rows.length, months.length);
  let worstBtcPerEh = 0;
  months.forEach((month, index) => {
    const row = rows[index];
    assert.ok(row);
    assert.equal(row.period, month['month']);
    assert.equal(row.days, Number(month['days']), `${row.period} days`);
    assert.equal(row.blocks, Number(month['blocks']), `${row.period} blocks`);
    // Issuance comes from the protocol schedule; the source's USD-derived figure differs by < 2.2e-5 on 4 days.
    assert.ok(relative(row.issuanceBtc, Number(month['issuance_btc'])) < 2e-6, `${row.period} issuance`);
    // Where fees are unknown (before 2010-07-18) rerate counts zero, as the published sums do.
    assert.ok(relative(row.feesBtc, Number(month['fees_btc'])) < 1e-6, `${row.period} fees`);
    // The fixture prints EH/s with 6 decimals (early months round to 0.000000).
    const hashrate = Number(month['mean_hashrate_ehs']);
    assert.ok(Math.abs(row.hashrateEhs - hashrate) <= 5e-7 + 1e-6 * hashrate, `${row.period} hashrate`);
    const error = relative(row.networkBtcPerEhDay, Number(month['btc_per_eh_day']));
    worstBtcPerEh = Math.max(worstBtcPerEh, error);
    assert.ok(error < 2e-6, `${row.period} BTC/EH/day: ${row.networkBtcPerEhDay} vs ${month['btc_per_eh_day']}`);
  });
  assert.ok(worstBtcPerEh > 0 && worstBtcPerEh < 2e-6);
});
