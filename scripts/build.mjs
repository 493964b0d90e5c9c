// Bundles the CLI into dist/rerate.js (and its Monte Carlo worker beside it) with esbuild (no rollup: see ../shared/ENGINEERING.md),
// and the dashboard into dist/web (scripts/build-web.mjs), which `rerate serve` serves.
import { build } from 'esbuild';
import { buildDashboard } from './build-web.mjs';

await build({
  entryPoints: { rerate: 'src/cli/main.ts', 'monte-carlo-worker': 'src/data/monte-carlo-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});

await buildDashboard({ outdir: 'dist/web' });
