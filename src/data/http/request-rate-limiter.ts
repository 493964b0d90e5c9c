/**
 * Spaces requests to at most `perSecond` a second: each caller is given the next free start time, at least
 * 1000 / perSecond ms after the previous one, and waits until it. The SEC asks for at most 10 requests per second
 * ("Fair Access", https://www.sec.gov/os/accessing-edgar-data); the clock and sleep are injected so tests run fast.
 */
export interface LimiterTiming {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface RequestRateLimiter {
  /** Resolves when the caller may start its request. */
  acquire(): Promise<void>;
}

export function requestRateLimiter(perSecond: number, timing: LimiterTiming): RequestRateLimiter {
  if (!(perSecond > 0 && Number.isFinite(perSecond))) throw new Error(`a rate of ${perSecond} requests per second`);
  const spacingMs = 1000 / perSecond;
  let nextFreeMs = -Infinity;
  return {
    async acquire() {
      const now = timing.now();
      const startMs = Math.max(now, nextFreeMs);
      nextFreeMs = startMs + spacingMs;
      if (startMs > now) await timing.sleep(startMs - now);
    },
  };
}
