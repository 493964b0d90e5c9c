/**
 * Serialized result envelopes by command and input: a command's result depends only on its input, the files and the
 * data snapshot the server loaded, and today's date (staleness warnings), so a repeated request is served from
 * memory. Concurrent identical requests share one computation. Least recently used entries go first.
 */

export interface ResultCache {
  /** The cached JSON text, or the computation's (shared by concurrent callers); `hit` says which. */
  get(key: string, compute: () => Promise<string>): Promise<{ json: string; hit: boolean }>;
  readonly size: number;
}

export function resultCache(maxEntries = 500, maxBytes = 64 * 1024 * 1024): ResultCache {
  const entries = new Map<string, Promise<string>>();
  const sizes = new Map<string, number>();
  let bytes = 0;

  const evict = () => {
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) return;
      entries.delete(key);
      bytes -= sizes.get(key) ?? 0;
      sizes.delete(key);
    }
  };

  return {
    get size() {
      return entries.size;
    },
    async get(key, compute) {
      const cached = entries.get(key);
      if (cached) {
        // Most recently used last: Map keeps insertion order.
        entries.delete(key);
        entries.set(key, cached);
        return { json: await cached, hit: true };
      }
      const pending = compute();
      entries.set(key, pending);
      try {
        const json = await pending;
        if (entries.get(key) === pending) {
          sizes.set(key, json.length * 2);
          bytes += json.length * 2;
          evict();
        }
        return { json, hit: false };
      } catch (error) {
        // Errors are not cached: a failed computation is tried again next time.
        if (entries.get(key) === pending) entries.delete(key);
        throw error;
      }
    },
  };
}
