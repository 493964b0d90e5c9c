// The HTTP API (src/server) in process: every route of the registry with a sensible input and the same envelope as
// the CLI, the results cache, value --set, bad inputs with their error paths, file downloads, the token rule (and
// `rerate serve` itself), the rate limit, the OpenAPI document and its docs page. Requests go through fastify's
// `inject` (no sockets), except the one `rerate serve` test that listens on a free port and fetches /healthz.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { CommandDefinition } from '../src/app/command.ts';
import { ENGINE_VERSION } from '../src/app/engine-version.ts';
import { executeCommand } from '../src/app/execute-command.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts, type DefaultPorts } from '../src/cli/default-ports.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { serveCommand } from '../src/cli/serve-command.ts';
import { findChromium } from '../src/report/pdf-chromium.ts';
import { createApiServer, MAX_BODY_BYTES, MAX_URL_LENGTH, type ApiServerOptions } from '../src/server/api-server.ts';
import { bearerMatches, isLoopbackHost } from '../src/server/bearer-token.ts';
import { API_PREFIX, commandRoutes, notServed } from '../src/server/command-routes.ts';
import { rateLimiter } from '../src/server/rate-limiter.ts';
import { resultCache } from '../src/server/result-cache.ts';
import { rerateJson } from './support/cli-runner.ts';
import { assertAvailable, skipUnless, systemRequirement } from './support/requires.ts';

const ROUTES = commandRoutes(COMMANDS);
const TOKEN = 'test-token-0123456789abcdef';
const ENVELOPE_KEYS = ['asOf', 'dataAsOf', 'engineVersion', 'inputsHash', 'results', 'warnings'];
const UNCACHED_COMMANDS = new Set(['runs list', 'runs show', 'runs replay', 'diff', 'data status', 'filings show']);

/** The two update runs saved before the route table runs (older: as of 2025-12-31, newer: the data's last day). */
interface SavedRuns {
  older: string;
  newer: string;
}

/**
 * A sensible request for every served command, as the path after /api/v1 (query included). A command added to the
 * registry without an entry here fails the first test below.
 */
const ROUTE_INPUTS: Record<string, (runs: SavedRuns) => string> = {
  'network status': () => '/network/status?efficiencyJPerTh=15,17.5&powerPriceUsdPerMwh=45',
  'network history': () => '/network/history?from=2026-01-01&to=2026-01-31&interval=week',
  'network project': () => '/network/project?to=2026-06-30',
  'network backtest': () => '/network/backtest?from=2025-06-01&to=2025-12-31',
  'scenario list': () => '/scenario/list',
  'scenario show': () => '/scenario/show/bear',
  update: () => '/update',
  value: () => '/value/CIFR',
  sensitivity: () => '/sensitivity/RIOT?x=btc-price=80000:90000:10000&y=network-growth=0.1:0.2:0.1',
  tornado: () => '/tornado/RIOT?bump=0.2',
  implied: () => '/implied/RIOT?solve=btc-price',
  comps: () => '/comps',
  policy: () => '/policy/ercot?window=18mo&probability=0.5',
  diff: (runs) => `/diff?runA=${runs.older.slice(0, 12)}&runB=${runs.newer.slice(0, 12)}&ticker=CIFR`,
  'runs list': () => '/runs/list?limit=5',
  'runs show': (runs) => `/runs/show/${runs.newer.slice(0, 12)}`,
  'runs replay': (runs) => `/runs/replay/${runs.older}`,
  'data status': () => '/data/status',
  'filings show': () => '/filings/show/CIFR',
  'methodology list': () => '/methodology/list',
  'methodology show': () => '/methodology/show/jpm-2025-11',
  estimates: () => '/estimates/CIFR?quarters=2025Q4',
  'cost-curve': () => '/cost-curve?quarters=1',
  'backtest production': () => '/backtest/production',
  'coverage list': () => '/coverage/list',
  'coverage show': () => '/coverage/show/CIFR',
  'schema company': () => '/schema/company',
};

// --- helpers -------------------------------------------------------------------------------------------------------

function testPorts(): DefaultPorts {
  return defaultPorts({ env: { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05' }, monteCarlo: inProcessMonteCarlo });
}

/** One server for a describe block, closed (with its run store) after it. */
function serverFor(options: () => Partial<ApiServerOptions> & { ports?: DefaultPorts } = () => ({})) {
  const held: { app?: FastifyInstance; ports?: DefaultPorts } = {};
  before(async () => {
    const extra = options();
    const ports = extra.ports ?? testPorts();
    held.ports = ports;
    held.app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ...extra, ports });
  });
  after(async () => {
    await held.app?.close();
    await held.ports?.runs.close();
  });
  return {
    get app(): FastifyInstance {
      assert.ok(held.app, 'the server is built in before()');
      return held.app;
    },
    get ports(): DefaultPorts {
      assert.ok(held.ports, 'the ports are built in before()');
      return held.ports;
    },
  };
}

const get = (
  app: FastifyInstance,
  url: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> => app.inject({ method: 'GET', url, headers });
const postRun = (
  app: FastifyInstance,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> =>
  app.inject({
    method: 'POST',
    url: `${API_PREFIX}/runs`,
    payload: body as NonNullable<InjectOptions['payload']>,
    headers,
  });
const inject = (app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> => app.inject(options);

function definitionOf(name: string): CommandDefinition {
  const definition = COMMANDS.find((command) => command.name === name);
  assert.ok(definition, `no command ${name}`);
  return definition;
}

interface Envelope {
  results: Record<string, unknown>;
  asOf: string;
  inputsHash: string;
  dataAsOf: Record<string, string>;
  warnings: { code: string; message: string }[];
  engineVersion: string;
}

/** A 200 whose body is a valid result envelope of the command (its results pass the command's output schema). */
function assertEnvelope(response: LightMyRequestResponse, definition: CommandDefinition, label: string): Envelope {
  assert.equal(response.statusCode, 200, `${label}: ${response.body.slice(0, 400)}`);
  assert.match(String(response.headers['content-type']), /^application\/json/, label);
  return checkEnvelope(response.json() as Envelope, definition, label);
}

function checkEnvelope(body: Envelope, definition: CommandDefinition, label: string): Envelope {
  assert.deepEqual(Object.keys(body).sort(), ENVELOPE_KEYS, label);
  assert.match(body.inputsHash, /^[0-9a-f]{64}$/, label);
  assert.equal(body.engineVersion, ENGINE_VERSION, label);
  // A day, or 'n/a' / '' for results that describe no day (lists of files, the run store).
  assert.ok(['', 'n/a'].includes(body.asOf) || /^\d{4}-\d{2}-\d{2}$/.test(body.asOf), `${label}: asOf ${body.asOf}`);
  for (const [series, day] of Object.entries(body.dataAsOf))
    assert.match(day, /^\d{4}-\d{2}-\d{2}$/, `${label}: dataAsOf.${series}`);
  assert.ok(Array.isArray(body.warnings), label);
  for (const warning of body.warnings) {
    assert.equal(typeof warning.code, 'string', label);
    assert.equal(typeof warning.message, 'string', label);
  }
  const checked = definition.outputSchema.safeParse(body.results);
  assert.ok(
    checked.success,
    `${label}: results fail the output schema: ` +
      `${checked.error?.issues[0]?.path.join('.')} ${checked.error?.issues[0]?.message}`,
  );
  return body;
}

/**
 * An error answer: the status, `{ code, message, path }` (plus optional issues) and nothing that looks like a
 * stack.
 */
function assertApiError(
  response: LightMyRequestResponse,
  status: number,
  code: string,
  path: string,
  message?: RegExp,
) {
  const label = `${response.raw.req.method} ${response.raw.req.url}`.slice(0, 160);
  assert.equal(response.statusCode, status, `${label}: ${response.body.slice(0, 400)}`);
  assert.match(String(response.headers['content-type']), /^application\/json/, label);
  const body = response.json() as Record<string, unknown>;
  for (const key of Object.keys(body))
    assert.ok(
      ['code', 'message', 'path', 'issues'].includes(key),
      `${label}: unexpected key ${key} in ${response.body}`,
    );
  assert.equal(typeof body['message'], 'string', label);
  assert.equal(body['code'], code, `${label}: ${response.body}`);
  assert.equal(body['path'], path, `${label}: ${response.body}`);
  if (message) assert.match(body['message'] as string, message, label);
  assert.doesNotMatch(
    response.body,
    /\n\s+at |\bat [^ ]+ \(|node:internal|\.ts:\d+:\d+/,
    `${label}: a stack trace in ${response.body}`,
  );
  assertSecurityHeaders(response, label);
  return body;
}

function assertSecurityHeaders(response: LightMyRequestResponse, label: string) {
  assert.equal(response.headers['x-content-type-options'], 'nosniff', label);
  assert.match(String(response.headers['content-security-policy']), /default-src 'self'/, label);
  assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/, label);
  assert.equal(response.headers['x-frame-options'], 'DENY', label);
  assert.equal(response.headers['referrer-policy'], 'no-referrer', label);
}

/** Saves the two update runs the route table refers to (runs show, runs replay, diff). */
async function saveTwoRuns(app: FastifyInstance, headers: Record<string, string> = {}): Promise<SavedRuns> {
  const older = await postRun(app, { command: 'update', input: { asOf: '2025-12-31' } }, headers);
  assert.equal(older.statusCode, 201, older.body);
  const newer = await postRun(app, { command: 'update' }, headers);
  assert.equal(newer.statusCode, 201, newer.body);
  return {
    older: (older.json() as { saved: { id: string } }).saved.id,
    newer: (newer.json() as { saved: { id: string } }).saved.id,
  };
}

function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

// --- every route ---------------------------------------------------------------------------------------------------

describe('every command route answers with the result envelope', () => {
  const server = serverFor();
  let runs: SavedRuns;
  before(async () => {
    runs = await saveTwoRuns(server.app);
  });

  test('the input table covers exactly the served commands; the rest of the registry is declared not served', () => {
    const served = ROUTES.map((route) => route.definition.name).sort();
    assert.deepEqual(
      Object.keys(ROUTE_INPUTS).sort(),
      served,
      'a command without an entry in ROUTE_INPUTS (or an entry for a command that is gone)',
    );
    const rest = COMMANDS.map((command) => command.name).filter((name) => !served.includes(name));
    assert.deepEqual(
      rest.sort(),
      notServed(COMMANDS)
        .map((command) => command.name)
        .sort(),
    );
    assert.deepEqual(rest.sort(), ['data refresh', 'export', 'filings fetch', 'note']);
    for (const route of ROUTES)
      assert.equal(route.url.split('/:')[0], `${API_PREFIX}/${route.definition.name.split(' ').join('/')}`);
  });

  const eachRouteCacheTestName =
    'each route: a 200 envelope; a repeat is a cache hit with the same body, except runs/diff/data (always computed)';
  test(eachRouteCacheTestName, async () => {
    for (const route of ROUTES) {
      const name = route.definition.name;
      const input = ROUTE_INPUTS[name];
      if (!input) continue; // reported by the test above
      const url = `${API_PREFIX}${input(runs)}`;
      const first = await get(server.app, url);
      assertEnvelope(first, route.definition, url);
      assertSecurityHeaders(first, url);
      assert.equal(first.headers['cache-control'], 'no-store', url);
      assert.equal(first.headers['x-rerate-cache'], 'miss', url);
      const second = await get(server.app, url);
      assertEnvelope(second, route.definition, url);
      assert.equal(second.headers['x-rerate-cache'], UNCACHED_COMMANDS.has(name) ? 'miss' : 'hit', url);
      assert.equal(second.body, first.body, `${url}: the repeat differs`);
    }
  });

  test('runs show, replay and diff answer for the saved runs', async () => {
    const shown = (await get(server.app, `${API_PREFIX}/runs/show/${runs.newer.slice(0, 8)}`)).json() as Envelope;
    assert.match(JSON.stringify(shown.results), new RegExp(runs.newer));
    const diff = (await get(server.app, `${API_PREFIX}/diff`)).json() as {
      results: { runA: { id: string; asOf: string }; runB: { id: string } };
    };
    assert.equal(diff.results.runA.id, runs.older);
    assert.equal(diff.results.runB.id, runs.newer);
    assert.equal(diff.results.runA.asOf, '2025-12-31');
  });

  test('a cache hit does not depend on the order of the query parameters', async () => {
    const a = await get(server.app, `${API_PREFIX}/network/history?from=2026-01-05&to=2026-01-20&interval=day`);
    assert.equal(a.headers['x-rerate-cache'], 'miss');
    const b = await get(server.app, `${API_PREFIX}/network/history?interval=day&to=2026-01-20&from=2026-01-05`);
    assert.equal(b.headers['x-rerate-cache'], 'hit');
    assert.equal(b.body, a.body);
  });

  const registryEnvelopeTestName =
    'the API gives the registry’s envelope: update, value, estimates, network status (same results, asOf, inputsHash)';
  test(registryEnvelopeTestName, async () => {
    const cases: [string, string, Record<string, unknown>][] = [
      ['update', '/update?asOf=2025-12-31&methodology=jpm-2025-11', { asOf: '2025-12-31', methodology: 'jpm-2025-11' }],
      ['value', '/value/RIOT?price=95000', { target: 'RIOT', price: 95_000 }],
      [
        'estimates',
        '/estimates/IREN?quarters=FY26Q1:FY26Q2&fiscal=true',
        { target: 'IREN', quarters: 'FY26Q1:FY26Q2', fiscal: true },
      ],
      [
        'network status',
        '/network/status?asOf=2025-11-18&efficiencyJPerTh=15,17.5,21&powerPriceUsdPerMwh=45',
        { asOf: '2025-11-18', efficiencyJPerTh: [15, 17.5, 21], powerPriceUsdPerMwh: 45 },
      ],
    ];
    for (const [name, path, input] of cases) {
      const response = await get(server.app, `${API_PREFIX}${path}`);
      const body = assertEnvelope(response, definitionOf(name), path);
      const direct = JSON.parse(
        JSON.stringify(await executeCommand(definitionOf(name), input, server.ports)),
      ) as Envelope;
      assert.deepEqual(body.results, direct.results, `${path}: results`);
      assert.equal(body.asOf, direct.asOf, `${path}: asOf`);
      assert.equal(body.inputsHash, direct.inputsHash, `${path}: inputsHash`);
      assert.deepEqual(body, direct, `${path}: the whole envelope`);
    }
  });

  const neverCachedTestName =
    'runs, diff and data are never cached: runs list shows a run saved in between with POST /api/v1/runs';
  test(neverCachedTestName, async () => {
    const url = `${API_PREFIX}/runs/list?limit=50`;
    const before = await get(server.app, url);
    assert.equal(before.headers['x-rerate-cache'], 'miss');
    const count = (before.json() as { results: { runs: unknown[] } }).results.runs.length;

    const saved = await postRun(server.app, { command: 'value', input: { target: 'CIFR', asOf: '2025-12-31' } });
    assert.equal(saved.statusCode, 201, saved.body);
    assertSecurityHeaders(saved, 'POST /api/v1/runs');
    const body = saved.json() as { envelope: Envelope; saved: { id: string; seq: number; created: boolean } };
    assert.deepEqual(Object.keys(body).sort(), ['envelope', 'saved']);
    checkEnvelope(body.envelope, definitionOf('value'), 'POST value');
    assert.equal(body.saved.id, body.envelope.inputsHash);
    assert.equal(body.saved.created, true);
    assert.equal(body.saved.seq, count + 1);

    const afterSave = await get(server.app, url);
    assert.equal(afterSave.headers['x-rerate-cache'], 'miss');
    const listed = (afterSave.json() as { results: { runs: { id: string }[] } }).results.runs;
    assert.equal(listed.length, count + 1);
    assert.ok(
      listed.some((run) => run.id === body.saved.id),
      'the new run is listed',
    );

    // The same run again: saved once.
    const again = await postRun(server.app, { command: 'value', input: { target: 'CIFR', asOf: '2025-12-31' } });
    assert.equal(again.statusCode, 201, again.body);
    assert.deepEqual((again.json() as { saved: unknown }).saved, {
      id: body.saved.id,
      seq: body.saved.seq,
      created: false,
    });

    for (const path of ['/data/status', `/diff?runA=${runs.older}&runB=${runs.newer}`, `/runs/show/${body.saved.id}`]) {
      assert.equal((await get(server.app, `${API_PREFIX}${path}`)).headers['x-rerate-cache'], 'miss', path);
      assert.equal((await get(server.app, `${API_PREFIX}${path}`)).headers['x-rerate-cache'], 'miss', path);
    }
  });

  const valueSetOverHttpTestName =
    'value --set over HTTP: the target moves, inputsSet echoes it, an inputs-set warning, as the CLI gives it';
  test(valueSetOverHttpTestName, async () => {
    const plain = (await get(server.app, `${API_PREFIX}/value/CIFR`)).json() as Envelope;
    const response = await get(server.app, `${API_PREFIX}/value/CIFR?set=btc-price=90000`);
    const set = assertEnvelope(response, definitionOf('value'), 'value set');
    const target = (envelope: Envelope) => (envelope.results['company'] as { targetUsd: number }).targetUsd;
    assert.notEqual(target(set), target(plain));
    assert.deepEqual(set.results['inputsSet'], [{ input: 'btc-price', value: 90_000, unit: 'USD' }]);
    assert.deepEqual(plain.results['inputsSet'], []);
    assert.ok(
      set.warnings.some((warning) => warning.code === 'inputs-set'),
      'an inputs-set warning',
    );
    assert.ok(!plain.warnings.some((warning) => warning.code === 'inputs-set'));
    assert.notEqual(set.inputsHash, plain.inputsHash);

    const cli = await rerateJson(server.ports, ['value', 'CIFR', '--set', 'btc-price=90000', '--no-save']);
    assert.deepEqual(set, cli, 'the API and `rerate value CIFR --set btc-price=90000 --json` agree');

    const several = assertEnvelope(
      await get(server.app, `${API_PREFIX}/value/CIFR?set=btc-price=90000,deal-probability=0.6`),
      definitionOf('value'),
      'two sets',
    );
    assert.deepEqual((several.results['inputsSet'] as { input: string }[]).map((s) => s.input).sort(), [
      'btc-price',
      'deal-probability',
    ]);
  });

  test('/healthz, and / without a built dashboard says how to build it', async () => {
    const health = await get(server.app, '/healthz');
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { ok: true, engineVersion: ENGINE_VERSION });
    assertSecurityHeaders(health, '/healthz');
    const home = await get(server.app, '/');
    assert.equal(home.statusCode, 200);
    assert.match(String(home.headers['content-type']), /^text\/html/);
    assert.match(home.body, /npm run build/);
    assertSecurityHeaders(home, '/');
  });
});

// --- bad inputs ----------------------------------------------------------------------------------------------------

describe('bad inputs are 4xx { code, message, path } naming the field', () => {
  /** What reached the scenario, methodology and reported-figure loaders behind the HTTP wrapper. */
  const reached: string[] = [];
  const folder = tempFolder('rerate-api-files-');
  const SECRET = 'SECRET-CONTENT-7f3a9c';
  const yamlFile = join(folder, 'private.yaml');
  const csvFile = join(folder, 'private.csv');
  writeFileSync(yamlFile, `name: ${SECRET}\ndescription: ${SECRET}\n`);
  writeFileSync(csvFile, `company,month,metric,value\n${SECRET},2025-01,btc,1\n`);

  const server = serverFor(() => {
    const ports = testPorts();
    const spied: DefaultPorts = {
      ...ports,
      scenarios: {
        list: () => ports.scenarios.list(),
        load: (name) => (reached.push(`scenario ${name}`), ports.scenarios.load(name)),
        readForwardCurve: (path, relativeTo) => (
          reached.push(`curve ${path}`),
          ports.scenarios.readForwardCurve(path, relativeTo)
        ),
      },
      methodologies: {
        list: () => ports.methodologies.list(),
        load: (name) => (reached.push(`methodology ${name}`), ports.methodologies.load(name)),
      },
      reported: {
        embedded: () => ports.reported.embedded(),
        load: (path, field) => (reached.push(`reported ${path}`), ports.reported.load(path, field)),
      },
    };
    return { ports: spied };
  });

  const api = (path: string) => get(server.app, `${API_PREFIX}${path}`);

  const queryParametersTestName =
    'query parameters: unknown, repeated, a bad date, a switch not true/false, a number that is not one';
  test(queryParametersTestName, async () => {
    assertApiError(
      await api('/network/status?foo=1'),
      400,
      'invalid-input',
      'query.foo',
      /unknown query parameter; this route takes: asOf, efficiencyJPerTh, powerPriceUsdPerMwh/,
    );
    assertApiError(
      await api('/scenario/list?asOf=2026-01-01'),
      400,
      'invalid-input',
      'query.asOf',
      /this route takes none/,
    );
    assertApiError(
      await api('/network/status?asOf=2026-01-01&asOf=2026-01-02'),
      400,
      'invalid-input',
      'query.asOf',
      /once/,
    );
    assertApiError(await api('/network/status?asOf=2026-13-01'), 400, 'invalid-input', 'query.asOf', /YYYY-MM-DD/);
    assertApiError(await api('/value/CIFR?asOf=yesterday'), 400, 'invalid-input', 'query.asOf', /YYYY-MM-DD/);
    assertApiError(await api('/estimates/CIFR?fiscal=yes'), 400, 'invalid-input', 'query.fiscal', /true or false/);
    assertApiError(await api('/estimates/CIFR?modelOnly='), 400, 'invalid-input', 'query.modelOnly', /true or false/);
    assertApiError(
      await api('/network/status?powerPriceUsdPerMwh=abc'),
      400,
      'invalid-input',
      'query.powerPriceUsdPerMwh',
      /number/,
    );
    assertApiError(
      await api('/network/status?efficiencyJPerTh=15,x'),
      400,
      'invalid-input',
      'query.efficiencyJPerTh.1',
      /number/,
    );
    assertApiError(await api('/value/CIFR?price=1e5'), 400, 'invalid-input', 'query.price', /price/);
    assertApiError(await api('/network/history?from=2026-01-01'), 400, 'invalid-input', 'query.to');
    assertApiError(
      await api('/network/project?to=2026-06-30&interval=year'),
      400,
      'invalid-input',
      'query.interval',
      /day|epoch|quarter/,
    );
    assertApiError(await api('/implied/RIOT?solve=nope'), 400, 'invalid-input', 'query.solve', /btc-price/);
  });

  test('path parameters: a malformed ticker or run id, an unknown rule, scenario or methodology', async () => {
    assertApiError(await api('/value/c!r'), 400, 'invalid-input', 'params.target', /ticker/);
    assertApiError(
      await api('/coverage/show/ZZZZ'),
      400,
      'invalid-input',
      'params.ticker',
      /no company file for "ZZZZ"/,
    );
    assertApiError(await api('/runs/show/xyz'), 400, 'invalid-input', 'params.run', /hex/);
    assertApiError(await api('/policy/nope'), 400, 'invalid-input', 'params.rule', /ercot/);
    assertApiError(
      await api('/scenario/show/nope'),
      400,
      'invalid-input',
      'params.scenario',
      /no built-in scenario "nope"/,
    );
    assertApiError(
      await api('/methodology/show/nope'),
      400,
      'invalid-input',
      'params.methodology',
      /no built-in methodology "nope"/,
    );
  });

  test('an unknown ticker is named where it was given: params.target (GET) and body.input.target (POST)', async () => {
    for (const path of ['/value/ZZZZ', '/estimates/ZZZZ', '/tornado/ZZZZ', '/implied/ZZZZ?solve=btc-price']) {
      assertApiError(await api(path), 400, 'invalid-input', 'params.target', /no company file for "ZZZZ"/);
    }
    assertApiError(
      await postRun(server.app, { command: 'value', input: { target: 'ZZZZ' } }),
      400,
      'invalid-input',
      'body.input.target',
      /no company file/,
    );
  });

  const filePathRefusedTestName =
    'a scenario, methodology or reported file given as a path is refused (files are CLI-only) and never read';
  test(filePathRefusedTestName, async () => {
    const relativePath = relative(process.cwd(), yamlFile);
    assert.match(relativePath, /^\.\.\//);
    const cases: [string, string, RegExp][] = [
      [`/update?scenario=${encodeURIComponent('../x.yaml')}`, 'query.scenario', /built-in scenario.*CLI only/],
      [`/update?scenario=${encodeURIComponent(relativePath)}`, 'query.scenario', /built-in scenario.*CLI only/],
      [`/value/CIFR?scenario=${encodeURIComponent(yamlFile)}`, 'query.scenario', /built-in scenario.*CLI only/],
      [
        `/value/CIFR?scenario=${encodeURIComponent('base,' + yamlFile)}`,
        'query.scenario',
        /built-in scenario.*CLI only/,
      ],
      ['/value/CIFR?scenario=a/b', 'query.scenario', /built-in scenario.*CLI only/],
      [
        `/value/CIFR?methodology=${encodeURIComponent('/etc/passwd')}`,
        'query.methodology',
        /built-in methodology.*CLI only/,
      ],
      [
        `/tornado/RIOT?methodology=${encodeURIComponent(yamlFile)}`,
        'query.methodology',
        /built-in methodology.*CLI only/,
      ],
      [
        `/network/project?to=2026-06-30&scenario=${encodeURIComponent(yamlFile)}`,
        'query.scenario',
        /built-in scenario.*CLI only/,
      ],
      [`/scenario/show/${encodeURIComponent(yamlFile)}`, 'params.scenario', /built-in scenario.*CLI only/],
      [`/scenario/show/${encodeURIComponent('../x.yaml')}`, 'params.scenario', /built-in scenario.*CLI only/],
      [
        `/methodology/show/${encodeURIComponent('/etc/passwd')}`,
        'params.methodology',
        /built-in methodology.*CLI only/,
      ],
      ['/estimates/CIFR?reported=x.csv', 'query.reported', /embedded reported figures.*CLI only/],
      [
        `/estimates/CIFR?reported=${encodeURIComponent(csvFile)}`,
        'query.reported',
        /embedded reported figures.*CLI only/,
      ],
      [
        `/backtest/production?reported=${encodeURIComponent(csvFile)}`,
        'query.reported',
        /embedded reported figures.*CLI only/,
      ],
    ];
    for (const [path, field, message] of cases) {
      const body = assertApiError(await api(path), 400, 'invalid-input', field, message);
      assert.doesNotMatch(JSON.stringify(body), new RegExp(SECRET), `${path}: the file's content leaked`);
      assert.doesNotMatch(JSON.stringify(body), /root:/, `${path}: /etc/passwd leaked`);
    }
    assertApiError(
      await postRun(server.app, { command: 'update', input: { scenario: yamlFile } }),
      400,
      'invalid-input',
      'body.input.scenario',
      /CLI only/,
    );
    const given = [yamlFile, csvFile, relativePath, '../x.yaml', 'x.csv', 'a/b', 'passwd'];
    assert.deepEqual(
      reached.filter((what) => given.some((path) => what.includes(path))),
      [],
      'no path reached a loader',
    );
    assert.ok(reached.length > 0, 'the spies see the built-in loads');
  });

  test('value --set: an unknown input, out of range, set twice, garbage: 400 at query.set', async () => {
    for (const [set, message] of [
      ['nope=1', /unknown input "nope"/],
      ['deal-probability=1.5', /deal-probability must be between 0 and 1/],
      ['btc-price=90000,btc-price=95000', /set twice/],
      ['garbage', /expected INPUT=VALUE/],
      ['btc-price=lots', /./],
      ['', /expected INPUT=VALUE/],
    ] as const) {
      assertApiError(
        await api(`/value/CIFR?set=${encodeURIComponent(set)}`),
        400,
        'invalid-input',
        'query.set',
        message,
      );
    }
  });

  test('unknown routes and methods: 404 unknown-route', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['GET', '/api/v1/network/status/'],
      ['GET', '/api/v1/runs'],
      ['GET', '/api/v1/note/x'],
      ['GET', '/api/v1/data/refresh'],
      ['DELETE', '/api/v1/network/status'],
      ['POST', '/api/v1/network/status'],
      ['PUT', '/api/v1/runs'],
      ['GET', '/app.js'],
      ['GET', '/../../etc/passwd'],
    ] as const) {
      const body = assertApiError(await inject(server.app, { method, url }), 404, 'unknown-route', '');
      assert.match(body['message'] as string, /see \/docs/);
    }
  });

  test('POST /api/v1/runs: media type, JSON, size, command, strict body, input fields', async () => {
    const post = (payload: string, contentType: string) =>
      inject(server.app, {
        method: 'POST',
        url: `${API_PREFIX}/runs`,
        payload,
        headers: { 'content-type': contentType },
      });
    assertApiError(await post('{"command":"update"}', 'text/plain'), 415, 'unsupported-media-type', '');
    assertApiError(
      await post('command=update', 'application/x-www-form-urlencoded'),
      415,
      'unsupported-media-type',
      '',
    );
    assertApiError(await post('{"command":', 'application/json'), 400, 'invalid-body', 'body', /JSON/);
    assertApiError(await post('', 'application/json'), 400, 'invalid-body', 'body');
    const big = JSON.stringify({ command: 'update', input: { asOf: '2025-12-31', pad: 'x'.repeat(MAX_BODY_BYTES) } });
    assertApiError(await post(big, 'application/json'), 413, 'payload-too-large', 'body');
    assertApiError(await post('[1]', 'application/json'), 400, 'invalid-input', 'body');
    assertApiError(await post('null', 'application/json'), 400, 'invalid-input', 'body');
    assertApiError(await postRun(server.app, {}), 400, 'invalid-input', 'body.command');
    assertApiError(
      await postRun(server.app, { command: 'nope' }),
      400,
      'invalid-input',
      'body.command',
      /update, value, estimates/,
    );
    assertApiError(await postRun(server.app, { command: 'coverage list' }), 400, 'invalid-input', 'body.command');
    assertApiError(await postRun(server.app, { command: 'update', extra: 1 }), 400, 'invalid-input', 'body', /extra/);
    assertApiError(
      await postRun(server.app, { command: 'update', input: 'asOf=2025-12-31' }),
      400,
      'invalid-input',
      'body.input',
    );
    assertApiError(
      await postRun(server.app, { command: 'update', input: { asOf: '2025-12-32' } }),
      400,
      'invalid-input',
      'body.input.asOf',
      /YYYY-MM-DD/,
    );
    assertApiError(
      await postRun(server.app, { command: 'update', input: { bogus: 1 } }),
      400,
      'invalid-input',
      'body.input',
      /bogus/,
    );
    assertApiError(
      await postRun(server.app, { command: 'value', input: { target: 'CIFR', price: '90000' } }),
      400,
      'invalid-input',
      'body.input.price',
    );
    // Nothing above was saved.
    const listed = (await api('/runs/list')).json() as { results: { runs: unknown[] } };
    assert.deepEqual(listed.results.runs, []);
  });

  test('a URL over 4096 characters: 414 uri-too-long', async () => {
    const url = `${API_PREFIX}/network/status?asOf=${'2'.repeat(MAX_URL_LENGTH)}`;
    assertApiError(await get(server.app, url), 414, 'uri-too-long', '', /at most 4096/);
    assertApiError(await get(server.app, `/nope?${'a'.repeat(MAX_URL_LENGTH)}`), 414, 'uri-too-long', '');
  });

  test('a malformed URL (bad percent-encoding) is answered in the same error form', async () => {
    assertApiError(await get(server.app, `${API_PREFIX}/value/%zz`), 400, 'bad-request', '', /not a valid url/);
  });

  const longPathParameterTestName =
    'a path parameter over 200 characters is refused in the same { code, message, path } form, with the security ' +
    'headers';
  test(longPathParameterTestName, async () => {
    const response = await api(`/coverage/show/${'A'.repeat(201)}`);
    assert.ok(response.statusCode === 400 || response.statusCode === 414, response.body);
    const body = response.json() as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'path']);
    assertSecurityHeaders(response, 'long path parameter');
  });

  test('unknown run ids: runs show/replay name params.run, diff names query.runA / query.runB', async () => {
    assertApiError(await api('/runs/show/abcdef12'), 400, 'invalid-input', 'params.run', /no run abcdef12/);
    assertApiError(await api('/runs/replay/abcdef12'), 400, 'invalid-input', 'params.run', /no run abcdef12/);
    assertApiError(await api('/diff?runA=abcdef12&runB=123456'), 400, 'invalid-input', 'query.runA', /no run abcdef12/);
    assertApiError(await api('/diff?runA=zz'), 400, 'invalid-input', 'query.runA', /hex/);
    assertApiError(await api('/diff?runB=ghijkl'), 400, 'invalid-input', 'query.runB', /hex/);
    assertApiError(await api('/diff'), 400, 'invalid-input', 'query.runA', /no runs/);
  });

  test('downloads: md and csv are CLI-only, other parameters are refused', async () => {
    assertApiError(await api('/note?format=md'), 400, 'invalid-input', 'query.format', /use the CLI/);
    assertApiError(await api('/note?format=docx'), 400, 'invalid-input', 'query.format', /html or pdf/);
    assertApiError(await api('/export?format=csv'), 400, 'invalid-input', 'query.format', /use the CLI/);
    assertApiError(await api('/note?out=/tmp/x.html'), 400, 'invalid-input', 'query.out', /unknown query parameter/);
    assertApiError(await api('/export?format=xlsx&format=xlsx'), 400, 'invalid-input', 'query.format', /once/);
  });

  test('on loopback, a Host header naming another host is refused (DNS rebinding); loopback names pass', async () => {
    assertApiError(
      await get(server.app, `${API_PREFIX}/coverage/list`, { host: 'evil.example' }),
      403,
      'invalid-host',
      'headers.host',
      /evil\.example/,
    );
    assertApiError(
      await get(server.app, '/healthz', { host: '127.0.0.1.evil.example:8787' }),
      403,
      'invalid-host',
      'headers.host',
    );
    for (const host of ['127.0.0.1:8787', 'localhost', '[::1]:8787', 'LOCALHOST:1']) {
      assert.equal((await get(server.app, '/healthz', { host })).statusCode, 200, host);
    }
  });
});

// --- downloads -----------------------------------------------------------------------------------------------------

const chromium = findChromium();
const pdfRequirement = systemRequirement({
  what: 'Chromium',
  missing: chromium ? [] : ['chromium'],
  requireVariable: 'RERATE_REQUIRE_CHROMIUM',
  howTo: 'Install it with apt-get install -y chromium, or set RERATE_CHROMIUM.',
});

describe('the note and the workbook as downloads', () => {
  const server = serverFor();

  test('GET /api/v1/note (html): one self-contained page as an attachment, with the run headers', async () => {
    const response = await get(server.app, `${API_PREFIX}/note?format=html`);
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.equal(response.headers['content-disposition'], 'attachment; filename="rerate-note-2026-02-04.html"');
    assert.equal(response.headers['x-rerate-as-of'], '2026-02-04');
    assert.match(String(response.headers['x-rerate-run']), /^[0-9a-f]{64}$/);
    assert.match(String(response.headers['x-rerate-warnings']), /^\d+$/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assertSecurityHeaders(response, 'note');
    assert.match(response.body, /^<!DOCTYPE html>/i);
    for (const ticker of ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT']) assert.match(response.body, new RegExp(ticker));
    // The note saves its coverage as an update run, as `rerate note` does.
    const runs = (await get(server.app, `${API_PREFIX}/runs/list`)).json() as {
      results: { runs: { command: string }[] };
    };
    assert.ok(
      runs.results.runs.some((run) => run.command === 'update'),
      'the note saved an update run',
    );
  });

  const runHeaderTestName =
    'the x-rerate-run header of a note names the run the note says it was generated from (runs show finds it)';
  test(runHeaderTestName, async () => {
    const first = await get(server.app, `${API_PREFIX}/note?format=html&asOf=2025-12-31`);
    assert.equal(first.statusCode, 200);
    const id = String(first.headers['x-rerate-run']);
    assert.match(first.body, new RegExp(`from run ${id.slice(0, 12)}`));
    assert.equal((await get(server.app, `${API_PREFIX}/runs/show/${id}`)).statusCode, 200);
  });

  test('GET /api/v1/export: the XLSX workbook (a zip) as an attachment', async () => {
    const response = await get(server.app, `${API_PREFIX}/export?asOf=2025-12-31&scenario=bear`);
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(response.headers['content-disposition'], 'attachment; filename="rerate-export-2025-12-31.xlsx"');
    assert.equal(response.headers['x-rerate-as-of'], '2025-12-31');
    assert.equal(response.rawPayload.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
    assertSecurityHeaders(response, 'export');
    assertApiError(
      await get(server.app, `${API_PREFIX}/export?scenario=${encodeURIComponent('../x.yaml')}`),
      400,
      'invalid-input',
      'query.scenario',
      /CLI only/,
    );
  });

  test(
    'GET /api/v1/note?format=pdf: a PDF printed by Chromium',
    { skip: skipUnless(pdfRequirement, 'the API PDF test'), timeout: 120_000 },
    async () => {
      assertAvailable(pdfRequirement);
      const response = await get(server.app, `${API_PREFIX}/note?format=pdf`);
      assert.equal(response.statusCode, 200, response.body.slice(0, 300));
      assert.equal(response.headers['content-type'], 'application/pdf');
      assert.match(String(response.headers['content-disposition']), /filename="rerate-note-\d{4}-\d{2}-\d{2}\.pdf"/);
      assert.equal(response.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    },
  );
});

// --- the token rule ------------------------------------------------------------------------------------------------

describe('the token rule', () => {
  const dashboard = tempFolder('rerate-api-dashboard-');
  writeFileSync(join(dashboard, 'index.html'), '<!doctype html><title>dashboard</title>');
  writeFileSync(join(dashboard, 'app.js'), 'export const dashboard = 1;\n');
  writeFileSync(join(dashboard, 'notes.txt'), 'not a dashboard file');
  const server = serverFor(() => ({ host: '0.0.0.0', token: TOKEN, dashboardRoot: dashboard }));
  const auth = { authorization: `Bearer ${TOKEN}` };
  let runs: SavedRuns;
  before(async () => {
    runs = await saveTwoRuns(server.app, auth);
  });

  const tokenRulesTestName =
    'createApiServer refuses off loopback without a token, and a short token anywhere; loopback needs none';
  test(tokenRulesTestName, async () => {
    const ports = testPorts();
    after(() => ports.runs.close());
    const build = (host: string, token?: string) =>
      createApiServer({ ports, commands: COMMANDS, host, token, rateLimit: 'off' });
    for (const host of ['0.0.0.0', '192.168.1.10', '::', '10.0.0.1', 'example.com']) {
      await assert.rejects(build(host), /is not a loopback address: set RERATE_API_TOKEN/, host);
    }
    for (const host of ['0.0.0.0', '127.0.0.1'])
      await assert.rejects(build(host, 'short-token'), /RERATE_API_TOKEN must be at least 16 characters/, host);
    for (const host of ['127.0.0.1', '::1', 'localhost', '[::1]', '127.0.0.2']) await (await build(host)).close();
    await (await build('192.168.1.10', TOKEN)).close();
  });

  test('isLoopbackHost and bearerMatches', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', 'LocalHost', '::ffff:127.0.0.1'])
      assert.equal(isLoopbackHost(host), true, host);
    for (const host of [
      '0.0.0.0',
      '192.168.1.10',
      '::',
      '128.0.0.1',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      'example.com',
      '',
    ])
      assert.equal(isLoopbackHost(host), false, host);
    assert.equal(bearerMatches(`Bearer ${TOKEN}`, TOKEN), true);
    assert.equal(bearerMatches(`bearer ${TOKEN}`, TOKEN), true);
    assert.equal(bearerMatches(`Bearer   ${TOKEN}  `, TOKEN), true);
    for (const header of [
      undefined,
      '',
      TOKEN,
      `Basic ${TOKEN}`,
      'Bearer',
      'Bearer ',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN} extra`,
      `Bearer${TOKEN}`,
    ]) {
      assert.equal(bearerMatches(header, TOKEN), false, String(header));
    }
  });

  const everyRouteAuthTestName =
    'every API route, /openapi.json, /docs and /healthz: 401 without, with a wrong or a malformed token; 200 with it';
  test(everyRouteAuthTestName, async () => {
    const urls = [
      ...ROUTES.map((route) => `${API_PREFIX}${(ROUTE_INPUTS[route.definition.name] ?? (() => '/missing'))(runs)}`),
      '/openapi.json',
      '/docs',
      '/healthz',
    ];
    const refusals: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: TOKEN },
      { authorization: `Basic ${TOKEN}` },
      { authorization: 'Bearer' },
    ];
    for (const url of urls) {
      for (const headers of refusals) {
        const response = await get(server.app, url, headers);
        assertApiError(response, 401, 'unauthorized', 'headers.authorization', /Bearer/);
        assert.equal(response.headers['www-authenticate'], 'Bearer realm="rerate"', url);
      }
      const allowed = await get(server.app, url, auth);
      assert.equal(allowed.statusCode, 200, `${url}: ${allowed.body.slice(0, 300)}`);
      assertSecurityHeaders(allowed, url);
    }
  });

  test('POST /api/v1/runs, the note and the export need the token too', async () => {
    assertApiError(await postRun(server.app, { command: 'update' }), 401, 'unauthorized', 'headers.authorization');
    assertApiError(await get(server.app, `${API_PREFIX}/note?format=md`), 401, 'unauthorized', 'headers.authorization');
    assertApiError(
      await get(server.app, `${API_PREFIX}/export?format=csv`),
      401,
      'unauthorized',
      'headers.authorization',
    );
    assertApiError(await get(server.app, '/api/v1/nope'), 401, 'unauthorized', 'headers.authorization');
    // With the token, the request reaches the route (cheap refusals: no note is built).
    assertApiError(await get(server.app, `${API_PREFIX}/note?format=md`, auth), 400, 'invalid-input', 'query.format');
    assertApiError(
      await get(server.app, `${API_PREFIX}/export?format=csv`, auth),
      400,
      'invalid-input',
      'query.format',
    );
    assertApiError(await postRun(server.app, { command: 'nope' }, auth), 400, 'invalid-input', 'body.command');
    assertApiError(await get(server.app, '/api/v1/nope', auth), 404, 'unknown-route', '');
  });

  test('the dashboard’s static files are served without a token; nothing else is', async () => {
    for (const [url, type] of [
      ['/', /^text\/html/],
      ['/index.html', /^text\/html/],
      ['/app.js', /^text\/javascript/],
      ['/app.js?v=2', /^text\/javascript/],
    ] as const) {
      const response = await get(server.app, url);
      assert.equal(response.statusCode, 200, url);
      assert.match(String(response.headers['content-type']), type, url);
      assertSecurityHeaders(response, url);
    }
    assert.equal((await get(server.app, '/')).body, '<!doctype html><title>dashboard</title>');
    // A file of a type the dashboard does not serve is not a dashboard file: token first, then 404.
    assertApiError(await get(server.app, '/notes.txt'), 401, 'unauthorized', 'headers.authorization');
    assertApiError(await get(server.app, '/notes.txt', auth), 404, 'unknown-route', '');
    assertApiError(await get(server.app, '/app.js/../openapi.json'), 401, 'unauthorized', 'headers.authorization');
  });

  test('off loopback the Host header is not checked; the OpenAPI document declares the bearer scheme', async () => {
    assert.equal((await get(server.app, '/healthz', { ...auth, host: 'rerate.example:8787' })).statusCode, 200);
    const document = (await get(server.app, '/openapi.json', auth)).json() as { security?: unknown };
    assert.deepEqual(document.security, [{ bearer: [] }]);
    assert.match((await get(server.app, '/docs', auth)).body, /Every API route requires <code>Authorization: Bearer/);
  });

  test('rerate serve --host 0.0.0.0 without RERATE_API_TOKEN exits 2 naming it and never listens', async () => {
    const ports = testPorts();
    after(() => ports.runs.close());
    for (const [args, env, message] of [
      [['serve', '--host', '0.0.0.0'], {}, /RERATE_API_TOKEN/],
      [['serve', '--host', '0.0.0.0'], { RERATE_API_TOKEN: '' }, /RERATE_API_TOKEN/],
      [['serve', '--host', '0.0.0.0'], { RERATE_API_TOKEN: 'short' }, /RERATE_API_TOKEN must be at least 16/],
      [['serve', '--port', '70000'], {}, /--port/],
      [['serve', '--port', 'x'], {}, /--port/],
      [['serve', '--rate-limit', '0'], {}, /--rate-limit/],
    ] as const) {
      let listened = false;
      let stderr = '';
      const serve = serveCommand({
        ports,
        commands: COMMANDS,
        env,
        onListening: () => (listened = true),
        stopSignal: () => Promise.resolve(),
      });
      const code = await runCli(
        [...args],
        COMMANDS,
        ports,
        { stdout: () => undefined, stderr: (text) => void (stderr += text) },
        [serve],
      );
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, message, args.join(' '));
      assert.equal(listened, false, args.join(' '));
    }
  });

  test('rerate serve --port 0 listens, answers /healthz over a socket, and stops with exit 0', async () => {
    const ports = testPorts();
    after(() => ports.runs.close());
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let listening!: (url: string) => void;
    const listeningAt = new Promise<string>((resolve) => (listening = resolve));
    let stderr = '';
    const serve = serveCommand({
      ports,
      commands: COMMANDS,
      env: {},
      onListening: (url) => listening(url),
      stopSignal: () => stopped,
    });
    const exit = runCli(
      ['serve', '--port', '0'],
      COMMANDS,
      ports,
      { stdout: () => undefined, stderr: (text) => void (stderr += text) },
      [serve],
    );
    const url = await Promise.race([
      listeningAt,
      exit.then((code) => assert.fail(`serve exited ${code} before listening: ${stderr}`)),
    ]);
    try {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/healthz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { ok: true, engineVersion: ENGINE_VERSION });
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    } finally {
      stop();
    }
    assert.equal(await exit, 0, stderr);
    assert.match(stderr, /serving on http:\/\/127\.0\.0\.1:\d+/);
    assert.match(stderr, /server stopped/);
  });
});

// --- rate limit and cache ------------------------------------------------------------------------------------------

describe('the rate limit and the results cache', () => {
  let nowMs = 1_000_000;
  const server = serverFor(() => ({ rateLimit: { requestsPerMinute: 5 }, nowMs: () => nowMs }));

  const rateLimitTestName =
    '5 requests a minute: the 6th is 429 with Retry-After; 12 s later one more passes; clients have their own bucket';
  test(rateLimitTestName, async () => {
    const from = (remoteAddress: string) => inject(server.app, { method: 'GET', url: '/healthz', remoteAddress });
    for (let i = 0; i < 5; i++) assert.equal((await from('10.0.0.1')).statusCode, 200, `request ${i + 1}`);
    const refused = await from('10.0.0.1');
    assertApiError(refused, 429, 'rate-limited', '', /more than 5 requests a minute/);
    assert.equal(refused.headers['retry-after'], '12');
    // Another client is not limited by the first.
    for (let i = 0; i < 5; i++) assert.equal((await from('10.0.0.2')).statusCode, 200, `client 2, request ${i + 1}`);
    assert.equal((await from('10.0.0.2')).statusCode, 429);

    nowMs += 6_000;
    const still = await from('10.0.0.1');
    assert.equal(still.statusCode, 429);
    assert.equal(still.headers['retry-after'], '6');
    nowMs += 6_000;
    assert.equal((await from('10.0.0.1')).statusCode, 200, 'a token refilled after 12 s');
    assert.equal((await from('10.0.0.1')).statusCode, 429);
    // Every route counts, including errors and unknown routes.
    nowMs += 60_000;
    for (let i = 0; i < 5; i++)
      assert.equal(
        (await inject(server.app, { method: 'GET', url: '/api/v1/nope', remoteAddress: '10.0.0.3' })).statusCode,
        404,
      );
    assert.equal(
      (await inject(server.app, { method: 'GET', url: '/api/v1/nope', remoteAddress: '10.0.0.3' })).statusCode,
      429,
    );
  });

  test('rateLimiter: a burst of a minute’s allowance, an even refill, Retry-After in whole seconds', () => {
    const limiter = rateLimiter(5);
    assert.equal(limiter.requestsPerMinute, 5);
    const taken = [1, 2, 3, 4, 5].map(() => limiter.take('a', 0));
    assert.deepEqual(
      taken.map((decision) => decision.allowed),
      [true, true, true, true, true],
    );
    assert.deepEqual(
      taken.map((decision) => decision.remaining),
      [4, 3, 2, 1, 0],
    );
    assert.deepEqual(limiter.take('a', 0), { allowed: false, retryAfterS: 12, remaining: 0 });
    assert.deepEqual(limiter.take('a', 6_000), { allowed: false, retryAfterS: 6, remaining: 0 });
    assert.equal(limiter.take('a', 12_000).allowed, true);
    assert.equal(limiter.take('b', 12_000).remaining, 4);
    // A long idle time refills to the burst, no further.
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map(() => limiter.take('a', 10_000_000).allowed),
      [true, true, true, true, true, false],
    );
    // A clock that steps back does not mint tokens.
    assert.equal(limiter.take('a', 0).allowed, false);

    const fast = rateLimiter(1200);
    for (let i = 0; i < 1200; i++) assert.equal(fast.take('c', 0).allowed, true);
    assert.deepEqual(fast.take('c', 0), { allowed: false, retryAfterS: 1, remaining: 0 });
    assert.equal(fast.take('c', 50).allowed, true, 'one request refills every 50 ms');
  });

  const resultCacheTestName =
    'resultCache: hits, least recently used eviction by count and bytes, errors not cached, one shared computation';
  test(resultCacheTestName, async () => {
    const cache = resultCache(2);
    let computed = 0;
    const compute = (json: string) => async () => {
      computed += 1;
      return json;
    };
    assert.deepEqual(await cache.get('a', compute('A')), { json: 'A', hit: false });
    assert.deepEqual(await cache.get('a', compute('other')), { json: 'A', hit: true });
    await cache.get('b', compute('B'));
    await cache.get('a', compute('A')); // a is now the most recently used
    await cache.get('c', compute('C')); // evicts b
    assert.equal(cache.size, 2);
    computed = 0;
    assert.deepEqual(await cache.get('a', compute('A2')), { json: 'A', hit: true });
    assert.deepEqual(await cache.get('c', compute('C2')), { json: 'C', hit: true });
    assert.deepEqual(await cache.get('b', compute('B2')), { json: 'B2', hit: false });
    assert.equal(computed, 1);

    // By bytes: an entry over the budget is not kept.
    const small = resultCache(10, 20);
    await small.get('x', compute('0123456789')); // 20 bytes: kept
    assert.equal(small.size, 1);
    await small.get('y', compute('01234567890')); // 22 bytes: over the budget, both go
    assert.equal(small.size, 0);

    // Errors are not cached: the next request computes again.
    const failing = resultCache();
    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('first attempt fails');
      return 'ok';
    };
    await assert.rejects(failing.get('k', flaky), /first attempt fails/);
    assert.equal(failing.size, 0);
    assert.deepEqual(await failing.get('k', flaky), { json: 'ok', hit: false });
    assert.equal(attempts, 2);

    // Concurrent identical computations share one promise.
    const shared = resultCache();
    let release!: (json: string) => void;
    let started = 0;
    const slow = () => {
      started += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = shared.get('s', slow);
    const second = shared.get('s', slow);
    release('S');
    assert.deepEqual(await first, { json: 'S', hit: false });
    assert.deepEqual(await second, { json: 'S', hit: true });
    assert.equal(started, 1);
    // A shared computation that fails fails every waiter, and is not kept.
    let reject!: (error: Error) => void;
    const p1 = shared.get('f', () => new Promise<string>((_, fail) => (reject = fail)));
    const p2 = shared.get('f', async () => 'never');
    reject(new Error('boom'));
    await assert.rejects(p1, /boom/);
    await assert.rejects(p2, /boom/);
    assert.deepEqual(await shared.get('f', async () => 'fresh'), { json: 'fresh', hit: false });
  });

  test('over HTTP, concurrent identical requests are computed once and an error is not cached', async () => {
    nowMs += 600_000;
    const url = `${API_PREFIX}/value/MARA?price=88000`;
    const [a, b] = await Promise.all([
      inject(server.app, { method: 'GET', url, remoteAddress: '10.1.0.1' }),
      inject(server.app, { method: 'GET', url, remoteAddress: '10.1.0.2' }),
    ]);
    assert.equal(a.statusCode, 200);
    assert.equal(b.body, a.body);
    assert.deepEqual([a.headers['x-rerate-cache'], b.headers['x-rerate-cache']].sort(), ['hit', 'miss']);
    const bad = `${API_PREFIX}/value/ZZZZ`;
    for (const remoteAddress of ['10.1.0.3', '10.1.0.4']) {
      const response = await inject(server.app, { method: 'GET', url: bad, remoteAddress });
      assert.equal(response.statusCode, 400);
      assert.equal(response.headers['x-rerate-cache'], undefined);
    }
  });
});

// --- OpenAPI and docs ----------------------------------------------------------------------------------------------

describe('the OpenAPI document and the docs page', () => {
  const server = serverFor();
  type Json = Record<string, unknown>;

  const openApiDocumentTestName =
    '/openapi.json: 3.1.0, a path per command route, POST runs, note, export; required path parameters; unique ids; ' +
    'every $ref resolves';
  test(openApiDocumentTestName, async () => {
    const response = await get(server.app, '/openapi.json');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    assertSecurityHeaders(response, '/openapi.json');
    const document = response.json() as Json & { paths: Record<string, Record<string, Json>> };
    assert.equal(document['openapi'], '3.1.0');
    assert.equal((document['info'] as Json)['version'], ENGINE_VERSION);
    assert.equal(document['security'], undefined, 'no token on loopback: no security requirement');

    const expected = [
      ...ROUTES.map((route) => route.openApiPath),
      `${API_PREFIX}/runs`,
      `${API_PREFIX}/note`,
      `${API_PREFIX}/export`,
    ].sort();
    assert.deepEqual(Object.keys(document.paths).sort(), expected);
    for (const route of ROUTES) {
      const operation = document.paths[route.openApiPath]?.['get'];
      assert.ok(operation, route.openApiPath);
      if (route.pathOption) assert.match(route.openApiPath, new RegExp(`/\\{${route.pathOption.key}\\}$`));
      const names = ((operation['parameters'] as Json[]) ?? []).map((p) => p['name']).sort();
      assert.deepEqual(
        names,
        route.definition.options.map((option) => option.key).sort(),
        `${route.openApiPath}: parameters`,
      );
      assert.ok((operation['responses'] as Json)['200'], route.openApiPath);
      assert.ok((operation['responses'] as Json)['400'], route.openApiPath);
    }
    assert.ok(document.paths[`${API_PREFIX}/runs`]?.['post']);
    assert.ok(document.paths[`${API_PREFIX}/note`]?.['get']);
    assert.ok(document.paths[`${API_PREFIX}/export`]?.['get']);

    const operationIds: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(methods)) {
        operationIds.push(String(operation['operationId']));
        const parameters = (operation['parameters'] as Json[] | undefined) ?? [];
        const inPath = parameters.filter((p) => p['in'] === 'path');
        for (const parameter of inPath)
          assert.equal(parameter['required'], true, `${method} ${path}: ${String(parameter['name'])} must be required`);
        assert.deepEqual(
          inPath.map((p) => p['name']).sort(),
          [...templated].sort(),
          `${method} ${path}: path parameters`,
        );
        for (const parameter of parameters)
          assert.ok(['path', 'query'].includes(String(parameter['in'])), `${path}: ${String(parameter['name'])}`);
      }
    }
    assert.equal(new Set(operationIds).size, operationIds.length, `duplicate operationIds: ${operationIds.join(', ')}`);
    assert.ok(
      operationIds.every((id) => /^[A-Za-z][A-Za-z0-9]*$/.test(id)),
      operationIds.join(', '),
    );

    const refs: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (key === '$ref') refs.push(String(inner));
          walk(inner);
        }
      }
    };
    walk(document);
    assert.ok(refs.length > 0);
    for (const ref of refs) {
      assert.match(ref, /^#\//, `${ref}: refs stay within the document`);
      const target = ref
        .slice(2)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), document);
      assert.ok(target !== undefined, `${ref} does not resolve`);
    }
  });

  const openApiAsOfTestName =
    'the OpenAPI envelope declares asOf as a string that may be n/a or empty (lists describe no day), as they answer';
  test(openApiAsOfTestName, async () => {
    const document = (await get(server.app, '/openapi.json')).json() as { paths: Record<string, { get?: Json }> };
    const envelope = (
      ((document.paths[`${API_PREFIX}/scenario/list`]?.get?.['responses'] as Json)['200'] as Json)['content'] as Json
    )['application/json'] as Json;
    const asOf = ((envelope['schema'] as Json)['properties'] as Json)['asOf'] as Json;
    assert.equal(asOf['type'], 'string');
    assert.equal(asOf['format'], undefined, 'no date format: some commands answer n/a');
    for (const path of ['/scenario/list', '/coverage/list', '/runs/list']) {
      const body = (await get(server.app, `${API_PREFIX}${path}`)).json() as { asOf: string };
      assert.ok(['', 'n/a'].includes(body.asOf), `${path}: asOf ${JSON.stringify(body.asOf)}`);
    }
  });

  test('/docs: HTML with no script and nothing fetched from elsewhere, listing every path', async () => {
    const response = await get(server.app, '/docs');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assertSecurityHeaders(response, '/docs');
    const html = response.body;
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /(src|href|action)\s*=\s*["']?\s*(https?:)?\/\//i, 'a resource from another host');
    assert.doesNotMatch(html, /url\(\s*["']?(https?:)?\/\//i);
    assert.doesNotMatch(html, /@import/i);
    assert.doesNotMatch(html, /<(link|iframe|img|object|embed)\b/i);
    const document = (await get(server.app, '/openapi.json')).json() as { paths: Record<string, Record<string, Json>> };
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods))
        assert.ok(html.includes(`${method.toUpperCase()} ${path}`), `${method} ${path} is not listed`);
    }
    assert.match(html, /Served on loopback without a token/);
  });
});

describe('limits found in review: grid size, inputs a company lacks, cross-site requests, tokens with spaces', () => {
  const ports = defaultPorts({
    env: { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05' },
    monteCarlo: inProcessMonteCarlo,
  });
  let app: Awaited<ReturnType<typeof createApiServer>>;
  before(async () => {
    app = await createApiServer({ ports, commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off' });
  });
  after(async () => {
    await app.close();
    await ports.runs.close();
  });

  test('a sensitivity grid over 625 cells is refused before any work', async () => {
    assertApiError(
      await get(app, `${API_PREFIX}/sensitivity/RIOT?x=btc-price=10000:210000:1000&y=network-growth=0:2:0.01`),
      400,
      'invalid-input',
      'query.x',
      /40401 cells/,
    );
  });

  test('value --set of an input the company does not have is refused, naming the reason', async () => {
    assertApiError(
      await get(app, `${API_PREFIX}/value/CLSK?set=cap-rate=0.3`),
      400,
      'invalid-input',
      'query.set',
      /cap-rate does not apply to CLSK/,
    );
  });

  test('a browser request from another site is refused', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz', headers: { 'sec-fetch-site': 'cross-site' } });
    assertApiError(response, 403, 'cross-site', 'headers.sec-fetch-site');
    assert.equal(
      (await app.inject({ method: 'GET', url: '/healthz', headers: { 'sec-fetch-site': 'same-origin' } })).statusCode,
      200,
    );
  });

  test('a token with whitespace is refused at start (no bearer header could carry it)', async () => {
    await assert.rejects(
      createApiServer({ ports, commands: COMMANDS, host: '0.0.0.0', token: 'a token with spaces inside' }),
      /must not contain spaces/,
    );
  });
});
