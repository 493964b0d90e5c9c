// A local data store refreshed from the fake providers (test/support/fake-bitcoind.ts, fake-public-apis.ts,
// fake-share-apis.ts): the embedded data (to 2026-02-04) extended by the synthetic chain's days to 2026-02-08, and
// the covered tickers' share closes from the keyless share sources, for tests of runs on later days.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppPorts } from '../../src/app/ports/app-ports.ts';
import { defaultPorts, type DefaultPorts } from '../../src/cli/default-ports.ts';
import { inProcessMonteCarlo } from '../../src/data/in-process-monte-carlo.ts';
import { bitcoindConfigFromEnv } from '../../src/data/providers/bitcoind-config.ts';
import { bitcoindProvider } from '../../src/data/providers/bitcoind.ts';
import { mempoolProvider } from '../../src/data/providers/mempool.ts';
import { coinbasePrices } from '../../src/data/providers/coinbase-prices.ts';
import { krakenPrices } from '../../src/data/providers/kraken-prices.ts';
import { bitstampPrices } from '../../src/data/providers/bitstamp-prices.ts';
import { mempoolPrices } from '../../src/data/providers/mempool-prices.ts';
import { nasdaqSharePrices } from '../../src/data/providers/nasdaq-share-prices.ts';
import { yahooSharePrices } from '../../src/data/providers/yahoo-share-prices.ts';
import { startFakeBitcoind } from './fake-bitcoind.ts';
import { manualTiming, startFakePublicApis } from './fake-public-apis.ts';
import { startFakeShareApis } from './fake-share-apis.ts';
import { SYNTHETIC_TODAY } from './synthetic-chain.ts';

export interface RefreshableStore {
  /** The environment of the store: RERATE_DATA_DIR in a temporary folder, the providers at the fakes. */
  env: Record<string, string>;
  /** Ports over the store; the live providers run on a manual clock so retries take no time. */
  ports(): DefaultPorts;
}

/** A temporary data folder and fake providers, closed and removed by `after` (a test's, a suite's or the file's). */
export async function refreshableStore(
  after: (cleanup: () => unknown) => void,
  /** Environment on top of the store's, given the store's folder (a run store file in it, say). */
  extraEnv: (dir: string) => Record<string, string> = () => ({}),
): Promise<RefreshableStore> {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-later-'));
  const node = await startFakeBitcoind({ cookiePath: join(dir, 'node', '.cookie') });
  const apis = await startFakePublicApis({});
  const shareApis = await startFakeShareApis();
  after(async () => {
    await node.close();
    await apis.close();
    await shareApis.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env: Record<string, string> = {
    RERATE_DB: ':memory:',
    RERATE_DATA_DIR: join(dir, 'data'),
    RERATE_TODAY: SYNTHETIC_TODAY,
    RERATE_BITCOIND_URL: node.url,
    RERATE_BITCOIND_COOKIE: join(dir, 'node', '.cookie'),
    RERATE_MEMPOOL_URL: apis.mempool.url,
    RERATE_COINBASE_URL: apis.coinbase.url,
    RERATE_KRAKEN_URL: apis.kraken.url,
    RERATE_BITSTAMP_URL: apis.bitstamp.url,
    ...extraEnv(dir),
  };
  const ports = (): DefaultPorts => {
    const made = defaultPorts({ env, monteCarlo: inProcessMonteCarlo });
    after(() => made.runs.close());
    const { timing } = manualTiming();
    const config = bitcoindConfigFromEnv(env, '');
    const chain = [
      ...(config ? [bitcoindProvider({ ...config, timing })] : []),
      mempoolProvider({ baseUrl: apis.mempool.url, timing }),
    ];
    const prices = [
      coinbasePrices({ baseUrl: apis.coinbase.url, timing }),
      krakenPrices({ baseUrl: apis.kraken.url, timing }),
      bitstampPrices({ baseUrl: apis.bitstamp.url, timing }),
      mempoolPrices({ baseUrl: apis.mempool.url, timing }),
    ];
    const shares = [
      yahooSharePrices({ baseUrl: shareApis.yahoo.url, timing }),
      nasdaqSharePrices({ baseUrl: shareApis.nasdaq.url, timing }),
    ];
    const live: ReturnType<AppPorts['liveData']> = { chain, prices, shares };
    return { ...made, liveData: () => live };
  };
  return { env, ports };
}
