/**
 * Why a live provider could not deliver. Commands catch it and fall back to cached or embedded data with a
 * warning; `rerate data refresh` reports it per source. Messages never contain credentials.
 */

export type ProviderFailure =
  /** HTTP status the request cannot succeed with (4xx other than 429, or 5xx after every retry). */
  | 'http'
  | 'timeout'
  /** Connection refused, reset, DNS failure. */
  | 'network'
  /** 429 with a Retry-After longer than the client will wait, or still 429 after every retry. */
  | 'rate-limited'
  /** The circuit breaker is open after repeated failures: the request was not sent. */
  | 'circuit-open'
  /** A 3xx answer: redirects are never followed. */
  | 'redirect'
  /** The address the endpoint is at or resolves to is not allowed for the source (http/address-policy.ts). */
  | 'address-not-allowed'
  /** The body is not the JSON expected: malformed, wrong shape, insane values, heights out of order. */
  | 'invalid-response'
  /** The source serves another chain than Bitcoin mainnet (testnet, signet, regtest genesis). */
  | 'wrong-chain'
  /** Missing or unreadable credentials, or the node refused them. */
  | 'auth'
  /** A share-price source does not know the ticker (renamed, delisted, mistyped): the stored history is kept. */
  | 'unknown-ticker'
  /** A share-price source quotes the ticker in another currency than USD (no conversion is made). */
  | 'wrong-currency';

export class ProviderError extends Error {
  readonly provider: string;
  readonly failure: ProviderFailure;

  constructor(provider: string, failure: ProviderFailure, message: string) {
    super(`${provider}: ${message}`);
    this.name = 'ProviderError';
    this.provider = provider;
    this.failure = failure;
  }
}

/** A URL as shown to users: user name and password removed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}
