// Bundles the CLI into dist/rerate.js (and its Monte Carlo worker beside it) with esbuild (no rollup: see ../shared/ENGINEERING.md).
import { build } from 'esbuild';

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
