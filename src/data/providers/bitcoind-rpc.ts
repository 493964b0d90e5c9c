/**
 * A tiny JSON-RPC client for Bitcoin Core over the resilient JSON client. It calls only four read-only methods and
 * refuses any other before sending (as the node's `rpcwhitelist` would with 403, hence failure 'auth'); sends
 * JSON-RPC 2.0 requests, batched as an array (Core answers a batch with HTTP 200 and an array of
 * `{result, error, id}`, matched here by id, not by order); maps RPC errors to ProviderError; and checks the shape
 * of every answer (bitcoind-rpc-results.ts).
 */
import {
  jsonClient,
  type BreakerPolicy,
  type ClientTiming,
  type JsonClient,
  type RetryPolicy,
} from '../http/resilient-client.ts';
import type { AddressPolicy } from '../http/address-policy.ts';
import type { HostResolver } from '../http/guarded-agent.ts';
import { ProviderError } from '../http/provider-error.ts';
import { bitcoindAuthorization, describeBitcoindAuth, type BitcoindAuth } from './bitcoind-config.ts';
import { invalid, isRecord, isRpcError, kindOf, labelOf, rpcError } from './bitcoind-rpc-errors.ts';
import { READ_ONLY_METHODS, type BitcoindMethod, type ParamsOf, type ResultOf } from './bitcoind-rpc-methods.ts';
import { resultOf } from './bitcoind-rpc-results.ts';

const PROVIDER = 'bitcoind';

export interface BitcoindRpcOptions {
  /** Base URL without credentials. */
  url: string;
  auth: BitcoindAuth;
  addressPolicy: AddressPolicy;
  resolver?: HostResolver;
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
          ...(options.resolver ? { resolver: options.resolver } : {}),
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
