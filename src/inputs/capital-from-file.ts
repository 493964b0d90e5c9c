/**
 * The capital structure of a company file as of a day, under a methodology's conventions: cash rolled forward from
 * the balance-sheet date through the financing that was public by then (debt issued, equity raised, shares and notes
 * repurchased, debt repaid), the straight debt, the convertibles with their terms and the convention that counts
 * them, the treasury-method dilution and, if the methodology counts it, the ATM programme sold at the market price.
 * An item enters only if it was public on or before the as-of date (its `knownFrom`, else its date); its cash and
 * principal only if it settled after the balance-sheet date (before, the balance sheet holds it already), its shares
 * only if after the date of the basic share count.
 */
import { valueOf, type CompanyFile } from '../schema/company.ts';
import type { MethodologyFile } from '../schema/methodology.ts';
import type { ResultWarning } from '../schema/result-envelope.ts';
import { dayFromIso, type DayNumber } from '../units/calendar-day.ts';
import type { CapitalDisclosure } from '../valuation/capital-disclosure.ts';
import type { CapitalStructure, Convertible, ConvertibleConvention } from '../valuation/capital-structure.ts';
import type { ExplainInput, Sourced } from '../valuation/explain.ts';
import type { StraightDebt } from '../valuation/sum-of-parts.ts';

export interface CapitalFromFile {
  cashUsd: Sourced;
  straightDebt: StraightDebt[];
  capital: CapitalStructure;
  disclosure: CapitalDisclosure;
  warnings: ResultWarning[];
}

type Fig = (path: string, figure: number | { value: number } | undefined, fallback: number) => Sourced;

const DAYS_PER_YEAR = 365.25;
const musd = (usd: number) => `$${(usd / 1e6).toFixed(0)}M`;

export function capitalFromFile(
  company: CompanyFile,
  companyFile: string,
  methodologyFile: string,
  methodology: MethodologyFile,
  asOfDay: DayNumber,
  /** The day the per-share value is solved at: the target date when the methodology rolls forward, else as-of. */
  solvedOnDay: DayNumber,
  fig: Fig,
): CapitalFromFile {
  const sheet = company.balanceSheet;
  const publicBy = (date: string | undefined) => date === undefined || dayFromIso(date) <= asOfDay;
  const warnings: ResultWarning[] = [];
  const rollForward: CapitalDisclosure['rollForward'] = [];
  const cash = fig('balanceSheet.cashUsd', sheet.cashUsd, 0);
  let cashUsd = cash.value;

  // Debt issued after the balance-sheet date and public by the as-of date: its proceeds are taken as unspent cash.
  const debt = sheet.debt.map((d, index) => ({ d, index })).filter(({ d }) => publicBy(d.knownFrom ?? d.issueDate));
  for (const { d, index } of debt) {
    if (d.issueDate === undefined || d.issueDate <= sheet.asOf) continue;
    const principal = valueOf(d.principalUsd);
    cashUsd += principal;
    rollForward.push({
      date: d.issueDate,
      item: `${d.name} issued (proceeds taken as unspent cash)`,
      cashUsd: principal,
      shares: 0,
      source: fig(`balanceSheet.debt[${index}].principalUsd`, d.principalUsd, 0).source,
    });
  }
  const lateDebt = rollForward.filter((r) => r.cashUsd > 0);
  if (lateDebt.length > 0)
    warnings.push({
      code: 'debt-after-balance-sheet',
      message:
        `${company.ticker}: ${debt
          .filter(({ d }) => d.issueDate !== undefined && d.issueDate > sheet.asOf)
          .map(({ d }) => d.name)
          .join('; ')} ` +
        `issued after the balance sheet of ${sheet.asOf}; their principal ` +
        `(${musd(lateDebt.reduce((s, r) => s + r.cashUsd, 0))}) is added to cash as unspent proceeds.`,
      field: 'cashUsd',
    });

  // Equity raises, repurchases and repayments after the balance-sheet date.
  const basic = company.shares.basic;
  const sharesAsOf = (typeof basic === 'number' ? undefined : basic.asOf) ?? sheet.asOf;
  let sharesDelta = 0;
  const principalDelta = new Map<string, number>();
  sheet.rollForward.forEach((event, i) => {
    if (!publicBy(event.knownFrom ?? event.date)) return;
    const sign = event.kind === 'equity-raise' ? 1 : -1;
    const moves = event.date > sheet.asOf;
    const cashMoved = moves ? sign * valueOf(event.cashUsd) : 0;
    const issued = event.kind === 'share-repurchase' ? -1 : 1;
    const shares = event.date > sharesAsOf ? issued * valueOf(event.shares ?? 0) : 0;
    if (moves && event.instrument !== undefined)
      principalDelta.set(
        event.instrument,
        (principalDelta.get(event.instrument) ?? 0) + valueOf(event.principalUsd ?? 0),
      );
    if (cashMoved === 0 && shares === 0 && !(moves && event.instrument !== undefined)) return;
    cashUsd += cashMoved;
    sharesDelta += shares;
    const what = event.instrument === undefined ? event.kind : `${event.kind} of ${event.instrument}`;
    rollForward.push({
      date: event.date,
      item: `${what}${event.principalUsd === undefined ? '' : ` (${musd(valueOf(event.principalUsd))} principal)`}`,
      cashUsd: cashMoved,
      shares,
      source:
        `${companyFile} balanceSheet.rollForward[${i}]: ` + (event.source ?? `assumption: ${event.assumption ?? ''}`),
    });
  });

  const straightDebt: StraightDebt[] = [];
  const convertibles: Convertible[] = [];
  const notes: CapitalDisclosure['notes'] = [];
  for (const { d, index } of debt) {
    const principal = fig(`balanceSheet.debt[${index}].principalUsd`, d.principalUsd, 0);
    const principalUsd = Math.max(0, principal.value - (principalDelta.get(d.name) ?? 0));
    if (principalUsd === 0) continue;
    if (d.kind !== 'convertible') {
      straightDebt.push({ name: d.name, principalUsd, source: principal.source });
      continue;
    }
    const note: Convertible = {
      name: d.name,
      principalUsd,
      conversionPriceUsd: valueOf(d.conversionPriceUsd ?? 0),
      cappedCallCapUsd: d.cappedCallCapUsd === undefined ? undefined : valueOf(d.cappedCallCapUsd),
      couponRatePerYear: valueOf(d.couponPct) / 100,
      yearsToMaturity: (dayFromIso(d.maturity) - solvedOnDay) / DAYS_PER_YEAR,
    };
    convertibles.push(note);
    notes.push({
      name: d.name,
      principalUsd,
      conversionPriceUsd: note.conversionPriceUsd,
      cappedCallCapUsd: note.cappedCallCapUsd ?? null,
      couponPct: valueOf(d.couponPct),
      maturity: d.maturity,
      source: principal.source,
    });
  }

  const dilutive = company.shares.dilution.map((d) => ({
    name: `${d.kind}${d.strikeUsd === undefined ? ' (no strike given: counted in full)' : ''}`,
    shares: valueOf(d.shares),
    strikeUsd: d.strikeUsd === undefined ? 0 : valueOf(d.strikeUsd),
  }));

  // The ATM programme: shares sold at the market price for its remaining capacity, if the methodology counts it.
  let atm: CapitalDisclosure['atm'] = null;
  const capacity = company.shares.atmRemainingUsd;
  if (capacity !== undefined && publicBy(typeof capacity === 'number' ? undefined : capacity.asOf)) {
    const remaining = fig('shares.atmRemainingUsd', capacity, 0);
    const count = methodology.capitalStructure.atm.count;
    const shares = remaining.value / valueOf(company.market.sharePriceUsd);
    atm = {
      remainingCapacityUsd: remaining.value,
      source: remaining.source,
      counted: count.value,
      countSource: `${methodologyFile} capitalStructure.atm.count: ${count.source}`,
      shares: count.value ? shares : 0,
    };
    if (count.value) {
      cashUsd += remaining.value;
      dilutive.push({ name: 'ATM programme sold at the market price (assumption)', shares, strikeUsd: 0 });
      rollForward.push({
        date: '(assumed)',
        item: 'ATM programme sold at the market price',
        cashUsd: remaining.value,
        shares,
        source: remaining.source,
      });
    }
  }

  // A basic count taken from a market cap (an assumption) may already hold shares of notes converted since issue.
  if (typeof basic !== 'number' && basic.assumption !== undefined) {
    const price = valueOf(company.market.sharePriceUsd);
    const inTheMoney = convertibles.filter((n) => n.conversionPriceUsd < price);
    const names = inTheMoney.map((n) => n.name).join('; ');
    const shares = inTheMoney.map((n) => `${(n.principalUsd / n.conversionPriceUsd / 1e6).toFixed(1)}M`).join(' + ');
    if (inTheMoney.length > 0)
      warnings.push({
        code: 'convertible-may-be-in-basic-shares',
        message:
          `${company.ticker}: the basic share count is an assumption, and ${names} convert below the share price; ` +
          `shares of notes converted before the count are counted twice (at most ${shares} shares).`,
        field: 'capital.basicShares',
      });
  }
  const { convention, disclosed } = conventionOf(methodologyFile, methodology);
  const cashNotes = rollForward.map(
    (r) => `${r.cashUsd >= 0 ? 'plus' : 'less'} ${musd(Math.abs(r.cashUsd))} ${r.item} (${r.date})`,
  );
  return {
    cashUsd: cashNotes.length === 0 ? cash : { value: cashUsd, source: [cash.source, ...cashNotes].join('; ') },
    straightDebt,
    capital: { basicShares: valueOf(basic) + sharesDelta, convertibles, dilutive, convention },
    disclosure: { convention: disclosed, notes, atm, rollForward },
    warnings,
  };
}

function conventionOf(
  file: string,
  methodology: MethodologyFile,
): { convention: ConvertibleConvention; disclosed: CapitalDisclosure['convention'] } {
  const c = methodology.capitalStructure.convertibles;
  const source = `${file} capitalStructure.convertibles: ${c.source}`;
  if (c.convention !== 'bond-floor-plus-option')
    return { convention: { kind: c.convention }, disclosed: { name: c.convention, source, parameters: [] } };
  const parameter = (
    name: string,
    key: 'riskFreeRatePerYear' | 'creditSpreadPerYear' | 'volatilityPerYear',
    unit: string,
  ): ExplainInput => ({
    name,
    value: c[key].value,
    unit,
    source: `${file} capitalStructure.convertibles.${key}: ${c[key].source}`,
  });
  return {
    convention: {
      kind: c.convention,
      riskFreeRatePerYear: c.riskFreeRatePerYear.value,
      creditSpreadPerYear: c.creditSpreadPerYear.value,
      volatilityPerYear: c.volatilityPerYear.value,
    },
    disclosed: {
      name: c.convention,
      source,
      parameters: [
        parameter('risk-free rate', 'riskFreeRatePerYear', 'per year, continuous'),
        parameter('credit spread', 'creditSpreadPerYear', 'per year, continuous'),
        parameter('volatility', 'volatilityPerYear', 'per √year'),
      ],
    },
  };
}
