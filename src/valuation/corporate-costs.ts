/**
 * Corporate costs: the company's cash SG&A (excluding stock-based compensation), valued as a part of its own and
 * subtracted — over the mining horizon, at the methodology's rate — where the methodology counts it. The HPC parts
 * are property-level NOI before overhead and mining is gross profit, so without this line no part carries the
 * company's overhead (valuation-audit.md D5). Overhead is taken over the mining horizon, not as a perpetuity: the
 * horizon is what the methodology values the operating business over.
 */
import type { CompanyDays } from '../company/company-days.ts';
import { DAYS_PER_YEAR } from '../company/hpc-revenue.ts';
import { input, type Explain, type Sourced } from './explain.ts';

export interface CorporateCostParameters {
  subtractCashSga: boolean;
  horizonYears: Sourced;
  discountRatePerYear: Sourced;
}

export interface CorporateCostValue {
  /** Present value of the cash SG&A subtracted (a positive number; 0 when the methodology does not count it). */
  costUsd: number;
  /** Undiscounted cash SG&A over the horizon. */
  cashSgaUsd: number;
  explain: Explain;
}

export function corporateCostValue(
  days: CompanyDays,
  startIndex: number,
  parameters: CorporateCostParameters,
): CorporateCostValue {
  if (!parameters.subtractCashSga) {
    return {
      costUsd: 0,
      cashSgaUsd: 0,
      explain: { formula: 'not counted: the methodology values gross profit before overhead', inputs: [] },
    };
  }
  const horizonDays = Math.round(parameters.horizonYears.value * DAYS_PER_YEAR);
  const endIndex = Math.min(days.dayCount, startIndex + horizonDays);
  const rate = parameters.discountRatePerYear.value;
  let costUsd = 0;
  let cashSgaUsd = 0;
  const dailyFactor = (1 + rate) ** (-1 / DAYS_PER_YEAR);
  let discount = dailyFactor;
  for (let i = startIndex; i < endIndex; i++, discount *= dailyFactor) {
    const sga = days.cashSgaUsd[i] as number;
    costUsd += sga * discount;
    cashSgaUsd += sga;
  }
  return {
    costUsd,
    cashSgaUsd,
    explain: {
      formula: `Σ over ${endIndex - startIndex} days of cash SG&A × (1 + r)^−(t/365.25)`,
      inputs: [
        input('horizon', parameters.horizonYears, 'years'),
        input('discount rate r', parameters.discountRatePerYear, 'per year'),
        {
          name: 'cash SG&A over the horizon',
          value: cashSgaUsd,
          unit: 'USD',
          source: 'company file corporate.cashSgaUsdPerQuarter',
        },
      ],
    },
  };
}
