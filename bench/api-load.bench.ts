// Load on the coverage route of a running `rerate serve` (its own process, on loopback): 20 concurrent clients for
// 30 s, each sending GET /api/v1/update as soon as its previous answer arrived (keep-alive). Prints throughput and
// latency percentiles against the target: p99 < 50 ms and no errors. The server runs with --rate-limit off: one
// load generator is one client address, and the default limit (1200 a minute per client) would refuse it by design.
// BENCH_SECONDS and BENCH_CLIENTS change the duration and the concurrency.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 30);
const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 20);
const ROUTE = '/api/v1/update';

if (!existsSync('dist/rerate.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const dataDir = mkdtempSync(join(tmpdir(), 'rerate-bench-'));
const server = spawn(process.execPath, ['dist/rerate.js', 'serve', '--port', '0', '--rate-limit', 'off'], {
  env: { ...process.env, RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05', RERATE_DATA_DIR: dataDir },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = await new Promise<string>((resolve, reject) => {
  let text = '';
  server.stderr.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    const match = /serving on (http:\/\/[^\s]+)/.exec(text);
    if (match) resolve(match[1] as string);
  });
  server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${text}`)));
});
const { hostname, port } = new URL(url);
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

function get(path: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const coldStart = performance.now();
const cold = await get(ROUTE);
console.log(
  `first request (computes the coverage, fills the cache): ${(performance.now() - coldStart).toFixed(1)} ms, ` +
    `HTTP ${cold.status}, ${cold.bytes} bytes`,
);

const latenciesMs: number[] = [];
let errors = 0;
const firstErrors: string[] = [];
const endAt = performance.now() + SECONDS * 1000;
async function client(): Promise<void> {
  while (performance.now() < endAt) {
    const start = performance.now();
    try {
      const answer = await get(ROUTE);
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
      latenciesMs.push(performance.now() - start);
    } catch (error) {
      errors += 1;
      if (firstErrors.length < 3) firstErrors.push(error instanceof Error ? error.message : String(error));
    }
  }
}
const began = performance.now();
await Promise.all(Array.from({ length: CLIENTS }, client));
const elapsedS = (performance.now() - began) / 1000;

latenciesMs.sort((a, b) => a - b);
const at = (q: number) => latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(q * latenciesMs.length))] ?? NaN;
const p99 = at(0.99);
console.log(
  `GET ${ROUTE}: ${CLIENTS} clients for ${elapsedS.toFixed(1)} s: ` +
    `${latenciesMs.length} answers (${(latenciesMs.length / elapsedS).toFixed(0)}/s), ` +
    `${errors} errors${firstErrors.length ? ` (${firstErrors.join('; ')})` : ''}`,
);
console.log(
  `latency: p50 ${at(0.5).toFixed(2)} ms, p90 ${at(0.9).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, ` +
    `max ${(latenciesMs[latenciesMs.length - 1] ?? NaN).toFixed(2)} ms  ` +
    `[target p99 < 50 ms, no errors]: ${p99 < 50 && errors === 0 ? 'met' : 'NOT MET'}`,
);

agent.destroy();
server.kill('SIGINT');
await new Promise((resolve) => server.on('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
if (errors > 0) process.exitCode = 1;
