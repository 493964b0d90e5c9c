// Mixed load on a running `rerate serve` (its own process, on loopback; issue 19, load): 50 keep-alive clients for
// 60 s, each on one route class — the coverage (`/api/v1/update`, cached), cached values, `/healthz`, 625-cell
// sensitivity grids, research notes and small Monte Carlo projections (each grid and projection new, so computed).
// Prints per class p50/p95/p99/max of the answers, errors and 503 refusals (a refused client waits what Retry-After
// says), and the target check: no errors (a 503 from the heavy queue is a refusal, counted apart) and p99 < 150 ms for
// the cached and cheap classes while the heavy ones run. The same load then runs against `serve --workers 0` (every
// command on the server's thread, as before the pool) as the baseline, so the figures compare on the same machine.
// BENCH_SECONDS and BENCH_CLIENTS shorten the run (the classes keep their shares); BENCH_WORKERS sets --workers;
// BENCH_BASELINE=off skips the baseline. The CLI is built first (scripts/build.mjs), so the server runs this code.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 60);
const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 50);
const WORKERS = process.env['BENCH_WORKERS'];
const BASELINE = process.env['BENCH_BASELINE'] !== 'off';
const TARGET_P99_MS = 150;
const TICKERS = ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT'];

interface RouteClass {
  name: string;
  /** Cached answers and cheap routes: the p99 target applies to them. */
  cheap: boolean;
  /** Clients on this class out of 50. */
  share: number;
  path(k: number): string;
}

let unique = 0;
const CLASSES: RouteClass[] = [
  { name: 'coverage (cached)', cheap: true, share: 14, path: () => '/api/v1/update' },
  { name: 'values (cached)', cheap: true, share: 12, path: (k) => `/api/v1/value/${TICKERS[k % TICKERS.length]}` },
  { name: 'healthz', cheap: true, share: 10, path: () => '/healthz' },
  {
    name: 'grids (625 cells)',
    cheap: false,
    share: 5,
    // A new grid every time (a BTC price axis 25 × 2,500 USD wide, shifted by a dollar): computed, not cached.
    path: () =>
      `/api/v1/sensitivity/RIOT?x=btc-price=${60_000 + ++unique}:${120_000 + unique}:2500` +
      '&y=network-growth=0:0.6:0.025',
  },
  { name: 'notes (html)', cheap: false, share: 3, path: () => '/api/v1/note?format=html' },
  {
    name: 'monte carlo (1,000 paths)',
    cheap: false,
    share: 6,
    path: () => `/api/v1/network/project?to=2026-12-31&paths=1000&seed=${++unique}`,
  },
];

interface ClassFigures {
  latenciesMs: number[];
  refused: number;
  refusalMaxMs: number;
  errors: number;
  firstErrors: string[];
}

spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

const pooled = await runLoad(WORKERS === undefined ? [] : ['--workers', WORKERS]);
report('pool', pooled.figures, pooled.banner);
const targetMet = checkTarget(pooled.figures);
if (BASELINE) {
  const baseline = await runLoad(['--workers', '0']);
  report('baseline (--workers 0)', baseline.figures, baseline.banner);
  console.log('\np99 and max, baseline ÷ pool (above 1: the pool is faster)');
  for (const routeClass of CLASSES) {
    const pool = pooled.figures.get(routeClass.name) as ClassFigures;
    const base = baseline.figures.get(routeClass.name) as ClassFigures;
    const ratio = (q: number) => {
      const value = quantile(base.latenciesMs, q) / quantile(pool.latenciesMs, q);
      return Number.isFinite(value) ? `×${value.toFixed(1)}` : 'n/a (no answers)';
    };
    console.log(`  ${routeClass.name.padEnd(26)} p99 ${ratio(0.99)}, max ${ratio(1)}`);
  }
}
if (!targetMet) process.exitCode = 1;

async function runLoad(serveFlags: string[]): Promise<{ figures: Map<string, ClassFigures>; banner: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rerate-bench-'));
  const server = spawn(
    process.execPath,
    ['dist/rerate.js', 'serve', '--port', '0', '--rate-limit', 'off', ...serveFlags],
    {
      env: { ...process.env, RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05', RERATE_DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const banner = await new Promise<string>((resolve, reject) => {
    let text = '';
    server.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (/serving on http:\/\/[^\s]+/.test(text)) resolve(text.trim());
    });
    server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${text}`)));
  });
  const { hostname, port } = new URL(/serving on (http:\/\/[^\s]+)/.exec(banner)?.[1] as string);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const get = (path: string) => getOn(agent, hostname, Number(port), path);

  // The cached classes start cached (a first computation is not what they measure); the workers start warm.
  for (const path of ['/api/v1/update', ...TICKERS.map((ticker) => `/api/v1/value/${ticker}`)]) await get(path);

  const figures = new Map<string, ClassFigures>(
    CLASSES.map((c) => [c.name, { latenciesMs: [], refused: 0, refusalMaxMs: 0, errors: 0, firstErrors: [] }]),
  );
  const endAt = performance.now() + SECONDS * 1000;
  const client = async (routeClass: RouteClass, k: number) => {
    const own = figures.get(routeClass.name) as ClassFigures;
    for (let i = k; performance.now() < endAt; i++) {
      const start = performance.now();
      try {
        const answer = await get(routeClass.path(i));
        const ms = performance.now() - start;
        if (answer.status === 200) own.latenciesMs.push(ms);
        else if (answer.status === 503) {
          own.refused += 1;
          own.refusalMaxMs = Math.max(own.refusalMaxMs, ms);
          const waitMs = Math.min(Number(answer.retryAfter ?? 1) * 1000, endAt - performance.now());
          if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
        } else throw new Error(`HTTP ${answer.status}: ${answer.body.slice(0, 200)}`);
      } catch (error) {
        own.errors += 1;
        if (own.firstErrors.length < 3) own.firstErrors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  const clients = CLASSES.flatMap((routeClass) =>
    Array.from({ length: Math.max(1, Math.round((routeClass.share * CLIENTS) / 50)) }, (_, k) => client(routeClass, k)),
  );
  await Promise.all(clients);
  agent.destroy();
  server.kill('SIGINT');
  await new Promise((resolve) => server.on('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  return { figures, banner: banner.split('\n').find((line) => line.includes('serving on')) ?? banner };
}

function getOn(
  agent: Agent,
  host: string,
  port: number,
  path: string,
): Promise<{ status: number; body: string; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, agent, timeout: 300_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), retryAfter });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 300 s')));
    req.on('error', reject);
    req.end();
  });
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function report(label: string, figures: Map<string, ClassFigures>, banner: string): void {
  console.log(`\n${label}: ${CLIENTS} clients for ${SECONDS} s — ${banner.replace(/^rerate: /, '')}`);
  console.log(
    `  ${'class'.padEnd(26)} ${'answers'.padStart(7)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ` +
      `${'p99'.padStart(8)} ${'max'.padStart(8)}  503s (slowest)  errors`,
  );
  for (const routeClass of CLASSES) {
    const own = figures.get(routeClass.name) as ClassFigures;
    const ms = (q: number) => (own.latenciesMs.length ? quantile(own.latenciesMs, q).toFixed(1) : '-').padStart(8);
    console.log(
      `  ${routeClass.name.padEnd(26)} ${String(own.latenciesMs.length).padStart(7)} ${ms(0.5)} ${ms(0.95)} ` +
        `${ms(0.99)} ${ms(1)}  ${`${own.refused} (${own.refusalMaxMs.toFixed(1)} ms)`.padEnd(14)}  ${own.errors}` +
        `${own.firstErrors.length ? ` (${own.firstErrors.join('; ')})` : ''}`,
    );
  }
}

function checkTarget(figures: Map<string, ClassFigures>): boolean {
  const all = [...figures.values()];
  const errors = all.reduce((sum, own) => sum + own.errors, 0);
  const cheap = CLASSES.filter((c) => c.cheap).map((c) => figures.get(c.name) as ClassFigures);
  const worstP99 = Math.max(...cheap.map((own) => quantile(own.latenciesMs, 0.99)));
  const met = errors === 0 && worstP99 < TARGET_P99_MS;
  console.log(
    `target [0 errors, p99 < ${TARGET_P99_MS} ms for cached and cheap routes]: ${errors} errors, ` +
      `worst cheap p99 ${worstP99.toFixed(1)} ms — ${met ? 'met' : 'NOT MET'}`,
  );
  return met;
}
