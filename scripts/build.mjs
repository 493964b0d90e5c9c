// Bundles the CLI into dist/rerate.js (and its worker entries beside it: Monte Carlo, and `serve`'s pool) with esbuild
// (no rollup: see ../shared/ENGINEERING.md), and the dashboard into dist/web (scripts/build-web.mjs), which
// `rerate serve` serves.
// Code splitting: what src/cli/main.ts and the adapters import dynamically goes into dist/chunk-*.js beside
// dist/rerate.js (not a subfolder: modules find dist/web, data/ and the worker relative to their own URL), so a
// command loads only what it runs (`rerate --version` loads nothing else). Chunks of earlier builds are removed.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { buildDashboard } from './build-web.mjs';

const result = await build({
  // Worker entries sit beside dist/rerate.js, where src/data/worker-script.ts finds them.
  entryPoints: {
    rerate: 'src/cli/main.ts',
    'monte-carlo-worker': 'src/data/monte-carlo-worker.ts',
    'command-worker': 'src/cli/command-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  metafile: true,
  logLevel: 'warning',
});
const written = new Set(Object.keys(result.metafile.outputs));
for (const name of readdirSync('dist'))
  if (/^chunk-\w+\.js$/.test(name) && !written.has(`dist/${name}`)) rmSync(`dist/${name}`, { force: true });

await buildDashboard({ outdir: 'dist/web' });
