/**
 * The checked result of a Bitcoin Core JSON-RPC answer: the node's RPC error turned into a BitcoindRpcError, else the
 * result's shape checked field by field for the method called, each refusal naming method, parameters and field
 * (`getblockstats[935100].totalfee: expected a non-negative integer`).
 */
import type { ProviderError } from '../http/provider-error.ts';
import { describeValue, invalid, isRecord, isRpcError, kindOf, rpcError } from './bitcoind-rpc-errors.ts';
import type { BitcoindMethod, BlockchainInfo, BlockHeader, ResultOf } from './bitcoind-rpc-methods.ts';

/** The checked result of one answer object (`{result}` or `{error}`; JSON-RPC 1.0 carries both, one null). */
export function resultOf<M extends BitcoindMethod>(
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
