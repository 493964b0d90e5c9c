/**
 * Numbers with their units as the charts (and the dashboard) print them: compact (`$16.75`, `$60k`, `35%`, `142T`),
 * fixed decimals for a column of cell labels, and tick labels with just enough digits to tell ticks apart. Negatives
 * take a true minus sign (−). Pure.
 */

/** Magnitude suffixes, largest first. */
const MAGNITUDE_SUFFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];
const MINUS = '\u2212';

/** Significant digits of a compact number unless the caller asks for others. */
const DEFAULT_SIGNIFICANT_DIGITS = 3;
/** toFixed() decimals at most, for the tiniest values. */
const MAX_DECIMALS = 12;
/** Per-share prices below this many dollars keep their cents. */
const CENTS_BELOW_USD = 1000;
/** Tick labels carry between this few and this many significant digits. */
const TICK_DIGITS_MIN = 2;
const TICK_DIGITS_MAX = 6;

export interface UnitStyle {
  prefix: string;
  suffix: string;
  /** Multiply by this before formatting (fractions → percent, millions → units). */
  factor: number;
  /** Per-share prices below $1,000 keep their cents. */
  cents: boolean;
}

/** How a unit reads next to a number: `USD per share` → $16.75, `per year` → 35%, `USD/PH/day` → $38/PH/day. */
export function unitStyle(unit: string): UnitStyle {
  const u = unit.trim();
  const lower = u.toLowerCase();
  const usd = /^(usd|\$)\s*(.*)$/i.exec(u);
  if (usd) {
    const rest = (usd[2] ?? '').trim();
    const restLower = rest.toLowerCase();
    if (rest === '' || restLower === 'per share' || restLower === '(mean)')
      return { prefix: '$', suffix: '', factor: 1, cents: restLower === 'per share' };
    if (restLower === 'million' || restLower === 'millions' || restLower === 'm')
      return { prefix: '$', suffix: '', factor: 1e6, cents: false };
    if (restLower === 'billion' || restLower === 'billions' || restLower === 'bn')
      return { prefix: '$', suffix: '', factor: 1e9, cents: false };
    const per = /^(?:\/|per\s+)(.+)$/i.exec(rest);
    const denominator = (per?.[1] ?? rest)
      .replace(/\s+per\s+/gi, '/')
      .replace(/PH\/s/i, 'PH')
      .replace(/^critical-IT\s+/i, '');
    return { prefix: '$', suffix: `/${denominator}`, factor: 1, cents: false };
  }
  if (lower === '%' || lower === 'percent' || lower === 'pct')
    return { prefix: '', suffix: '%', factor: 1, cents: false };
  if (lower === 'fraction' || lower === 'per year' || lower === 'share' || lower.startsWith('fraction of'))
    return { prefix: '', suffix: '%', factor: 100, cents: false };
  if (lower === 'difficulty' || lower === '' || lower === 'count' || lower === 'number')
    return { prefix: '', suffix: '', factor: 1, cents: false };
  return { prefix: '', suffix: ` ${u.replace(/^critical-IT\s+/i, '')}`, factor: 1, cents: false };
}

/** A plain number with a k/M/B/T suffix and `significant` digits, trailing zeros trimmed, thousands separated. */
function compactMagnitude(abs: number, significant: number): string {
  let scaled = abs;
  let suffix = '';
  let index = MAGNITUDE_SUFFIXES.findIndex(([factor]) => abs >= factor);
  if (index >= 0) {
    const [factor, name] = MAGNITUDE_SUFFIXES[index] as [number, string];
    scaled = abs / factor;
    suffix = name;
  }
  let text = roundSignificant(scaled, significant);
  // 999.96k rounds to 1000k: move up a scale when there is one.
  if (Number(text) >= 1000 && index !== 0) {
    index = index < 0 ? MAGNITUDE_SUFFIXES.length - 1 : index - 1;
    const [factor, name] = MAGNITUDE_SUFFIXES[index] as [number, string];
    scaled = abs / factor;
    suffix = name;
    text = roundSignificant(scaled, significant);
  }
  return `${groupThousands(text)}${suffix}`;
}

function roundSignificant(value: number, significant: number): string {
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(value));
  const decimals = Math.min(MAX_DECIMALS, Math.max(0, significant - 1 - magnitude));
  return trimZeros(value.toFixed(decimals));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function groupThousands(text: string): string {
  const [whole, fraction] = text.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * A value with its unit, compactly: `$16.75` (USD per share), `$60k` (USD), `35%` (per year, fraction), `142T`
 * (difficulty), `913 EH/s`, `$38.3/PH/day`, `$6.23B` (USD million). Negatives take a minus sign (−). `significant`
 * digits default to 3; per-share prices below $1,000 keep two decimals unless `significant` is given.
 */
export function formatCompact(value: number, unit: string, significant?: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const style = unitStyle(unit);
  const scaled = value * style.factor;
  const abs = Math.abs(scaled);
  let body: string;
  if (style.cents && significant === undefined && abs < CENTS_BELOW_USD) body = abs.toFixed(2);
  else body = compactMagnitude(abs, significant ?? DEFAULT_SIGNIFICANT_DIGITS);
  const negative = scaled < 0 && /[1-9]/.test(body);
  return `${negative ? MINUS : ''}${style.prefix}${body}${style.suffix}`;
}

/**
 * Below 1,000 (after the unit's factor): fixed decimals with the unit, so a column of values lines up (`$16.0`,
 * `$16.3`).
 */
export function formatFixed(value: number, unit: string, decimals: number): string {
  const style = unitStyle(unit);
  const scaled = value * style.factor;
  const body = groupThousands(Math.abs(scaled).toFixed(decimals));
  return `${scaled < 0 && /[1-9]/.test(body) ? MINUS : ''}${style.prefix}${body}${style.suffix}`;
}

/** Tick labels: enough digits to tell neighbouring ticks apart, without the unit's long suffix. */
export function tickFormatter(ticks: number[], unit: string): (value: number) => string {
  const style = unitStyle(unit);
  const short = style.suffix === '%' || style.suffix === '' ? unit : style.prefix === '$' ? 'USD' : 'count';
  const step = ticks.length > 1 ? Math.min(...ticks.slice(1).map((t, i) => Math.abs(t - (ticks[i] as number)))) : 0;
  const largest = Math.max(...ticks.map(Math.abs));
  const significant =
    step > 0 && largest > 0
      ? Math.min(TICK_DIGITS_MAX, Math.max(TICK_DIGITS_MIN, Math.ceil(Math.log10(largest / step) + 1e-9) + 1))
      : DEFAULT_SIGNIFICANT_DIGITS;
  return (value) => formatCompact(value, short, significant);
}
