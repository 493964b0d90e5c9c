// Monte Carlo projection: means converge to the expected-value path within their standard errors, seeds reproduce
// exactly, and splitting paths across chunks or worker threads changes nothing; runs sharing the worker threads take
// turns, and the executor admits a bounded number at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { workerMonteCarlo } from '../src/data/worker-monte-carlo.ts';
import { BusyError } from '../src/schema/busy-error.ts';
import {
  cellCount,
  monteCarloChunk,
  projectDeterministic,
  summarizeChunks,
  type ProjectionSetup,
} from '../src/network/monte-carlo.ts';
import { readRows, rowLayout } from '../src/network/projection-rows.ts';
import { difficultyFromBits } from '../src/protocol/difficulty.ts';
import { dayStartUnixS, type DayNumber } from '../src/units/calendar-day.ts';

const AS_OF = 20_000 as DayNumber;
const BITS = 0x1701fca1;
const D = difficultyFromBits(BITS);

function setup(days: number, hashrateVolatility: number, priceVolatility: number): ProjectionSetup {
  return {
    start: {
      asOfDay: AS_OF,
      tipHeight: 806_400,
      epochStartHeight: 806_400,
      epochStartTimeS: dayStartUnixS(AS_OF) + 86_400,
      bits: BITS,
      spotHashpriceUsdPerPhDay: 40,
    },
    paths: {
      dayCount: days,
      hashrateEhs: Float64Array.from(
        { length: days },
        (_, d) => ((D * 2 ** 32) / 600 / 1e18) * Math.pow(1.3, d / 365.25),
      ),
      feesPerBlockBtc: new Float64Array(days).fill(0.02),
      feeShareOfRewards: new Float64Array(days).fill(NaN),
      priceUsd: new Float64Array(days).fill(90_000),
    },
    volatility: { hashratePerYear: hashrateVolatility, pricePerYear: priceVolatility },
    response: null,
  };
}

test('block luck only: mean blocks per day converge to the expected 144 within their standard errors', () => {
  const base = setup(12, 0, 0); // the epoch lasts 14 days at 600 s: no retarget in the window
  const expected = projectDeterministic(base);
  const layout = rowLayout('day', AS_OF, 12, expected);
  const chunk = monteCarloChunk(base, [layout], 11, 0, 3000);
  const summaries = summarizeChunks([chunk], 0, cellCount(layout));
  const deterministic = readRows(expected, layout, D, new Float64Array(cellCount(layout)));
  layout.rows.forEach((_, row) => {
    const cell = row * layout.metrics.length; // metric 0: blocks
    const summary = summaries[cell];
    assert.ok(summary);
    const expectedBlocks = deterministic[cell] as number;
    assert.ok(
      Math.abs(summary.mean - expectedBlocks) < 4 * summary.standardError,
      `day ${row}: ${summary.mean} vs ${expectedBlocks} ± ${summary.standardError}`,
    );
    assert.ok(
      Math.abs(summary.standardError - Math.sqrt(expectedBlocks / 3000)) < 0.1 * Math.sqrt(expectedBlocks / 3000),
    ); // Poisson: var = mean
  });
});

test('with hashrate and price noise: quarterly mean hashrate and price converge to the expected path', () => {
  const noisy = setup(365, 0.3, 0.6);
  const expected = projectDeterministic(noisy);
  const layout = rowLayout('quarter', AS_OF, 365, expected);
  const summaries = summarizeChunks([monteCarloChunk(noisy, [layout], 5, 0, 2000)], 0, cellCount(layout));
  const deterministic = readRows(expected, layout, D, new Float64Array(cellCount(layout)));
  const metricIndex = (name: string) => (layout.metrics as readonly string[]).indexOf(name);
  for (const metric of ['hashrateEhs', 'priceUsd']) {
    layout.rows.forEach((row, r) => {
      const cell = r * layout.metrics.length + metricIndex(metric);
      const summary = summaries[cell];
      assert.ok(summary);
      const value = deterministic[cell] as number;
      assert.ok(
        Math.abs(summary.mean - value) < 4 * summary.standardError,
        `${metric} ${row.label}: ${summary.mean} vs ${value} ± ${summary.standardError}`,
      );
      assert.ok(summary.p5 < value && value < summary.p95);
    });
  }
});

test('the same seed reproduces exactly; another seed differs; chunk boundaries do not matter', () => {
  const noisy = setup(200, 0.3, 0.6);
  const layout = rowLayout('quarter', AS_OF, 200, projectDeterministic(noisy));
  const whole = monteCarloChunk(noisy, [layout], 42, 0, 300);
  const again = monteCarloChunk(noisy, [layout], 42, 0, 300);
  assert.deepEqual(whole.values, again.values);
  const other = monteCarloChunk(noisy, [layout], 43, 0, 300);
  assert.notDeepEqual(whole.values, other.values);
  const split = [monteCarloChunk(noisy, [layout], 42, 0, 120), monteCarloChunk(noisy, [layout], 42, 120, 180)];
  assert.deepEqual(summarizeChunks(split, 0, cellCount(layout)), summarizeChunks([whole], 0, cellCount(layout)));
});

test('worker threads give byte-identical results to the single-thread run', async () => {
  const noisy = setup(120, 0.3, 0.6);
  const expected = projectDeterministic(noisy);
  const layouts = [rowLayout('quarter', AS_OF, 120, expected), rowLayout('epoch', AS_OF, 120, expected)];
  const jobs = [
    { setup: noisy, layouts, seed: 9, firstPath: 0, pathCount: 150 },
    { setup: noisy, layouts, seed: 9, firstPath: 150, pathCount: 150 },
  ];
  const [threaded, serial] = await Promise.all([workerMonteCarlo(2).run(jobs), inProcessMonteCarlo.run(jobs)]);
  assert.equal(threaded.length, 2);
  threaded.forEach((chunk, c) => {
    assert.deepEqual(chunk.values, serial[c]?.values);
    assert.deepEqual(chunk.halvingTimeS, serial[c]?.halvingTimeS);
  });
});

const concurrentRunsTestName =
  'two runs at once on one worker pool each get their own chunks (the server runs requests concurrently)';
test(concurrentRunsTestName, async () => {
  const noisy = setup(120, 0.3, 0.6);
  const layouts = [rowLayout('quarter', AS_OF, 120, projectDeterministic(noisy))];
  const jobsOf = (seed: number) =>
    [0, 1, 2, 3, 4].map((c) => ({ setup: noisy, layouts, seed, firstPath: c * 100, pathCount: 100 }));
  const pool = workerMonteCarlo(2);
  const [a, b] = await Promise.all([pool.run(jobsOf(3)), pool.run(jobsOf(4))]);
  const [serialA, serialB] = [await inProcessMonteCarlo.run(jobsOf(3)), await inProcessMonteCarlo.run(jobsOf(4))];
  assert.notDeepEqual(serialA[0]?.values, serialB[0]?.values);
  a.forEach((chunk, c) => assert.deepEqual(chunk.values, serialA[c]?.values));
  b.forEach((chunk, c) => assert.deepEqual(chunk.values, serialB[c]?.values));
});

test('a small run takes turns with a large one instead of waiting behind all of it (issue 19)', async () => {
  const noisy = setup(120, 0.3, 0.6);
  const layouts = [rowLayout('quarter', AS_OF, 120, projectDeterministic(noisy))];
  const jobsOf = (seed: number, chunks: number) =>
    Array.from({ length: chunks }, (_, c) => ({ setup: noisy, layouts, seed, firstPath: c * 100, pathCount: 100 }));
  const pool = workerMonteCarlo(1, 4);
  const finished: string[] = [];
  const large = pool.run(jobsOf(3, 24)).then((chunks) => {
    finished.push('large');
    return chunks;
  });
  const small = pool.run(jobsOf(4, 2)).then((chunks) => {
    finished.push('small');
    return chunks;
  });
  const [largeChunks, smallChunks] = await Promise.all([large, small]);
  assert.deepEqual(finished, ['small', 'large']);
  // Taking turns changes no result.
  const serialSmall = await inProcessMonteCarlo.run(jobsOf(4, 2));
  smallChunks.forEach((chunk, c) => assert.deepEqual(chunk.values, serialSmall[c]?.values));
  assert.equal(largeChunks.length, 24);
});

test('a run beyond the executor bound is refused at once with a BusyError, and later ones are admitted', async () => {
  const noisy = setup(120, 0.3, 0.6);
  const layouts = [rowLayout('quarter', AS_OF, 120, projectDeterministic(noisy))];
  const jobs = [0, 1, 2, 3].map((c) => ({ setup: noisy, layouts, seed: 5, firstPath: c * 100, pathCount: 100 }));
  const pool = workerMonteCarlo(1, 1);
  const admitted = pool.run(jobs);
  await assert.rejects(pool.run(jobs), (error: unknown) => {
    assert.ok(error instanceof BusyError);
    assert.match(error.message, /1 Monte Carlo runs are in progress, at most 1 at once/);
    assert.ok(error.retryAfterS >= 1);
    return true;
  });
  await admitted;
  assert.equal((await pool.run(jobs)).length, 4);
});
