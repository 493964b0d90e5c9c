/**
 * `rerate serve`: starts the API and the dashboard (src/server) on the ports the CLI wires, until SIGINT or SIGTERM.
 * Loopback by default; off loopback it refuses to start without RERATE_API_TOKEN (src/server/bearer-token.ts).
 */
// The rate limiter and the pool's defaults are light; the server (and fastify) load only when `serve` runs.
import { DEFAULT_REQUESTS_PER_MINUTE } from '../server/rate-limiter.ts';
import { DEFAULT_DEADLINE_S, DEFAULT_QUEUE_BOUND, defaultWorkerCount } from '../server/worker-pool.ts';
import { workerScriptBeside } from '../data/worker-script.ts';
import type { CommandWorkerData } from './command-worker.ts';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandDefinition } from '../app/command.ts';
import type { AppPorts } from '../app/ports/app-ports.ts';
import { TOKEN_VARIABLE, tokenRuleProblem } from '../server/bearer-token.ts';
import type { CliIo, ProcessCommand } from './run-cli.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './run-cli.ts';

export interface ServeSetup {
  ports: AppPorts;
  commands: readonly CommandDefinition[];
  env: Record<string, string | undefined>;
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  stopSignal?: () => Promise<void>;
  /** Told the address once the server listens (tests). */
  onListening?: (url: string) => void;
  /** The environment the pool's workers build their ports from, as `ports` was built; default the process's. */
  workerEnv?: Record<string, string | undefined>;
}

/** Most workers and waiting requests `serve` accepts, and the longest deadline: beyond them, a typo. */
const MAX_WORKERS = 64;
const MAX_QUEUE_BOUND = 10_000;
const MAX_DEADLINE_S = 3600;

/** The built dashboard: beside the bundled CLI (dist/web), or the checkout's dist/web when run from src/ by tsx. */
export function builtDashboardRoot(): string | undefined {
  const candidates = [new URL('./web/', import.meta.url), new URL('../../dist/web/', import.meta.url)].map((url) =>
    fileURLToPath(url),
  );
  return candidates.find((folder) => existsSync(`${folder}/index.html`));
}

/** The pool's worker entry (command-worker.ts) beside this module, bundled or from source. */
export function commandWorkerScript(): URL {
  return workerScriptBeside(import.meta.url, 'command-worker');
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export function serveCommand(setup: ServeSetup): ProcessCommand {
  return {
    name: 'serve',
    summary: 'Serve the HTTP API (OpenAPI at /openapi.json, docs at /docs) and the dashboard',
    description:
      'Every command of the registry as GET /api/v1/<command words>, returning the same result envelope as --json; ' +
      'the research note and the workbook as downloads; the dashboard at /. Loopback by default; bound elsewhere, ' +
      'every API route requires ' +
      `Authorization: Bearer $${TOKEN_VARIABLE}, and without it the server does not start. Runs until interrupted.`,
    examples: ['rerate serve', 'rerate serve --port 9000', `${TOKEN_VARIABLE}=… rerate serve --host 0.0.0.0`],
    options: [
      { flag: '--port <port>', description: 'TCP port (0: any free port)', defaultValue: '8787' },
      { flag: '--host <address>', description: 'address to bind', defaultValue: '127.0.0.1' },
      {
        flag: '--rate-limit <n|off>',
        description: 'requests per minute per client address',
        defaultValue: String(DEFAULT_REQUESTS_PER_MINUTE),
      },
      {
        flag: '--workers <n>',
        description:
          'worker threads for heavy requests (valuations, grids, projections, notes); 0: computed on the ' +
          "server's thread (default: one per core but one)",
        defaultValue: String(defaultWorkerCount()),
      },
      {
        flag: '--queue <n>',
        description: 'heavy requests that may wait for a worker; one more is answered 503 with Retry-After',
        defaultValue: String(DEFAULT_QUEUE_BOUND),
      },
      {
        flag: '--deadline <seconds>',
        description: 'time a heavy request may take from its arrival: 503 if still waiting, 504 (stopped) if running',
        defaultValue: String(DEFAULT_DEADLINE_S),
      },
    ],
    async run(flags, io: CliIo) {
      const port = Number(flags['port']);
      const host = String(flags['host']);
      const rateText = String(flags['rateLimit']);
      const rate = rateText === 'off' ? 'off' : Number(rateText);
      if (!/^\d+$/.test(String(flags['port'])) || port > 65535)
        return usage(io, `--port: expected a port from 0 to 65535; found ${String(flags['port'])}`);
      if (rate !== 'off' && !(Number.isInteger(rate) && rate > 0))
        return usage(
          io,
          `--rate-limit: expected a positive whole number of requests per minute, or off; found ${rateText}`,
        );
      const workersText = String(flags['workers']);
      const queueText = String(flags['queue']);
      const deadlineText = String(flags['deadline']);
      if (!/^\d+$/.test(workersText) || Number(workersText) > MAX_WORKERS)
        return usage(io, `--workers: expected a whole number from 0 to ${MAX_WORKERS}; found ${workersText}`);
      if (!/^\d+$/.test(queueText) || Number(queueText) > MAX_QUEUE_BOUND)
        return usage(io, `--queue: expected a whole number from 0 to ${MAX_QUEUE_BOUND}; found ${queueText}`);
      if (!/^\d+(\.\d+)?$/.test(deadlineText) || !(Number(deadlineText) > 0) || Number(deadlineText) > MAX_DEADLINE_S)
        return usage(io, `--deadline: expected seconds above 0, at most ${MAX_DEADLINE_S}; found ${deadlineText}`);
      const workers = Number(workersText);
      const workerData: CommandWorkerData = { env: setup.workerEnv };
      const pool = {
        workers,
        queueBound: Number(queueText),
        deadlineMs: Number(deadlineText) * 1000,
        script: commandWorkerScript(),
        workerData,
      };
      const token = setup.env[TOKEN_VARIABLE] || undefined;
      const problem = tokenRuleProblem(host, token);
      if (problem) return usage(io, problem);
      const dashboardRoot = builtDashboardRoot();
      // Loaded here, not at start-up: the server and fastify are only needed by `serve`.
      const { startApiServer } = await import('../server/api-server.ts');
      let server;
      try {
        server = await startApiServer({
          ports: setup.ports,
          commands: setup.commands,
          host,
          port,
          token,
          dashboardRoot,
          rateLimit: rate === 'off' ? 'off' : { requestsPerMinute: rate },
          pool,
          log: (line) => io.stderr(`${line}\n`),
        });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const why =
          code === 'EADDRINUSE'
            ? `${host}:${port} is in use (--port another)`
            : code === 'EADDRNOTAVAIL'
              ? `${host} is not an address of this machine`
              : error instanceof Error
                ? error.message
                : String(error);
        io.stderr(`rerate: failed: cannot serve: ${why}\n`);
        return EXIT_FAILURE;
      }
      io.stderr(
        `rerate: serving on ${server.url} — dashboard ${server.url}/` +
          `${dashboardRoot ? '' : ' (not built: npm run build)'}` +
          `, API ${server.url}/api/v1, docs ${server.url}/docs` +
          (workers > 0
            ? `; heavy requests on ${workers} worker thread${workers === 1 ? '' : 's'} (queue ${pool.queueBound}, ` +
              `deadline ${deadlineText} s)`
            : "; heavy requests on the server's thread (--workers 0)") +
          `${token ? '; a bearer token is required' : ''}; Ctrl-C stops\n`,
      );
      setup.onListening?.(server.url);
      await (setup.stopSignal ?? untilSignal)();
      await server.close();
      io.stderr('rerate: server stopped\n');
      return EXIT_OK;
    },
  };
}

function usage(io: CliIo, message: string): number {
  io.stderr(`rerate: error: ${message}\n`);
  return EXIT_USAGE;
}
