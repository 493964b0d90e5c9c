/**
 * A per-client rate limit as a token bucket: each client (its address) may burst up to a minute's allowance, which
 * refills evenly over the minute. Time is passed in (milliseconds), so the rule is tested without waiting.
 */

export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: seconds until one request is allowed again (for Retry-After). */
  retryAfterS: number;
  /** Requests left in the bucket after this one. */
  remaining: number;
}

export interface RateLimiter {
  readonly requestsPerMinute: number;
  take(client: string, nowMs: number): RateLimitDecision;
}

/** Requests a minute per client by default (`rerate serve --rate-limit`). */
export const DEFAULT_REQUESTS_PER_MINUTE = 1200;

/** Buckets kept at most; beyond it, full (idle) buckets are dropped, as they hold nothing a new bucket would not. */
const MAX_CLIENTS = 10_000;

export function rateLimiter(requestsPerMinute: number): RateLimiter {
  const capacity = requestsPerMinute;
  const refillPerMs = requestsPerMinute / 60_000;
  const buckets = new Map<string, { tokens: number; atMs: number }>();

  const level = (bucket: { tokens: number; atMs: number }, nowMs: number) =>
    Math.min(capacity, bucket.tokens + Math.max(0, nowMs - bucket.atMs) * refillPerMs);

  const prune = (nowMs: number) => {
    for (const [client, bucket] of buckets) if (level(bucket, nowMs) >= capacity) buckets.delete(client);
  };

  return {
    requestsPerMinute,
    take(client, nowMs) {
      let bucket = buckets.get(client);
      if (!bucket) {
        if (buckets.size >= MAX_CLIENTS) prune(nowMs);
        bucket = { tokens: capacity, atMs: nowMs };
        buckets.set(client, bucket);
      }
      bucket.tokens = level(bucket, nowMs);
      bucket.atMs = nowMs;
      if (bucket.tokens < 1)
        return {
          allowed: false,
          retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000 - 1e-9)),
          remaining: 0,
        };
      bucket.tokens -= 1;
      return { allowed: true, retryAfterS: 0, remaining: Math.floor(bucket.tokens) };
    },
  };
}
