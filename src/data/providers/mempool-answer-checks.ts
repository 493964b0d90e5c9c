/**
 * Shape checks for the mempool.space chain provider's answers. Each check names the request (`where`, e.g.
 * `GET https://mempool.space/api/v1/blocks/935114`) and the JSON path it read, and refuses the answer with a
 * ProviderError 'invalid-response' that shows what came instead (at most 80 characters of it).
 */
import { ProviderError } from '../http/provider-error.ts';

const HASH = /^[0-9a-f]{64}$/;

export function record(value: unknown, where: string, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(where, path, 'expected an object', value);
  return value as Record<string, unknown>;
}

export function integer(
  value: unknown,
  where: string,
  path: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(
      where,
      path,
      `expected an integer${max === Number.MAX_SAFE_INTEGER ? ` ≥ ${min}` : ` in ${min} … ${max}`}`,
      value,
    );
  }
  return value;
}

export function hash(value: unknown, where: string, path: string): string {
  if (typeof value !== 'string' || !HASH.test(value))
    throw invalid(where, path, 'expected a block hash (64 lowercase hex digits)', value);
  return value;
}

export function invalid(where: string, path: string, expected: string, got: unknown): ProviderError {
  const shown = JSON.stringify(got) ?? String(got);
  const atPath = path === '' ? '' : ` ${path}`;
  const gotText = shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
  return new ProviderError('mempool', 'invalid-response', `${where}${atPath}: ${expected}, got ${gotText}`);
}

/** Compact bits as messages show them: `0x` and 8 lower-case hex digits. */
export function bitsHex(bits: number): string {
  return `0x${bits.toString(16).padStart(8, '0')}`;
}
