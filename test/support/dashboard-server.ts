// The dashboard as a user meets it, for the browser tests and the repaint bench: the web/ bundle built by
// scripts/build-web.mjs into a temporary folder, served by the real API server (src/server) in this process on
// 127.0.0.1 with a temporary SQLite run store and today pinned to 2026-02-05.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inProcessMonteCarlo } from '../../src/data/in-process-monte-carlo.ts';
import { COMMANDS } from '../../src/app/registry.ts';
import { defaultPorts } from '../../src/cli/default-ports.ts';
import { startApiServer } from '../../src/server/api-server.ts';

type BuildDashboard = (options: { outdir: string }) => Promise<{ index: string; script: string; styles: string }>;

/**
 * scripts/build-web.mjs's buildDashboard. A plain .mjs has no types, so it is loaded by URL: two folders up from this
 * file (test/support/) and from the bundled bench (dist/bench/) alike.
 */
export async function buildDashboard(outdir: string): Promise<void> {
  const module = (await import(new URL('../../scripts/build-web.mjs', import.meta.url).href)) as {
    buildDashboard: BuildDashboard;
  };
  await module.buildDashboard({ outdir });
}

export interface DashboardServer {
  url: string;
  /** The folder holding the built dashboard, the run store and anything else the server wrote. */
  folder: string;
  close(): Promise<void>;
}

export interface DashboardServerOptions {
  /** A built dashboard to serve (default: built afresh into the server's folder). */
  dashboardRoot?: string;
  /** Require this bearer token (RERATE_API_TOKEN). */
  token?: string;
  /** Passed to the note's PDF printer (RERATE_CHROMIUM). */
  chromiumPath?: string;
  /** A local data store to serve (RERATE_DATA_DIR; default: an empty one, so the embedded data). */
  dataDir?: string;
}

export async function startDashboardServer(options: DashboardServerOptions = {}): Promise<DashboardServer> {
  const folder = mkdtempSync(join(tmpdir(), 'rerate-dashboard-'));
  const dashboardRoot = options.dashboardRoot ?? join(folder, 'web');
  if (options.dashboardRoot === undefined) await buildDashboard(dashboardRoot);
  const env: Record<string, string> = {
    RERATE_DB: join(folder, 'runs.sqlite'),
    RERATE_TODAY: '2026-02-05',
    RERATE_DATA_DIR: options.dataDir ?? join(folder, 'data'),
  };
  if (options.chromiumPath !== undefined) env['RERATE_CHROMIUM'] = options.chromiumPath;
  const ports = defaultPorts({ env, monteCarlo: inProcessMonteCarlo });
  const server = await startApiServer({
    ports,
    commands: COMMANDS,
    host: '127.0.0.1',
    port: 0,
    token: options.token,
    dashboardRoot,
    rateLimit: 'off',
    log: (line) => process.stderr.write(`${line}\n`),
  });
  return {
    url: server.url,
    folder,
    async close() {
      await server.close();
      await (await ports.runs.open()).close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
