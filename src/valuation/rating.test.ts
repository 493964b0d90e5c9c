// rating and upside (DESIGN.md §6) at and around their thresholds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sourced } from './explain.ts';
import { rating, upside, type RatingThresholds } from './rating.ts';

const s = (value: number): Sourced => ({ value, source: 'test' });

/** a ≈ b to a relative tolerance (absolute near 0). */
function close(actual: number, expected: number, rel = 1e-12, message?: string): void {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= rel * scale,
    message ?? `${actual} is not within ${rel} (relative) of ${expected}`,
  );
}

test('rating: Overweight at or above its threshold, Underweight at or below its own, Neutral between', () => {
  const th: RatingThresholds = { overweightFromUpside: s(0.15), underweightToUpside: s(-0.1) };
  assert.equal(rating(0.15, th), 'Overweight');
  assert.equal(rating(0.5, th), 'Overweight');
  assert.equal(rating(0.1499, th), 'Neutral');
  assert.equal(rating(0, th), 'Neutral');
  assert.equal(rating(-0.0999, th), 'Neutral');
  assert.equal(rating(-0.1, th), 'Underweight');
  assert.equal(rating(-0.9, th), 'Underweight');
  close(upside(130, 100), 0.3);
  close(upside(50, 100), -0.5);
});
