// Benchmark: share prices (issue 20, "refreshing 20 tickers from the fakes and re-running update under 2 s in total").
// Fake Yahoo, Nasdaq and Tiingo servers run in this process (test/support/fake-share-apis.ts); nothing reaches the
// internet. Timed, each BENCH_RUNS times (default 5):
// - 20 tickers refreshed by the share step of `data refresh` (three sources, a year of closes each, cross-checked)
//   in process: the CLI refreshes only the covered tickers, and there are five;
// - the five covered tickers refreshed by a whole `rerate data refresh --source shares` process, into a new store;
// - a whole `rerate update` process on that store, beside `rerate update` on the embedded data (the baseline, in the
//   same run).
// Prints the total of the 20-ticker refresh and the update against the 2 s target. Needs a build (npm run build).
// Run: npm run bench -- share-price-refresh
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refreshSharePrices } from '../src/app/live-data/share-price-refresh.ts';
import { nasdaqSharePrices } from '../src/data/providers/nasdaq-share-prices.ts';
import { tiingoSharePrices } from '../src/data/providers/tiingo-share-prices.ts';
import { yahooSharePrices } from '../src/data/providers/yahoo-share-prices.ts';
import { SHARE_TIINGO_KEY, startFakeShareApis } from '../test/support/fake-share-apis.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const CLI = 'dist/rerate.js';
const TARGET_MS = 2_000;
const TICKERS = [
  'CIFR',
  'CLSK',
  'IREN',
  'MARA',
  'RIOT',
  ...Array.from({ length: 15 }, (_, i) => `BM${'ABCDEFGHIJKLMNO'[i]}`),
];

if (!existsSync(CLI)) {
  console.error(`${CLI} is missing: run npm run build first (this bench times the built CLI and builds nothing).`);
  process.exit(1);
}
const apis = await startFakeShareApis();
const baseEnv: Record<string, string | undefined> = { ...process.env };
for (const name of ['DATABASE_URL', 'RERATE_DB', 'RERATE_DATA_DIR', 'XDG_DATA_HOME']) delete baseEnv[name];
const sourcesEnv = {
  RERATE_TIINGO_TOKEN: SHARE_TIINGO_KEY,
  RERATE_TIINGO_URL: apis.tiingo.url,
  RERATE_YAHOO_URL: apis.yahoo.url,
  RERATE_NASDAQ_URL: apis.nasdaq.url,
};

/** A whole CLI process, spawn to exit (asynchronously: the fakes answer from this process). */
function cli(args: string[], env: Record<string, string | undefined>): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(performance.now() - start)
        : reject(new Error(`rerate ${args.join(' ')}: ${code}\n${stderr}`)),
    );
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const inProcess: number[] = [];
const refreshProcess: number[] = [];
const updateOnStore: number[] = [];
const updateBaseline: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const providers = [
    tiingoSharePrices({ baseUrl: apis.tiingo.url, apiKey: SHARE_TIINGO_KEY }),
    yahooSharePrices({ baseUrl: apis.yahoo.url }),
    nasdaqSharePrices({ baseUrl: apis.nasdaq.url }),
  ];
  const start = performance.now();
  const refreshed = await refreshSharePrices(TICKERS, providers, new Map(), yesterday, () => undefined);
  inProcess.push(performance.now() - start);
  if (refreshed.history.size !== TICKERS.length) throw new Error(`refreshed ${refreshed.history.size} tickers`);

  const home = mkdtempSync(join(tmpdir(), 'rerate-bench-shares-'));
  try {
    const env = { ...baseEnv, ...sourcesEnv, HOME: home, RERATE_DATA_DIR: join(home, 'data') };
    refreshProcess.push(await cli(['data', 'refresh', '--source', 'shares'], env));
    updateOnStore.push(await cli(['update'], env));
    updateBaseline.push(await cli(['update'], { ...baseEnv, HOME: home }));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
await apis.close();

const show = (label: string, values: number[]) =>
  console.log(
    `${label}: median ${median(values).toFixed(0)} ms, min ${Math.min(...values).toFixed(0)} ms, ` +
      `max ${Math.max(...values).toFixed(0)} ms`,
  );
console.log(`${RUNS} runs; fakes on 127.0.0.1, a year of closes per ticker from three sources`);
show(`refresh ${TICKERS.length} tickers (in process)`, inProcess);
show('rerate data refresh --source shares (5 covered tickers, whole process)', refreshProcess);
show('rerate update on the refreshed store (whole process)', updateOnStore);
show('rerate update on the embedded data (baseline, whole process)', updateBaseline);
const total = median(inProcess) + median(updateOnStore);
const verdict = total < TARGET_MS ? 'met' : 'MISSED';
console.log(`total, 20-ticker refresh + update: ${total.toFixed(0)} ms [target < ${TARGET_MS} ms: ${verdict}]`);
