/**
 * The cross-check of mempool.space epochs against the instance's own list of difficulty adjustments.
 *
 * `GET /api/v1/mining/difficulty-adjustments/:interval` (backend/src/api/mining/mining-routes.ts
 * `$getDifficultyAdjustments`, backend/src/repositories/DifficultyAdjustmentsRepository.ts `$getRawAdjustments`):
 * `[[time, height, difficulty, adjustment], …]`, newest first, one row per block whose difficulty differs from its
 * predecessor's (backend/src/api/mining/mining.ts `$indexDifficultyAdjustments`, run hourly), `difficulty` as Bitcoin
 * Core reports it and `adjustment` the ratio to the previous difficulty rounded to 1e-6. `interval` is one of 24h, 3d,
 * 1w, 1m, 3m, 6m, 1y, 2y, 3y, 4y (Common.getSqlInterval: rows whose block time is within that long before the
 * server's now); without it, or with a name the server does not know, every row.
 *
 * Each fetched epoch whose first block is listed must have the difficulty of its bits (difficultyFromBits, Core's
 * GetDifficulty) to within 1e-6 relative, else the answer is refused. An epoch not listed (not indexed yet, or no
 * change of difficulty) is noted, not refused.
 */
import type { EpochStart, LiveDataNote } from '../../app/ports/live-data.ts';
import { difficultyFromBits } from '../../protocol/difficulty.ts';
import { SECONDS_PER_DAY } from '../../units/calendar-day.ts';
import { ProviderError } from '../http/provider-error.ts';
import type { JsonClient } from '../http/resilient-client.ts';
import { bitsHex, integer, invalid } from './mempool-answer-checks.ts';

export const DIFFICULTY_ADJUSTMENTS_PATH = '/api/v1/mining/difficulty-adjustments';
/**
 * The windows `/api/v1/mining/difficulty-adjustments/:interval` accepts, shortest first, each with the fewest days it
 * can span (MySQL `INTERVAL n MONTH|YEAR` is calendar months and years: a month at least 28 days, 3 months 89, 6
 * months 181, a year 365).
 */
export const ADJUSTMENT_INTERVALS: readonly { name: string; days: number }[] = [
  { name: '24h', days: 1 },
  { name: '3d', days: 3 },
  { name: '1w', days: 7 },
  { name: '1m', days: 28 },
  { name: '3m', days: 89 },
  { name: '6m', days: 181 },
  { name: '1y', days: 365 },
  { name: '2y', days: 730 },
  { name: '3y', days: 1_095 },
  { name: '4y', days: 1_460 },
];
/** Slack on the oldest epoch's age when choosing the window: the server's clock and ours may differ. */
const ADJUSTMENT_WINDOW_SLACK_S = SECONDS_PER_DAY;
/** A listed difficulty and the one of the epoch's bits may differ by this fraction at most (float formatting). */
const DIFFICULTY_TOLERANCE = 1e-6;

/** The shortest adjustments window that reaches back to the oldest epoch's start (with slack); none: every row. */
export function adjustmentsWindow(oldestStartS: number, nowS: number): string | undefined {
  const ageS = nowS - oldestStartS + ADJUSTMENT_WINDOW_SLACK_S;
  return ADJUSTMENT_INTERVALS.find((interval) => interval.days * SECONDS_PER_DAY >= ageS)?.name;
}

/**
 * Each fetched epoch whose first block mempool lists among its difficulty adjustments must have, there, the
 * difficulty of the epoch's bits. One request, for the shortest window that covers the oldest epoch fetched.
 */
export async function crossCheckAdjustments(
  client: JsonClient,
  epochs: readonly EpochStart[],
  nowS: number,
): Promise<LiveDataNote[]> {
  const oldest = epochs[0] as EpochStart;
  const window = adjustmentsWindow(oldest.startTimeUnixS, nowS);
  const path = window === undefined ? DIFFICULTY_ADJUSTMENTS_PATH : `${DIFFICULTY_ADJUSTMENTS_PATH}/${window}`;
  const where = `GET ${client.endpoint}${path}`;
  const body = await client.getJson(path);
  if (!Array.isArray(body))
    throw invalid(where, '', 'expected an array of [time, height, difficulty, adjustment]', body);
  const listed = new Map<number, { difficulty: number; index: number }>();
  body.forEach((row, index) => {
    if (!Array.isArray(row) || row.length < 4)
      throw invalid(where, `[${index}]`, 'expected [time, height, difficulty, adjustment]', row);
    integer(row[0], where, `[${index}][0]`, 0);
    const height = integer(row[1], where, `[${index}][1]`, 0);
    const difficulty: unknown = row[2];
    if (typeof difficulty !== 'number' || !Number.isFinite(difficulty) || difficulty <= 0)
      throw invalid(where, `[${index}][2]`, 'expected a positive difficulty', difficulty);
    if (typeof row[3] !== 'number' || !Number.isFinite(row[3]))
      throw invalid(where, `[${index}][3]`, 'expected a number (the adjustment ratio)', row[3]);
    if (!listed.has(height)) listed.set(height, { difficulty, index });
  });
  const notes: LiveDataNote[] = [];
  for (const epoch of epochs) {
    const entry = listed.get(epoch.startHeight);
    if (!entry) {
      notes.push({
        code: 'difficulty-unlisted',
        message:
          `mempool: epoch ${epoch.epoch} (block ${epoch.startHeight}) is not among the difficulty adjustments ` +
          `of ${where} (not indexed yet, or no change of difficulty); ` +
          `its bits ${bitsHex(epoch.bits)} were not cross-checked`,
      });
      continue;
    }
    const expected = difficultyFromBits(epoch.bits);
    if (Math.abs(entry.difficulty - expected) > DIFFICULTY_TOLERANCE * expected) {
      throw new ProviderError(
        'mempool',
        'invalid-response',
        `${where} [${entry.index}][2]: epoch ${epoch.epoch} (block ${epoch.startHeight}) ` +
          `is listed with difficulty ${entry.difficulty}, ` +
          `but its bits ${bitsHex(epoch.bits)} from /api/v1/blocks give ${expected} ` +
          `(more than ${DIFFICULTY_TOLERANCE} relative apart)`,
      );
    }
  }
  return notes;
}
