/**
 * A tiny JSON-RPC client for Bitcoin Core over the resilient JSON client. It calls only four read-only methods and
 * refuses any other before sending (as the node's `rpcwhitelist` would with 403, hence failure 'auth'); sends
 * JSON-RPC 2.0 requests, batched as an array (Core answers a batch with HTTP 200 and an array of
 * `{result, error, id}`, matched here by id, not by order); maps RPC errors to ProviderError; and checks the shape
 * of every answer, naming method, parameters and field (`getblockstats[935100].totalfee: expected a non-negative
 * integer`). Shapes follow Core's RPC help (src/rpc/blockchain.cpp): only the fields rerate reads are required.
 */
import {
  jsonClient,
  type BreakerPolicy,
  type ClientTiming,
  type JsonClient,
  type RetryPolicy,
} from '../http/resilient-client.ts';
import type { AddressPolicy } from '../http/address-policy.ts';
import { ProviderError } from '../http/provider-error.ts';
import { bitcoindAuthorization, describeBitcoindAuth, type BitcoindAuth } from './bitcoind-config.ts';

const PROVIDER = 'bitcoind';

/** `getblockchaininfo`: the fields rerate reads. */
export interface BlockchainInfo {
  /** `main`, `test`, `testnet4`, `signet`, `regtest`. */
  chain: string;
  /** Height of the most-work fully validated chain. */
  blocks: number;
  headers: number;
  bestblockhash: string;
  initialblockdownload: boolean;
  pruned: boolean;
  /** Lowest height whose block data is kept (present only when pruned). */
  pruneheight?: number;
}

/** `getblockheader <hash> true`: the fields rerate reads. */
export interface BlockHeader {
  hash: string;
  height: number;
  /** Header time, unix seconds. */
  time: number;
  mediantime: number;
  /** Compact target as 8 lower-case hex digits, e.g. `1701fca1`. */
  bits: string;
  difficulty: number;
  /** Cumulative work through this block, hex (Core prints 64 digits). */
  chainwork: string;
  previousblockhash?: string;
  nextblockhash?: string;
}

/** The statistics rerate asks getblockstats for; amounts in sats. */
export const BLOCK_STATS_FIELDS = ['height', 'time', 'totalfee', 'subsidy'] as const;
export type BlockStatsField = (typeof BLOCK_STATS_FIELDS)[number];

/** `getblockstats <height> ["height","time","totalfee","subsidy"]`. */
export interface BlockStats {
  height: number;
  /** Header time, unix seconds. */
  time: number;
  /** Fees of the block's transactions, sats. */
  totalfee: number;
  /** Block subsidy, sats. */
  subsidy: number;
}

/** The methods this client may call: their parameters and (checked) results. */
export interface BitcoindMethods {
  getblockchaininfo: { params: []; result: BlockchainInfo };
  getblockhash: { params: [height: number]; result: string };
  getblockheader: { params: [hash: string, verbose: true]; result: BlockHeader };
  getblockstats: { params: [height: number, stats: typeof BLOCK_STATS_FIELDS]; result: BlockStats };
}
export type BitcoindMethod = keyof BitcoindMethods;
export type ParamsOf<M extends BitcoindMethod> = BitcoindMethods[M]['params'];
export type ResultOf<M extends BitcoindMethod> = BitcoindMethods[M]['result'];

/** The read-only methods rerate calls; anything else is refused before a request is sent. */
export const READ_ONLY_METHODS: readonly BitcoindMethod[] = [
  'getblockchaininfo',
  'getblockhash',
  'getblockheader',
  'getblockstats',
];

/** An RPC error the node answered (`{code, message}`, codes of src/rpc/protocol.h). */
export class BitcoindRpcError extends ProviderError {
  readonly code: number;
  readonly rpcMessage: string;
  constructor(label: string, code: number, rpcMessage: string, hint: string) {
    super(
      PROVIDER,
      'http',
      `${label}: the node answered RPC error ${code} "${rpcMessage}"${hint === '' ? '' : `; ${hint}`}`,
    );
    this.code = code;
    this.rpcMessage = rpcMessage;
  }
}

export interface BitcoindRpcOptions {
  /** Base URL without credentials. */
  url: string;
  auth: BitcoindAuth;
  addressPolicy: AddressPolicy;
  timing?: ClientTiming;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerPolicy>;
  timeoutMs?: number;
  onRetry?: (event: { attempt: number; delayMs: number; reason: string }) => void;
}

export interface BitcoindRpc {
  /** The URL without credentials. */
  readonly endpoint: string;
  call<M extends BitcoindMethod>(method: M, ...params: ParamsOf<M>): Promise<ResultOf<M>>;
  /** One HTTP request carrying every call; results in the order of `paramsList`. */
  batch<M extends BitcoindMethod>(method: M, paramsList: readonly ParamsOf<M>[]): Promise<ResultOf<M>[]>;
}

export function bitcoindRpc(options: BitcoindRpcOptions): BitcoindRpc {
  let nextId = 1;
  // One JSON client (and so one circuit breaker) per set of credentials: a new cookie means a restarted node.
  let current: { authorization: string; client: JsonClient } | undefined;

  async function client(): Promise<JsonClient> {
    const authorization = await bitcoindAuthorization(options.auth, PROVIDER);
    if (current?.authorization !== authorization) {
      current = {
        authorization,
        client: jsonClient({
          provider: PROVIDER,
          baseUrl: options.url,
          headers: { authorization, 'content-type': 'application/json' },
          addressPolicy: options.addressPolicy,
          // A single call's RPC error arrives as HTTP 404/500 with a JSON-RPC body (Core before 28, or JSON-RPC 1.0).
          jsonRpc: true,
          ...(options.timing ? { timing: options.timing } : {}),
          ...(options.retry ? { retry: options.retry } : {}),
          ...(options.breaker ? { breaker: options.breaker } : {}),
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
          ...(options.onRetry ? { onRetry: options.onRetry } : {}),
        }),
      };
    }
    return current.client;
  }

  /** Posts a call or a batch; a refusal of the credentials says which ones were sent (never their value). */
  async function post(body: unknown): Promise<unknown> {
    try {
      return await (await client()).postJson('/', body);
    } catch (error) {
      if (error instanceof ProviderError && error.failure === 'auth' && /HTTP 40[13]/.test(error.message)) {
        throw new ProviderError(
          PROVIDER,
          'auth',
          `${error.message.replace(/^bitcoind: /, '')}; rerate sent ${describeBitcoindAuth(options.auth)}`,
        );
      }
      throw error;
    }
  }

  async function batch<M extends BitcoindMethod>(
    method: M,
    paramsList: readonly ParamsOf<M>[],
  ): Promise<ResultOf<M>[]> {
    assertAllowed(method);
    if (paramsList.length === 0) return [];
    const firstId = nextId;
    nextId += paramsList.length;
    const requests = paramsList.map((params, index) => ({ jsonrpc: '2.0', id: firstId + index, method, params }));
    const answer = await post(requests);
    const byId = answersById(answer, method, paramsList, firstId);
    return paramsList.map((params, index) => {
      const label = labelOf(method, params);
      const entry = byId.get(firstId + index);
      if (entry === undefined) throw invalid(`${label}: the batch answer has no entry with id ${firstId + index}`);
      return resultOf(method, params, entry, label);
    });
  }

  return {
    endpoint: options.url,
    async call(method, ...params) {
      assertAllowed(method);
      const id = nextId++;
      const label = labelOf(method, params);
      const answer = await post({ jsonrpc: '2.0', id, method, params });
      if (!isRecord(answer)) throw invalid(`${label}: expected a JSON-RPC answer object, got ${kindOf(answer)}`);
      if (answer['id'] !== id && !(isRpcError(answer['error']) && answer['id'] === null)) {
        throw invalid(`${label}: the answer carries id ${JSON.stringify(answer['id'])}, not ${id}`);
      }
      return resultOf(method, params, answer, label);
    },
    batch,
  };
}

function assertAllowed(method: string): void {
  if (!(READ_ONLY_METHODS as readonly string[]).includes(method)) {
    throw new ProviderError(
      PROVIDER,
      'auth',
      `method ${JSON.stringify(method)} refused before sending: ` +
        `rerate calls only the read-only methods ${READ_ONLY_METHODS.join(', ')}`,
    );
  }
}

/** Indexes a batch answer by id: an array of objects with unique ids from this batch. */
function answersById(
  answer: unknown,
  method: string,
  paramsList: readonly unknown[],
  firstId: number,
): Map<number, Record<string, unknown>> {
  const where = `${method} batch of ${paramsList.length}`;
  if (!Array.isArray(answer)) {
    // A whole-batch failure (e.g. -32700 parse error) comes back as one error object.
    if (isRecord(answer) && isRpcError(answer['error'])) throw rpcError(where, answer['error']);
    throw invalid(`${where}: expected an array of answers, got ${kindOf(answer)}`);
  }
  const byId = new Map<number, Record<string, unknown>>();
  for (const [position, entry] of answer.entries()) {
    if (!isRecord(entry)) throw invalid(`${where}: answer ${position} is ${kindOf(entry)}, not an object`);
    const id = entry['id'];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < firstId || id >= firstId + paramsList.length) {
      if (isRpcError(entry['error'])) throw rpcError(where, entry['error']);
      throw invalid(`${where}: answer ${position} carries id ${JSON.stringify(id)}, which this batch did not send`);
    }
    if (byId.has(id))
      throw invalid(`${labelOf(method, paramsList[id - firstId])}: the batch answer has two entries with id ${id}`);
    byId.set(id, entry);
  }
  return byId;
}

/** The checked result of one answer object (`{result}` or `{error}`; JSON-RPC 1.0 carries both, one null). */
function resultOf<M extends BitcoindMethod>(
  method: M,
  params: unknown,
  entry: Record<string, unknown>,
  label: string,
): ResultOf<M> {
  const error = entry['error'];
  if (error !== undefined && error !== null) {
    if (isRpcError(error)) throw rpcError(label, error, method);
    throw invalid(`${label}.error: expected {code, message}, got ${kindOf(error)}`);
  }
  if (!('result' in entry)) throw invalid(`${label}: the answer has neither result nor error`);
  return RESULT_CHECKS[method](entry['result'], label, params) as ResultOf<M>;
}

type Check<T> = (value: unknown, path: string, params: unknown) => T;

const RESULT_CHECKS: { [M in BitcoindMethod]: Check<ResultOf<M>> } = {
  getblockchaininfo: (value, path) => {
    const record = object(value, path);
    const info: BlockchainInfo = {
      chain: text(record['chain'], `${path}.chain`),
      blocks: count(record['blocks'], `${path}.blocks`),
      headers: count(record['headers'], `${path}.headers`),
      bestblockhash: hash(record['bestblockhash'], `${path}.bestblockhash`),
      initialblockdownload: boolean(record['initialblockdownload'], `${path}.initialblockdownload`),
      pruned: boolean(record['pruned'], `${path}.pruned`),
    };
    if (info.pruned && record['pruneheight'] !== undefined)
      info.pruneheight = count(record['pruneheight'], `${path}.pruneheight`);
    return info;
  },
  getblockhash: (value, path) => hash(value, path),
  getblockheader: (value, path) => {
    const record = object(value, path);
    const header: BlockHeader = {
      hash: hash(record['hash'], `${path}.hash`),
      height: count(record['height'], `${path}.height`),
      time: count(record['time'], `${path}.time`),
      mediantime: count(record['mediantime'], `${path}.mediantime`),
      bits: hex(record['bits'], `${path}.bits`, 8, 8),
      difficulty: positive(record['difficulty'], `${path}.difficulty`),
      chainwork: hex(record['chainwork'], `${path}.chainwork`, 1, 64),
    };
    if (record['previousblockhash'] !== undefined)
      header.previousblockhash = hash(record['previousblockhash'], `${path}.previousblockhash`);
    if (record['nextblockhash'] !== undefined)
      header.nextblockhash = hash(record['nextblockhash'], `${path}.nextblockhash`);
    return header;
  },
  getblockstats: (value, path) => {
    const record = object(value, path);
    return {
      height: count(record['height'], `${path}.height`),
      time: count(record['time'], `${path}.time`),
      totalfee: count(record['totalfee'], `${path}.totalfee`),
      subsidy: count(record['subsidy'], `${path}.subsidy`),
    };
  },
};

function object(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw shape(path, 'an object', value);
  return value;
}

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw shape(path, 'a non-negative integer', value);
  return value;
}

function positive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw shape(path, 'a positive number', value);
  return value;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw shape(path, 'true or false', value);
  return value;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw shape(path, 'a non-empty string', value);
  return value;
}

function hash(value: unknown, path: string): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value))
    throw shape(path, 'a block hash (64 lower-case hex digits)', value);
  return value;
}

function hex(value: unknown, path: string, minDigits: number, maxDigits: number): string {
  const digits = minDigits === maxDigits ? `${minDigits}` : `${minDigits}–${maxDigits}`;
  if (
    typeof value !== 'string' ||
    value.length < minDigits ||
    value.length > maxDigits ||
    !/^[0-9a-fA-F]+$/.test(value)
  ) {
    throw shape(path, `${digits} hex digits`, value);
  }
  return value.toLowerCase();
}

function shape(path: string, expected: string, value: unknown): ProviderError {
  return invalid(`${path}: expected ${expected}, got ${describeValue(value)}`);
}

function invalid(message: string): ProviderError {
  return new ProviderError(PROVIDER, 'invalid-response', message);
}

/**
 * `getblockstats[935100]`, `getblockheader[0000…ab12]`, `getblockchaininfo`: the method and its scalar parameters.
 */
export function labelOf(method: string, params: unknown): string {
  const scalars = (Array.isArray(params) ? params : []).filter(
    (param) => typeof param === 'number' || typeof param === 'string',
  );
  return scalars.length === 0 ? method : `${method}[${scalars.join(',')}]`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRpcError(value: unknown): value is { code: number; message: string } {
  return isRecord(value) && typeof value['code'] === 'number' && typeof value['message'] === 'string';
}

function rpcError(label: string, error: { code: number; message: string }, method?: string): BitcoindRpcError {
  return new BitcoindRpcError(label, error.code, error.message.slice(0, 300), hintFor(error, method));
}

/** What the user can do about the RPC errors a read-only refresh meets (codes of src/rpc/protocol.h). */
function hintFor(error: { code: number; message: string }, method: string | undefined): string {
  if (/pruned data|not fully downloaded|not available/i.test(error.message)) {
    return (
      'getblockstats needs the block data (and undo data) of every block it summarizes, which a pruned node has ' +
      'deleted: use --since with a day within the range the node keeps, or a node with more -prune space'
    );
  }
  if (error.code === -28) return 'the node is still starting (RPC_IN_WARMUP): try again when it has loaded';
  if (error.code === -32601)
    return method === 'getblockstats'
      ? 'getblockstats needs Bitcoin Core 0.17 or later'
      : 'the node does not know this method (is this Bitcoin Core?)';
  if (error.code === -8 && (method === 'getblockhash' || method === 'getblockstats'))
    return "the height asked for is beyond the node's chain (did it just reorganize?)";
  return '';
}

function kindOf(value: unknown): string {
  return value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'object' && value !== null) return kindOf(value);
  const shown = JSON.stringify(value);
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}
