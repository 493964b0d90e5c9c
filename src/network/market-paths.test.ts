import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DayNumber } from '../units/calendar-day.ts';
import { resolvePath } from './market-paths.ts';

const AS_OF = 20_000 as DayNumber;

test('flat, compound growth and dated points, from the as-of value', () => {
  assert.deepEqual(Array.from(resolvePath({ kind: 'flat' }, 5, AS_OF, 3)), [5, 5, 5]);
  const growth = resolvePath({ kind: 'growth', ratePerYear: 0.25 }, 100, AS_OF, 731);
  assert.ok(Math.abs((growth[364] as number) / 100 - Math.pow(1.25, 365 / 365.25)) < 1e-12);
  assert.ok(Math.abs((growth[730] as number) / 100 - Math.pow(1.25, 731 / 365.25)) < 1e-12);
  const points = resolvePath(
    { kind: 'points', points: [{ day: (AS_OF + 10) as DayNumber, value: 200 }] },
    100,
    AS_OF,
    20,
  );
  assert.equal(points[4], 150); // day 5: halfway from 100 (as-of) to 200 (day 10)
  assert.equal(points[9], 200);
  assert.equal(points[19], 200); // flat after the last point
});

test('points on or before the as-of date are ignored; realized paths must cover the horizon', () => {
  const points = resolvePath(
    {
      kind: 'points',
      points: [
        { day: (AS_OF - 5) as DayNumber, value: 1 },
        { day: (AS_OF + 2) as DayNumber, value: 300 },
      ],
    },
    100,
    AS_OF,
    2,
  );
  assert.deepEqual(Array.from(points), [200, 300]);
  assert.throws(() => resolvePath({ kind: 'realized' }, 1, AS_OF, 5, new Float64Array(3)), RangeError);
  assert.deepEqual(Array.from(resolvePath({ kind: 'realized' }, 1, AS_OF, 2, Float64Array.from([7, 8, 9]))), [7, 8]);
});
