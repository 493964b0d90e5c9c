// The worker pool on a scripted worker (no command code): the queue bound answers BusyError at once, a job not done
// by its deadline is cancelled (its worker terminated and replaced, so the pool serves the next job although the
// cancelled one would never have ended), a crashed worker is replaced, store calls are answered by this thread, and
// errors keep their class across the thread boundary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord, RunStore, RunStoreOpener } from '../app/ports/run-store.ts';
import { BusyError } from '../schema/busy-error.ts';
import { InputError } from '../schema/input-error.ts';
import { ApiError } from './api-error.ts';
import { workerPool, type WorkerPoolSettings } from './worker-pool.ts';

/** A worker that does what its job's input says: echo, spin forever, exit, fail with an input error, or save. */
const SCRIPTED_WORKER = `
import { parentPort } from 'node:worker_threads';
const calls = new Map();
parentPort.on('message', async (message) => {
  if (message.kind === 'store-answer') return calls.get(message.id)(message);
  const { id, input } = message;
  const done = (value) => parentPort.postMessage({ kind: 'done', id, envelopeJson: JSON.stringify(value) });
  const store = (callId, method, args) => new Promise((resolve) => {
    calls.set(callId, resolve);
    parentPort.postMessage({ kind: 'store', id: callId, method, args });
  });
  if (input.spin) for (;;) {}
  if (input.sleepMs) await new Promise((resolve) => setTimeout(resolve, input.sleepMs));
  if (input.exit) process.exit(3);
  if (input.fail)
    return parentPort.postMessage({
      kind: 'failed', id,
      error: { name: 'InputError', message: 'x: ' + input.fail, issues: [{ path: ['x'], message: input.fail }] },
    });
  if (input.save) {
    const location = await store(1, 'open', []);
    const saved = await store(2, 'save', [input.save]);
    return done({ location: location.value, saved: saved.value });
  }
  done(input.echo);
});
`;
const SCRIPT = new URL(`data:text/javascript,${encodeURIComponent(SCRIPTED_WORKER)}`);

function storeOf(saved: RunRecord[]): RunStoreOpener {
  const store: RunStore = {
    location: 'memory',
    save: async (run) => {
      saved.push(run);
      return { created: true, seq: saved.length };
    },
    list: async () => [],
    get: async () => undefined,
    close: async () => undefined,
  };
  return { open: async () => store };
}

function poolWith(settings: Partial<WorkerPoolSettings>, saved: RunRecord[] = []) {
  const pool = workerPool(
    { workers: 1, queueBound: 1, deadlineMs: 10_000, script: SCRIPT, ...settings },
    storeOf(saved),
  );
  return pool;
}

const job = (input: unknown) => ({ command: 'scripted', input, record: false });

test('a job runs on a worker and its answer comes back as sent', async () => {
  const pool = poolWith({});
  try {
    const answer = await pool.run(job({ echo: { a: 1 } }));
    assert.equal(answer.envelopeJson, '{"a":1}');
  } finally {
    await pool.close();
  }
});

test('beyond the queue bound a job is refused at once with a BusyError and a Retry-After of at least 1 s', async () => {
  const pool = poolWith({ queueBound: 1 });
  const running = pool.run(job({ spin: true })).catch((error: unknown) => error);
  const waiting = pool.run(job({ echo: 1 })).catch((error: unknown) => error);
  try {
    const started = performance.now();
    const refused = await pool.run(job({ echo: 2 })).catch((error: unknown) => error);
    assert.ok(performance.now() - started < 100, 'refused at once');
    assert.ok(refused instanceof BusyError);
    assert.match(refused.message, /every worker is busy and 1 heavy requests are waiting \(at most 1\)/);
    assert.ok(Number.isInteger(refused.retryAfterS) && refused.retryAfterS >= 1);
    assert.deepEqual(pool.counts(), { workers: 1, running: 1, queued: 1, cancelled: 0 });
  } finally {
    await pool.close();
  }
  assert.match(String(await running), /the server is closing/);
  assert.match(String(await waiting), /the server is closing/);
});

test('one command may hold at most half the queue: a flood of one kind cannot lock out another', async () => {
  const pool = poolWith({ queueBound: 4 });
  const other = { command: 'other', input: { echo: 'other' }, record: false };
  const held = [pool.run(job({ spin: true })), pool.run(job({ echo: 1 })), pool.run(job({ echo: 2 }))].map((p) =>
    p.catch((error: unknown) => error),
  );
  try {
    const refused = await pool.run(job({ echo: 3 })).catch((error: unknown) => error);
    assert.ok(refused instanceof BusyError);
    assert.match(refused.message, /2 scripted requests are waiting: half the queue's 4 places, all one kind may hold/);
    // Another command still has its places.
    const admitted = pool.run(other).catch((error: unknown) => error);
    assert.deepEqual(pool.counts(), { workers: 1, running: 1, queued: 3, cancelled: 0 });
    held.push(admitted);
  } finally {
    await pool.close();
  }
  for (const outcome of await Promise.all(held)) assert.match(String(outcome), /the server is closing/);
});

test('at its deadline a running job is cancelled: 504, its worker replaced, and the next job served', async () => {
  const pool = poolWith({ deadlineMs: 300 });
  try {
    const spinning = await pool.run(job({ spin: true })).catch((error: unknown) => error);
    assert.ok(spinning instanceof ApiError);
    assert.equal(spinning.status, 504);
    assert.equal(spinning.code, 'deadline-exceeded');
    assert.match(spinning.message, /^scripted was not done 0.3 s after it arrived \(it waited 0\.\d s for a worker/);
    assert.match(spinning.message, /and was stopped/);
    assert.equal(pool.counts().cancelled, 1);
    // The spinning worker never ends by itself: only its replacement can answer this.
    assert.equal((await pool.run(job({ echo: 'after' }))).envelopeJson, '"after"');
  } finally {
    await pool.close();
  }
});

test('a job left to finish is answered 504 at its deadline, its worker kept, its result dropped', async () => {
  const pool = poolWith({ deadlineMs: 600 });
  try {
    const started = performance.now();
    const late = await pool.run(job({ sleepMs: 900, echo: 'late' }), { letFinish: true }).catch((e: unknown) => e);
    assert.ok(late instanceof ApiError);
    assert.equal(late.status, 504);
    assert.match(late.message, /ran 0\.6 s\) and its result will be dropped/);
    assert.ok(performance.now() - started < 900, 'answered at the deadline, not when the job ended');
    // Not terminated: the worker is still on it, and takes the next job when it ends.
    assert.deepEqual(pool.counts(), { workers: 1, running: 1, queued: 0, cancelled: 0 });
    assert.equal((await pool.run(job({ echo: 'next' }))).envelopeJson, '"next"');
    assert.ok(performance.now() - started >= 900);
    assert.equal(pool.counts().cancelled, 0);
  } finally {
    await pool.close();
  }
});

test('a job that waited its turn elsewhere goes ahead, past the bound; one left waiting is dropped', async () => {
  const pool = poolWith({ queueBound: 1, deadlineMs: 1000 });
  try {
    const spinning = pool.run(job({ spin: true })).catch((error: unknown) => error);
    const behind = pool.run(job({ echo: 'behind' })).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The queue is full, yet the download goes in, first in line.
    const ahead = pool.run(job({ echo: 'ahead' }), { ahead: true });
    assert.deepEqual(pool.counts(), { workers: 1, running: 1, queued: 2, cancelled: 0 });
    assert.ok((await spinning) instanceof ApiError);
    assert.equal((await ahead).envelopeJson, '"ahead"');
    const dropped = await behind;
    assert.ok(dropped instanceof ApiError);
    assert.equal(dropped.status, 504);
    assert.match(dropped.message, /it waited 1\.0 s for a worker and ran 0\.0 s\) and was dropped from the queue/);
  } finally {
    await pool.close();
  }
});

test('a worker that exits fails its job with an error for the log, and a fresh worker takes the next', async () => {
  const pool = poolWith({});
  try {
    await assert.rejects(pool.run(job({ exit: true })), /a pool worker exited \(code 3\)/);
    assert.equal((await pool.run(job({ echo: 'again' }))).envelopeJson, '"again"');
  } finally {
    await pool.close();
  }
});

test("an input error in a worker arrives as an InputError naming its field; the store is this thread's", async () => {
  const saved: RunRecord[] = [];
  const pool = poolWith({}, saved);
  try {
    await assert.rejects(pool.run(job({ fail: 'expected a number' })), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.deepEqual(error.issues, [{ path: ['x'], message: 'expected a number' }]);
      return true;
    });
    const run = { id: 'abc', texts: new Map([['h', 'text']]) } as unknown as RunRecord;
    const answer = await pool.run(job({ save: run }));
    assert.deepEqual(JSON.parse(answer.envelopeJson), { location: 'memory', saved: { created: true, seq: 1 } });
    assert.equal(saved.length, 1);
    assert.deepEqual(saved[0]?.texts, new Map([['h', 'text']]));
  } finally {
    await pool.close();
  }
});

test('closing the pool refuses the waiting jobs and stops the workers', async () => {
  const pool = poolWith({ queueBound: 2 });
  const running = pool.run(job({ spin: true })).catch((error: unknown) => error);
  const waiting = pool.run(job({ echo: 1 })).catch((error: unknown) => error);
  await pool.close();
  assert.ok((await running) instanceof BusyError);
  assert.ok((await waiting) instanceof BusyError);
  await assert.rejects(pool.run(job({ echo: 2 })), /the server is closing/);
});
