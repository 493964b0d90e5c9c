/** Number formatting for the readable views: fixed decimals with thousands separators, and units. */

export function formatNumber(value: number | null, decimals = 0): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Difficulty in trillions, the way it is quoted (`155.97 T`). */
export function formatDifficulty(value: number | null): string {
  return value === null ? 'n/a' : `${formatNumber(value / 1e12, 2)} T`;
}

export function formatPct(value: number | null, decimals = 2, signed = false): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  const text = `${formatNumber(value, decimals)}%`;
  return signed && value > 0 ? `+${text}` : text;
}

export function formatUsd(value: number | null, decimals = 2): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : `$${formatNumber(value, decimals)}`;
}

/** `0x1701cdfb` */
export function formatBits(bits: number): string {
  return `0x${bits.toString(16).padStart(8, '0')}`;
}

export function isoTime(unixS: number): string {
  return new Date(Math.round(unixS) * 1000).toISOString().replace('.000Z', 'Z');
}

/** NaN (unknown) becomes null at the boundary. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
