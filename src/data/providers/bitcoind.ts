/**
 * Chain data from the user's own Bitcoin Core node (DESIGN.md §9), over JSON-RPC (bitcoind-rpc.ts):
 *
 * 1. `getblockchaininfo` and `getblockhash 0`: the node must serve mainnet (chain 'main' and the mainnet genesis),
 *    be out of initial block download, and (when pruned) still hold the blocks asked for.
 * 2. `getblockstats <h> ["height","time","totalfee","subsidy"]` for heights firstHeight … in batches, each block
 *    checked (height as asked, the consensus subsidy, sane fee and time), cut into UTC days by the header-time rule
 *    of ChainDay: a day ends before the first block stamped at or after the next midnight. Only complete days are
 *    returned: the walk stops at lastDay or at the node's tip, whichever comes first (bitcoind-days.ts).
 * 3. `getblockhash 2016k` and `getblockheader` for each epoch firstEpoch … the tip's: bits, header time and
 *    chainwork, checked against each other (retarget clamp, exact work between epoch starts) (bitcoind-epochs.ts).
 *
 * Soft problems (outlier days, long block intervals, retries) become notes; data is never dropped. Chainwork is
 * returned in lower-case hex with leading zeros stripped ('0' for zero), as the embedded epochs table writes it.
 */
import type {
  ChainDataProvider,
  ChainFetch,
  ChainRequest,
  FetchProgress,
  LiveDataNote,
} from '../../app/ports/live-data.ts';
import { MAINNET_GENESIS_HASH } from '../../protocol/consensus-params.ts';
import { parseIsoDay, type DayNumber } from '../../units/calendar-day.ts';
import type { BreakerPolicy, ClientTiming, RetryPolicy } from '../http/resilient-client.ts';
import type { HostResolver } from '../http/guarded-agent.ts';
import { ProviderError } from '../http/provider-error.ts';
import { bitcoindAddressPolicy, type BitcoindConfig } from './bitcoind-config.ts';
import { fetchDays } from './bitcoind-days.ts';
import { fetchEpochs } from './bitcoind-epochs.ts';
import { bitcoindRpc, type BitcoindRpc } from './bitcoind-rpc.ts';
import type { BlockchainInfo } from './bitcoind-rpc-methods.ts';

const PROVIDER = 'bitcoind';

export interface BitcoindProviderOptions extends BitcoindConfig {
  /** How the node's host name is resolved (the system's resolver by default). */
  resolver?: HostResolver;
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
    ...(options.resolver ? { resolver: options.resolver } : {}),
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
