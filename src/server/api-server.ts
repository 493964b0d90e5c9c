/**
 * `rerate serve`: the command registry over HTTP (fastify), the OpenAPI document and its docs page, and the built
 * dashboard. Every route is thin over the registry: the same input schemas, the same `executeParsed`, the same
 * result envelope as `rerate … --json`. Errors become `{ code, message, path }` in one place (api-error.ts).
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canonicalJson } from '../app/canonical-json.ts';
import type { CommandDefinition } from '../app/command.ts';
import { ENGINE_VERSION } from '../app/engine-version.ts';
import type { AppPorts } from '../app/ports/app-ports.ts';
import { parseInput } from '../schema/parse-input.ts';
import { ApiError, errorResponse, type FieldPlace } from './api-error.ts';
import { bearerMatches, isLoopbackHost, tokenRuleProblem } from './bearer-token.ts';
import { commandExecution } from './command-execution.ts';
import { API_PREFIX, commandRoutes, inputOfRequest, notServed, placeInRequest } from './command-routes.ts';
import { DASHBOARD_MISSING_PAGE, dashboardFiles } from './dashboard-files.ts';
import { docsPage } from './docs-page.ts';
import { fileDownloads } from './file-downloads.ts';
import { httpPorts } from './http-ports.ts';
import { openApiDocument } from './openapi-document.ts';
import { DEFAULT_REQUESTS_PER_MINUTE, rateLimiter } from './rate-limiter.ts';
import { resultCache } from './result-cache.ts';
import { workerPool, type WorkerPoolSettings } from './worker-pool.ts';

export interface ApiServerOptions {
  ports: AppPorts;
  commands: readonly CommandDefinition[];
  /** The address the server is bound to: off loopback, a token is required (bearer-token.ts). */
  host: string;
  /** RERATE_API_TOKEN: when set, every API route requires it as a bearer token. */
  token?: string | undefined;
  /** The built dashboard's folder (index.html, app.js, app.css); absent: `/` says how to build it. */
  dashboardRoot?: string | undefined;
  /** Requests per minute per client address (default 1200), or 'off'. */
  rateLimit?: { requestsPerMinute: number } | 'off' | undefined;
  /** Where unexpected errors are logged (with their stack); default stderr. */
  log?: ((line: string) => void) | undefined;
  /** Milliseconds now, for the rate limit (tests move it); default the wall clock. */
  nowMs?: (() => number) | undefined;
  /**
   * The worker pool heavy commands run on (worker-pool.ts), closed with the server. Absent, or 0 workers: every
   * command computes on the server's thread.
   */
  pool?: WorkerPoolSettings | undefined;
}

/** Request limits: a JSON body, a URL (path and query) and a path parameter. */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_URL_LENGTH = 4096;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
};

/** The body of POST /api/v1/runs: a command whose runs are saved, and its input. */
function saveRunBodySchema(savedCommands: readonly string[]) {
  return z
    .object({
      command: z.enum(savedCommands, { error: `expected one of ${savedCommands.join(', ')}` }),
      input: z.record(z.string(), z.unknown()).default({}),
    })
    .strict();
}

export async function createApiServer(options: ApiServerOptions): Promise<FastifyInstance> {
  const problem = tokenRuleProblem(options.host, options.token);
  if (problem) throw new Error(problem);
  const ports = httpPorts(options.ports);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const nowMs = options.nowMs ?? (() => Date.now());
  const limiter =
    options.rateLimit === 'off'
      ? undefined
      : rateLimiter(options.rateLimit?.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE);
  const routes = commandRoutes(options.commands);
  const document = openApiDocument(routes, {
    tokenRequired: options.token !== undefined,
    notServed: notServed(options.commands),
  });
  const savedCommands = options.commands.filter((command) => command.savedRun);
  const saveRunBody = saveRunBodySchema(savedCommands.map((command) => command.name));
  const documentJson = JSON.stringify(document);
  const docsHtml = docsPage(document);
  const dashboard = dashboardFiles(options.dashboardRoot);
  const cache = resultCache();

  const send = (reply: FastifyReply, error: unknown, placeOf?: FieldPlace) => {
    const response = errorResponse(error, placeOf);
    if (response.unexpected)
      log(
        `rerate serve: ${reply.request.method} ${reply.request.url}: ` +
          `${response.unexpected.stack ?? response.unexpected.message}`,
      );
    return reply
      .code(response.status)
      .headers(SECURITY_HEADERS)
      .headers(response.headers)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(response.body));
  };
  const loopbackOnly = isLoopbackHost(options.host);
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // Path parameters are bounded by the URL limit below (checked in onRequest, answered in our error format).
    routerOptions: { maxParamLength: 1_000_000 },
    requestTimeout: 120_000,
    return503OnClosing: true,
    // Malformed URLs ('%zz') are answered by the one error format too, not fastify's own.
    frameworkErrors: (error, _request, reply) => send(reply, error),
    // Requests node's parser refuses (oversized headers, garbage) get the same error form, written on the socket.
    clientErrorHandler: (error, socket) => {
      const status = (error as { code?: string }).code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify({
        code: status === 431 ? 'headers-too-large' : 'bad-request',
        message:
          status === 431 ? 'the request line and headers are over the size limit' : 'the request could not be parsed',
        path: '',
      });
      if (socket.writable)
        socket.end(
          `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
            'Content-Type: application/json; charset=utf-8\r\n' +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
    },
  });

  const pool = options.pool && options.pool.workers > 0 ? workerPool(options.pool, options.ports.runs) : undefined;
  if (pool) app.addHook('onClose', () => pool.close());
  const execute = commandExecution(ports, pool);
  const download = fileDownloads(execute);

  // No answer carries a configured secret, wherever its text came from (errors included; issue 19).
  const redact = options.ports.redact;
  if (redact)
    app.addHook('onSend', async (_request, _reply, payload) =>
      typeof payload === 'string' ? redact(payload) : payload,
    );

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    // One Host, and no CR/LF in the path even %-encoded: two Hosts let a proxy and this server disagree on the target,
    // and a line break in a path is a header-injection attempt (issue 19).
    const hosts = request.raw.rawHeaders.filter(
      (_, i) => i % 2 === 0 && request.raw.rawHeaders[i]?.toLowerCase() === 'host',
    );
    if (hosts.length > 1) throw new ApiError(400, 'invalid-host', 'a request has one Host header', 'headers.host');
    if (/%0[ad]|[\r\n]/i.test(request.url))
      throw new ApiError(400, 'invalid-url', 'a line break in the URL is refused', 'url');
    // On loopback, a request naming another host is a page elsewhere whose name was rebound to this machine (DNS
    // rebinding): refused, so only the local user's browser and tools reach the API.
    if (loopbackOnly && !isLoopbackHost(hostNameOf(request.headers.host))) {
      throw new ApiError(
        403,
        'invalid-host',
        `the Host header ${JSON.stringify(request.headers.host ?? '')} does not name this loopback server`,
        'headers.host',
      );
    }
    // A page on another site cannot make the browser call this API (runs saved, heavy work started) on its behalf.
    if (request.headers['sec-fetch-site'] === 'cross-site')
      throw new ApiError(403, 'cross-site', 'requests from other sites are refused', 'headers.sec-fetch-site');
    if (request.url.length > MAX_URL_LENGTH)
      throw new ApiError(414, 'uri-too-long', `the URL is ${request.url.length} characters; at most ${MAX_URL_LENGTH}`);
    if (limiter) {
      const decision = limiter.take(request.ip, nowMs());
      if (!decision.allowed) {
        throw new ApiError(
          429,
          'rate-limited',
          `more than ${limiter.requestsPerMinute} requests a minute from ${request.ip}; ` +
            `retry in ${decision.retryAfterS} s`,
          '',
          { 'Retry-After': String(decision.retryAfterS) },
        );
      }
    }
    // The dashboard's static shell holds no data, and a browser must load it to ask for the token; everything else
    // needs it.
    const isDashboardShell =
      (request.method === 'GET' || request.method === 'HEAD') &&
      dashboard?.has(request.url.split('?')[0] ?? '') === true;
    if (
      options.token !== undefined &&
      !isDashboardShell &&
      !bearerMatches(request.headers.authorization, options.token)
    ) {
      throw new ApiError(
        401,
        'unauthorized',
        'this server requires Authorization: Bearer <RERATE_API_TOKEN>',
        'headers.authorization',
        { 'WWW-Authenticate': 'Bearer realm="rerate"' },
      );
    }
  });

  // Bodies are JSON only: anything else is refused with 415 before a route sees it.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, _request, reply) => send(reply, error));
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      new ApiError(404, 'unknown-route', `no route ${request.method} ${request.url.split('?')[0]}; see /docs`),
    ),
  );

  for (const route of routes) {
    const cached = route.definition.http?.uncached !== true;
    const placeOf = placeInRequest(route);
    app.get(route.url, async (request: FastifyRequest, reply) => {
      try {
        const raw = inputOfRequest(
          route,
          request.params as Record<string, string>,
          request.query as Record<string, unknown>,
        );
        const input = parseInput(route.definition.inputSchema, raw);
        await route.definition.http?.checkBudget?.(input, ports);
        const compute = async () => (await execute(route.definition, raw)).envelopeJson;
        const key = `${route.definition.name}\n${canonicalJson(input)}\n${ports.clock.today()}`;
        const { json, hit } = cached ? await cache.get(key, compute) : { json: await compute(), hit: false };
        return reply
          .header('x-rerate-cache', hit ? 'hit' : 'miss')
          .header('cache-control', 'no-store')
          .type('application/json; charset=utf-8')
          .send(json);
      } catch (error) {
        return send(reply, error, placeOf);
      }
    });
  }

  app.post(`${API_PREFIX}/runs`, async (request, reply) => {
    const place: FieldPlace = (path) => ['body', ...path].join('.');
    let placeOf = place;
    try {
      const body = parseInput(saveRunBody, request.body);
      const definition = savedCommands.find((command) => command.name === body.command);
      if (!definition) throw new ApiError(400, 'invalid-input', `${body.command} runs are not saved`, 'body.command');
      placeOf = (path) => ['body', 'input', ...path].join('.');
      await definition.http?.checkBudget?.(parseInput(definition.inputSchema, body.input), ports);
      // Computed where the command's declaration says; saved here, by the one thread that holds the run store.
      const { envelopeJson, run } = await execute(definition, body.input, { record: true });
      if (!run) throw new Error(`internal error: ${definition.name} recorded no run`);
      const store = await ports.runs.open();
      const saved = await store.save(run);
      const savedJson = JSON.stringify({ id: run.id, seq: saved.seq, created: saved.created });
      return reply
        .code(201)
        .type('application/json; charset=utf-8')
        .send(`{"envelope":${envelopeJson},"saved":${savedJson}}`);
    } catch (error) {
      return send(reply, error, placeOf);
    }
  });

  for (const definition of options.commands.filter((command) => command.http?.download)) {
    app.get(`${API_PREFIX}/${definition.name}`, async (request, reply) => {
      try {
        const file = await download(definition, request.query as Record<string, unknown>);
        return reply
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .headers(file.runId ? { 'x-rerate-run': file.runId } : {})
          .header('x-rerate-as-of', file.asOf)
          .header('x-rerate-warnings', String(file.warnings))
          .header('cache-control', 'no-store')
          .type(file.contentType)
          .send(file.body);
      } catch (error) {
        return send(reply, error, (path) => ['query', ...path].join('.'));
      }
    });
  }

  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(documentJson));
  app.get('/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(docsHtml));
  app.get('/healthz', async () => ({ ok: true, engineVersion: ENGINE_VERSION }));
  if (dashboard) {
    for (const [path, file] of dashboard)
      app.get(path, async (_request, reply) =>
        reply.type(file.contentType).header('cache-control', 'no-cache').send(file.body),
      );
  } else {
    app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(DASHBOARD_MISSING_PAGE));
  }
  return app;
}

/** The host name of a Host header (`127.0.0.1:8787` → `127.0.0.1`, `[::1]:8787` → `::1`). */
function hostNameOf(header: string | undefined): string {
  const text = header ?? '';
  const bracketed = /^\[([^\]]+)\]/.exec(text);
  return bracketed ? (bracketed[1] as string) : (text.split(':')[0] ?? '');
}

/** Starts the server on the address; `url` is where it listens (with the port chosen when 0 was asked). */
export async function startApiServer(
  options: ApiServerOptions & { port: number },
): Promise<{ url: string; close(): Promise<void> }> {
  const app = await createApiServer(options);
  // An address that cannot be bound closes the server (and stops its worker pool) before the error is reported.
  await app.listen({ port: options.port, host: options.host }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
