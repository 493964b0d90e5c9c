// Heavy API work on the worker pool (issue 19, load), in process through fastify's `inject` (and one `rerate serve`
// over a socket): every heavy command answers the same bytes through the pool as on the server's thread (runs saved
// once, by the server's thread); a 625-cell grid leaves the server's event loop free; a full queue answers 503 with
// Retry-After at once; a request over a size limit is refused naming its field; a request past its deadline is
// stopped and answered 504; `rerate serve` takes --workers, --queue and --deadline.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts, type DefaultPorts } from '../src/cli/default-ports.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { commandWorkerScript, serveCommand } from '../src/cli/serve-command.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { createApiServer } from '../src/server/api-server.ts';
import type { WorkerPoolSettings } from '../src/server/worker-pool.ts';

const ENV = { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05' };

/** A request for every heavy command served as an envelope (the downloads are compared below). */
const HEAVY_ROUTES: Record<string, (runs: { older: string; newer: string }) => string> = {
  'network history': () => '/network/history?from=2025-01-01&to=2026-01-31&interval=week',
  'network project': () => '/network/project?to=2026-12-31&paths=500&seed=3',
  'network backtest': () => '/network/backtest?from=2025-06-01&to=2025-12-31',
  update: () => '/update',
  value: () => '/value/CIFR',
  sensitivity: () => '/sensitivity/RIOT?x=btc-price=80000:90000:10000&y=network-growth=0.1:0.2:0.1',
  tornado: () => '/tornado/RIOT?bump=0.2',
  implied: () => '/implied/RIOT?solve=btc-price',
  comps: () => '/comps',
  'cost-curve': () => '/cost-curve?quarters=2',
  policy: () => '/policy/ercot?window=18mo&probability=0.5',
  estimates: () => '/estimates/CIFR?quarters=2025Q4',
  'backtest production': () => '/backtest/production',
  'runs replay': (runs) => `/runs/replay/${runs.older}`,
  diff: (runs) => `/diff?runA=${runs.older.slice(0, 12)}&runB=${runs.newer.slice(0, 12)}&ticker=CIFR`,
};

/** A 25 × 25 grid (625 cells, the HTTP limit) starting at a BTC price of `fromUsd`. */
const gridFrom = (fromUsd: number) =>
  `/api/v1/sensitivity/RIOT?x=btc-price=${fromUsd}:${fromUsd + 60_000}:2500&y=network-growth=0:0.6:0.025`;

function poolSettings(settings: Partial<WorkerPoolSettings> = {}): WorkerPoolSettings {
  return {
    workers: 1,
    queueBound: 8,
    deadlineMs: 120_000,
    script: commandWorkerScript(),
    workerData: { env: ENV },
    ...settings,
  };
}

/** One server for a describe block (with a pool when given), closed with its run store after it. */
function serverFor(pool: WorkerPoolSettings | undefined) {
  const held: { app?: FastifyInstance; ports?: DefaultPorts } = {};
  before(async () => {
    held.ports = defaultPorts({ env: ENV, monteCarlo: inProcessMonteCarlo });
    held.app = await createApiServer({
      commands: COMMANDS,
      host: '127.0.0.1',
      rateLimit: 'off',
      ports: held.ports,
      pool,
    });
  });
  after(async () => {
    await held.app?.close();
    await held.ports?.runs.close();
  });
  return {
    get app(): FastifyInstance {
      assert.ok(held.app);
      return held.app;
    },
    get ports(): DefaultPorts {
      assert.ok(held.ports);
      return held.ports;
    },
  };
}

const withoutSaveTimes = (json: string) => json.replace(/"savedAt":"[^"]*"/g, '"savedAt":""');

const get = (app: FastifyInstance, url: string): Promise<LightMyRequestResponse> => app.inject({ method: 'GET', url });
const saveUpdate = (app: FastifyInstance, input: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/runs', payload: { command: 'update', input } });

/** The event loop's longest stall while `work` runs, and how long it ran; /healthz is asked every 10 ms meanwhile. */
async function loopWhile(app: FastifyInstance, work: () => Promise<LightMyRequestResponse>) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let done = false;
  let healthAnswers = 0;
  const pinging = (async () => {
    while (!done) {
      if ((await get(app, '/healthz')).statusCode === 200) healthAnswers += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  delay.enable();
  const busyBefore = performance.eventLoopUtilization();
  const started = performance.now();
  const response = await work();
  const elapsedMs = performance.now() - started;
  const busyShare = performance.eventLoopUtilization(busyBefore).utilization;
  // The sampling timer late by a stall fires only after it: let it, before reading.
  await new Promise((resolve) => setTimeout(resolve, 30));
  delay.disable();
  done = true;
  await pinging;
  const figures =
    `loop busy ${(busyShare * 100).toFixed(0)}%, longest stall ${(delay.max / 1e6).toFixed(0)} ms, ` +
    `in ${elapsedMs.toFixed(0)} ms; ${healthAnswers} /healthz answered`;
  return { response, elapsedMs, busyShare, maxStallMs: delay.max / 1e6, healthAnswers, figures };
}

describe('through the pool, the same bytes as on the server thread', () => {
  const pooled = serverFor(poolSettings());
  const plain = serverFor(undefined);

  test('every heavy envelope route, runs saved by POST and a worker-side input error', async () => {
    const heavy = COMMANDS.filter((command) => command.http?.heavy && !command.http.download).map((c) => c.name);
    assert.deepEqual(Object.keys(HEAVY_ROUTES).sort(), heavy.sort(), 'a heavy command without a request here');

    const saved: Record<string, string>[] = [];
    for (const server of [pooled, plain]) {
      const older = await saveUpdate(server.app, { asOf: '2025-12-31' });
      const newer = await saveUpdate(server.app, {});
      assert.equal(older.statusCode, 201, older.body);
      saved.push({ older: older.body, newer: newer.body });
    }
    assert.deepEqual(saved[0], saved[1]);
    const older = (JSON.parse(saved[0]?.['older'] as string) as { saved: { id: string } }).saved.id;
    const newer = (JSON.parse(saved[0]?.['newer'] as string) as { saved: { id: string } }).saved.id;
    // Saved once, by the server's thread, in its store.
    const store = await pooled.ports.runs.open();
    assert.deepEqual((await store.list({})).map((run) => run.id).sort(), [older, newer].sort());

    for (const [name, path] of Object.entries(HEAVY_ROUTES)) {
      const url = `/api/v1${path({ older, newer })}`;
      const [a, b] = [await get(pooled.app, url), await get(plain.app, url)];
      assert.equal(a.statusCode, 200, `${name}: ${a.body.slice(0, 300)}`);
      // Each server's own run store stamps the time it saved a run (diff and replay show it): the rest is identical.
      assert.equal(withoutSaveTimes(a.body), withoutSaveTimes(b.body), name);
    }
    const [a, b] = [await get(pooled.app, '/api/v1/value/NOPE'), await get(plain.app, '/api/v1/value/NOPE')];
    assert.equal(a.statusCode, 400);
    assert.equal(a.body, b.body);
    assert.equal((JSON.parse(a.body) as { path: string }).path, 'params.target');
  });

  test('the note built on a worker is the same file, and its coverage run is saved by the server thread', async () => {
    const [a, b] = [
      await get(pooled.app, '/api/v1/note?format=html'),
      await get(plain.app, '/api/v1/note?format=html'),
    ];
    assert.equal(a.statusCode, 200, a.body.slice(0, 300));
    assert.ok(a.rawPayload.equals(b.rawPayload));
    assert.equal(a.headers['x-rerate-run'], b.headers['x-rerate-run']);
    const store = await pooled.ports.runs.open();
    assert.ok(await store.get(String(a.headers['x-rerate-run'])), 'the note saved its update run');
    // The workbook too is built on a worker, and is the same file (its metadata is dated by the as-of, not the clock).
    const [workbook, plainWorkbook] = [
      await get(pooled.app, '/api/v1/export?format=xlsx'),
      await get(plain.app, '/api/v1/export?format=xlsx'),
    ];
    assert.equal(workbook.statusCode, 200, workbook.body.slice(0, 300));
    assert.ok(workbook.rawPayload.equals(plainWorkbook.rawPayload));
  });

  test("a 625-cell grid on the pool leaves the server's event loop free; on its thread it keeps it busy", async (t) => {
    const offThread = await loopWhile(pooled.app, () => get(pooled.app, gridFrom(60_000)));
    const onThread = await loopWhile(plain.app, () => get(plain.app, gridFrom(60_000)));
    assert.equal(offThread.response.statusCode, 200);
    assert.equal(offThread.response.body, onThread.response.body);
    t.diagnostic(`grid on the pool: ${offThread.figures}; on the server's thread: ${onThread.figures}`);
    // The control: computed on the server's thread, the grid keeps its event loop busy nearly all the time (the
    // cells yield only between file reads), so /healthz waits behind it.
    assert.ok(onThread.busyShare > 0.8, onThread.figures);
    // On the pool the loop is mostly idle, never stalls for long, and /healthz keeps answering.
    assert.ok(offThread.busyShare < 0.4, offThread.figures);
    assert.ok(offThread.maxStallMs < 250, offThread.figures);
    assert.ok(offThread.healthAnswers > 3 * Math.max(1, onThread.healthAnswers), offThread.figures);
  });

  test('a request over a size limit is refused naming its field, before it waits for a worker', async () => {
    const paths = await get(pooled.app, '/api/v1/network/project?to=2027-12-31&paths=20000');
    assert.equal(paths.statusCode, 400);
    const body = JSON.parse(paths.body) as { code: string; message: string; path: string };
    assert.equal(body.path, 'query.paths');
    assert.match(body.message, /20,000 paths × \d+ days is [\d,]+ path-days; over HTTP at most 5,000,000/);
    const grid = await get(
      pooled.app,
      '/api/v1/sensitivity/RIOT?x=btc-price=60000:86000:1000&y=network-growth=0:0.25:0.01',
    );
    assert.equal(grid.statusCode, 400);
    assert.equal((JSON.parse(grid.body) as { path: string }).path, 'query.x');
  });
});

describe('a full queue answers 503 with Retry-After at once', () => {
  const busy = serverFor(poolSettings({ workers: 1, queueBound: 1 }));

  test('one worker busy, one request waiting: a third heavy request is refused before the others end', async () => {
    const finished: number[] = [];
    const answers = await Promise.all(
      [60_000, 61_000, 62_000].map(async (fromUsd) => {
        const response = await get(busy.app, gridFrom(fromUsd));
        finished.push(response.statusCode);
        return response;
      }),
    );
    const refused = answers.filter((answer) => answer.statusCode === 503);
    assert.equal(refused.length, 1, answers.map((answer) => answer.statusCode).join(', '));
    assert.equal(finished[0], 503, 'the refusal comes first, without waiting');
    assert.match(String(refused[0]?.headers['retry-after']), /^[1-9]\d*$/);
    const body = JSON.parse(refused[0]?.body ?? '') as { code: string; message: string; path: string };
    assert.equal(body.code, 'busy');
    assert.equal(body.path, '');
    assert.match(body.message, /every worker is busy and 1 heavy requests are waiting \(at most 1\)/);
    assert.equal(answers.filter((answer) => answer.statusCode === 200).length, 2);
    // A cheap route is never queued.
    assert.equal((await get(busy.app, '/api/v1/coverage/list')).statusCode, 200);
  });
});

describe('a request past its deadline is stopped and answered 504', () => {
  const late = serverFor(poolSettings({ workers: 1, deadlineMs: 50 }));

  test('a 625-cell grid cannot finish in 50 ms: 504 deadline-exceeded, and the server answers on', async () => {
    const response = await get(late.app, gridFrom(60_000));
    assert.equal(response.statusCode, 504, response.body);
    const body = JSON.parse(response.body) as { code: string; message: string; path: string };
    assert.equal(body.code, 'deadline-exceeded');
    assert.equal(body.path, '');
    assert.match(body.message, /^sensitivity was not done 0.05 s after it arrived .* and was stopped/);
    assert.equal((await get(late.app, '/healthz')).statusCode, 200);
  });
});

describe('rerate serve --workers, --queue, --deadline', () => {
  test('bad values are usage errors naming the flag, and the server never listens', async () => {
    const ports = defaultPorts({ env: ENV, monteCarlo: inProcessMonteCarlo });
    after(() => ports.runs.close());
    for (const [args, message] of [
      [['--workers', 'x'], /--workers: expected a whole number from 0 to 64; found x/],
      [['--workers', '65'], /--workers/],
      [['--queue', '-1'], /--queue: expected a whole number from 0 to 10000; found -1/],
      [['--deadline', '0'], /--deadline: expected seconds above 0, at most 3600; found 0/],
      [['--deadline', '1e9'], /--deadline/],
    ] as const) {
      let listened = false;
      let stderr = '';
      const serve = serveCommand({
        ports,
        commands: COMMANDS,
        env: {},
        onListening: () => (listened = true),
        stopSignal: () => Promise.resolve(),
      });
      const io = { stdout: () => undefined, stderr: (text: string) => void (stderr += text) };
      const code = await runCli(['serve', '--port', '0', ...args], COMMANDS, ports, io, [serve]);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, message);
      assert.equal(listened, false);
    }
  });

  test('serve --workers 1 computes a valuation on its worker, the same bytes over a socket', async () => {
    const ports = defaultPorts({ env: ENV, monteCarlo: inProcessMonteCarlo });
    after(() => ports.runs.close());
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let listening!: (url: string) => void;
    const listeningAt = new Promise<string>((resolve) => (listening = resolve));
    let stderr = '';
    const serve = serveCommand({
      ports,
      commands: COMMANDS,
      env: {},
      workerEnv: ENV,
      onListening: (url) => listening(url),
      stopSignal: () => stopped,
    });
    const io = { stdout: () => undefined, stderr: (text: string) => void (stderr += text) };
    const args = ['serve', '--port', '0', '--workers', '1', '--queue', '3', '--deadline', '90'];
    const exit = runCli(args, COMMANDS, ports, io, [serve]);
    const url = await Promise.race([
      listeningAt,
      exit.then((code) => assert.fail(`serve exited ${code} before listening: ${stderr}`)),
    ]);
    try {
      assert.match(stderr, /heavy requests on 1 worker thread \(queue 3, deadline 90 s\)/);
      const overSocket = await (await fetch(`${url}/api/v1/value/CIFR`)).text();
      const plain = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports });
      after(() => plain.close());
      assert.equal(overSocket, (await get(plain, '/api/v1/value/CIFR')).body);
    } finally {
      stop();
    }
    assert.equal(await exit, 0, stderr);
  });
});
