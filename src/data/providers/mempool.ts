/**
 * The mempool.space chain provider (DESIGN.md §9): complete UTC days (tip height by the header-time rule of
 * ChainDay, fees) and difficulty epochs, from an instance's REST API (https://mempool.space/docs/api/rest).
 *
 * Endpoints and shapes, from mempool's API documentation (frontend/src/app/docs/api-docs/api-docs-data.ts, "GET
 * Blocks") and its backend (backend/src/api/blocks.ts `$getBlocks`, backend/src/api/bitcoin/bitcoin.routes.ts):
 * - `GET /api/v1/blocks/:startHeight`: up to 15 blocks descending from startHeight, each `{id, height, timestamp,
 *   bits (number), difficulty, previousblockhash, …, extras: {reward, totalFees, …}}`, sats; `reward` is the sum of
 *   the coinbase outputs (subsidy + fees). Above the tip the list starts at the tip and is that many blocks shorter,
 *   so it always ends at startHeight − 14.
 * - `GET /api/blocks/tip/height`: the tip height as a bare number (text/plain, which also parses as JSON).
 * - The genesis check reads `GET /api/v1/blocks/0` ([the genesis block]): `GET /api/block-height/0` answers the hash
 *   as text/plain, which the JSON client cannot read.
 * - `GET /api/v1/mining/difficulty-adjustments/:interval` (backend/src/api/mining/mining-routes.ts
 *   `$getDifficultyAdjustments`, backend/src/repositories/DifficultyAdjustmentsRepository.ts `$getRawAdjustments`):
 *   `[[time, height, difficulty, adjustment], …]`, newest first, one row per block whose difficulty differs from
 *   its predecessor's (backend/src/api/mining/mining.ts `$indexDifficultyAdjustments`, run hourly), `difficulty` as
 *   Bitcoin Core reports it and `adjustment` the ratio to the previous difficulty rounded to 1e-6. `interval` is one
 *   of 24h, 3d, 1w, 1m, 3m, 6m, 1y, 2y, 3y, 4y (Common.getSqlInterval: rows whose block time is within that long
 *   before the server's now); without it, or with a name the server does not know, every row.
 *
 * Cost: 2 requests (genesis, tip), then one per 15 blocks scanned (about 10 per day), then one per epoch whose
 * first block was not scanned, then one for the difficulty adjustments when at least one epoch was fetched. No
 * chainwork: the API has none.
 *
 * The adjustments cross-check the epochs: each fetched epoch whose first block is listed must have the difficulty
 * of its bits (difficultyFromBits, Core's GetDifficulty) to within 1e-6 relative, else the answer is refused. An
 * epoch not listed (not indexed yet, or no change of difficulty) is noted, not refused.
 */
import type {
  ChainDataProvider,
  ChainDay,
  ChainFetch,
  ChainRequest,
  EpochStart,
  FetchProgress,
  LiveDataNote,
} from '../../app/ports/live-data.ts';
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS, MAINNET_GENESIS_HASH } from '../../protocol/consensus-params.ts';
import { targetFromBits } from '../../protocol/compact.ts';
import { difficultyFromBits } from '../../protocol/difficulty.ts';
import { calculateNextWorkRequired } from '../../protocol/retarget.ts';
import { blockSubsidySats } from '../../protocol/subsidy.ts';
import { dayFromIso, dayStartUnixS, isoFromDay, SECONDS_PER_DAY, type DayNumber } from '../../units/calendar-day.ts';
import { ProviderError } from '../http/provider-error.ts';
import {
  jsonClient,
  SYSTEM_TIMING,
  type BreakerPolicy,
  type ClientTiming,
  type JsonClient,
  type RetryPolicy,
} from '../http/resilient-client.ts';

export const DEFAULT_MEMPOOL_URL = 'https://mempool.space';

export interface MempoolConfig {
  /** The instance's root (the REST API is under /api); default https://mempool.space. */
  baseUrl?: string;
  timing?: ClientTiming;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerPolicy>;
  timeoutMs?: number;
}

/** Blocks per `GET /api/v1/blocks/:startHeight` answer (`$getBlocks(fromHeight, 15)`). */
const BLOCKS_PER_PAGE = 15;
/** How far below the tip read first a page may end: mempool.space answers from several backends, not always in step. */
const TIP_LAG_BLOCKS = 6;
/** A day whose fees exceed this multiple of the median of the fetched days is flagged (not dropped). */
const FEES_OUTLIER_MULTIPLE = 5;
const SATS_PER_BTC = 100_000_000;
const HASH = /^[0-9a-f]{64}$/;

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

/** Genesis hashes of the chains a mempool instance may serve instead of mainnet (chainparams.cpp), for messages. */
const OTHER_GENESIS: Record<string, string> = {
  '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943': 'testnet3',
  '00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043': 'testnet4',
  '00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6': 'signet',
  '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206': 'regtest',
};

/** The fields of one `/api/v1/blocks` element the provider uses. */
interface ApiBlock {
  height: number;
  id: string;
  previousHash: string | null;
  timeS: number;
  bits: number;
  totalFeesSats: number;
  rewardSats: number;
}

export function mempoolProvider(config: MempoolConfig = {}): ChainDataProvider {
  // One client for the provider's life, so the circuit breaker remembers failures across fetches.
  let notes: LiveDataNote[] = [];
  const client = jsonClient({
    provider: 'mempool',
    baseUrl: config.baseUrl ?? DEFAULT_MEMPOOL_URL,
    ...(config.timing ? { timing: config.timing } : {}),
    ...(config.retry ? { retry: config.retry } : {}),
    ...(config.breaker ? { breaker: config.breaker } : {}),
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    onRetry: ({ attempt, delayMs, reason }) =>
      notes.push({
        code: 'retry',
        message: `mempool: attempt ${attempt} failed (${reason}); retried after ${Math.round(delayMs)} ms`,
      }),
  });
  const timing = config.timing ?? SYSTEM_TIMING;
  return {
    id: 'mempool',
    endpoint: client.endpoint,
    async fetchChain(request, progress) {
      notes = [];
      const fetched = await fetchChain(client, request, progress, notes, Math.floor(timing.now() / 1000));
      return { ...fetched, notes: [...notes] };
    },
  };
}

async function fetchChain(
  client: JsonClient,
  request: ChainRequest,
  progress: FetchProgress,
  notes: LiveDataNote[],
  nowS: number,
): Promise<Omit<ChainFetch, 'notes'>> {
  const firstDay = dayFromIso(request.firstDay);
  const lastDay = dayFromIso(request.lastDay);
  if (lastDay < firstDay)
    throw new RangeError(`mempool: lastDay ${request.lastDay} is before firstDay ${request.firstDay}`);
  if (!Number.isSafeInteger(request.firstHeight) || request.firstHeight < 1)
    throw new RangeError(`mempool: firstHeight must be a positive integer, got ${request.firstHeight}`);
  if (!Number.isSafeInteger(request.firstEpoch) || request.firstEpoch < 0)
    throw new RangeError(`mempool: firstEpoch must be a non-negative integer, got ${request.firstEpoch}`);

  await checkGenesis(client);
  const tipHeight = await fetchTipHeight(client);
  const reader = blockReader(client, tipHeight, notes);
  const days = await scanDays(reader, request.firstHeight, firstDay, lastDay, tipHeight, progress);
  const epochs = await fetchEpochs(reader, request.firstEpoch, tipHeight, progress, client.endpoint);
  if (epochs.length > 0) notes.push(...(await crossCheckAdjustments(client, epochs, nowS)));
  notes.push(...feesOutliers(days));
  if (tipHeight < request.firstHeight - 1) {
    notes.push({
      code: 'source-behind',
      message: `mempool: the source's tip ${tipHeight} is below the local data's tip ${request.firstHeight - 1}`,
    });
  }
  return { source: 'mempool', days, epochs };
}

/** The instance must serve Bitcoin mainnet: its block 0 is mainnet's genesis. */
async function checkGenesis(client: JsonClient): Promise<void> {
  const path = '/api/v1/blocks/0';
  const where = `GET ${client.endpoint}${path}`;
  const body = await client.getJson(path);
  if (!Array.isArray(body) || body.length === 0) throw invalid(where, '', 'expected [the genesis block]', body);
  const genesis = record(body[0], where, '[0]');
  if (genesis.height !== 0) throw invalid(where, '[0].height', 'expected 0', genesis.height);
  const id = hash(genesis.id, where, '[0].id');
  if (id !== MAINNET_GENESIS_HASH) {
    const known = OTHER_GENESIS[id];
    throw new ProviderError(
      'mempool',
      'wrong-chain',
      `${where}: the source serves ${known ? `Bitcoin ${known}` : 'another chain'} (genesis ${id}), ` +
        `not Bitcoin mainnet (genesis ${MAINNET_GENESIS_HASH})`,
    );
  }
}

async function fetchTipHeight(client: JsonClient): Promise<number> {
  const path = '/api/blocks/tip/height';
  const body = await client.getJson(path);
  return integer(body, `GET ${client.endpoint}${path}`, '(body)', 0);
}

interface BlockReader {
  /** The blocks bottom … bottom + 14 (fewer at the tip), ascending, checked; `where` names the request. */
  page(bottom: number): Promise<{ blocks: ApiBlock[]; where: string }>;
  /** One block, from a page already read or by reading the page it tops. */
  block(height: number): Promise<ApiBlock>;
}

/**
 * Reads pages and checks every block: shape, heights descending without gaps or duplicates, hashes linked, one bits
 * value per epoch, a valid compact target, and reward − totalFees equal to the subsidy (GetBlockSubsidy): above it is
 * an invalid answer, below it a note (a coinbase may leave part of its subsidy unclaimed).
 */
function blockReader(client: JsonClient, tipHeight: number, notes: LiveDataNote[]): BlockReader {
  // Epoch boundary blocks (first and last of each epoch) are kept for the epoch list and the retarget check.
  const kept = new Map<number, ApiBlock>();
  const epochBits = new Map<number, { bits: number; height: number }>();
  const underclaimed = new Set<number>();

  const whereOf = (top: number) => `GET ${client.endpoint}/api/v1/blocks/${top}`;

  async function readPage(top: number): Promise<ApiBlock[]> {
    const where = whereOf(top);
    const body = await client.getJson(`/api/v1/blocks/${top}`);
    if (!Array.isArray(body)) throw invalid(where, '', 'expected an array of blocks', body);
    const blocks = body.map((item, index) => parseBlock(item, where, `[${index}]`));
    const bottom = Math.max(0, top - (BLOCKS_PER_PAGE - 1));
    // The page starts at `top`, or at the tip of the backend that answers, which may lag the one that gave the tip.
    const lowestTop = Math.min(top, tipHeight - TIP_LAG_BLOCKS);
    const first = blocks[0];
    if (!first) {
      if (bottom <= lowestTop)
        throw invalid(where, '', `expected blocks ${Math.min(top, tipHeight)} down to ${bottom}`, body);
      return [];
    }
    if (first.height > top || first.height < lowestTop)
      throw invalid(
        where,
        '[0].height',
        `expected ${Math.min(top, tipHeight)} (the page's top, or the tip)`,
        first.height,
      );
    blocks.forEach((block, index) => {
      const expected = first.height - index;
      if (block.height !== expected) {
        throw invalid(
          where,
          `[${index}].height`,
          `expected ${expected}: heights must descend without gaps or duplicates ` +
            `(block ${expected} is missing or repeated)`,
          block.height,
        );
      }
    });
    blocks.forEach((block, index) => {
      const below = blocks[index + 1];
      if (below && block.previousHash !== below.id) {
        throw invalid(
          where,
          `[${index}].previousblockhash`,
          `expected the hash of block ${below.height} (${below.id})`,
          block.previousHash,
        );
      }
    });
    const last = blocks[blocks.length - 1] as ApiBlock;
    if (last.height !== bottom)
      throw invalid(where, `[${blocks.length - 1}].height`, `expected the page to end at ${bottom}`, last.height);
    for (const block of blocks) checkBlock(block, where);
    return blocks.reverse();
  }

  function checkBlock(block: ApiBlock, where: string): void {
    const at = `block ${block.height}`;
    try {
      targetFromBits(block.bits);
    } catch (error) {
      throw new ProviderError('mempool', 'invalid-response', `${where}: ${at}: ${(error as Error).message}`);
    }
    const epoch = Math.floor(block.height / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS);
    const seen = epochBits.get(epoch);
    if (seen && seen.bits !== block.bits) {
      throw new ProviderError(
        'mempool',
        'invalid-response',
        `${where}: ${at} has bits ${hex(block.bits)}, ` +
          `but block ${seen.height} of the same epoch ${epoch} has ${hex(seen.bits)}`,
      );
    }
    if (!seen) epochBits.set(epoch, { bits: block.bits, height: block.height });
    const subsidySats = Number(blockSubsidySats(block.height));
    const claimedSats = block.rewardSats - block.totalFeesSats;
    if (claimedSats > subsidySats) {
      throw new ProviderError(
        'mempool',
        'invalid-response',
        `${where}: ${at}: extras.reward − extras.totalFees = ${claimedSats} sats ` +
          `exceeds the block subsidy of ${subsidySats} sats (GetBlockSubsidy)`,
      );
    }
    // A coinbase may claim less than it is allowed (it has happened on mainnet): kept, and said.
    if (claimedSats < subsidySats && !underclaimed.has(block.height)) {
      underclaimed.add(block.height);
      notes.push({
        code: 'coinbase-underclaimed',
        message:
          `mempool: ${at} claims ${claimedSats} sats of its ${subsidySats} sats subsidy ` +
          `(reward ${block.rewardSats}, fees ${block.totalFeesSats})`,
      });
    }
    const position = block.height % DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS;
    if (position === 0 || position === DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - 1) kept.set(block.height, block);
  }

  return {
    page: async (bottom) => ({
      blocks: await readPage(bottom + BLOCKS_PER_PAGE - 1),
      where: whereOf(bottom + BLOCKS_PER_PAGE - 1),
    }),
    async block(height) {
      const known = kept.get(height);
      if (known) return known;
      const blocks = await readPage(height);
      const found = blocks[blocks.length - 1];
      if (!found || found.height !== height) {
        throw new ProviderError('mempool', 'invalid-response', `${whereOf(height)}: block ${height} is missing`);
      }
      return found;
    },
  };
}

/**
 * Days by the header-time rule: scanning up from firstHeight, a day ends at the block before the first block stamped
 * at or after the next midnight UTC. Stops early, without error, at a day no later block has closed yet.
 */
async function scanDays(
  reader: BlockReader,
  firstHeight: number,
  firstDay: DayNumber,
  lastDay: DayNumber,
  tipHeight: number,
  progress: FetchProgress,
): Promise<ChainDay[]> {
  const days: ChainDay[] = [];
  const totalDays = lastDay - firstDay + 1;
  progress({ source: 'mempool', done: 0, total: totalDays, unit: 'days' });
  let day = firstDay;
  let nextMidnightS = dayStartUnixS(day) + SECONDS_PER_DAY;
  let feesSats = 0;
  let previous: ApiBlock | undefined;
  let height = firstHeight;
  while (height <= tipHeight) {
    const { blocks, where } = await reader.page(height);
    if (blocks.length === 0) break;
    for (const block of blocks) {
      if (previous && block.previousHash !== previous.id) {
        throw new ProviderError(
          'mempool',
          'invalid-response',
          `${where}: block ${block.height}: previousblockhash ${block.previousHash} ` +
            `is not the hash of block ${previous.height} (${previous.id}) read before`,
        );
      }
      while (block.timeS >= nextMidnightS) {
        days.push({ date: isoFromDay(day), tipHeight: block.height - 1, feesBtc: feesSats / SATS_PER_BTC });
        progress({ source: 'mempool', done: days.length, total: totalDays, unit: 'days' });
        if (day === lastDay) return days;
        day = (day + 1) as DayNumber;
        nextMidnightS += SECONDS_PER_DAY;
        feesSats = 0;
      }
      feesSats += block.totalFeesSats;
      previous = block;
    }
    height = (previous?.height ?? height) + 1;
  }
  return days;
}

/** Epochs firstEpoch … the tip's epoch: bits and header time of block 2016k, checked against the retarget rule. */
async function fetchEpochs(
  reader: BlockReader,
  firstEpoch: number,
  tipHeight: number,
  progress: FetchProgress,
  endpoint: string,
): Promise<EpochStart[]> {
  const tipEpoch = Math.floor(tipHeight / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS);
  const epochs: EpochStart[] = [];
  for (let epoch = firstEpoch; epoch <= tipEpoch; epoch++) {
    const startHeight = epoch * DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS;
    const start = await reader.block(startHeight);
    const previous = epochs[epochs.length - 1];
    if (previous) {
      // CalculateNextWorkRequired (pow.cpp) from the previous epoch's bits and its first and last header times.
      const last = await reader.block(startHeight - 1);
      const expected = calculateNextWorkRequired({
        lastBits: previous.bits,
        firstBlockTimeS: previous.startTimeUnixS,
        lastBlockTimeS: last.timeS,
      }).bits;
      if (start.bits !== expected) {
        throw new ProviderError(
          'mempool',
          'invalid-response',
          `${endpoint}/api/v1/blocks: block ${startHeight} (epoch ${epoch}) has bits ${hex(start.bits)}, ` +
            `but the retarget rule gives ${hex(expected)} from epoch ${previous.epoch}`,
        );
      }
    }
    epochs.push({ epoch, startHeight, bits: start.bits, startTimeUnixS: start.timeS, chainworkHex: null });
    progress({ source: 'mempool', done: epochs.length, total: tipEpoch - firstEpoch + 1, unit: 'epochs' });
  }
  return epochs;
}

/** The shortest adjustments window that reaches back to the oldest epoch's start (with slack); none: every row. */
export function adjustmentsWindow(oldestStartS: number, nowS: number): string | undefined {
  const ageS = nowS - oldestStartS + ADJUSTMENT_WINDOW_SLACK_S;
  return ADJUSTMENT_INTERVALS.find((interval) => interval.days * SECONDS_PER_DAY >= ageS)?.name;
}

/**
 * Each fetched epoch whose first block mempool lists among its difficulty adjustments must have, there, the
 * difficulty of the epoch's bits. One request, for the shortest window that covers the oldest epoch fetched.
 */
async function crossCheckAdjustments(
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
          `its bits ${hex(epoch.bits)} were not cross-checked`,
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
          `but its bits ${hex(epoch.bits)} from /api/v1/blocks give ${expected} ` +
          `(more than ${DIFFICULTY_TOLERANCE} relative apart)`,
      );
    }
  }
  return notes;
}

/** Days whose fees exceed FEES_OUTLIER_MULTIPLE × the median of the fetched days: flagged, kept. */
function feesOutliers(days: readonly ChainDay[]): LiveDataNote[] {
  const fees = days
    .map((day) => day.feesBtc)
    .filter((value): value is number => value !== null)
    .sort((a, b) => a - b);
  if (fees.length < 2) return [];
  const middle = fees.length / 2;
  const median =
    fees.length % 2 === 1
      ? (fees[Math.floor(middle)] as number)
      : ((fees[middle - 1] as number) + (fees[middle] as number)) / 2;
  return days
    .filter((day) => day.feesBtc !== null && day.feesBtc > FEES_OUTLIER_MULTIPLE * median)
    .map((day) => ({
      code: 'fees-outlier',
      date: day.date,
      message:
        `mempool: ${day.date} fees ${(day.feesBtc as number).toFixed(8)} BTC ` +
        `are more than ${FEES_OUTLIER_MULTIPLE}× the median of the fetched days (${median.toFixed(8)} BTC); kept`,
    }));
}

function parseBlock(item: unknown, where: string, path: string): ApiBlock {
  const block = record(item, where, path);
  const extras = record(block.extras, where, `${path}.extras`);
  const previous = block.previousblockhash;
  return {
    height: integer(block.height, where, `${path}.height`, 0),
    id: hash(block.id, where, `${path}.id`),
    previousHash:
      previous === undefined || previous === null ? null : hash(previous, where, `${path}.previousblockhash`),
    timeS: integer(block.timestamp, where, `${path}.timestamp`, 1),
    bits: integer(block.bits, where, `${path}.bits`, 1, 0xffffffff),
    totalFeesSats: integer(extras.totalFees, where, `${path}.extras.totalFees`, 0),
    rewardSats: integer(extras.reward, where, `${path}.extras.reward`, 0),
  };
}

function record(value: unknown, where: string, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(where, path, 'expected an object', value);
  return value as Record<string, unknown>;
}

function integer(value: unknown, where: string, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(
      where,
      path,
      `expected an integer${max === Number.MAX_SAFE_INTEGER ? ` ≥ ${min}` : ` in ${min} … ${max}`}`,
      value,
    );
  }
  return value;
}

function hash(value: unknown, where: string, path: string): string {
  if (typeof value !== 'string' || !HASH.test(value))
    throw invalid(where, path, 'expected a block hash (64 lowercase hex digits)', value);
  return value;
}

function invalid(where: string, path: string, expected: string, got: unknown): ProviderError {
  const shown = JSON.stringify(got) ?? String(got);
  const atPath = path === '' ? '' : ` ${path}`;
  const gotText = shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
  return new ProviderError('mempool', 'invalid-response', `${where}${atPath}: ${expected}, got ${gotText}`);
}

function hex(bits: number): string {
  return `0x${bits.toString(16).padStart(8, '0')}`;
}
