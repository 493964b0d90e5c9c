/**
 * The capital structure of a valued company as `value` shows it: the convention and its parameters, each
 * convertible's terms and treatment at the solved target, the treasury-method dilution, the ATM assumption and the
 * cash roll-forward — as result data, and as the rows of its text table.
 */
import type { ValueResult } from '../../schema/valuation.ts';
import { formatNumber, formatUsd } from '../../present/format.ts';
import type { ValuedCompany } from './valuation-session.ts';
import { millions } from './valuation-views.ts';

type Capital = ValueResult['capital'];

export function capitalResult(valued: ValuedCompany): Capital {
  const { inputs, valuation } = valued;
  const disclosure = inputs.capitalDisclosure;
  return {
    basicShares: inputs.capital.basicShares,
    convention: disclosure?.convention ?? {
      name: 'switch-at-conversion',
      source: 'no convention given: debt below conversion, shares above',
      parameters: [],
    },
    convertibles: valuation.perShare.convertibles.map((treatment, i) => {
      const terms = disclosure?.notes[i];
      const note = inputs.capital.convertibles[i];
      return {
        ...treatment,
        principalUsd: note?.principalUsd ?? 0,
        conversionPriceUsd: note?.conversionPriceUsd ?? 0,
        cappedCallCapUsd: note?.cappedCallCapUsd ?? null,
        couponPct: terms?.couponPct ?? (note?.couponRatePerYear ?? 0) * 100,
        maturity: terms?.maturity ?? '',
      };
    }),
    dilutive: valuation.perShare.dilutive,
    straightDebt: [...inputs.straightDebt],
    cashSource: inputs.cashUsd.source,
    atm: disclosure?.atm ?? null,
    rollForward: disclosure?.rollForward ?? [],
  };
}

const TREATMENT: Record<Capital['convertibles'][number]['treatedAs'], string> = {
  debt: 'debt (principal)',
  shares: 'shares',
  'bond-floor-plus-option': 'bond floor + option',
};

/** One line per convention, note, dilutive security, ATM and roll-forward item: what it is, its value, its source. */
export function capitalRows(capital: Capital, targetUsd: number): string[][] {
  const c = capital.convention;
  return [
    ['Convertibles convention', c.name, '', c.source],
    ...c.parameters.map((p) => [`  ${p.name}`, formatNumber(p.value, 4), p.unit, p.source]),
    ...capital.convertibles.map((n) => [
      n.name,
      `${TREATMENT[n.treatedAs]}: ${treatmentText(n, targetUsd)}`,
      'USD',
      `${millions(n.principalUsd)} at ${formatUsd(n.conversionPriceUsd)}` +
        `${n.cappedCallCapUsd === null ? '' : `, capped call to ${formatUsd(n.cappedCallCapUsd)}`}` +
        `, ${formatNumber(n.couponPct, 3)}% to ${n.maturity}`,
    ]),
    ...capital.dilutive.map((d) => [d.name, `${formatNumber(d.shares)} net shares (treasury method)`, 'shares', '']),
    ...(capital.atm === null
      ? []
      : [
          [
            'ATM programme (assumption)',
            `${millions(capital.atm.remainingCapacityUsd)} remaining; ` +
              (capital.atm.counted
                ? `counted: ${formatNumber(capital.atm.shares)} shares sold at the market price, cash added`
                : 'not counted'),
            'USD',
            `${capital.atm.source}; ${capital.atm.countSource}`,
          ],
        ]),
    ...capital.rollForward.map((r) => [
      `Cash roll-forward ${r.date}`,
      `${r.item}: ${millions(r.cashUsd)}${r.shares === 0 ? '' : `, ${formatNumber(r.shares)} shares`}`,
      'USD',
      r.source,
    ]),
  ];
}

function treatmentText(n: Capital['convertibles'][number], targetUsd: number): string {
  if (n.treatedAs === 'debt') return `${millions(n.debtUsd)} as debt`;
  if (n.treatedAs === 'shares')
    return (
      `${formatNumber(n.shares)} net shares (worth ${millions(n.shares * targetUsd)} at the target` +
      `${n.cappedCallUsd > 0 ? `, after ${millions(n.cappedCallUsd)} of capped call` : ''})`
    );
  return (
    `floor ${millions(n.debtUsd)} + option ${millions(n.optionUsd)}` +
    `${n.cappedCallUsd > 0 ? ` (after ${millions(n.cappedCallUsd)} of capped call)` : ''} = ${millions(n.claimUsd)}`
  );
}
