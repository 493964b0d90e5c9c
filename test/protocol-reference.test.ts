/**
 * src/protocol against reference data: Bitcoin Core's own test vectors (bitcoin_core_vectors.json) and
 * every mainnet difficulty epoch 0–463 (difficulty_epochs.csv). See test/fixtures/README.md.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS,
  GENESIS_BITS,
  INITIAL_SUBSIDY_SATS,
  POW_LIMIT,
  POW_TARGET_SPACING_S,
  POW_TARGET_TIMESPAN_S,
  SUBSIDY_HALVING_INTERVAL_BLOCKS,
  blockSubsidySats,
  blockWork,
  calculateNextWorkRequired,
  chainworkAtEpochStarts,
  difficultyFromBits,
  getCompact,
  halvingIndex,
  nextHalvingHeight,
  setCompact,
  targetFromBits,
  totalIssuanceSats,
} from '../src/protocol/index.ts';

// ---------------------------------------------------------------------------------------------
// Fixture loading

interface CoreVectors {
  consensus_params_mainnet: {
    nSubsidyHalvingInterval: number;
    nPowTargetTimespan_s: number;
    nPowTargetSpacing_s: number;
    DifficultyAdjustmentInterval_blocks: number;
    powLimit_hex: string;
    powLimit_compact: string;
    genesis: { nBits: string; reward_btc: number };
  };
  calculate_next_work_required_vectors: {
    vectors: {
      name: string;
      last_retarget_time: number;
      last_time: number;
      last_bits: string;
      expected_bits: string;
      constraint: string;
    }[];
  };
  compact_encoding_vectors: {
    vectors: {
      compact?: string;
      set_compact_value_hex?: string;
      get_compact?: string;
      get_compact_called_with_negative?: boolean;
      get_compact_of_value_hex?: string;
      negative?: boolean;
      overflow?: boolean;
    }[];
  };
  get_difficulty_vectors: {
    vectors: { bits: string; expected_difficulty: number; tolerance_abs: number; recomputed_here: number }[];
  };
  block_subsidy: {
    halving_table: {
      halving_index: number;
      first_height: number;
      subsidy_sats: number;
      last_height_prev_era: number | null;
      subsidy_sats_prev_era: number | null;
    }[];
    subsidy_limit_test: { expected_sats: number };
    exact_total_issuance_sats_all_heights: number;
  };
}

const core = JSON.parse(
  readFileSync(new URL('./fixtures/bitcoin_core_vectors.json', import.meta.url), 'utf8'),
) as CoreVectors;

const EPOCH_COLUMNS = [
  'epoch',
  'bits',
  'target_hex',
  'difficulty',
  'chainwork_at_start_hex',
  'duration_to_next_start_s',
  'implied_first_to_last_timespan_s',
  'retarget_clamp',
] as const;
type EpochRow = Record<(typeof EPOCH_COLUMNS)[number], string>;

/** Plain CSV split: the file has no quoted fields and no embedded commas. */
function readEpochs(): EpochRow[] {
  const text = readFileSync(new URL('./fixtures/difficulty_epochs.csv', import.meta.url), 'utf8');
  const [header = '', ...lines] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    assert.equal(cells.length, names.length, `malformed CSV line: ${line}`);
    const row = Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
    for (const column of EPOCH_COLUMNS) assert.ok(column in row, `missing column ${column}`);
    return row as EpochRow;
  });
}

const epochs = readEpochs();
const epochBits = epochs.map((row) => Number(row.bits));
const hex = (x: string): number => Number.parseInt(x, 16);
const bitsAt = (k: number): number => epochBits[k] ?? Number.NaN;

function relativeError(actual: bigint, expected: bigint): number {
  const diff = actual > expected ? actual - expected : expected - actual;
  return Number((diff * 10n ** 18n) / expected) / 1e18;
}

/** Retarget epoch k given a first→last-block timespan in seconds (rounded to whole seconds). */
function retargetEpoch(k: number, timespanS: number) {
  const lastBlockTimeS = Math.round(timespanS);
  return calculateNextWorkRequired({ lastBits: bitsAt(k), firstBlockTimeS: 0, lastBlockTimeS });
}

// ---------------------------------------------------------------------------------------------
// (a) Bitcoin Core vectors

test('core: consensus constants match consensus-params.ts', () => {
  const p = core.consensus_params_mainnet;
  assert.equal(SUBSIDY_HALVING_INTERVAL_BLOCKS, p.nSubsidyHalvingInterval);
  assert.equal(POW_TARGET_TIMESPAN_S, p.nPowTargetTimespan_s);
  assert.equal(POW_TARGET_SPACING_S, p.nPowTargetSpacing_s);
  assert.equal(DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS, p.DifficultyAdjustmentInterval_blocks);
  assert.equal(POW_LIMIT, BigInt(`0x${p.powLimit_hex}`));
  assert.equal(getCompact(POW_LIMIT), hex(p.powLimit_compact));
  assert.equal(GENESIS_BITS, hex(p.genesis.nBits));
  assert.equal(INITIAL_SUBSIDY_SATS, BigInt(p.genesis.reward_btc) * 100_000_000n);
});

test('core: compact encoding vectors (bignum_SetCompact)', () => {
  const vectors = core.compact_encoding_vectors.vectors;
  assert.equal(vectors.length, 21);
  for (const v of vectors) {
    if (v.compact !== undefined) {
      const decoded = setCompact(hex(v.compact));
      const label = `SetCompact(${v.compact})`;
      assert.equal(decoded.negative, v.negative, `${label} negative`);
      assert.equal(decoded.overflow, v.overflow, `${label} overflow`);
      if (v.set_compact_value_hex !== undefined) {
        assert.equal(decoded.target, BigInt(`0x${v.set_compact_value_hex}`), `${label} value`);
      }
      if (v.get_compact !== undefined) {
        const encoded = getCompact(decoded.target, v.get_compact_called_with_negative ?? false);
        assert.equal(encoded, hex(v.get_compact), `GetCompact after ${label}`);
      }
    } else {
      assert.ok(v.get_compact_of_value_hex !== undefined && v.get_compact !== undefined);
      assert.equal(getCompact(BigInt(`0x${v.get_compact_of_value_hex}`)), hex(v.get_compact));
    }
  }
});

test('core: CalculateNextWorkRequired vectors (pow_tests)', () => {
  const expectedClamp: Record<string, { clamp: string; powLimitCapped: boolean }> = {
    get_next_work: { clamp: 'none', powLimitCapped: false },
    get_next_work_pow_limit: { clamp: 'none', powLimitCapped: true },
    get_next_work_lower_limit_actual: { clamp: 'lower', powLimitCapped: false },
    get_next_work_upper_limit_actual: { clamp: 'upper', powLimitCapped: false },
  };
  const vectors = core.calculate_next_work_required_vectors.vectors;
  assert.equal(vectors.length, 4);
  for (const v of vectors) {
    const result = calculateNextWorkRequired({
      lastBits: hex(v.last_bits),
      firstBlockTimeS: v.last_retarget_time,
      lastBlockTimeS: v.last_time,
    });
    assert.equal(result.bits, hex(v.expected_bits), v.name);
    const expected = expectedClamp[v.name];
    assert.ok(expected, `unknown vector ${v.name} (${v.constraint})`);
    assert.equal(result.clamp, expected.clamp, v.name);
    assert.equal(result.powLimitCapped, expected.powLimitCapped, v.name);
  }
});

test('core: GetDifficulty vectors (blockchain_tests)', () => {
  for (const v of core.get_difficulty_vectors.vectors) {
    const d = difficultyFromBits(hex(v.bits));
    assert.ok(Math.abs(d - v.expected_difficulty) <= v.tolerance_abs, `${v.bits}: ${d}`);
    // The independent recomputation agrees to the last bit or so.
    assert.ok(Math.abs(d - v.recomputed_here) <= 1e-15 * v.recomputed_here, `${v.bits}: ${d}`);
  }
});

test('core: block subsidy halving table and totals', () => {
  const subsidy = core.block_subsidy;
  for (const row of subsidy.halving_table) {
    assert.equal(halvingIndex(row.first_height), row.halving_index);
    assert.equal(blockSubsidySats(row.first_height), BigInt(row.subsidy_sats));
    if (row.last_height_prev_era !== null && row.subsidy_sats_prev_era !== null) {
      assert.equal(blockSubsidySats(row.last_height_prev_era), BigInt(row.subsidy_sats_prev_era));
      assert.equal(nextHalvingHeight(row.last_height_prev_era), row.first_height);
    }
  }
  let sampled = 0n; // subsidy_limit_test: heights 0..13,999,000 step 1000, each weighted ×1000
  for (let h = 0; h < 14_000_000; h += 1000) sampled += blockSubsidySats(h) * 1000n;
  assert.equal(sampled, BigInt(subsidy.subsidy_limit_test.expected_sats));
  assert.equal(totalIssuanceSats(), BigInt(subsidy.exact_total_issuance_sats_all_heights));
});

// ---------------------------------------------------------------------------------------------
// (b) Every mainnet difficulty epoch

test('epochs: 464 rows, bits decode to the listed target exactly', () => {
  assert.equal(epochs.length, 464);
  epochs.forEach((row, k) => {
    assert.equal(Number(row.epoch), k);
    assert.equal(targetFromBits(bitsAt(k)), BigInt(`0x${row.target_hex}`), `epoch ${k}`);
    assert.equal(getCompact(BigInt(`0x${row.target_hex}`)), bitsAt(k), `epoch ${k} re-encodes`);
  });
});

test('epochs: bits give the listed difficulty', () => {
  // The file prints difficulty with 6 decimals. Above ~5e5 that is finer than 1e-12 relative, so the
  // relative bound applies as asked; below it the printing itself limits the agreement to half a unit in
  // the 6th decimal (5e-7 absolute; e.g. 1.182899 carries up to 4e-7 relative rounding). Both are then
  // checked exactly: our double prints to the listed text, except 17 exact ties (…0.5703125) that the
  // file rounds half-even and toFixed rounds up, where the listed text parses back to our double.
  let ties = 0;
  epochs.forEach((row, k) => {
    const d = difficultyFromBits(bitsAt(k));
    const listed = Number(row.difficulty);
    const tolerance = Math.max(1e-12 * listed, 5e-7);
    assert.ok(Math.abs(d - listed) <= tolerance, `epoch ${k}: ${d} vs ${row.difficulty}`);
    if (d.toFixed(6) !== row.difficulty) {
      assert.equal(listed, d, `epoch ${k}: ${d.toFixed(6)} vs ${row.difficulty}`);
      ties++;
    }
  });
  assert.ok(ties <= 20, `${ties} rounding ties`);
});

test('epochs: chainwork accumulated from the bits equals the listed chainwork', () => {
  const chainwork = chainworkAtEpochStarts(epochBits);
  assert.equal(chainwork.length, 464);
  assert.equal(chainwork[0], blockWork(targetFromBits(GENESIS_BITS))); // genesis block alone
  assert.equal(chainwork[0], 0x100010001n);
  assert.equal(chainwork[1], 2017n * 0x100010001n);
  let checked = 0;
  epochs.forEach((row, k) => {
    if (row.chainwork_at_start_hex === '') return;
    assert.equal(chainwork[k], BigInt(`0x${row.chainwork_at_start_hex}`), `epoch ${k}`);
    checked++;
  });
  assert.equal(checked, 436);
});

test('epochs: retarget with the implied first→last timespan reproduces the next bits', () => {
  // implied = 1,209,600·T(k+1)/T(k), recovered from compact-rounded targets; rounded to whole seconds and
  // fed back it gives bits[k+1] exactly in most epochs (SOURCES.md: 287 of 457) and within 3.1e-5 in all.
  // Measured here: 303 exact of the 447 epochs that have a successor row, worst 3.05e-5.
  let checked = 0;
  let exact = 0;
  let worst = 0;
  for (let k = 0; k + 1 < epochs.length; k++) {
    const implied = epochs[k]?.implied_first_to_last_timespan_s ?? '';
    if (implied === '') continue;
    const result = retargetEpoch(k, Number(implied));
    assert.equal(result.clamp, 'none', `epoch ${k}`);
    assert.equal(result.powLimitCapped, false, `epoch ${k}`);
    const error = relativeError(result.target, targetFromBits(bitsAt(k + 1)));
    assert.ok(error <= 3.2e-5, `epoch ${k}: relative target error ${error}`);
    worst = Math.max(worst, error);
    if (result.bits === bitsAt(k + 1)) exact++;
    checked++;
  }
  assert.equal(checked, 447);
  assert.ok(exact >= 280, `exact in ${exact}`);
  assert.ok(worst > 0 && worst <= 3.1e-5, `worst ${worst}`);
});

test('epochs: retarget with the header duration (×2015/2016) lands near the next target', () => {
  // duration_to_next_start_s spans 2016 intervals (start to next start); the retarget uses the 2015 from
  // the first to the last block. Scaling by 2015/2016 replaces the one boundary interval (last block of k
  // to first of k+1) by the epoch's mean, so the error is (boundary interval − mean)/1.2e6 plus timestamp
  // noise (a header time may be ~2 h off): a 600 s interval is 5e-4, a one-hour deviation 3e-3.
  // Measured over the 420 unclamped epochs 15–435: median 3.3e-4, p99 2.5e-3, worst 3.82e-3 (epoch 353).
  // Bound: 4e-3, the smallest round value above the worst case.
  const TOLERANCE = 4e-3;
  let checked = 0;
  let worst = 0;
  epochs.forEach((row, k) => {
    if (row.duration_to_next_start_s === '' || row.retarget_clamp !== '' || k + 1 >= epochs.length) return;
    const result = retargetEpoch(k, (Number(row.duration_to_next_start_s) * 2015) / 2016);
    const error = relativeError(result.target, targetFromBits(bitsAt(k + 1)));
    assert.ok(error <= TOLERANCE, `epoch ${k}: relative target error ${error}`);
    worst = Math.max(worst, error);
    checked++;
  });
  assert.equal(checked, 420);
  assert.ok(worst > 1e-3, `worst ${worst}`); // the bound is not vacuous
});

test('epochs: marked clamps apply, and no unmarked epoch is clamped', () => {
  let powLimitRows = 0;
  let lowerRows = 0;
  epochs.forEach((row, k) => {
    const duration = row.duration_to_next_start_s;
    const implied = row.implied_first_to_last_timespan_s;
    if (row.retarget_clamp === 'powlimit') {
      powLimitRows++;
      assert.notEqual(duration, '', `epoch ${k}`);
      const result = retargetEpoch(k, (Number(duration) * 2015) / 2016);
      assert.ok(result.powLimitCapped || result.bits === GENESIS_BITS, `epoch ${k}`);
      assert.equal(result.bits, bitsAt(k + 1), `epoch ${k}`);
    } else if (row.retarget_clamp === 'lower(x4 difficulty up)') {
      lowerRows++;
      assert.equal(k, 33);
      const result = retargetEpoch(k, (Number(duration) * 2015) / 2016);
      assert.equal(result.clamp, 'lower');
      assert.equal(result.bits, bitsAt(k + 1)); // clamped timespan is exact: bits reproduced exactly
    } else {
      assert.equal(row.retarget_clamp, '', `epoch ${k}: unknown clamp marker`);
      const timespans: number[] = [];
      if (duration !== '') timespans.push((Number(duration) * 2015) / 2016);
      if (implied !== '') timespans.push(Number(implied));
      for (const timespan of timespans) {
        const result = retargetEpoch(k, timespan);
        assert.equal(result.clamp, 'none', `epoch ${k}`);
        assert.equal(result.powLimitCapped, false, `epoch ${k}`);
      }
    }
  });
  assert.equal(powLimitRows, 15);
  assert.equal(lowerRows, 1);
});
