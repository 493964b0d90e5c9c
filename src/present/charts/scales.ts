/** Scales and ticks for the chart axes: linear maps from data to px, nice linear ticks, 1-2-5 log ticks. Pure. */

/** Linear tick steps are one of these × a power of ten. */
const NICE_STEP_MULTIPLES = [1, 2, 2.5, 5, 10];
/** Log ticks at these multiples of each power of ten… */
const LOG_TICK_MULTIPLES = [1, 2, 5];
/** …or only at the powers themselves when the data spans more than this many decades. */
const LOG_DECADES_FOR_POWERS_ONLY = 3;
/** An empty domain [v, v] is widened by this share of |v| each way (by 1 when v is 0). */
const FLAT_DOMAIN_PAD = 0.1;

/** 1, 2, 2.5, 5 × 10^k steps giving about `count` intervals over [min, max]. */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min)) {
    const pad = min === 0 ? 1 : Math.abs(min) * FLAT_DOMAIN_PAD;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = (NICE_STEP_MULTIPLES.find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** Log ticks in the 1-2-5 sequence (only powers of ten over more than three decades), covering [min, max]. */
export function logTicks(min: number, max: number): number[] {
  const lowPower = Math.floor(Math.log10(min));
  const highPower = Math.ceil(Math.log10(max));
  const multiples = highPower - lowPower > LOG_DECADES_FOR_POWERS_ONLY ? [1] : LOG_TICK_MULTIPLES;
  const all: number[] = [];
  for (let p = lowPower; p <= highPower; p++)
    for (const m of multiples) all.push(Number((m * 10 ** p).toPrecision(12)));
  const below = all.filter((t) => t <= min * (1 + 1e-12));
  const above = all.filter((t) => t >= max * (1 - 1e-12));
  const lo = below[below.length - 1] ?? all[0] ?? min;
  const hi = above[0] ?? all[all.length - 1] ?? max;
  return all.filter((t) => t >= lo && t <= hi);
}

/** The linear map taking `domain` onto `range` (an empty domain is taken as one unit wide). */
export function linearScale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}
