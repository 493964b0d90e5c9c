// Bundles the dashboard (web/, DESIGN.md §10) with esbuild into a folder the API server serves at `/`: index.html,
// app.js (web/src/main.tsx and the chart code it shares with the note) and app.css. No rollup or Vite: see
// ../shared/ENGINEERING.md. `node scripts/build-web.mjs` builds into dist/web.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(import.meta.dirname, '..');

/** Builds the dashboard into `outdir` (created if missing); returns the three files written. */
export async function buildDashboard({ outdir }) {
  const target = resolve(ROOT, outdir);
  await mkdir(target, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'web/src/main.tsx')],
    outfile: join(target, 'app.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  });
  await copyFile(join(ROOT, 'web/index.html'), join(target, 'index.html'));
  await copyFile(join(ROOT, 'web/styles.css'), join(target, 'app.css'));
  return { index: join(target, 'index.html'), script: join(target, 'app.js'), styles: join(target, 'app.css') };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDashboard({ outdir: 'dist/web' });
}
