/** Number formatting for the readable views: fixed decimals with thousands separators, and units. */

export function formatNumber(value: number | null, decimals = 0): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Difficulty the way it is quoted: `155.97 T`, scaled down for the early years (`1.18`, `3.44 M`). */
export function formatDifficulty(value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : formatScaled(value, ['', ' k', ' M', ' G', ' T', ' P']);
}

/** Hashrate from EH/s in the unit that suits its size: `1,071.4 EH/s`, `4.2 MH/s`. */
export function formatHashrate(ehs: number | null): string {
  if (ehs === null || !Number.isFinite(ehs)) return 'n/a';
  if (ehs >= 1) return `${formatNumber(ehs, 1)} EH/s`;
  return `${formatScaled(ehs * 1e18, [' H/s', ' kH/s', ' MH/s', ' GH/s', ' TH/s', ' PH/s'])}`;
}

/** Two decimals after scaling by powers of 1000 until the value is below 1000 (or the units run out). */
function formatScaled(value: number, units: readonly string[]): string {
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return `${formatNumber(scaled, 2)}${units[unit]}`;
}

export function formatPct(value: number | null, decimals = 2, signed = false): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  const text = `${formatNumber(value, decimals)}%`;
  return signed && value > 0 ? `+${text}` : text;
}

export function formatUsd(value: number | null, decimals = 2): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return `${value < 0 ? '-' : ''}$${formatNumber(Math.abs(value), decimals)}`;
}

/** USD in millions: `$79.8M` (null or NaN: n/a). */
export function formatMillionsUsd(usd: number | null, decimals = 1): string {
  return usd === null || !Number.isFinite(usd) ? 'n/a' : `${formatUsd(usd / 1e6, decimals)}M`;
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

/** A signed change from a fraction: `+48.7%`, `−21%` (one decimal under 10%, whole percent above; n/a when unknown). */
export function formatChangePct(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return 'n/a';
  const percent = fraction * 100;
  return `${percent >= 0 ? '+' : '\u2212'}${Math.abs(percent).toFixed(Math.abs(percent) < 10 ? 1 : 0)}%`;
}

/** A large number in thousands, millions, billions or trillions: `1.2M`, `155.97` → `156`, `—` when unknown. */
export function formatCompactNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  const [divisor, suffix] =
    magnitude >= 1e12
      ? [1e12, 'T']
      : magnitude >= 1e9
        ? [1e9, 'B']
        : magnitude >= 1e6
          ? [1e6, 'M']
          : magnitude >= 1e3
            ? [1e3, 'k']
            : [1, ''];
  const scaled = value / divisor;
  return `${scaled.toFixed(Math.abs(scaled) >= 100 || suffix === '' ? 0 : 1)}${suffix}`;
}

/** A signed amount: `+1,234` from 100 on, `+12.3` below. */
export function formatSigned(value: number): string {
  return (
    `${value >= 0 ? '+' : ''}` +
    `${Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)}`
  );
}
