// figuresOlderThanAsOf: which figures a run later than the company file's date lists as older than its as-of date,
// each by its own date (asOf, knownFrom, series point, section, file for the key inputs); by hand on a small file,
// then as a property over as-of dates and figure dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CompanyFile } from '../schema/company.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../units/calendar-day.ts';
import type { LoadedCompany } from './loaded-files.ts';
import { figuresOlderThanAsOf } from './older-figures.ts';

const FILE_AS_OF = '2026-02-04';

function loadedOf(company: Record<string, unknown>): LoadedCompany {
  return { company: company as unknown as CompanyFile, raw: company, file: 'T.yaml', sha256: '', text: '' };
}

const company = {
  ticker: 'T',
  asOf: FILE_AS_OF,
  fleet: {
    hashrateEhs: [
      { date: '2025-06-30', value: 10, source: 'q2 letter' },
      { date: '2025-09-30', value: 12, source: 'q3 letter' },
      { date: '2026-03-31', value: 15, source: 'q1 letter' },
    ],
    poolFee: { value: 0.01, assumption: 'not disclosed' },
    curtailment: { value: 0.05, source: 'april update', asOf: '2025-04-30' },
  },
  balanceSheet: {
    asOf: '2025-09-30',
    cashUsd: { value: 100, source: '10-Q' },
    btcHeld: { value: 5, source: 'filing', knownFrom: '2025-11-10' },
    debt: [
      { name: 'old notes', principalUsd: 10, source: 'indenture' },
      { name: 'new notes', principalUsd: 20, knownFrom: '2026-02-01', source: '8-K' },
    ],
  },
  shares: { basic: { value: 1000, assumption: 'market cap / price' } },
  market: { sharePriceUsd: { value: 9, source: 'close', asOf: '2026-02-04' } },
};

test('as of a later day: each figure by its own date, oldest first, with its age and source', () => {
  const asOfDay = dayFromIso('2026-02-08');
  const listed = figuresOlderThanAsOf(loadedOf(company), asOfDay);
  assert.deepEqual(
    listed.map((f) => [f.path, f.date, f.ageDays, f.datedBy, f.source]),
    [
      ['fleet.curtailment', '2025-04-30', 284, 'asOf', 'april update'],
      ['balanceSheet.cashUsd', '2025-09-30', 131, 'section asOf', '10-Q'],
      // The last point on or before the as-of date: the 2026-03-31 point is not yet reached.
      ['fleet.hashrateEhs[1]', '2025-09-30', 131, 'series point', 'q3 letter'],
      ['balanceSheet.btcHeld', '2025-11-10', 90, 'knownFrom', 'filing'],
      ['balanceSheet.debt[1]', '2026-02-01', 7, 'knownFrom', '8-K'],
      ['market.sharePriceUsd', '2026-02-04', 4, 'asOf', 'close'],
      // A key input without a date of its own is dated by the file; other undated figures (poolFee) are not listed.
      ['shares.basic', '2026-02-04', 4, 'file asOf', 'assumption: market cap / price'],
    ],
  );
});

test('a figure dated on the as-of day (a stored close of that day) is not older; none is as of the file date', () => {
  const marked = { ...company, market: { sharePriceUsd: { value: 9.5, source: 'close', asOf: '2026-02-08' } } };
  const listed = figuresOlderThanAsOf(loadedOf(marked), dayFromIso('2026-02-08'));
  assert.ok(!listed.some((f) => f.path === 'market.sharePriceUsd'));
  assert.deepEqual(figuresOlderThanAsOf(loadedOf(company), dayFromIso(FILE_AS_OF)), []);
  assert.deepEqual(figuresOlderThanAsOf(loadedOf(company), dayFromIso('2025-01-01')), []);
});

test('the original path maps a resolved path back to the file as written', () => {
  const listed = figuresOlderThanAsOf(loadedOf(company), dayFromIso('2026-02-08'), (path) =>
    path.replace('debt[1]', 'debt[4]'),
  );
  assert.ok(listed.some((f) => f.path === 'balanceSheet.debt[4]'));
});

test('property: each listed figure is dated before the as-of day, aged by the days between, oldest first', () => {
  const day = (from: string, to: string) => fc.integer({ min: dayFromIso(from), max: dayFromIso(to) });
  fc.assert(
    fc.property(day('2026-02-05', '2027-12-31'), fc.array(day('2024-01-01', '2027-12-31')), (asOf, dates) => {
      const asOfDay = asOf as DayNumber;
      const figures = Object.fromEntries(
        dates.map((d, i) => [`f${i}`, { value: i, source: 's', asOf: isoFromDay(d as DayNumber) }]),
      );
      const listed = figuresOlderThanAsOf(loadedOf({ ...company, extra: figures }), asOfDay);
      const asOfIso = isoFromDay(asOfDay);
      for (const f of listed) {
        assert.ok(f.date < asOfIso);
        assert.equal(f.ageDays, asOfDay - dayFromIso(f.date));
      }
      const extra = listed.filter((f) => f.path.startsWith('extra.'));
      assert.equal(extra.length, dates.filter((d) => d < asOfDay).length);
      assert.deepEqual(
        listed.map((f) => f.date),
        listed.map((f) => f.date).sort(),
      );
    }),
  );
});
