// Merging fetched chain days, epochs and exchange closes into the local tables: a second merge of the same data
// changes nothing; stored values are kept; contradictions are refused; prices are cross-checked.
import { test } from 'node:test';
import { embeddedTables, syntheticCloses, syntheticFetch } from '../../../test/support/live-data-fixtures.ts';
import assert from 'node:assert/strict';
import { LiveDataConflict, mergeChangedAnything, mergeLiveData, tablesExtent } from './merge.ts';
import { priceConsensus } from './price-consensus.ts';
import type { ChainFetch } from '../ports/live-data.ts';

const embedded = embeddedTables;
const closes = syntheticCloses;

test('merging the same data again adds nothing (idempotent)', () => {
  const once = mergeLiveData(embedded, syntheticFetch(), closes);
  const twice = mergeLiveData(once.tables, syntheticFetch(), closes);
  assert.equal(mergeChangedAnything(twice.summary), false);
  assert.deepEqual(twice.tables, once.tables);
});

test('fills only empty fees of stored days whose heights match, and never changes a stored value', () => {
  const once = mergeLiveData(embedded, syntheticFetch(), []);
  // Blank the fees of 2026-02-06 in the stored table, then fetch from 2026-02-06 again.
  const lines = once.tables.daily.split('\n');
  const index = lines.findIndex((line) => line.startsWith('2026-02-06,'));
  const fields = (lines[index] as string).split(',');
  const storedFees = fields[4];
  fields[4] = '';
  lines[index] = fields.join(',');
  const blanked = { ...once.tables, daily: lines.join('\n') };
  const fetch = syntheticFetch();
  const refetch = { ...fetch, days: fetch.days.slice(1), epochs: [] };
  const merged = mergeLiveData(blanked, refetch, []);
  assert.equal(merged.summary.feesFilled, 1);
  assert.equal(merged.summary.daysAdded, 0);
  assert.equal(merged.tables.daily, once.tables.daily);
  assert.equal(storedFees, (fetch.days[1]?.feesBtc as number).toFixed(8));
  // A source that counts the day's heights differently leaves the day alone and says so.
  const shifted = {
    ...refetch,
    days: refetch.days.map((day, i) => (i === 0 ? { ...day, tipHeight: day.tipHeight + 1 } : day)),
  };
  const noted = mergeLiveData(blanked, shifted, []);
  assert.equal(noted.summary.feesFilled, 0);
  assert.ok(noted.notes.some((note) => note.code === 'chain-day-differs' && note.message.includes('2026-02-06')));
});

test('an epoch whose bits differ from the stored ones is refused as another chain', () => {
  const fetch = syntheticFetch();
  const wrong = {
    ...fetch,
    epochs: [{ epoch: 463, startHeight: 933_408, bits: 0x1701fca2, startTimeUnixS: 1_769_110_000, chainworkHex: null }],
  };
  assert.throws(
    () => mergeLiveData(embedded, wrong, []),
    (error: unknown) =>
      error instanceof LiveDataConflict &&
      /epoch 463 has bits 0x1701fca2, but the local data has 0x1701fca1/.test(error.message),
  );
});

test('a stored epoch with an estimated start time takes the header time', () => {
  const fetch = syntheticFetch();
  const confirm = {
    ...fetch,
    days: [],
    epochs: [
      { epoch: 463, startHeight: 933_408, bits: 0x1701fca1, startTimeUnixS: 1_769_110_111, chainworkHex: null },
      ...fetch.epochs,
    ],
  };
  const merged = mergeLiveData(embedded, confirm, []);
  assert.equal(merged.summary.epochTimesFromHeaders, 1);
  assert.match(merged.tables.epochs, /\n463,933408,0x1701fca1,1769110111,header,\n/);
});

test('days that would leave a gap after the stored data are refused', () => {
  const fetch = syntheticFetch();
  const gap = { ...fetch, days: fetch.days.slice(1) };
  assert.throws(() => mergeLiveData(embedded, gap, []), /after a gap in the local data, which ends 2026-02-04/);
});

test('price consensus: the median of the sources, and a disagreement over 1% names both values', () => {
  const { prices, notes } = priceConsensus([
    { date: '2026-02-06', source: 'coinbase', closeUsd: 70_000 },
    { date: '2026-02-06', source: 'kraken', closeUsd: 71_500 },
    { date: '2026-02-06', source: 'bitstamp', closeUsd: 70_100 },
  ]);
  assert.deepEqual(prices, [{ date: '2026-02-06', priceUsd: 70_100, sources: ['bitstamp', 'coinbase', 'kraken'] }]);
  assert.equal(notes.length, 2);
  assert.ok(
    notes.every(
      (note) =>
        note.code === 'price-sources-disagree' && note.date === '2026-02-06' && note.message.includes('$71,500.00'),
    ),
  );
  assert.match(notes[0]?.message ?? '', /bitstamp closed at \$70,100\.00 and kraken at \$71,500\.00, 2\.00% apart/);
});

test('a stored close is kept when a source revises it, and a stored price is not overwritten by the exchanges', () => {
  const once = mergeLiveData(embedded, syntheticFetch(), closes);
  const revised = closes.map((close) =>
    close.date === '2026-02-05' && close.source === 'kraken' ? { ...close, closeUsd: 69_000 } : close,
  );
  const again = mergeLiveData(once.tables, undefined, revised);
  assert.equal(mergeChangedAnything(again.summary), false);
  assert.ok(again.notes.some((note) => note.code === 'close-revised'));
  // Exchanges far from the embedded Coin Metrics price of 2026-02-04 are noted, and the stored price stays.
  const farOff = mergeLiveData(embedded, undefined, [{ date: '2026-02-04', source: 'coinbase', closeUsd: 80_000 }]);
  assert.ok(farOff.notes.some((note) => note.code === 'price-differs-from-data' && note.message.includes('73095.19')));
  assert.equal(farOff.summary.pricesFilled, 0);
});

test('tablesExtent reads where the stored data ends', () => {
  const extent = tablesExtent(embedded);
  assert.equal(extent.lastDay, '2026-02-04');
  assert.equal(extent.tipAtEndOf('2026-02-04'), 935_057);
  assert.equal(extent.epochCount, 464);
  assert.equal(extent.firstDerivedEpoch, 437);
});

test('a new day far from the stored history is flagged, and kept: fees per block, and the price', () => {
  const fetch = syntheticFetch();
  const oneDay = { ...fetch, days: [{ ...(fetch.days[0] as ChainFetch['days'][number]), feesBtc: 500 }], epochs: [] };
  const merged = mergeLiveData(embedded, oneDay, [
    { date: '2026-02-05', source: 'coinbase', closeUsd: 95_000 },
    { date: '2026-02-05', source: 'kraken', closeUsd: 95_100 },
  ]);
  assert.equal(merged.summary.daysAdded, 1);
  const codesOf = merged.notes.map((note) => note.code).sort();
  assert.deepEqual(codesOf, ['fees-outlier', 'price-jump']);
  assert.match(
    merged.notes.find((note) => note.code === 'price-jump')?.message ?? '',
    /95050\.00 is 30\.0% from the day before's 73095\.19; kept/,
  );
  assert.match(merged.tables.daily, /\n2026-02-05,147,95050\.00,/);
});
