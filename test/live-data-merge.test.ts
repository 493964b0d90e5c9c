// Merged tables as the data adapter reads them: the header the merge writes, appended days that pass the embedded
// data's own validation, and a retarget the files' checks refuse (the merge's own rules:
// src/app/live-data/merge.test.ts).
import { test } from 'node:test';
import { embeddedTables, syntheticCloses, syntheticFetch } from './support/live-data-fixtures.ts';
import assert from 'node:assert/strict';
import { DAILY_TABLE_HEADER, mergeLiveData } from '../src/app/live-data/merge.ts';
import { type NetworkTables } from '../src/app/ports/local-data.ts';
import { DAILY_HEADER_WITH_PRICE_SOURCE, readNetworkHistoryFiles } from '../src/data/network-history-files.ts';
import { expectedSyntheticDays } from './support/synthetic-chain.ts';

const embedded = embeddedTables;
const closes = syntheticCloses;

function validate(tables: NetworkTables) {
  return readNetworkHistoryFiles({
    daily: { name: 'daily.csv', text: tables.daily },
    epochs: { name: 'epochs.csv', text: tables.epochs },
  });
}

test('the daily header the merge writes is the one the reader accepts', () => {
  assert.equal(DAILY_TABLE_HEADER, DAILY_HEADER_WITH_PRICE_SOURCE);
});

test('appends the fetched days and epoch after the embedded data, heights continuous, and passes validation', () => {
  const merged = mergeLiveData(embedded, syntheticFetch(), closes);
  assert.deepEqual(merged.summary, {
    daysAdded: 4,
    feesFilled: 0,
    pricesFilled: 4,
    epochsAdded: 1,
    epochTimesFromHeaders: 0,
    closesAdded: 8,
  });
  const history = validate(merged.tables);
  const { daily, epochs } = history;
  assert.equal(epochs.count, 465);
  const last = daily.dayCount - 1;
  assert.equal(daily.tipHeight[last], 935_635);
  const expected = expectedSyntheticDays();
  for (let k = 0; k < 4; k++) {
    const i = last - 3 + k;
    const day = expected[k] as (typeof expected)[number];
    assert.equal(daily.blocks[i], day.blocks);
    assert.ok(Math.abs((daily.feesBtc[i] as number) - day.feesSats / 1e8) < 1e-9);
    assert.equal(daily.issuanceBtc[i], day.blocks * 3.125);
    assert.equal(daily.sources[daily.sourceIndex[i] as number], 'bitcoind');
    assert.equal(daily.sources[daily.priceSourceIndex[i] as number], 'exchanges');
    assert.equal(daily.priceUsd[i], 70_005 + k * 500);
  }
  // 2026-02-07 straddles the retarget at 935,424: its difficulty is the block-weighted mean of the two epochs.
  const straddle = last - 1;
  const before = 935_423 - 935_347;
  const after = 935_492 - 935_423;
  const mean =
    (before * (epochs.difficulty[463] as number) + after * (epochs.difficulty[464] as number)) / (before + after);
  assert.ok(Math.abs((daily.difficulty[straddle] as number) / mean - 1) < 1e-12);
  // Embedded days keep their own price source.
  assert.equal(daily.sources[daily.priceSourceIndex[last - 4] as number], 'cm-supply');
});

test("an epoch whose target moves more than the retarget rule allows fails the data files' checks", () => {
  const fetch = syntheticFetch();
  const easy = { ...fetch, epochs: fetch.epochs.map((epoch) => ({ ...epoch, bits: 0x1d00ffff, chainworkHex: null })) };
  const merged = mergeLiveData(embedded, easy, []);
  assert.throws(
    () => validate(merged.tables),
    /epochs\.csv:466:\d+: epoch 464's target is over four times epoch 463's/,
  );
});
