// The dashboard's API client and the server's heavy-request queue (issue 19): a 503 with Retry-After is sent again
// after the named wait (at most three times, waits of at most 15 s); a longer wait, or a fourth refusal, is returned
// as it came (the page shows the server's message); an abort during the wait stops it.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchRetryingWhenBusy } from '../web/src/busy-retry.ts';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function busy(retryAfter: string): Response {
  const body = { code: 'busy', message: 'the server is busy', path: '' };
  return new Response(JSON.stringify(body), { status: 503, headers: { 'Retry-After': retryAfter } });
}

/** Answers in turn; records when each request came. */
function serve(answers: (() => Response)[]): number[] {
  const times: number[] = [];
  globalThis.fetch = (async () => {
    times.push(performance.now());
    const next = answers.shift();
    assert.ok(next, 'no more answers scripted');
    return next();
  }) as typeof fetch;
  return times;
}

test('a busy answer is retried after its Retry-After and the later answer is used', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const times = serve([() => busy('2'), () => Response.json({ results: 'ok' })]);
  const answer = fetchRetryingWhenBusy('/api/v1/value/CIFR', {});
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(times.length, 1);
  t.mock.timers.tick(1999);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(times.length, 1, 'not before the named wait');
  t.mock.timers.tick(1);
  assert.deepEqual(await (await answer).json(), { results: 'ok' });
  assert.equal(times.length, 2);
});

test('a fourth refusal, or a wait longer than 15 s, reaches the page as the server said it', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const times = serve([() => busy('1'), () => busy('1'), () => busy('1'), () => busy('1')]);
  const refused = fetchRetryingWhenBusy('/api/v1/value/CIFR', {});
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    t.mock.timers.tick(1000);
  }
  const last = await refused;
  assert.equal(times.length, 4, 'sent once and retried three times');
  assert.equal(last.status, 503);
  assert.equal(((await last.json()) as { code: string }).code, 'busy');

  serve([() => busy('60')]);
  const long = await fetchRetryingWhenBusy('/api/v1/value/CIFR', {});
  assert.equal(long.status, 503, 'a long wait is the user’s call, not retried');
});

test('an abort during the wait stops it with an AbortError', async () => {
  serve([() => busy('10')]);
  const controller = new AbortController();
  const pending = fetchRetryingWhenBusy('/api/v1/value/CIFR', { signal: controller.signal }).catch((e: unknown) => e);
  await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  const error = await pending;
  assert.ok(error instanceof DOMException && error.name === 'AbortError');
});
