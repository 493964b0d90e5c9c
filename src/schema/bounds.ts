/**
 * The physical and economic bounds of the quantities input files give (issue 19). Outside them a value is a typo or
 * a unit slip, never a fact: 1e308 MW, a lease of 1e9 years or 1e-300 shares would fail deep inside the engines
 * (typed arrays of a billion years, sums that overflow to Infinity, divisions by nearly nothing) or be saved as a run.
 * Every bound says why it is where it is; docs/company-file.md lists them. Bounds are wide: each admits several times
 * the largest real value known, so that a real company is never refused.
 */
import { z } from 'zod';
import { parseIsoDay } from '../units/calendar-day.ts';

export interface Bound {
  /** The unit, as errors and the docs show it. */
  unit: string;
  min: number;
  /** The minimum itself is outside (a quantity that must be positive). */
  minExclusive?: boolean;
  max: number;
  /** Why the bound is there, shown with the error. */
  reason: string;
}

/** USD amounts (cash, principal, contract value, capex): above the market value of any company (~$5T, 2025). */
export const USD_AMOUNT: Bound = { unit: 'USD', min: 0, max: 1e13, reason: 'above $10 trillion is a typo' };
/** A payment that exists (a contract's value, a receipt, a guarantee): at least a dollar. */
export const USD_PAYMENT: Bound = { ...USD_AMOUNT, min: 1, reason: 'a payment lies between $1 and $10 trillion' };
/** Per MW or per MW-year: a GW data-center campus costs ~$10–15B (~$10–15M per MW); $1B per MW is a unit slip. */
export const USD_PER_MW: Bound = { unit: 'USD per MW', min: 0, max: 1e9, reason: 'above $1B per MW is a unit slip' };
/** A fleet's enterprise value per EH/s: listed miners trade at ~$20–100M per EH/s. */
export const USD_PER_EHS: Bound = {
  unit: 'USD per EH/s',
  min: 0,
  max: 1e10,
  reason: 'above $10B per EH/s is a typo (miners trade at ~$20–100M)',
};
/** Rent per kW-month: colocation leases at ~$100–200, GPU cloud at ~$1–2k. */
export const USD_PER_KW_MONTH: Bound = {
  unit: 'USD per kW-month',
  min: 1,
  max: 10_000,
  reason: 'colocation rents ~$100–200 and GPU cloud ~$1–2k per kW-month',
};
/** A reported unit cost (per BTC or per PH/s-day): a cent to $10M (a bitcoin has never cost $1M to mine or buy). */
export const UNIT_COST_USD: Bound = {
  unit: 'USD',
  min: 0.01,
  max: 1e7,
  reason: 'a cost per BTC or per PH/s-day lies between $0.01 and $10M',
};
/**
 * A share price, strike or conversion price: US quotes stop at $0.0001 (Reg NMS Rule 612 sub-penny increment); the
 * highest share price ever quoted is ~$750k (Berkshire Hathaway A).
 */
export const SHARE_PRICE_USD: Bound = {
  unit: 'USD per share',
  min: 0.0001,
  max: 1e6,
  reason: 'share prices lie between $0.0001 (the sub-penny tick) and $1M (BRK.A ~$750k)',
};
/** A strike may be zero (a penny warrant, an RSU priced at nothing). */
export const STRIKE_USD: Bound = { ...SHARE_PRICE_USD, min: 0 };
/** A count of shares: no listed company has more than ~3.6e11 (ICBC). */
export const SHARE_COUNT: Bound = { unit: 'shares', min: 0, max: 1e12, reason: 'no company has 1e12 shares' };
/** Shares outstanding of a listed company: Nasdaq's continued listing asks for 500,000 publicly held shares. */
export const BASIC_SHARES: Bound = {
  unit: 'shares',
  min: 1e5,
  max: 1e12,
  reason: 'a listed company has 100,000 to 1e12 shares (Nasdaq asks for 500,000 held publicly; ICBC has ~3.6e11)',
};
/** Bitcoin: the supply cap. */
export const BTC_AMOUNT: Bound = { unit: 'BTC', min: 0, max: 21e6, reason: 'there are at most 21 million' };
/** A site, or a company's MW: the largest campuses announced (2025) are 5–11 GW (Meta Hyperion, Fermi America). */
export const SITE_MW: Bound = { unit: 'MW', min: 0, max: 20_000, reason: 'above 20 GW is twice the largest campus' };
/** MW of a lease or project that exists: at least 100 kW (a few racks), so per-MW figures stay finite. */
export const LEASED_MW: Bound = { ...SITE_MW, min: 0.1, reason: 'a lease or project has 0.1 MW to 20 GW' };
/** A company's hashrate: ten times the whole network's (~1,000 EH/s in 2025). */
export const COMPANY_HASHRATE_EHS: Bound = {
  unit: 'EH/s',
  min: 0,
  max: 10_000,
  reason: 'above ten times the whole network',
};
/** Miner efficiency: the best machines shipping (2025) draw ~9.5 J/TH; the Antminer S9 of 2016 ~98 J/TH. */
export const EFFICIENCY_J_PER_TH: Bound = {
  unit: 'J/TH',
  min: 5,
  max: 200,
  reason: 'bitcoin miners draw 5–200 J/TH (S21 XP ~13.5, S9 ~98)',
};
/** An all-in power price, a hosting fee or site opex, a year's average: US industrial power averages ~$80/MWh. */
export const POWER_PRICE_USD_PER_MWH: Bound = {
  unit: 'USD/MWh',
  min: 0,
  max: 1000,
  reason: "a year's all-in average above $1,000/MWh is a typo (US industrial power averages ~$80)",
};
/** A lease term: data-center leases run 5–20 years; at least a month. */
export const LEASE_TERM_YEARS: Bound = {
  unit: 'years',
  min: 1 / 12,
  max: 50,
  reason: 'a lease runs a month to 50 years (data-center leases run 5–20)',
};
/** A rent escalator: leases escalate 2–5% a year. */
export const ESCALATOR_PER_YEAR: Bound = {
  unit: 'per year',
  min: 0,
  max: 0.25,
  reason: 'escalators run 2–5%/yr; above 25%/yr is a typo',
};
/** A bond coupon in percent: distressed high yield rarely passes 20%. */
export const COUPON_PCT: Bound = { unit: '%', min: 0, max: 50, reason: 'a coupon above 50% is a typo' };
/** A BTC price (a scenario's start, points and forward curve): a cent to 10,000 times today's ~$100k. */
export const BTC_PRICE_USD: Bound = { unit: 'USD', min: 0.01, max: 1e9, reason: 'a BTC price lies in $0.01–$1B' };

/** A whole network's hashrate on a scenario path: from 1 TH/s (passed in 2010) to a million times today's. */
export const NETWORK_HASHRATE_EHS: Bound = {
  unit: 'EH/s',
  min: 1e-6,
  max: 1e9,
  reason: 'a network path lies between 1 TH/s (passed in 2010) and a million times today',
};

/** The first and last day a date in an input file may name. */
export const GENESIS_DAY = '2009-01-03';
export const LAST_INPUT_DAY = '2100-12-31';

/** A number within a bound, with an error that says which end it crossed and why the bound is there. */
export function boundedNumber(bound: Bound): z.ZodNumber {
  const number = z.number({ error: `expected a number of ${bound.unit}` });
  const low = bound.minExclusive
    ? number.gt(bound.min, belowMessage(bound))
    : number.gte(bound.min, belowMessage(bound));
  return low.lte(bound.max, `at most ${formatLimit(bound.max)} ${bound.unit}: ${bound.reason}`);
}

function belowMessage(bound: Bound): string {
  if (bound.min === 0)
    return bound.minExclusive ? `${bound.unit} must be positive` : `${bound.unit} cannot be negative`;
  return `at least ${formatLimit(bound.min)} ${bound.unit}: ${bound.reason}`;
}

/** A limit as errors and the docs show it: `1e13`, `21,000,000`, `0.0833`. */
export function formatLimit(value: number): string {
  if (value >= 1e9) return value.toExponential().replace('e+', 'e');
  return value >= 1 ? value.toLocaleString('en-US') : String(Number(value.toPrecision(3)));
}

/**
 * A calendar date in an input file: from the genesis block (2009-01-03; no bitcoin was mined, no miner reported and
 * no price was quoted before it) to 2100 (beyond any lease, debt maturity or plan: leases run at most 50 years).
 */
export const inputDateSchema = z
  .string()
  .refine((text) => parseIsoDay(text) !== undefined, { message: 'expected a calendar date YYYY-MM-DD', abort: true })
  .refine((text) => text >= GENESIS_DAY, `a date from the genesis block (${GENESIS_DAY}) on`)
  .refine((text) => text <= LAST_INPUT_DAY, `a date up to ${LAST_INPUT_DAY} (leases and debts end before it)`);
