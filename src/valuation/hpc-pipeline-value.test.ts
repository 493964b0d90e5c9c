// pipelineValue (DESIGN.md §6) against a hand computation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sourced } from './explain.ts';
import { pipelineValue } from './hpc-pipeline-value.ts';

const s = (value: number): Sourced => ({ value, source: 'test' });

/** a ≈ b to a relative tolerance (absolute near 0). */
function close(actual: number, expected: number, rel = 1e-12, message?: string): void {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= rel * scale,
    message ?? `${actual} is not within ${rel} (relative) of ${expected}`,
  );
}

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
