/**
 * A fake Bitcoin Core node for provider tests: it answers JSON-RPC calls, single or batched, from the recorded
 * fixtures in test/fixtures/live/bitcoind/, as Core's HTTP server does (src/httprpc.cpp): HTTP Basic auth against
 * rpcuser/rpcpassword or the cookie it writes (401 with no body when refused), a batch answered with 200 and an
 * array, a single call's RPC error with 500 (404 for an unknown method) under JSON-RPC 1.0 and with 200 under 2.0
 * (Core 28+). Faults can be switched on: HTTP 500s, delays past the client's timeout, malformed JSON, 429 with
 * Retry-After, a redirect, another network's genesis, a pruned node, a node in initial block download, and a gap in
 * heights (a getblockstats answer for the wrong height, or none).
 *
 * Run directly to try rerate against it (listens on 127.0.0.1 only, until Ctrl-C):
 *
 *   npx tsx test/support/fake-bitcoind.ts --port 18332 --cookie /tmp/x/.cookie
 *   RERATE_BITCOIND_URL=http://127.0.0.1:18332 RERATE_BITCOIND_COOKIE=/tmp/x/.cookie rerate data refresh
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BitcoindFixture } from '../fixtures/live/make-bitcoind-fixtures.ts';
import { startFakeServer, type FakeServer, type LoggedRequest, type RecordedAnswer } from './fake-http-server.ts';

export type FakeNetwork = 'mainnet' | 'testnet' | 'signet';

export function loadBitcoindFixture(network: FakeNetwork): BitcoindFixture {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/live/bitcoind/${network}.json`, import.meta.url), 'utf8'),
  ) as BitcoindFixture;
}

/** A fault answered instead of the recorded data, `times` requests in a row (default: every request). */
export type FakeBitcoindFault =
  | { kind: 'http-500'; times?: number }
  /** An error whose body echoes the request's credentials, raw and decoded, with terminal escapes. */
  | { kind: 'echo-credentials'; times?: number }
  /** The right answer, held back `delayMs` (beyond the client's timeout). */
  | { kind: 'delay'; delayMs: number; times?: number }
  | { kind: 'malformed-json'; times?: number }
  | { kind: 'rate-limited'; retryAfterS: number; times?: number }
  | { kind: 'redirect'; location: string; times?: number };

export interface FakeBitcoindOptions {
  network?: FakeNetwork;
  /** Accepted rpcuser/rpcpassword. */
  user?: string;
  password?: string;
  /** Where the fake writes the cookie it accepts (`__cookie__:<64 hex>`, mode 0600), as bitcoind does at start. */
  cookiePath?: string;
  /** Answer batches last call first (Core keeps request order; clients must match by id). */
  reverseBatches?: boolean;
}

/** What the fake node answers, and how: the state the test switches. */
export interface FakeBitcoindState {
  network: FakeNetwork;
  fixtures: Record<FakeNetwork, BitcoindFixture>;
  credentials: string[];
  reverseBatches: boolean;
  fault: { fault: FakeBitcoindFault; remaining: number } | undefined;
  /**
   * getblockstats at this height answers for the next height ('wrong-height') or is left out of the batch
   * ('missing').
   */
  gap: { height: number; kind: 'wrong-height' | 'missing' } | undefined;
  /** Heights below this have no block data (a pruned node). */
  pruneHeight: number | undefined;
  /** Changed getblockstats figures by height (to provoke outliers and insane values). */
  statsPatches: Map<number, Record<string, unknown>>;
  initialBlockDownload: boolean;
}

export interface FakeBitcoind {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: LoggedRequest[];
  /** The cookie value (the part after `__cookie__:`) the node accepts now, when it writes one. */
  readonly cookieSecret: string | undefined;
  /** The JSON-RPC calls received (batches flattened), in arrival order. */
  calls(): { method: string; params: unknown[] }[];
  fail(fault: FakeBitcoindFault): void;
  /** Serves another network's getblockchaininfo and genesis. */
  useNetwork(network: FakeNetwork): void;
  gapAt(height: number, kind: 'wrong-height' | 'missing'): void;
  prune(height: number): void;
  setInitialBlockDownload(on: boolean): void;
  /** Answers getblockstats at `height` with these figures changed. */
  patchStats(height: number, patch: Record<string, unknown>): void;
  /** Writes a new cookie to the same file, as a restarted node does; the old one is refused from now on. */
  rotateCookie(): void;
  /**
   * Stops accepting the cookie without writing a new one: the file rerate reads is now stale (as when the node runs
   * with another -datadir or -rpccookiefile). user/password stays accepted.
   */
  refuseCookie(): void;
  /** Back to the recorded answers with no fault. */
  reset(): void;
  close(): Promise<void>;
}

export function fakeBitcoindState(options: FakeBitcoindOptions): FakeBitcoindState {
  return {
    network: options.network ?? 'mainnet',
    fixtures: {
      mainnet: loadBitcoindFixture('mainnet'),
      testnet: loadBitcoindFixture('testnet'),
      signet: loadBitcoindFixture('signet'),
    },
    credentials:
      options.user !== undefined && options.password !== undefined ? [`${options.user}:${options.password}`] : [],
    reverseBatches: options.reverseBatches ?? false,
    fault: undefined,
    gap: undefined,
    pruneHeight: undefined,
    statsPatches: new Map(),
    initialBlockDownload: false,
  };
}

export async function startFakeBitcoind(options: FakeBitcoindOptions = {}): Promise<FakeBitcoind> {
  const state = fakeBitcoindState(options);
  let cookieSecret: string | undefined;
  const writeCookie = () => {
    if (options.cookiePath === undefined) return;
    const previous = cookieSecret === undefined ? undefined : `__cookie__:${cookieSecret}`;
    cookieSecret = randomBytes(32).toString('hex');
    writeCookieFile(options.cookiePath, cookieSecret);
    state.credentials = [...state.credentials.filter((entry) => entry !== previous), `__cookie__:${cookieSecret}`];
  };
  writeCookie();
  const server: FakeServer = await startFakeServer({
    routes: {},
    fallback: (request) => answerRequest(state, request),
  });
  return {
    url: server.url,
    requests: server.requests,
    get cookieSecret() {
      return cookieSecret;
    },
    calls: () => server.requests.flatMap((request) => callsIn(request.body)),
    fail(fault) {
      state.fault = { fault, remaining: fault.times ?? Number.POSITIVE_INFINITY };
    },
    useNetwork(network) {
      state.network = network;
    },
    gapAt(height, kind) {
      state.gap = { height, kind };
    },
    prune(height) {
      state.pruneHeight = height;
    },
    setInitialBlockDownload(on) {
      state.initialBlockDownload = on;
    },
    patchStats(height, patch) {
      state.statsPatches.set(height, patch);
    },
    rotateCookie: writeCookie,
    refuseCookie() {
      state.credentials = state.credentials.filter((entry) => !entry.startsWith('__cookie__:'));
    },
    reset() {
      Object.assign(state, {
        network: options.network ?? 'mainnet',
        fault: undefined,
        gap: undefined,
        pruneHeight: undefined,
        statsPatches: new Map(),
        initialBlockDownload: false,
      });
    },
    close: () => server.close(),
  };
}

function writeCookieFile(path: string, secret: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `__cookie__:${secret}`, { mode: 0o600 });
}

function callsIn(body: string): { method: string; params: unknown[] }[] {
  try {
    const parsed = JSON.parse(body) as unknown;
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.map((entry) => ({
      method: String((entry as { method?: unknown }).method),
      params: ((entry as { params?: unknown }).params as unknown[] | undefined) ?? [],
    }));
  } catch {
    return [];
  }
}

/** How Core's HTTP RPC server answers one request (src/httprpc.cpp HTTPReq_JSONRPC), with the state's faults. */
export function answerRequest(state: FakeBitcoindState, request: LoggedRequest): RecordedAnswer {
  let delayMs = 0;
  if (state.fault && state.fault.remaining > 0) {
    const { fault } = state.fault;
    state.fault.remaining--;
    if (fault.kind === 'http-500')
      return { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' };
    if (fault.kind === 'echo-credentials') {
      const authorization = String(request.headers['authorization'] ?? '');
      const decoded = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
      const body = `\u001b[31mbad request\u001b[0m from ${authorization} (${decoded}) at ${request.url}`;
      return { status: 500, headers: { 'content-type': 'text/plain' }, body };
    }
    if (fault.kind === 'malformed-json') return { status: 200, body: '[{"result":{"height":935058,"time":17702' };
    if (fault.kind === 'rate-limited')
      return { status: 429, headers: { 'retry-after': String(fault.retryAfterS) }, body: '' };
    if (fault.kind === 'redirect') return { status: 302, headers: { location: fault.location }, body: '' };
    delayMs = fault.delayMs;
  }
  const answer = answerRpc(state, request);
  return delayMs > 0 ? { ...answer, delayMs } : answer;
}

/** The JSON-RPC part: auth, parse, dispatch (no faults). */
function answerRpc(state: FakeBitcoindState, request: LoggedRequest): RecordedAnswer {
  if (request.method !== 'POST')
    return { status: 405, headers: { 'content-type': 'text/html' }, body: 'JSONRPC server handles only POST requests' };
  const authorization = request.headers.authorization ?? '';
  const presented = authorization.startsWith('Basic ')
    ? Buffer.from(authorization.slice(6), 'base64').toString('utf8')
    : undefined;
  if (presented === undefined || !state.credentials.includes(presented)) {
    return { status: 401, headers: { 'www-authenticate': 'Basic realm="jsonrpc"' } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    return { status: 500, body: { result: null, error: { code: -32700, message: 'Parse error' }, id: null } };
  }
  if (Array.isArray(parsed)) {
    const answers = parsed.flatMap((entry: unknown) => {
      const call = entry as RpcCall;
      if (state.gap?.kind === 'missing' && call.method === 'getblockstats' && call.params?.[0] === state.gap.height)
        return [];
      return [reply(call, dispatch(state, call))];
    });
    return { status: 200, body: state.reverseBatches ? answers.reverse() : answers };
  }
  const call = parsed as RpcCall;
  const outcome = dispatch(state, call);
  const legacy = call.jsonrpc !== '2.0';
  const status = 'error' in outcome && legacy ? (outcome.error.code === -32601 ? 404 : 500) : 200;
  return { status, body: reply(call, outcome) };
}

interface RpcCall {
  jsonrpc?: string;
  id?: unknown;
  method?: unknown;
  params?: unknown[];
}

type Outcome = { result: unknown } | { error: { code: number; message: string } };

/** JSON-RPC 2.0 answers carry either result or error; 1.0 (legacy) carries both, one null. */
function reply(call: RpcCall, outcome: Outcome): Record<string, unknown> {
  const id = call.id ?? null;
  if (call.jsonrpc === '2.0')
    return 'error' in outcome
      ? { jsonrpc: '2.0', error: outcome.error, id }
      : { jsonrpc: '2.0', result: outcome.result, id };
  return 'error' in outcome ? { result: null, error: outcome.error, id } : { result: outcome.result, error: null, id };
}

/** Error codes and messages as Core's RPC methods raise them (src/rpc/protocol.h, src/rpc/blockchain.cpp). */
function dispatch(state: FakeBitcoindState, call: RpcCall): Outcome {
  const fixture = state.fixtures[state.network];
  const mainnet = state.fixtures.mainnet;
  const tip = Number(fixture.getblockchaininfo['blocks']);
  const params = call.params ?? [];
  const first = params[0];
  const unrecorded = (): Outcome => ({
    error: {
      code: -1,
      message: `fake-bitcoind: no recorded answer for ${String(call.method)} ${JSON.stringify(params)}`,
    },
  });
  switch (call.method) {
    case 'getblockchaininfo': {
      const info: Record<string, unknown> = {
        ...fixture.getblockchaininfo,
        initialblockdownload: state.initialBlockDownload,
      };
      if (state.initialBlockDownload) info['blocks'] = tip - 5_000;
      if (state.pruneHeight !== undefined)
        Object.assign(info, {
          pruned: true,
          pruneheight: state.pruneHeight,
          automatic_pruning: true,
          prune_target_size: 10_000_000_000,
        });
      return { result: info };
    }
    case 'getblockhash': {
      if (typeof first !== 'number')
        return { error: { code: -3, message: 'JSON value of type string is not of expected type number' } };
      if (first < 0 || first > tip) return { error: { code: -8, message: 'Block height out of range' } };
      const hash = (first === 0 ? fixture : mainnet).getblockhash[String(first)];
      return hash === undefined ? unrecorded() : { result: hash };
    }
    case 'getblockheader': {
      const header = typeof first === 'string' ? mainnet.getblockheader[first] : undefined;
      if (header === undefined)
        return typeof first === 'string' && /^[0-9a-f]{64}$/.test(first)
          ? { error: { code: -5, message: 'Block not found' } }
          : unrecorded();
      return { result: header };
    }
    case 'getblockstats': {
      if (typeof first !== 'number') return unrecorded();
      if (first < 0 || first > tip)
        return { error: { code: -8, message: `Target block height ${first} after current tip ${tip}` } };
      if (state.pruneHeight !== undefined && first < state.pruneHeight)
        return { error: { code: -1, message: 'Block not available (pruned data)' } };
      const height = state.gap?.kind === 'wrong-height' && state.gap.height === first ? first + 1 : first;
      const recorded = mainnet.getblockstats[String(height)];
      if (recorded === undefined) return unrecorded();
      const stats: Record<string, unknown> = { ...recorded, ...state.statsPatches.get(height) };
      const selected = Array.isArray(params[1]) ? (params[1] as unknown[]).map(String) : Object.keys(stats);
      return { result: Object.fromEntries(Object.entries(stats).filter(([key]) => selected.includes(key))) };
    }
    default:
      return { error: { code: -32601, message: 'Method not found' } };
  }
}

/** `--port 18332 --cookie /tmp/x/.cookie [--user u --password p] [--network mainnet|testnet|signet]` */
async function main(argv: readonly string[]): Promise<void> {
  const option = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    return index < 0 ? undefined : argv[index + 1];
  };
  const port = Number(option('port') ?? '18332');
  const cookiePath = option('cookie');
  const user = option('user');
  const password = option('password');
  const network = (option('network') ?? 'mainnet') as FakeNetwork;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error('--port: expected a TCP port');
  if (!['mainnet', 'testnet', 'signet'].includes(network))
    throw new Error('--network: expected mainnet, testnet or signet');
  if (cookiePath === undefined && (user === undefined || password === undefined))
    throw new Error('give --cookie <file> or --user <name> --password <secret>');
  const state = fakeBitcoindState({
    network,
    ...(user !== undefined && password !== undefined ? { user, password } : {}),
  });
  if (cookiePath !== undefined) {
    const secret = randomBytes(32).toString('hex');
    writeCookieFile(cookiePath, secret);
    state.credentials.push(`__cookie__:${secret}`);
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = answerRequest(state, {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const body =
        typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  console.log(
    `fake bitcoind (${network}, ` +
      `synthetic chain to height ${String(state.fixtures[network].getblockchaininfo['blocks'])}) ` +
      `at http://127.0.0.1:${port}`,
  );
  if (cookiePath !== undefined) console.log(`cookie written to ${cookiePath}`);
  console.log('stop with Ctrl-C');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`fake-bitcoind: ${(error as Error).message}`);
    process.exit(1);
  });
}
