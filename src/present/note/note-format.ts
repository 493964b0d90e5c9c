/** How the note writes changes and large numbers: signed percentages, compact millions and billions. */

export function compact(value: number | null): string {
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

/** A signed percentage: one decimal under 10%, whole percent above. */
export function formatChange(fraction: number): string {
  const percent = fraction * 100;
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent).toFixed(Math.abs(percent) < 10 ? 1 : 0)}%`;
}

export function signed(value: number): string {
  return (
    `${value >= 0 ? '+' : ''}` +
    `${Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)}`
  );
}
