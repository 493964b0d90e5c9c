/**
 * Quantities written as text in scenario files and CLI flags, with their unit explicit:
 *   rates      `25%/yr`, `2%/mo`, `-10%/yr`, or a per-year fraction `0.25`
 *   shares     `0.6%`, or a fraction `0.006`
 * Each parser returns the number in the model's unit (per-year fraction, fraction) or undefined when the text is
 * not of its form, so schemas can say precisely what was expected.
 */

const RATE = /^\s*([-+]?\d+(?:\.\d+)?)\s*%\s*\/\s*(yr|year|mo|month)\s*$/i;
const PERCENT = /^\s*([-+]?\d+(?:\.\d+)?)\s*%\s*$/;
const PLAIN = /^\s*[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?\s*$/i;

/**
 * Growth rate per year as a fraction: `25%/yr` → 0.25; `2%/mo` → 1.02^12 − 1 (compounded). A plain number is a
 * fraction per year and must lie in [−1, 1], so that `25` (meant as 25%) is refused rather than read as +2,500%/yr.
 */
export function parseRatePerYear(text: string): number | undefined {
  const match = RATE.exec(text);
  if (match) {
    const fraction = Number(match[1]) / 100;
    return /^mo/i.test(match[2] as string) ? Math.pow(1 + fraction, 12) - 1 : fraction;
  }
  return PLAIN.test(text) && Math.abs(Number(text)) <= 1 ? Number(text) : undefined;
}

/** Volatility per year as a fraction: `30%/yr` → 0.3; `5%/mo` → 0.05 × √12 (variance scales with time). */
export function parseVolatilityPerYear(text: string): number | undefined {
  const match = RATE.exec(text);
  if (match) {
    const fraction = Number(match[1]) / 100;
    return /^mo/i.test(match[2] as string) ? fraction * Math.sqrt(12) : fraction;
  }
  return PLAIN.test(text) ? Number(text) : undefined;
}

/** A share as a fraction: `0.6%` → 0.006; `0.006` → 0.006. */
export function parseShare(text: string): number | undefined {
  const match = PERCENT.exec(text);
  if (match) return Number(match[1]) / 100;
  return PLAIN.test(text) ? Number(text) : undefined;
}

/** A plain decimal number (no hex, no units). */
export function parseDecimal(text: string): number | undefined {
  return PLAIN.test(text) ? Number(text) : undefined;
}
