// The share-price cross-check (issue 20): agreement gives the median, a disagreement names both sources and values,
// and pre- and post-split prices are never mixed — for any series and any split factor (property).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ShareCloseFetch, SharePriceSourceId } from '../ports/share-prices.ts';
import { shareConsensus, splitLike } from './share-price-consensus.ts';

function fetchOf(
  source: SharePriceSourceId,
  closes: [string, number][],
  extra: Partial<ShareCloseFetch> = {},
): ShareCloseFetch {
  return {
    source,
    ticker: 'MARA',
    closes: closes.map(([date, closeUsd]) => ({ date, closeUsd })),
    splits: [],
    adjustsSilently: false,
    notes: [],
    ...extra,
  };
}

test('sources within 2% give their median, rounded to 4 decimals; stored days are not repeated', () => {
  const result = shareConsensus(
    'MARA',
    [
      fetchOf('yahoo', [
        ['2026-02-02', 10],
        ['2026-02-03', 10.1],
      ]),
      fetchOf('nasdaq', [
        ['2026-02-02', 10.1],
        ['2026-02-03', 10.1],
      ]),
    ],
    '2026-02-02',
    { date: '2026-02-02', closeUsd: 10.05, splitFactor: 1, sources: ['nasdaq', 'yahoo'] },
  );
  assert.deepEqual(result.closes, [
    { date: '2026-02-03', closeUsd: 10.1, splitFactor: 1, sources: ['nasdaq', 'yahoo'] },
  ]);
  assert.deepEqual(result.notes, []);
  assert.deepEqual(result.singleSource, []);
});

test('two sources apart by more than 2% store the first configured one, with a warning naming both', () => {
  const result = shareConsensus(
    'MARA',
    [fetchOf('tiingo', [['2026-02-04', 10]]), fetchOf('yahoo', [['2026-02-04', 10.5]])],
    '',
    undefined,
  );
  assert.equal(result.closes[0]?.closeUsd, 10);
  assert.equal(result.notes[0]?.code, 'share-sources-disagree');
  assert.match(result.notes[0]?.message ?? '', /tiingo closed MARA at 10 USD and yahoo at 10\.5 USD, 5\.0% apart/);
  assert.match(result.notes[0]?.message ?? '', /tiingo's 10 USD is stored/);
});

test('closes a split factor apart are on different bases: the day is not stored, both named', () => {
  const result = shareConsensus(
    'MARA',
    [
      fetchOf('yahoo', [
        ['2026-02-03', 1],
        ['2026-02-04', 10],
      ]),
      fetchOf('nasdaq', [
        ['2026-02-03', 10],
        ['2026-02-04', 10],
      ]),
    ],
    '',
    undefined,
  );
  assert.deepEqual(
    result.closes.map((close) => close.date),
    ['2026-02-04'],
  );
  const mismatch = result.notes.find((note) => note.code === 'share-split-basis-mismatch');
  assert.match(mismatch?.message ?? '', /2026-02-03: yahoo closed MARA at 1 USD and nasdaq at 10 USD, a factor of 10/);
});

test('two sources giving one day different split factors: nothing from that day on is stored', () => {
  const result = shareConsensus(
    'MARA',
    [
      fetchOf(
        'yahoo',
        [
          ['2026-02-03', 1],
          ['2026-02-04', 10],
        ],
        { splits: [{ date: '2026-02-04', factor: 0.1 }] },
      ),
      fetchOf(
        'tiingo',
        [
          ['2026-02-03', 1],
          ['2026-02-04', 5],
        ],
        { splits: [{ date: '2026-02-04', factor: 0.2 }] },
      ),
    ],
    '',
    undefined,
  );
  assert.deepEqual(
    result.closes.map((close) => close.date),
    ['2026-02-03'],
  );
  assert.ok(result.notes.some((note) => note.code === 'share-split-conflict'));
});

test('a jump by a split-like ratio that no source reports is kept as traded, with a note', () => {
  const result = shareConsensus('MARA', [fetchOf('yahoo', [['2026-02-04', 30.1]])], '2026-02-03', {
    date: '2026-02-03',
    closeUsd: 3,
    splitFactor: 1,
    sources: ['yahoo'],
  });
  assert.equal(result.closes[0]?.closeUsd, 30.1);
  assert.equal(result.notes[0]?.code, 'share-split-suspected');
  assert.deepEqual(result.singleSource, ['2026-02-04']);
});

test('splitLike: whole-number ratios and their reciprocals, not ordinary moves', () => {
  for (const ratio of [2, 3, 10, 0.5, 0.1, 1 / 20, 2.04]) assert.ok(splitLike(ratio), String(ratio));
  for (const ratio of [1, 1.05, 1.3, 0.8, 2.5, 1.5]) assert.ok(!splitLike(ratio), String(ratio));
});

const FACTORS = [0.05, 0.1, 0.125, 0.2, 0.25, 1 / 3, 0.5, 2, 3, 4, 5, 10];

test('property: with a split, a silently adjusting source is put back on the basis traded; no day mixes bases', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 3, maxLength: 20 }),
      fc.integer({ min: 1, max: 19 }),
      fc.constantFrom(...FACTORS),
      (levels, splitAt, factor) => {
        const at = Math.min(splitAt, levels.length - 1);
        const dates = levels.map((_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
        const round = (x: number) => Math.round(x * 10_000) / 10_000;
        // As traded: the price jumps by 1/factor on the split day.
        const traded = levels.map((level, i) => round(i >= at ? level / factor : level));
        // Adjusted to the basis after the split: every day divided by the factor.
        const adjusted = levels.map((level) => round(level / factor));
        const split = { date: dates[at] as string, factor };
        const result = shareConsensus(
          'MARA',
          [
            fetchOf(
              'yahoo',
              dates.map((date, i): [string, number] => [date, traded[i] as number]),
              { splits: [split] },
            ),
            fetchOf(
              'nasdaq',
              dates.map((date, i): [string, number] => [date, adjusted[i] as number]),
              { adjustsSilently: true },
            ),
          ],
          '',
          undefined,
        );
        assert.equal(result.closes.length, levels.length);
        for (const [i, close] of result.closes.entries()) {
          assert.ok(Math.abs(close.closeUsd / (traded[i] as number) - 1) < 0.001, `${close.date}`);
          assert.equal(close.splitFactor, i === at ? factor : 1);
        }
        assert.ok(!result.notes.some((note) => note.code === 'share-split-basis-mismatch'));
      },
    ),
    { numRuns: 200 },
  );
});

test('property: a source on the wrong basis before a split never reaches the store', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 3, maxLength: 20 }),
      fc.integer({ min: 1, max: 19 }),
      fc.constantFrom(...FACTORS),
      (levels, splitAt, factor) => {
        const at = Math.min(splitAt, levels.length - 1);
        const dates = levels.map((_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
        const traded = levels.map((level, i) => (i >= at ? level / factor : level));
        // Nasdaq claims to adjust silently but sends the prices as traded: converted, its early days are off by
        // the factor.
        const result = shareConsensus(
          'MARA',
          [
            fetchOf(
              'yahoo',
              dates.map((date, i): [string, number] => [date, traded[i] as number]),
              { splits: [{ date: dates[at] as string, factor }] },
            ),
            fetchOf(
              'nasdaq',
              dates.map((date, i): [string, number] => [date, traded[i] as number]),
              { adjustsSilently: true },
            ),
          ],
          '',
          undefined,
        );
        assert.deepEqual(
          result.closes.map((close) => close.date),
          dates.slice(at),
        );
      },
    ),
    { numRuns: 200 },
  );
});

test('a split-like jump seen only by a silently adjusting source is not stored: it may be on a later basis', () => {
  const result = shareConsensus(
    'MARA',
    [fetchOf('nasdaq', [['2026-02-04', 30.1]], { adjustsSilently: true })],
    '2026-02-03',
    { date: '2026-02-03', closeUsd: 3, splitFactor: 1, sources: ['nasdaq', 'yahoo'] },
  );
  assert.deepEqual(result.closes, []);
  assert.equal(result.notes[0]?.code, 'share-split-basis-mismatch');
  assert.match(result.notes[0]?.message ?? '', /nasdaq adjusts its history silently, so the day is not stored/);
});
