/**
 * A JSON client for one provider: bounded retries with full-jitter exponential backoff on timeouts, network
 * errors, 5xx and 429 (waiting what Retry-After asks, up to a cap), and a circuit breaker that stops calling a
 * provider after repeated failures until a cool-down has passed. Every failure ends as a ProviderError naming the
 * provider and, for bad bodies, what was wrong. Clock, sleep and randomness are injected so tests run fast.
 */
import { printable } from '../../present/printable-text.ts';
import { exchange, HttpExchangeError, type HttpAnswer, type HttpExchange } from './http-request.ts';
import type { AddressPolicy } from './address-policy.ts';
import { guardedAgents, type HostResolver } from './guarded-agent.ts';
import { ProviderError, redactUrl } from './provider-error.ts';

export interface RetryPolicy {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Backoff before retry n (1-based) is uniform in [0, min(maxDelayMs, baseDelayMs · 2^(n−1))] (full jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After the client will wait; a longer one fails the call as rate-limited. */
  maxRetryAfterMs: number;
}

export interface BreakerPolicy {
  /** Consecutive failed attempts that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one trial attempt is let through. */
  coolDownMs: number;
}

export interface ClientTiming {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
}

export interface JsonClientOptions {
  provider: string;
  baseUrl: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxBodyBytes?: number;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerPolicy>;
  /** Which addresses the client may connect to (address-policy.ts): checked on every connection it opens. */
  addressPolicy: AddressPolicy;
  /** How host names are resolved (the system's resolver by default; tests inject one). */
  resolver?: HostResolver;
  timing?: ClientTiming;
  /**
   * Awaited before every attempt, retries included: a request-rate limiter (the SEC's 10 requests per second;
   * request-rate-limiter.ts).
   */
  beforeAttempt?: () => Promise<void>;
  /** Told of each retry (for progress lines and notes). */
  onRetry?: (event: { attempt: number; delayMs: number; reason: string }) => void;
  /**
   * A JSON-RPC server (Bitcoin Core): a single call's error comes back as HTTP 404/500 with a JSON-RPC body, which is
   * then handed to the caller to read rather than retried.
   */
  jsonRpc?: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};
export const DEFAULT_BREAKER: BreakerPolicy = { failureThreshold: 5, coolDownMs: 30_000 };
export const DEFAULT_TIMEOUT_MS = 15_000;

export const SYSTEM_TIMING: ClientTiming = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

export interface JsonClient {
  readonly provider: string;
  /** The base URL without credentials. */
  readonly endpoint: string;
  getJson(path: string, query?: Record<string, string | number>): Promise<unknown>;
  postJson(path: string, body: unknown): Promise<unknown>;
}

/** A failed attempt: whether another may follow, and after how long at least. */
interface AttemptFailure {
  failure: ProviderError['failure'];
  message: string;
  /** Timeouts, connection errors, 5xx and 429: worth retrying, and what counts against the provider's health. */
  retryable: boolean;
  retryAfterMs?: number;
}

export function jsonClient(options: JsonClientOptions): JsonClient {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const breakerPolicy = { ...DEFAULT_BREAKER, ...options.breaker };
  const timing = options.timing ?? SYSTEM_TIMING;
  const base = new URL(options.baseUrl);
  const endpoint = redactUrl(options.baseUrl);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    'user-agent': 'rerate',
    ...options.headers,
  };
  if (base.username !== '' || base.password !== '') {
    const credentials = `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`;
    headers['authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
    base.username = '';
    base.password = '';
  }
  // The client's own connections: pooled sockets are reused only by this client, under its policy.
  const agents = guardedAgents(options.addressPolicy, options.resolver);
  let consecutiveFailures = 0;
  let openUntil = 0;

  async function call(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string | number> | undefined,
    body: string | undefined,
  ): Promise<unknown> {
    const url = new URL(path.replace(/^\//, ''), base.href.endsWith('/') ? base.href : `${base.href}/`);
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, String(value));
    const where = `${method} ${redactUrl(url.toString())}`;
    let last: AttemptFailure | undefined;
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      if (timing.now() < openUntil) {
        throw new ProviderError(
          options.provider,
          'circuit-open',
          `not called (${where}): the circuit is open after ${consecutiveFailures} failures in a row` +
            `${last ? `, the last: ${last.message}` : ''}; ` +
            `retry after ${Math.ceil((openUntil - timing.now()) / 1000)} s`,
        );
      }
      const request = {
        method,
        url,
        headers,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
        ...(body === undefined ? {} : { body }),
        agents,
      };
      await options.beforeAttempt?.();
      const outcome = await attemptOnce(request, options.jsonRpc === true, timing.now());
      if (!('failure' in outcome)) {
        consecutiveFailures = 0;
        return outcome.value;
      }
      last = outcome;
      // A refused address, a bad body or a 4xx is the same on every attempt and says nothing about the provider's
      // health.
      if (outcome.retryable) {
        consecutiveFailures++;
        if (consecutiveFailures >= breakerPolicy.failureThreshold) openUntil = timing.now() + breakerPolicy.coolDownMs;
      }
      if (!outcome.retryable || attempt === retry.maxAttempts) break;
      if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > retry.maxRetryAfterMs) {
        throw new ProviderError(
          options.provider,
          'rate-limited',
          `${where}: rate limited, and Retry-After asks for ${Math.ceil(outcome.retryAfterMs / 1000)} s, ` +
            `more than the ${retry.maxRetryAfterMs / 1000} s rerate waits`,
        );
      }
      const backoffMs = timing.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.max(backoffMs, outcome.retryAfterMs ?? 0);
      options.onRetry?.({ attempt, delayMs, reason: outcome.message });
      await timing.sleep(delayMs);
    }
    const final = last as AttemptFailure;
    const attempts = final.retryable ? ` (after ${retry.maxAttempts} attempts)` : '';
    throw new ProviderError(options.provider, final.failure, `${where}: ${final.message}${attempts}`);
  }

  return {
    provider: options.provider,
    endpoint,
    getJson: (path, query) => call('GET', path, query, undefined),
    postJson: (path, body) => call('POST', path, undefined, JSON.stringify(body)),
  };
}

async function attemptOnce(
  request: HttpExchange,
  jsonRpc: boolean,
  nowMs: number,
): Promise<{ value: unknown } | AttemptFailure> {
  let answer: HttpAnswer;
  try {
    answer = await exchange(request);
  } catch (error) {
    if (error instanceof HttpExchangeError) {
      if (error.kind === 'address-not-allowed')
        return { failure: 'address-not-allowed', message: error.message, retryable: false };
      if (error.kind === 'too-large') return { failure: 'invalid-response', message: error.message, retryable: false };
      return { failure: error.kind, message: error.message, retryable: true };
    }
    throw error;
  }
  const { status } = answer;
  if (status >= 300 && status < 400) {
    const location =
      answer.headers.location === undefined ? '?' : redactUrl(new URL(answer.headers.location, request.url).toString());
    return { failure: 'redirect', message: `HTTP ${status} redirect to ${location} not followed`, retryable: false };
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(answer.headers['retry-after'], nowMs);
    return {
      failure: 'rate-limited',
      message: 'HTTP 429 Too Many Requests',
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status === 401 || status === 403)
    return { failure: 'auth', message: `HTTP ${status}: the credentials were refused`, retryable: false };
  // Bitcoin Core answers a single call's RPC error with 404/500 and a JSON-RPC body: it reaches the caller, who reads
  // `error`.
  const rpcError = jsonRpc && (status === 404 || status === 500) && isJsonRpcError(answer.body);
  if (status >= 500 && !rpcError)
    return { failure: 'http', message: `HTTP ${status}${snippet(answer.body)}`, retryable: true };
  if (status !== 200 && !rpcError) {
    return { failure: 'http', message: `HTTP ${status}${snippet(answer.body)}`, retryable: false };
  }
  try {
    return { value: JSON.parse(answer.body) as unknown };
  } catch (error) {
    return {
      failure: 'invalid-response',
      message: `malformed JSON (${(error as Error).message})${snippet(answer.body)}`,
      retryable: false,
    };
  }
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function isJsonRpcError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed === 'object' && parsed !== null && parsed.error !== undefined && parsed.error !== null;
  } catch {
    return false;
  }
}

/** A bounded, printable excerpt of an answer's body for an error message (it may hold escapes or be megabytes). */
function snippet(body: string): string {
  const text = printable(body.slice(0, 4096), 121);
  return text === '' ? '' : `: ${text}`;
}
