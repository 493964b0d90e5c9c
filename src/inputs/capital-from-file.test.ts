// capitalFromFile: the cash roll-forward and what enters as of a day, by hand on a small company file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { companyFileSchema } from '../schema/company.ts';
import type { MethodologyFile } from '../schema/methodology.ts';
import { dayFromIso } from '../units/calendar-day.ts';
import type { Sourced } from '../valuation/explain.ts';
import { capitalFromFile } from './capital-from-file.ts';

const fig = (path: string, figure: number | { value: number } | undefined, fallback: number): Sourced => ({
  value: figure === undefined ? fallback : typeof figure === 'number' ? figure : figure.value,
  source: `test.yaml ${path}`,
});
const methodology = (countAtm: boolean) =>
  ({
    capitalStructure: {
      convertibles: { convention: 'if-converted', source: 'test' },
      atm: { count: { value: countAtm, source: 'test' } },
    },
  }) as unknown as MethodologyFile;

const NOTE = {
  name: 'note 2030',
  kind: 'convertible',
  principalUsd: 500e6,
  couponPct: 1,
  maturity: '2030-06-30',
  conversionPriceUsd: 25,
};
const company = (balanceSheet: object, shares: object = {}) =>
  companyFileSchema.parse({
    ticker: 'TEST',
    name: 'Test',
    exchange: 'NASDAQ',
    currency: 'USD',
    fiscalYearEnd: '12-31',
    asOf: '2026-02-04',
    fleet: {
      hashrateEhs: [{ date: '2025-12-31', value: 10 }],
      efficiencyJPerTh: [{ date: '2025-12-31', value: 18 }],
      realization: 0.9,
      powerPriceUsdPerMwh: 40,
    },
    balanceSheet: { asOf: '2025-09-30', cashUsd: 100e6, btcHeld: 0, ...balanceSheet },
    shares: { basic: { value: 200e6, asOf: '2025-10-31', source: 'cover page' }, ...shares },
    market: { sharePriceUsd: 10 },
  });
const AS_OF = dayFromIso('2026-02-04');
const run = (c: ReturnType<typeof company>, countAtm = false, asOf = AS_OF) =>
  capitalFromFile(c, 'test.yaml', 'm.yaml', methodology(countAtm), asOf, asOf, fig);

test('capitalFromFile: debt issued after the balance sheet adds proceeds to cash if public by the as-of day', () => {
  const late = { name: 'secured', kind: 'secured', principalUsd: 300e6, couponPct: 7, maturity: '2030-11-15' };
  const c = company({
    debt: [
      NOTE,
      { ...late, issueDate: '2025-11-13' },
      // Agreed 2026-02-04, closes 2026-02-11: public on the as-of date, so counted (cash and debt, net zero).
      { ...late, name: 'agreed', issueDate: '2026-02-11', knownFrom: '2026-02-04' },
      // Public only after the as-of date: neither cash nor debt.
      { ...late, name: 'later', issueDate: '2026-03-01' },
    ],
  });
  const out = run(c);
  assert.equal(out.cashUsd.value, 100e6 + 300e6 + 300e6);
  assert.deepEqual(
    out.straightDebt.map((d) => d.name),
    ['secured', 'agreed'],
  );
  assert.equal(out.capital.convertibles.length, 1);
  assert.equal(out.warnings[0]?.code, 'debt-after-balance-sheet');
  // The same file as of 2026-02-03: the agreed notes were not public yet.
  const before = run(c, false, dayFromIso('2026-02-03'));
  assert.equal(before.cashUsd.value, 100e6 + 300e6);
  assert.deepEqual(
    before.straightDebt.map((d) => d.name),
    ['secured'],
  );
});

test('capitalFromFile: raises, buybacks and a convertible repurchase roll cash, shares and principal forward', () => {
  const c = company({
    debt: [NOTE],
    rollForward: [
      // Before the balance-sheet date: its cash is in the balance sheet; its shares predate the share count too.
      { date: '2025-09-15', kind: 'equity-raise', cashUsd: 50e6, shares: 5e6, source: 'release' },
      // After the balance sheet but before the share count (2025-10-31): cash only.
      { date: '2025-10-15', kind: 'equity-raise', cashUsd: 80e6, shares: 8e6, source: 'release' },
      { date: '2025-12-01', kind: 'share-repurchase', cashUsd: 60e6, shares: 4e6, source: '8-K' },
      {
        date: '2025-12-10',
        kind: 'convertible-repurchase',
        cashUsd: 220e6,
        instrument: 'note 2030',
        principalUsd: 200e6,
        source: '8-K',
      },
    ],
  });
  const out = run(c);
  // 100 + 80 − 60 − 220 = −100 → the cash is negative here only because the test says so.
  assert.equal(out.cashUsd.value, 100e6 + 80e6 - 60e6 - 220e6);
  assert.equal(out.capital.basicShares, 200e6 - 4e6);
  assert.equal(out.capital.convertibles[0]?.principalUsd, 300e6);
  assert.equal(out.disclosure.rollForward.length, 3);
  assert.match(out.cashUsd.source, /less \$220M convertible-repurchase of note 2030/);
});

test('capitalFromFile: a figure public after the as-of date leaves the run unchanged', () => {
  const base = {
    debt: [NOTE],
    rollForward: [{ date: '2025-12-01', kind: 'share-repurchase', cashUsd: 6e6, shares: 1e6, source: '8-K text' }],
  };
  const without = run(company(base));
  const withLater = run(
    company({
      ...base,
      rollForward: [
        ...base.rollForward,
        {
          date: '2026-03-01',
          knownFrom: '2026-02-20',
          kind: 'equity-raise',
          cashUsd: 1e9,
          shares: 1e8,
          source: '8-K text',
        },
        {
          date: '2026-02-10',
          kind: 'convertible-repurchase',
          cashUsd: 5e8,
          instrument: 'note 2030',
          principalUsd: 5e8,
          source: '8-K text',
        },
      ],
    }),
  );
  assert.deepEqual(withLater, without);
});

test('capitalFromFile: an ATM programme is shares at the market price and cash, if the methodology counts it', () => {
  const c = company({ debt: [] }, { atmRemainingUsd: { value: 50e6, assumption: 'capacity not yet used' } });
  const off = run(c);
  assert.equal(off.cashUsd.value, 100e6);
  assert.equal(off.capital.dilutive.length, 0);
  assert.deepEqual([off.disclosure.atm?.counted, off.disclosure.atm?.shares], [false, 0]);
  const on = run(c, true);
  assert.equal(on.cashUsd.value, 150e6);
  // $50M ÷ $10 = 5M shares, counted in full (strike 0).
  assert.deepEqual(on.capital.dilutive, [
    { name: 'ATM programme sold at the market price (assumption)', shares: 5e6, strikeUsd: 0 },
  ]);
});

test('company file: a roll-forward item names an instrument that exists, and is public before it settles', () => {
  assert.throws(
    () =>
      company({
        rollForward: [
          { date: '2025-12-01', kind: 'debt-repayment', cashUsd: 1, instrument: 'none', source: '8-K text' },
        ],
      }),
    /no instrument named \\"none\\"/,
  );
  assert.throws(
    () =>
      company({
        rollForward: [
          { date: '2025-12-01', knownFrom: '2025-12-02', kind: 'equity-raise', cashUsd: 1, source: '8-K text' },
        ],
      }),
    /cannot settle before it is public/,
  );
});
