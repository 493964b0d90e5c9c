// Benchmark: load the embedded history (read, parse, validate both files) and compute hashvalue/hashprice and the
// hashrate estimates for every day since 2009. Prints the cold (first) time, the median of warm runs, and memory.
// Targets (issue #2): loading under 150 ms, the full-history hashprice under 20 ms.
// Run: npm run bench
import { embeddedSnapshot } from '../src/data/embedded-snapshot.ts';
import { computeDailyNetworkMetrics } from '../src/network/daily-metrics.ts';

const WARM_RUNS = 20;

function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();

let snapshot!: Awaited<ReturnType<ReturnType<typeof embeddedSnapshot>['loadNetwork']>>;
const loadOnce = async () => {
  const start = process.hrtime.bigint();
  snapshot = await embeddedSnapshot().loadNetwork();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const loadCold = await loadOnce();
const loadWarm: number[] = [];
for (let i = 0; i < WARM_RUNS; i++) loadWarm.push(await loadOnce());

const daily = snapshot.history.daily;
let metrics = computeDailyNetworkMetrics(daily);
const metricsCold = timeMs(() => void (metrics = computeDailyNetworkMetrics(daily)));
const metricsWarm: number[] = [];
for (let i = 0; i < WARM_RUNS; i++) metricsWarm.push(timeMs(() => void (metrics = computeDailyNetworkMetrics(daily))));

gc?.();
const after = process.memoryUsage();
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const seriesBytes =
  Object.values(daily).reduce((sum: number, value) => sum + (ArrayBuffer.isView(value) ? value.byteLength : 0), 0) +
  Object.values(metrics).reduce((sum: number, value) => sum + (ArrayBuffer.isView(value) ? value.byteLength : 0), 0);

const first = daily.firstDay;
console.log(`history: ${daily.dayCount} days from day ${first} (2009-01-03), ${snapshot.history.epochs.count} epochs`);
console.log(
  `load (read + parse + validate): cold ${loadCold.toFixed(1)} ms, ` +
    `warm median ${median(loadWarm).toFixed(1)} ms  [target < 150 ms]`,
);
console.log(
  `full-history hashprice + hashrate: first ${metricsCold.toFixed(2)} ms, ` +
    `warm median ${median(metricsWarm).toFixed(2)} ms  [target < 20 ms]`,
);
console.log(
  `memory: typed series ${(seriesBytes / 1024).toFixed(0)} KiB; ` +
    `retained after GC: heap ${mib(after.heapUsed - before.heapUsed)}, ` +
    `array buffers ${mib(after.arrayBuffers - before.arrayBuffers)}; ` +
    `peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}` +
    (gc ? '' : ' (run with --expose-gc for retained figures)'),
);
