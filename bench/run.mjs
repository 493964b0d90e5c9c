// Runs every bench/*.bench.ts as shipped code: bundled by esbuild (as the CLI is) and run by plain node with
// --expose-gc, so no TypeScript loader competes with the figures. Usage: npm run bench [-- name-filter]
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const filter = process.argv[2] ?? '';
const benches = readdirSync('bench').filter((name) => name.endsWith('.bench.ts') && name.includes(filter));
for (const name of benches) {
  const outfile = `dist/bench/${name.replace(/\.ts$/, '.js')}`;
  await build({
    entryPoints: [`bench/${name}`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // Benchmarks that use worker threads find the bundled worker beside them.
  await build({
    entryPoints: ['src/data/monte-carlo-worker.ts'],
    outfile: 'dist/bench/monte-carlo-worker.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  console.log(`# ${name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
