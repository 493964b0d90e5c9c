/**
 * A heavy request the server refuses because its queue is full (503 with Retry-After; docs/api.md "Heavy requests")
 * is sent again after the wait it names, at most BUSY_RETRIES times and only for waits of at most BUSY_WAIT_MAX_S;
 * a longer wait is the user's call, so that answer is returned as it came.
 */
const BUSY_RETRIES = 3;
const BUSY_WAIT_MAX_S = 15;

export async function fetchRetryingWhenBusy(
  url: string,
  init: RequestInit,
  retriesLeft = BUSY_RETRIES,
): Promise<Response> {
  const response = await fetch(url, init);
  const waitS = Number(response.headers.get('Retry-After'));
  if (response.status !== 503 || retriesLeft === 0 || !(waitS > 0 && waitS <= BUSY_WAIT_MAX_S)) return response;
  await pause(waitS * 1000, init.signal ?? undefined);
  return fetchRetryingWhenBusy(url, init, retriesLeft - 1);
}

/** Waits `ms`, or rejects with an AbortError as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}
