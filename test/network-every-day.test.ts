// Every day of the data through the commands' output schemas: no NaN, Infinity or missing field reaches a user on
// any date (halving and retarget days, the first days, the days without price or fees included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { executeCommand } from '../src/app/execute-command.ts';
import { networkHistoryCommand } from '../src/app/commands/network-history.ts';
import { networkStatusCommand } from '../src/app/commands/network-status.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { isoFromDay, type DayNumber } from '../src/units/calendar-day.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' } });

test('network status is valid for every day with a block', async () => {
  const { history } = await ports.network.loadNetwork();
  let checked = 0;
  for (let i = 0; i < history.daily.dayCount; i++) {
    if (history.daily.blocks[i] === 0) continue;
    const asOf = isoFromDay((history.daily.firstDay + i) as DayNumber);
    await executeCommand(networkStatusCommand, { asOf, powerPriceUsdPerMwh: 40 }, ports); // throws on an invalid result
    checked++;
  }
  assert.equal(checked, 6236);
});

test('network history over all the data is valid at every interval', async () => {
  const expectedRows = { day: 6242, week: 893, month: 206, quarter: 69, epoch: 464 };
  for (const [interval, rows] of Object.entries(expectedRows)) {
    const envelope = await executeCommand(
      networkHistoryCommand,
      { from: '2009-01-03', to: '2026-02-04', interval },
      ports,
    );
    const results = envelope.results as { rows: { blocks: number }[] };
    assert.equal(results.rows.length, rows, interval);
    assert.equal(
      results.rows.reduce((sum, row) => sum + row.blocks, 0),
      935_057,
      interval,
    );
  }
});
