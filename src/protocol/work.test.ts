import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getCompact, targetFromBits } from './compact.ts';
import { POW_LIMIT } from './consensus-params.ts';
import { blockWork, chainworkAtEpochStarts } from './work.ts';

const UINT256_MAX = (1n << 256n) - 1n;
const GENESIS_WORK = 0x100010001n; // GetBlockProof of 0x1d00ffff

test('GetBlockProof of reference targets', () => {
  assert.equal(blockWork(0xffffn << 208n), GENESIS_WORK);
  assert.equal(blockWork(POW_LIMIT), 1n << 32n);
  assert.equal(blockWork(1n), 1n << 255n);
  assert.equal(blockWork(UINT256_MAX), 1n);
  assert.equal(blockWork(0n), 0n); // Core returns 0 for a zero target
  assert.throws(() => blockWork(-1n), RangeError);
  assert.throws(() => blockWork(1n << 256n), RangeError);
});

test('property: blockWork = floor(2^256 / (target + 1))', () => {
  const target = fc.oneof(
    fc.bigInt({ min: 1n, max: UINT256_MAX }),
    fc.integer({ min: 1, max: 256 }).chain((k) => fc.bigInt({ min: 1n, max: (1n << BigInt(k)) - 1n })),
  );
  fc.assert(
    fc.property(target, (t) => assert.equal(blockWork(t), (1n << 256n) / (t + 1n))),
    { numRuns: 500 },
  );
});

test('chainworkAtEpochStarts', () => {
  assert.deepEqual(chainworkAtEpochStarts([]), []);
  assert.deepEqual(chainworkAtEpochStarts([0x1d00ffff, 0x1d00ffff]), [GENESIS_WORK, 2017n * GENESIS_WORK]);
  const halfTarget = 0x1d007fff; // roughly double the work
  const [, second] = chainworkAtEpochStarts([0x1d00ffff, halfTarget]);
  assert.equal(second, 2016n * GENESIS_WORK + blockWork(0x7fffn << 208n));
  assert.throws(() => chainworkAtEpochStarts([0x1d00ffff, 0]), RangeError);
  assert.throws(() => chainworkAtEpochStarts([0x04923456]), RangeError);
});

test('property: chainwork steps by 2015·work(T_k) + work(T_k+1)', () => {
  const bits = fc.bigInt({ min: 1n, max: POW_LIMIT }).map((t) => getCompact(t));
  fc.assert(
    fc.property(fc.array(bits, { minLength: 1, maxLength: 20 }), (epochBits) => {
      const chainwork = chainworkAtEpochStarts(epochBits);
      const work = epochBits.map((b) => blockWork(targetFromBits(b)));
      assert.equal(chainwork.length, epochBits.length);
      assert.equal(chainwork[0], work[0]);
      for (let k = 0; k + 1 < chainwork.length; k++) {
        const step = (chainwork[k + 1] ?? 0n) - (chainwork[k] ?? 0n);
        assert.equal(step, 2015n * (work[k] ?? 0n) + (work[k + 1] ?? 0n));
      }
    }),
  );
});
