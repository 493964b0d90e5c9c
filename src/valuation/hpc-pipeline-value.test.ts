// pipelineValue (DESIGN.md §6, issue 18) against hand computations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipelineValue, type PipelineAsset } from './hpc-pipeline-value.ts';
import { closeWith, s } from './valuation-test-fixtures.ts';
import type { DayNumber } from '../units/calendar-day.ts';

const close = closeWith(assert.ok);
const V = 20_000 as DayNumber;
const item = (expectedStartDay: number): PipelineAsset => ({
  name: 'p',
  kind: 'cloud',
  criticalItMw: s(200),
  probability: s(0.5),
  ownership: s(0.75),
  buildProbability: s(0.8),
  expectedStartDay: expectedStartDay as DayNumber,
});

test('pipelineValue: deal × build probability × MW × $/MW × ownership, discounted from the expected start', () => {
  // Two years of 365.25 days to the start at 10%/yr: ÷ 1.21.
  const v = pipelineValue(item(V + 730.5), s(19e6), s(0.1), V);
  close(v.valueUsd, (0.5 * 0.8 * 200 * 19e6 * 0.75) / 1.21);
  close(v.yearsToStart, 2);
  close(v.discountFactor, 1 / 1.21);
  assert.equal(v.buildProbability, 0.8);
  assert.equal(v.kind, 'cloud');
});

test('pipelineValue: a project already due is not discounted, nor is any at a zero rate', () => {
  close(pipelineValue(item(V - 10), s(19e6), s(0.1), V).valueUsd, 0.5 * 0.8 * 200 * 19e6 * 0.75);
  close(pipelineValue(item(V + 3000), s(19e6), s(0), V).valueUsd, 0.5 * 0.8 * 200 * 19e6 * 0.75);
});
