/**
 * Chain data from the user's own Bitcoin Core node (DESIGN.md §9), over JSON-RPC:
 *
 * 1. `getblockchaininfo` and `getblockhash 0`: the node must serve mainnet (chain 'main' and the mainnet genesis),
 *    be out of initial block download, and (when pruned) still hold the blocks asked for.
 * 2. `getblockstats <h> ["height","time","totalfee","subsidy"]` for heights firstHeight … in batches, each block
 *    checked (height as asked, the consensus subsidy, sane fee and time), cut into UTC days by the header-time rule
 *    of ChainDay: a day ends before the first block stamped at or after the next midnight. Only complete days are
 *    returned: the walk stops at lastDay or at the node's tip, whichever comes first.
 * 3. `getblockhash 2016k` and `getblockheader` for each epoch firstEpoch … the tip's: bits, header time and
 *    chainwork, checked against each other (retarget clamp, exact work between epoch starts).
 *
 * Soft problems (outlier days, long block intervals, retries) become notes; data is never dropped. Chainwork is
 * returned in lower-case hex with leading zeros stripped ('0' for zero), as the embedded epochs table writes it.
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
import {
  DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS,
  MAINNET_GENESIS_HASH,
  POW_LIMIT,
  SATS_PER_BTC,
} from '../../protocol/consensus-params.ts';
import { setCompact } from '../../protocol/compact.ts';
import { blockSubsidySats } from '../../protocol/subsidy.ts';
import { blockWork } from '../../protocol/work.ts';
import { dayStartUnixS, isoFromDay, parseIsoDay, SECONDS_PER_DAY, type DayNumber } from '../../units/calendar-day.ts';
import { btcFromSats } from '../../units/quantities.ts';
import type { BreakerPolicy, ClientTiming, RetryPolicy } from '../http/resilient-client.ts';
import { ProviderError } from '../http/provider-error.ts';
import { bitcoindAddressPolicy, type BitcoindConfig } from './bitcoind-config.ts';
import {
  BLOCK_STATS_FIELDS,
  bitcoindRpc,
  labelOf,
  type BitcoindRpc,
  type BlockchainInfo,
  type BlockHeader,
  type BlockStats,
} from './bitcoind-rpc.ts';

const PROVIDER = 'bitcoind';

export interface BitcoindProviderOptions extends BitcoindConfig {
  timing?: ClientTiming;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerPolicy>;
  /** Deadline per HTTP request (default 60 s: a batch of 144 getblockstats reads 144 blocks and their undo data). */
  timeoutMs?: number;
  /** getblockstats calls per HTTP request (default 144, about one day of blocks). */
  batchSize?: number;
}

export const BITCOIND_DEFAULT_TIMEOUT_MS = 60_000;
export const BITCOIND_DEFAULT_BATCH_SIZE = 144;

/**
 * Genesis hashes of the other networks Bitcoin Core serves (`consensus.hashGenesisBlock`,
 * src/kernel/chainparams.cpp).
 */
const KNOWN_GENESIS: Record<string, string> = {
  [MAINNET_GENESIS_HASH]: 'mainnet',
  '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943': 'testnet3',
  '00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043': 'testnet4',
  '00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6': 'signet',
  '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206': 'regtest',
};

/** Header time of the mainnet genesis block (2009-01-03T18:15:05Z): no block is stamped earlier. */
const GENESIS_TIME_S = 1_231_006_505;
/**
 * A block stamped more than 2 h before its predecessor is refused: Core rejects headers more than 2 h ahead of
 * network time (MAX_FUTURE_BLOCK_TIME, src/chain.h), so a step back that large cannot come from valid headers.
 * A step forward beyond 2 h is a long interval, rare but real: it is noted.
 */
const MAX_TIME_STEP_S = 7_200;
/** Per-block fees above 50 BTC are noted (mainnet has had a few such blocks); above MAX_MONEY they are refused. */
const NOTE_BLOCK_FEE_SATS = 50n * SATS_PER_BTC;
/** `MAX_MONEY` (src/consensus/amount.h): 21,000,000 BTC. */
const MAX_MONEY_SATS = 21_000_000n * SATS_PER_BTC;
/** A day with fewer or more blocks than these is noted (one quarter and twice the 144 a day at 10 min). */
const MIN_DAY_BLOCKS = 72;
const MAX_DAY_BLOCKS = 288;
/** A day whose fees exceed this multiple of the median day's fees is noted. */
const FEES_OUTLIER_FACTOR = 5;

export function bitcoindProvider(options: BitcoindProviderOptions): ChainDataProvider {
  const batchSize = options.batchSize ?? BITCOIND_DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 2016)
    throw new RangeError(`batchSize must be an integer in 1 … 2016, got ${batchSize}`);
  // Retries are told to whichever fetch runs; fetches on one provider run one at a time.
  let retryNotes: LiveDataNote[] | undefined;
  const rpc = bitcoindRpc({
    url: options.url,
    auth: options.auth,
    addressPolicy: bitcoindAddressPolicy(options),
    timeoutMs: options.timeoutMs ?? BITCOIND_DEFAULT_TIMEOUT_MS,
    ...(options.timing ? { timing: options.timing } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.breaker ? { breaker: options.breaker } : {}),
    onRetry: ({ attempt, delayMs, reason }) =>
      retryNotes?.push({
        code: 'retry',
        message: `${PROVIDER}: attempt ${attempt} failed (${reason}); retried after ${(delayMs / 1000).toFixed(1)} s`,
      }),
  });
  let queue: Promise<unknown> = Promise.resolve();
  return {
    id: 'bitcoind',
    endpoint: options.url,
    fetchChain(request, progress) {
      const run = queue.then(async () => {
        const notes: LiveDataNote[] = [];
        retryNotes = notes;
        try {
          return await fetchChain(rpc, request, progress, batchSize, notes);
        } finally {
          retryNotes = undefined;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

async function fetchChain(
  rpc: BitcoindRpc,
  request: ChainRequest,
  progress: FetchProgress,
  batchSize: number,
  notes: LiveDataNote[],
): Promise<ChainFetch> {
  const firstDay = requestDay(request.firstDay, 'firstDay');
  const lastDay = requestDay(request.lastDay, 'lastDay');
  if (!Number.isSafeInteger(request.firstHeight) || request.firstHeight < 1)
    throw new RangeError(`firstHeight must be a positive integer, got ${request.firstHeight}`);
  if (!Number.isSafeInteger(request.firstEpoch) || request.firstEpoch < 0)
    throw new RangeError(`firstEpoch must be a non-negative integer, got ${request.firstEpoch}`);

  const info = await rpc.call('getblockchaininfo');
  const genesis = await rpc.call('getblockhash', 0);
  checkNode(info, genesis, request);
  const tip = info.blocks;
  if (tip < request.firstHeight - 1) {
    notes.push({
      code: 'node-behind',
      message:
        `${PROVIDER}: the node's tip is height ${tip}, ` +
        `below the local data's ${request.firstHeight - 1}: nothing new to fetch`,
    });
  }
  const { days, blockTimes } = await fetchDays(rpc, request, firstDay, lastDay, tip, batchSize, progress, notes);
  const epochs = await fetchEpochs(rpc, request.firstEpoch, tip, batchSize, blockTimes);
  return { source: 'bitcoind', days, epochs, notes };
}

function requestDay(text: string, field: string): DayNumber {
  const day = parseIsoDay(text);
  if (day === undefined) throw new RangeError(`${field} must be a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return day;
}

/** Mainnet, synced, and holding the block data asked for; else a ProviderError saying what the node is. */
function checkNode(info: BlockchainInfo, genesis: string, request: ChainRequest): void {
  if (info.chain !== 'main' || genesis !== MAINNET_GENESIS_HASH) {
    const network = KNOWN_GENESIS[genesis] ?? 'an unknown network';
    throw new ProviderError(
      PROVIDER,
      'wrong-chain',
      `the node serves chain '${info.chain.slice(0, 32)}' with genesis ${genesis.slice(0, 16)}… (${network}), ` +
        `not Bitcoin mainnet (chain 'main', genesis ${MAINNET_GENESIS_HASH.slice(0, 16)}…); ` +
        'point RERATE_BITCOIND_URL at a mainnet node (RPC port 8332 by default)',
    );
  }
  if (info.initialblockdownload) {
    throw new ProviderError(
      PROVIDER,
      'http',
      `the node is still in initial block download (${info.blocks} blocks validated of ${info.headers} headers): ` +
        "its chain is not yet the network's, so rerate does not read it; try again when it has synced",
    );
  }
  if (
    info.pruned &&
    info.pruneheight !== undefined &&
    request.firstHeight < info.pruneheight &&
    request.firstHeight <= info.blocks
  ) {
    throw new ProviderError(
      PROVIDER,
      'http',
      `the node is pruned and keeps block data from height ${info.pruneheight} on, ` +
        `but the refresh starts at height ${request.firstHeight} (${request.firstDay}): ` +
        "getblockstats needs each block's data to sum its fees, so use --since with a day whose blocks the node " +
        'still keeps, or give the node more -prune space',
    );
  }
}

interface DayTally {
  day: DayNumber;
  /** 00:00 UTC of the next day, unix seconds. */
  endS: number;
  feesSats: bigint;
  blocks: number;
}

/** Walks heights from firstHeight and cuts complete days firstDay … lastDay (fewer when the tip comes first). */
async function fetchDays(
  rpc: BitcoindRpc,
  request: ChainRequest,
  firstDay: DayNumber,
  lastDay: DayNumber,
  tip: number,
  batchSize: number,
  progress: FetchProgress,
  notes: LiveDataNote[],
): Promise<{ days: ChainDay[]; blockTimes: Map<number, number> }> {
  const days: ChainDay[] = [];
  const counts: number[] = [];
  const blockTimes = new Map<number, number>();
  let tally: DayTally = { day: firstDay, endS: dayStartUnixS(firstDay) + SECONDS_PER_DAY, feesSats: 0n, blocks: 0 };
  let previousTimeS: number | undefined;
  let finished = firstDay > lastDay;
  const upperBound = Math.max(0, tip - request.firstHeight + 1);
  let done = 0;
  for (let start = request.firstHeight; start <= tip && !finished; start += batchSize) {
    const heights = Array.from({ length: Math.min(batchSize, tip - start + 1) }, (_, index) => start + index);
    const stats = await rpc.batch(
      'getblockstats',
      heights.map((height) => [height, BLOCK_STATS_FIELDS] as [number, typeof BLOCK_STATS_FIELDS]),
    );
    for (const [index, height] of heights.entries()) {
      const block = stats[index] as BlockStats;
      checkBlock(height, block, previousTimeS, notes);
      if (previousTimeS === undefined && block.time < dayStartUnixS(firstDay) - MAX_TIME_STEP_S) {
        notes.push({
          code: 'first-block-early',
          date: isoFromDay(firstDay),
          message:
            `${PROVIDER}: block ${height}, the first of ${isoFromDay(firstDay)} by the local data, ` +
            `is stamped ${isoTime(block.time)}, more than 2 h before the day begins: ` +
            "the local data and the node may disagree about the day's first height",
        });
      }
      blockTimes.set(height, block.time);
      previousTimeS = block.time;
      // ChainDay: the day ends before the first block stamped at or after the next midnight.
      while (block.time >= tally.endS) {
        days.push({ date: isoFromDay(tally.day), tipHeight: height - 1, feesBtc: btcFromSats(tally.feesSats) });
        counts.push(tally.blocks);
        if (tally.day === lastDay) {
          finished = true;
          break;
        }
        const day = (tally.day + 1) as DayNumber;
        tally = { day, endS: tally.endS + SECONDS_PER_DAY, feesSats: 0n, blocks: 0 };
      }
      if (finished) break;
      tally.feesSats += BigInt(block.totalfee);
      tally.blocks++;
      if (BigInt(block.totalfee) > NOTE_BLOCK_FEE_SATS) {
        notes.push({
          code: 'block-fee-outlier',
          date: isoFromDay(tally.day),
          message:
            `${PROVIDER}: block ${height} pays ${btcFromSats(BigInt(block.totalfee))} BTC in fees, ` +
            'more than 50 BTC; kept',
        });
      }
    }
    done += heights.length;
    if (!finished && done < upperBound) progress({ source: PROVIDER, done, total: upperBound, unit: 'blocks' });
  }
  // The last line says how many blocks the days took (fewer than the tip bound when lastDay ends before the tip).
  progress({ source: PROVIDER, done, total: done, unit: 'blocks' });
  notes.push(...outlierNotes(days, counts));
  return { days, blockTimes };
}

/** One block's figures against the height asked for, the consensus subsidy and its predecessor's time. */
function checkBlock(height: number, block: BlockStats, previousTimeS: number | undefined, notes: LiveDataNote[]): void {
  const label = labelOf('getblockstats', [height]);
  const refuse = (message: string) => new ProviderError(PROVIDER, 'invalid-response', `${label}${message}`);
  if (block.height !== height) {
    throw refuse(`.height: the node answered for height ${block.height}, not ${height} (a missing or repeated height)`);
  }
  const subsidySats = blockSubsidySats(height);
  if (BigInt(block.subsidy) !== subsidySats) {
    throw refuse(
      `.subsidy: ${block.subsidy} sats is not the consensus subsidy of height ${height} ` +
        `(${subsidySats} sats, GetBlockSubsidy)`,
    );
  }
  if (BigInt(block.totalfee) > MAX_MONEY_SATS)
    throw refuse(`.totalfee: ${block.totalfee} sats exceeds all the bitcoin there can be (MAX_MONEY)`);
  if (block.time < GENESIS_TIME_S || block.time > 0xffffffff)
    throw refuse(`.time: ${block.time} is not a header time between the genesis block and 2106`);
  if (previousTimeS !== undefined) {
    if (block.time < previousTimeS - MAX_TIME_STEP_S) {
      throw refuse(
        `.time: ${isoTime(block.time)} is more than 2 h before block ${height - 1} (${isoTime(previousTimeS)})`,
      );
    }
    if (block.time > previousTimeS + MAX_TIME_STEP_S) {
      notes.push({
        code: 'block-gap',
        date: isoTime(block.time).slice(0, 10),
        message:
          `${PROVIDER}: block ${height} is stamped ${Math.round((block.time - previousTimeS) / 60)} min ` +
          `after block ${height - 1}; kept`,
      });
    }
  }
}

/** Days with an unusual block count, or fees above FEES_OUTLIER_FACTOR × the median day of this fetch. */
function outlierNotes(days: readonly ChainDay[], counts: readonly number[]): LiveDataNote[] {
  const notes: LiveDataNote[] = [];
  const fees = days.map((day) => day.feesBtc ?? 0).sort((a, b) => a - b);
  const middle = Math.floor(fees.length / 2);
  const medianBtc =
    fees.length === 0
      ? 0
      : fees.length % 2 === 1
        ? (fees[middle] as number)
        : ((fees[middle - 1] as number) + (fees[middle] as number)) / 2;
  for (const [index, day] of days.entries()) {
    const blocks = counts[index] as number;
    if (blocks < MIN_DAY_BLOCKS || blocks > MAX_DAY_BLOCKS) {
      notes.push({
        code: 'block-count-outlier',
        date: day.date,
        message: `${PROVIDER}: ${day.date} has ${blocks} blocks (usual ${MIN_DAY_BLOCKS}–${MAX_DAY_BLOCKS}); kept`,
      });
    }
    if (day.feesBtc !== null && medianBtc > 0 && day.feesBtc > FEES_OUTLIER_FACTOR * medianBtc) {
      notes.push({
        code: 'fees-outlier',
        date: day.date,
        message:
          `${PROVIDER}: ${day.date} fees ${day.feesBtc} BTC are more than ${FEES_OUTLIER_FACTOR}× ` +
          `the median day of this fetch (${medianBtc} BTC); kept`,
      });
    }
  }
  return notes;
}

/**
 * Epoch starts firstEpoch … the tip's epoch, each header checked and consecutive epochs checked against each other.
 */
async function fetchEpochs(
  rpc: BitcoindRpc,
  firstEpoch: number,
  tip: number,
  batchSize: number,
  blockTimes: ReadonlyMap<number, number>,
): Promise<EpochStart[]> {
  const interval = DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS;
  const epochNumbers = Array.from(
    { length: Math.max(0, Math.floor(tip / interval) - firstEpoch + 1) },
    (_, index) => firstEpoch + index,
  );
  const epochs: EpochStart[] = [];
  let previous: { epoch: number; target: bigint; chainwork: bigint } | undefined;
  for (let start = 0; start < epochNumbers.length; start += batchSize) {
    const chunk = epochNumbers.slice(start, start + batchSize);
    const hashes = await rpc.batch(
      'getblockhash',
      chunk.map((epoch) => [epoch * interval] as [number]),
    );
    const headers = await rpc.batch(
      'getblockheader',
      hashes.map((hash) => [hash, true] as [string, true]),
    );
    for (const [index, epoch] of chunk.entries()) {
      const header = headers[index] as BlockHeader;
      const asked = hashes[index] as string;
      const checked = checkEpochHeader(epoch, asked, header, previous, blockTimes);
      previous = { epoch, target: checked.target, chainwork: checked.chainwork };
      epochs.push({
        epoch,
        startHeight: epoch * interval,
        bits: checked.bits,
        startTimeUnixS: header.time,
        chainworkHex: checked.chainwork.toString(16),
      });
    }
  }
  return epochs;
}

function checkEpochHeader(
  epoch: number,
  hash: string,
  header: BlockHeader,
  previous: { epoch: number; target: bigint; chainwork: bigint } | undefined,
  blockTimes: ReadonlyMap<number, number>,
): { bits: number; target: bigint; chainwork: bigint } {
  const startHeight = epoch * DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS;
  const label = labelOf('getblockheader', [hash]);
  const refuse = (message: string) =>
    new ProviderError(PROVIDER, 'invalid-response', `${label}${message} (epoch ${epoch})`);
  if (header.hash !== hash) throw refuse(`.hash: the node answered for ${header.hash}`);
  if (header.height !== startHeight)
    throw refuse(`.height: ${header.height}, not the epoch's first height ${startHeight}`);
  if (header.time < GENESIS_TIME_S || header.time > 0xffffffff)
    throw refuse(`.time: ${header.time} is not a header time between the genesis block and 2106`);
  const statsTime = blockTimes.get(startHeight);
  if (statsTime !== undefined && statsTime !== header.time)
    throw refuse(`.time: ${header.time}, but getblockstats[${startHeight}] said ${statsTime}`);
  const bits = Number.parseInt(header.bits, 16);
  const { target, negative, overflow } = setCompact(bits);
  if (negative || overflow || target === 0n || target > POW_LIMIT)
    throw refuse(`.bits: ${header.bits} is not a valid mainnet target (SetCompact, powLimit)`);
  const chainwork = BigInt(`0x${header.chainwork}`);
  if (previous !== undefined) {
    // CalculateNextWorkRequired (src/pow.cpp) clamps the timespan to [¼, 4] × two weeks, so the target moves at most
    // ×4 either way; GetCompact's truncation can take it below old/4 by less than 2^-15 of it.
    if (target > previous.target * 4n || target * 4n * 32_768n < previous.target * 32_767n) {
      throw refuse(
        `.bits: ${header.bits} changes the target beyond the ×4 retarget clamp from epoch ${previous.epoch}`,
      );
    }
    // Chainwork from one epoch start to the next: the 2,015 remaining blocks of the previous epoch, then this block.
    const expected =
      previous.chainwork +
      BigInt(DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - 1) * blockWork(previous.target) +
      blockWork(target);
    if (chainwork !== expected)
      throw refuse(
        `.chainwork: ${header.chainwork} is not the work of epoch ${previous.epoch}'s blocks at their bits ` +
          `added to its start (expected ${expected.toString(16)})`,
      );
  }
  return { bits, target, chainwork };
}

function isoTime(unixS: number): string {
  return `${new Date(unixS * 1000).toISOString().slice(0, 19)}Z`;
}
