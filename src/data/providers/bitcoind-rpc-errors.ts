/**
 * How the Bitcoin Core JSON-RPC client names a call in its messages (`getblockstats[935100]`) and reports what went
 * wrong: an RPC error the node answered (with a hint at what the user can do), or an answer of the wrong shape.
 */
import { printable } from '../../present/printable-text.ts';
import { ProviderError } from '../http/provider-error.ts';

const PROVIDER = 'bitcoind';

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

export function invalid(message: string): ProviderError {
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isRpcError(value: unknown): value is { code: number; message: string } {
  return isRecord(value) && typeof value['code'] === 'number' && typeof value['message'] === 'string';
}

export function rpcError(label: string, error: { code: number; message: string }, method?: string): BitcoindRpcError {
  return new BitcoindRpcError(label, error.code, printable(error.message, 300), hintFor(error, method));
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

export function kindOf(value: unknown): string {
  return value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'object' && value !== null) return kindOf(value);
  const shown = JSON.stringify(value);
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}
