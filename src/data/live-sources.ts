/**
 * The live providers a process may call, from the environment (docs/data.md):
 * - RERATE_BITCOIND_URL (+ cookie or user/password): the user's node, the primary chain source;
 * - RERATE_MEMPOOL_URL (default https://mempool.space): chain data when no node is configured or the node fails;
 * - RERATE_COINBASE_URL, RERATE_KRAKEN_URL, RERATE_BITSTAMP_URL (the exchanges' public API hosts): daily closes,
 *   with mempool.space's hourly price index (its midnight point) as a fourth;
 * - RERATE_YAHOO_URL, RERATE_NASDAQ_URL: share closes of the covered tickers (issue 20), keyless; with
 *   RERATE_TIINGO_TOKEN (a Tiingo API key; RERATE_TIINGO_URL its host) Tiingo's documented API is asked first;
 * - RERATE_LIVE_TIMEOUT_MS: the per-request timeout (default 15000).
 * Setting a URL to `off` leaves that provider out. Nothing is called until `rerate data refresh` runs. Every
 * connection is checked against the source's address policy (http/address-policy.ts), whose refusals name the
 * variable.
 */
import { homedir } from 'node:os';
import type { LiveDataSources } from '../app/ports/live-data.ts';
import { InputError } from '../schema/input-error.ts';
import { publicProviderPolicy } from './http/address-policy.ts';
import type { HostResolver } from './http/guarded-agent.ts';
import type { ClientTiming } from './http/resilient-client.ts';
import { bitcoindConfigFromEnv } from './providers/bitcoind-config.ts';
import { bitcoindProvider } from './providers/bitcoind.ts';
import { DEFAULT_MEMPOOL_URL, mempoolProvider } from './providers/mempool.ts';
import { mempoolPrices } from './providers/mempool-prices.ts';
import { coinbasePrices, DEFAULT_COINBASE_URL } from './providers/coinbase-prices.ts';
import { DEFAULT_KRAKEN_URL, krakenPrices } from './providers/kraken-prices.ts';
import { bitstampPrices, DEFAULT_BITSTAMP_URL } from './providers/bitstamp-prices.ts';
import { DEFAULT_YAHOO_URL, yahooSharePrices } from './providers/yahoo-share-prices.ts';
import { DEFAULT_NASDAQ_URL, nasdaqSharePrices } from './providers/nasdaq-share-prices.ts';
import { DEFAULT_TIINGO_URL, tiingoSharePrices } from './providers/tiingo-share-prices.ts';
import type { SharePriceProvider } from '../app/ports/share-prices.ts';

const DEFAULT_PUBLIC_URLS = {
  mempool: DEFAULT_MEMPOOL_URL,
  coinbase: DEFAULT_COINBASE_URL,
  kraken: DEFAULT_KRAKEN_URL,
  bitstamp: DEFAULT_BITSTAMP_URL,
  yahoo: DEFAULT_YAHOO_URL,
  nasdaq: DEFAULT_NASDAQ_URL,
  tiingo: DEFAULT_TIINGO_URL,
} as const;

export function liveSourcesFromEnv(
  env: Record<string, string | undefined>,
  home: string | undefined,
  connection: { timing?: ClientTiming; resolver?: HostResolver } = {},
): LiveDataSources {
  const { timing, resolver } = connection;
  const timeoutText = env['RERATE_LIVE_TIMEOUT_MS'];
  const timeoutMs = timeoutText === undefined || timeoutText === '' ? undefined : Number(timeoutText);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0))
    throw InputError.at(['RERATE_LIVE_TIMEOUT_MS'], 'expected a positive whole number of milliseconds');
  const common = {
    ...(timing ? { timing } : {}),
    ...(resolver ? { resolver } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
  const variableOf = (name: keyof typeof DEFAULT_PUBLIC_URLS) => `RERATE_${name.toUpperCase()}_URL`;
  const urlOf = (name: keyof typeof DEFAULT_PUBLIC_URLS): string | undefined => {
    const variable = variableOf(name);
    const value = env[variable];
    if (value === 'off') return undefined;
    const url = value === undefined || value === '' ? DEFAULT_PUBLIC_URLS[name] : value;
    // The value is not echoed: it may hold a password.
    if (!/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url))
      throw InputError.at([variable], 'expected an http(s) URL or "off"');
    return url;
  };
  const chain = [];
  const node = bitcoindConfigFromEnv(env, home ?? homedir());
  if (node) chain.push(bitcoindProvider({ ...node, ...common }));
  // A public provider's URL may reach public, loopback, private, shared and unique-local addresses only.
  const publicConfig = (name: keyof typeof DEFAULT_PUBLIC_URLS) => {
    const baseUrl = urlOf(name);
    return baseUrl && { baseUrl, addressPolicy: publicProviderPolicy(variableOf(name)), ...common };
  };
  const mempool = publicConfig('mempool');
  if (mempool) chain.push(mempoolProvider(mempool));
  const prices = [];
  const coinbase = publicConfig('coinbase');
  if (coinbase) prices.push(coinbasePrices(coinbase));
  const kraken = publicConfig('kraken');
  if (kraken) prices.push(krakenPrices(kraken));
  const bitstamp = publicConfig('bitstamp');
  if (bitstamp) prices.push(bitstampPrices(bitstamp));
  // mempool.space's own price index (the median of several exchanges, hourly): a fourth cross-check.
  if (mempool) prices.push(mempoolPrices(mempool));
  const shares: SharePriceProvider[] = [];
  // The documented, key-based API first: on a disagreement between two sources its close is the one stored.
  const tiingoKey = env['RERATE_TIINGO_TOKEN'];
  const tiingo = tiingoKey ? publicConfig('tiingo') : undefined;
  if (tiingo && tiingoKey) shares.push(tiingoSharePrices({ ...tiingo, apiKey: tiingoKey }));
  const yahoo = publicConfig('yahoo');
  if (yahoo) shares.push(yahooSharePrices(yahoo));
  const nasdaq = publicConfig('nasdaq');
  if (nasdaq) shares.push(nasdaqSharePrices(nasdaq));
  return { chain, prices, shares };
}
