/**
 * The client a public data provider keeps for its whole life (so its circuit breaker remembers failures across
 * fetches): its base URL and address policy (a public provider's, naming RERATE_<SOURCE>_URL), timeout, body cap,
 * retries and breaker, with each retry noted for the fetch under way. Shared by the BTC price and share price
 * providers.
 */
import type { LiveDataNote } from '../../app/ports/live-data.ts';
import { publicProviderPolicy, type AddressPolicy } from '../http/address-policy.ts';
import type { HostResolver } from '../http/guarded-agent.ts';
import {
  jsonClient,
  SYSTEM_TIMING,
  type BreakerPolicy,
  type ClientTiming,
  type JsonClient,
  type RetryPolicy,
} from '../http/resilient-client.ts';

export interface ProviderApiConfig {
  /** The API host, e.g. https://api.kraken.com; each provider has its public default. */
  baseUrl?: string;
  /** Where the host may be (default: a public data provider's policy naming RERATE_<SOURCE>_URL). */
  addressPolicy?: AddressPolicy;
  resolver?: HostResolver;
  timing?: ClientTiming;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerPolicy>;
  timeoutMs?: number;
  /** The largest answer read (default: the client's). */
  maxBodyBytes?: number;
}

export interface ProviderApi<Source extends string> {
  source: Source;
  client: JsonClient;
  /** The clock of `config.timing` (the system clock by default), unix ms: it decides which days are complete. */
  nowMs(): number;
  /** Starts a fetch: the retries of the client are noted in the array returned, until the next fetch starts. */
  startFetch(): LiveDataNote[];
}

export function providerApi<Source extends string>(
  source: Source,
  defaultUrl: string,
  config: ProviderApiConfig,
  headers: Record<string, string> = {},
): ProviderApi<Source> {
  let notes: LiveDataNote[] = [];
  const timing = config.timing ?? SYSTEM_TIMING;
  const client = jsonClient({
    provider: source,
    baseUrl: config.baseUrl ?? defaultUrl,
    headers,
    addressPolicy: config.addressPolicy ?? publicProviderPolicy(`RERATE_${source.toUpperCase()}_URL`),
    ...(config.resolver ? { resolver: config.resolver } : {}),
    timing,
    ...(config.retry ? { retry: config.retry } : {}),
    ...(config.breaker ? { breaker: config.breaker } : {}),
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.maxBodyBytes !== undefined ? { maxBodyBytes: config.maxBodyBytes } : {}),
    onRetry: ({ attempt, delayMs, reason }) =>
      notes.push({
        code: 'retry',
        message: `${source}: attempt ${attempt} failed (${reason}); retried after ${Math.round(delayMs)} ms`,
      }),
  });
  return { source, client, nowMs: () => timing.now(), startFetch: () => (notes = []) };
}
