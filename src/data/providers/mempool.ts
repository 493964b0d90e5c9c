/**
 * The mempool.space chain provider (DESIGN.md §9): complete UTC days (tip height by the header-time rule of
 * ChainDay, fees) and difficulty epochs, from an instance's REST API (https://mempool.space/docs/api/rest).
 *
 * Endpoints, from mempool's API documentation (frontend/src/app/docs/api-docs/api-docs-data.ts) and its backend
 * (backend/src/api/bitcoin/bitcoin.routes.ts):
 * - `GET /api/v1/blocks/:startHeight`: pages of 15 blocks, read and checked by mempool-block-reader.ts; the days
 *   (mempool-days.ts) and the epochs (mempool-epochs.ts) are cut from them.
 * - `GET /api/blocks/tip/height`: the tip height as a bare number (text/plain, which also parses as JSON).
 * - The genesis check reads `GET /api/v1/blocks/0` ([the genesis block]): `GET /api/block-height/0` answers the hash
 *   as text/plain, which the JSON client cannot read.
 * - `GET /api/v1/mining/difficulty-adjustments/:interval`: the instance's list of difficulty changes, against which
 *   mempool-difficulty-adjustments.ts cross-checks the epochs fetched.
 *
 * Cost: 2 requests (genesis, tip), then one per 15 blocks scanned (about 10 per day), then one per epoch whose
 * first block was not scanned, then one for the difficulty adjustments when at least one epoch was fetched. No
 * chainwork: the API has none.
 */
import type {
  ChainDataProvider,
  ChainFetch,
  ChainRequest,
  FetchProgress,
  LiveDataNote,
} from '../../app/ports/live-data.ts';
import { MAINNET_GENESIS_HASH } from '../../protocol/consensus-params.ts';
import { dayFromIso } from '../../units/calendar-day.ts';
import { publicProviderPolicy, type AddressPolicy } from '../http/address-policy.ts';
import type { HostResolver } from '../http/guarded-agent.ts';
import { ProviderError } from '../http/provider-error.ts';
import {
  jsonClient,
  SYSTEM_TIMING,
  type BreakerPolicy,
  type ClientTiming,
  type JsonClient,
  type RetryPolicy,
} from '../http/resilient-client.ts';
import { hash, integer, invalid, record } from './mempool-answer-checks.ts';
import { blockReader } from './mempool-block-reader.ts';
import { feesOutliers, scanDays } from './mempool-days.ts';
import { crossCheckAdjustments } from './mempool-difficulty-adjustments.ts';
import { fetchEpochs } from './mempool-epochs.ts';

export const DEFAULT_MEMPOOL_URL = 'https://mempool.space';

export interface MempoolConfig {
  /** The instance's root (the REST API is under /api); default https://mempool.space. */
  baseUrl?: string;
  /** Where the instance may be (default: a public data provider's policy naming RERATE_MEMPOOL_URL). */
  addressPolicy?: AddressPolicy;
  resolver?: HostResolver;
  timing?: ClientTiming;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerPolicy>;
  timeoutMs?: number;
}

/** Genesis hashes of the chains a mempool instance may serve instead of mainnet (chainparams.cpp), for messages. */
const OTHER_GENESIS: Record<string, string> = {
  '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943': 'testnet3',
  '00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043': 'testnet4',
  '00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6': 'signet',
  '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206': 'regtest',
};

export function mempoolProvider(config: MempoolConfig = {}): ChainDataProvider {
  // One client for the provider's life, so the circuit breaker remembers failures across fetches.
  let notes: LiveDataNote[] = [];
  const client = jsonClient({
    provider: 'mempool',
    baseUrl: config.baseUrl ?? DEFAULT_MEMPOOL_URL,
    addressPolicy: config.addressPolicy ?? publicProviderPolicy('RERATE_MEMPOOL_URL'),
    ...(config.resolver ? { resolver: config.resolver } : {}),
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
