// rating and upside (DESIGN.md §6) at and around their thresholds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rating, upside, type RatingThresholds } from './rating.ts';
import { closeWith, s } from './valuation-test-fixtures.ts';

const close = closeWith(assert.ok);

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
