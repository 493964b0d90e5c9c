// pipelineValue (DESIGN.md §6) against a hand computation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipelineValue } from './hpc-pipeline-value.ts';
import { closeWith, s } from './valuation-test-fixtures.ts';

const close = closeWith(assert.ok);

test('pipelineValue: probability × critical-IT MW × equity $/MW × ownership', () => {
  const v = pipelineValue(
    { name: 'p', kind: 'cloud', criticalItMw: s(200), probability: s(0.5), ownership: s(0.75) },
    s(19e6),
  );
  close(v.valueUsd, 0.5 * 200 * 19e6 * 0.75);
  assert.equal(v.criticalItMw, 200);
  assert.equal(v.probability, 0.5);
  assert.equal(v.kind, 'cloud');
});
