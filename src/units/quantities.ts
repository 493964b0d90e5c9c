/**
 * Branded unit types and the explicit converters between them. A brand makes the unit part of the type:
 * an `Ehs` cannot be passed where a `HashesPerSecond` is expected without a converter.
 * Useful identity: MW = EH/s × J/TH.
 */

type Quantity<Unit extends string> = number & { readonly __unit: Unit };

export type Ehs = Quantity<'EH/s'>;
export type JoulesPerTh = Quantity<'J/TH'>;
export type Megawatts = Quantity<'MW'>;
export type UsdPerMwh = Quantity<'USD/MWh'>;
export type Btc = Quantity<'BTC'>;

/** Hashes per second in one EH/s. */
export const HASHES_PER_EH = 1e18;
const SATS_PER_BTC = 100_000_000;

export const ehs = (value: number): Ehs => value as Ehs;
export const joulesPerTh = (value: number): JoulesPerTh => value as JoulesPerTh;
export const usdPerMwh = (value: number): UsdPerMwh => value as UsdPerMwh;

/**
 * Exact sats (bigint) to BTC (float64): the one place where protocol amounts become economics numbers.
 * Splits whole coins from the remainder so amounts above 2^53 sats keep full precision.
 */
export function btcFromSats(sats: bigint): Btc {
  const whole = sats / 100_000_000n;
  const remainder = sats % 100_000_000n;
  return (Number(whole) + Number(remainder) / SATS_PER_BTC) as Btc;
}

/** Power drawn by a fleet: MW = EH/s × J/TH (1 EH/s at 1 J/TH draws 1e18 H/s × 1e-12 J/H = 1 MW). */
export function megawattsFromFleet(hashrate: Ehs, efficiency: JoulesPerTh): Megawatts {
  return (hashrate * efficiency) as Megawatts;
}
