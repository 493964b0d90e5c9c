// Synthetic runs for the run store's tests, and (run as a script) a writer that saves them forever so a test can
// kill it mid-write:
//   node --import tsx test/support/run-store-crash-writer.ts <sqlite-path|postgres-url>
// It opens the store as the CLI does (openRunStore: open, then migrate) and prints one line per saved run,
// `saved <id> <seq> <ms>`, until it is killed.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sha256Hex } from '../../src/app/canonical-json.ts';
import { ENGINE_VERSION } from '../../src/app/engine-version.ts';
import type { RunFigure } from '../../src/app/ports/run-store.ts';
import { runIdOf } from '../../src/app/runs/run-manifest.ts';
import { type RecordedFile, type RunManifest } from '../../src/app/ports/run-store.ts';
import type { RunRecord } from '../../src/app/ports/run-store.ts';
import { openRunStore, runStoreLocation } from '../../src/store/open-run-store.ts';

export interface SyntheticRunOptions {
  tickers?: readonly string[];
  /** Figures per ticker: periods × metrics (the default 2 × 3 keeps a run small). */
  periods?: number;
  metrics?: number;
  command?: string;
  scenario?: string | null;
  codeCommit?: string | null;
}

/** The text of a company's file: the same for every run, so runs that read it share one stored text. */
export function companyText(ticker: string): string {
  return `ticker: ${ticker}\nname: ${ticker} Mining Corp\nsharesOutstanding: 123456789\n`;
}

/**
 * A run that looks like a saved `value`/`update`: a manifest naming one company file per ticker (shared text) and
 * one scenario file of its own (its text carries `key`), an envelope, companies and figures. `key` makes the id.
 */
export function syntheticRun(key: string, options: SyntheticRunOptions = {}): RunRecord {
  const tickers = options.tickers ?? ['MARA', 'RIOT'];
  const periods = options.periods ?? 2;
  const metrics = options.metrics ?? 3;
  const scenario = options.scenario === undefined ? 'base' : options.scenario;
  const texts = new Map<string, string>();
  const file = (
    role: RecordedFile['role'],
    request: string,
    path: string,
    text: string,
    builtIn?: boolean,
  ): RecordedFile => {
    const sha256 = sha256Hex(text);
    texts.set(sha256, text);
    return { role, request, file: path, sha256, ...(builtIn === undefined ? {} : { builtIn }) };
  };
  const files = [
    ...tickers.map((t) => file('company', t, `data/companies/${t.toLowerCase()}.yaml`, companyText(t))),
    file(
      'scenario',
      scenario ?? 'embedded',
      'data/scenarios/base.yaml',
      `name: base\nkey: ${key}\nhashprice: 0.05\n`,
      true,
    ),
  ];
  const input: Record<string, unknown> = {
    key,
    tickers: [...tickers],
    discountRate: 0.12,
    nested: { flags: [true, false], note: 'ünïcødé ✓' },
  };
  if (scenario !== null) input['scenario'] = scenario;
  input['methodology'] = 'sotp';
  const manifest: RunManifest = {
    command: options.command ?? 'update',
    input,
    asOf: '2025-06-30',
    files,
    coverage: [...tickers],
    data: { snapshotId: 'snapshot-2025-06-30', dataAsOf: { difficulty: '2025-06-30', price: '2025-06-29' } },
    engineVersion: ENGINE_VERSION,
    codeCommit: options.codeCommit === undefined ? '0123456789abcdef0123456789abcdef01234567' : options.codeCommit,
    seed: null,
  };
  const id = runIdOf(manifest);
  const figures: RunFigure[] = [];
  let n = 0;
  for (const ticker of tickers) {
    for (let p = 0; p < periods; p++) {
      for (let m = 0; m < metrics; m++) {
        n++;
        figures.push({
          ticker,
          period: p === 0 ? 'valuation' : `${2024 + Math.floor(p / 4)}Q${(p % 4) + 1}`,
          metric: `metric${m}`,
          value: n % 17 === 0 ? null : n / 7 + 0.1,
        });
      }
    }
  }
  const companies = tickers.map((ticker, i) => ({
    ticker,
    rating: i % 3 === 2 ? null : i % 2 === 0 ? 'buy' : 'hold',
    targetUsd: i % 3 === 2 ? null : 10.25 + i,
  }));
  return {
    id,
    manifest,
    texts,
    envelope: {
      results: {
        key,
        companies: companies.map((c) => ({ ...c, upside: 0.1 })),
        nested: { list: [1, null, 'x', { deep: true }] },
      },
      asOf: manifest.asOf,
      inputsHash: id,
      dataAsOf: manifest.data.dataAsOf,
      warnings: [{ code: 'fees-imputed', message: 'fees were imputed', field: 'companies[0].fees' }],
      engineVersion: ENGINE_VERSION,
    },
    figures,
    companies,
  };
}

async function main(target: string | undefined): Promise<void> {
  if (target === undefined || target === '') {
    console.error('usage: run-store-crash-writer.ts <sqlite-path|postgres-url>');
    process.exit(2);
  }
  const location = /^postgres(ql)?:\/\//.test(target)
    ? runStoreLocation({ DATABASE_URL: target })
    : runStoreLocation({ RERATE_DB: target });
  const store = await openRunStore(location);
  // Distinct across restarts of the writer too: the pid and start time go into every run's key.
  const writer = `${process.pid}-${Date.now()}`;
  for (let i = 0; ; i++) {
    const run = syntheticRun(`${writer}-${i}`, { tickers: ['MARA', 'RIOT', 'CLSK'], periods: 50, metrics: 20 });
    const started = performance.now();
    const { seq } = await store.save(run);
    process.stdout.write(`saved ${run.id} ${seq} ${Math.round(performance.now() - started)}\n`);
  }
}

const script = process.argv[1];
if (script !== undefined && import.meta.url === pathToFileURL(resolve(script)).href) {
  // Fail loudly (the test reads stderr) rather than leave an unhandled rejection's default message.
  main(process.argv[2]).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
