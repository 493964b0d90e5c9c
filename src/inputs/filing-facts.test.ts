// The figures read from a filing: the right filing by date, the right facts in it, and "no facts for this period"
// (never a number) for a foreign private issuer's 20-F, another unit, another taxonomy or several candidates. The
// answers are the SEC-shaped fixtures in test/fixtures/live/sec/ (README there: synthesized, not captured).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { companyFactsSchema, submissionsSchema, type CompanyFacts } from '../schema/sec-answers.ts';
import { filingFacts } from './filing-facts.ts';
import { isoFromDay, dayFromIso, type DayNumber } from '../units/calendar-day.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/live/sec/${name}`, import.meta.url), 'utf8'));
const MARA = {
  facts: companyFactsSchema.parse(fixture('companyfacts-CIK0001507605.json')),
  submissions: submissionsSchema.parse(fixture('submissions-CIK0001507605.json')),
};
const IREN = {
  facts: companyFactsSchema.parse(fixture('companyfacts-CIK0001878848.json')),
  submissions: submissionsSchema.parse(fixture('submissions-CIK0001878848.json')),
};
const mara = (asOf: string, facts: CompanyFacts = MARA.facts) =>
  filingFacts('MARA', '0001507605', facts, MARA.submissions, asOf);
const iren = (asOf: string) => filingFacts('IREN', '0001878848', IREN.facts, IREN.submissions, asOf);
const valueOf = (result: ReturnType<typeof mara>, field: string) => result.facts.find((f) => f.field === field);

test('the latest 10-Q by the day: cover shares, cash, debt and BTC held, each from that filing', () => {
  const result = mara('2025-12-01');
  assert.equal(result.filing?.accession, '0001507605-25-000028');
  assert.equal(result.filing?.form, '10-Q');
  assert.equal(result.filing?.periodEnd, '2025-09-30');
  assert.equal(result.filing?.filed, '2025-11-04');
  assert.equal(
    result.filing?.url,
    'https://www.sec.gov/Archives/edgar/data/1507605/000150760525000028/mara-20250930.htm',
  );
  assert.deepEqual(valueOf(result, 'shares.basic'), {
    field: 'shares.basic',
    value: 378184353,
    concepts: ['dei:EntityCommonStockSharesOutstanding'],
    asOf: '2025-10-28',
  });
  // The prior year-end comparative in the same 10-Q is not the period's figure.
  assert.equal(valueOf(result, 'balanceSheet.cashUsd')?.value, 826422000);
  assert.deepEqual(valueOf(result, 'balanceSheet.debt')?.concepts, ['us-gaap:LongTermDebt']);
  // Pledged coins and the quarter's production (a duration) are not the holding; USD fair value is not read.
  assert.deepEqual(valueOf(result, 'balanceSheet.btcHeld'), {
    field: 'balanceSheet.btcHeld',
    value: 52850,
    concepts: ['mara:NumberOfBitcoinHeld'],
    asOf: '2025-09-30',
  });
  assert.deepEqual(result.missing, []);
});

test('a day before the 10-Q was filed gets the previous one; the 10-K/A and the 8-K are passed over', () => {
  const result = mara('2025-11-03');
  assert.equal(result.filing?.accession, '0001507605-25-000018');
  assert.equal(valueOf(result, 'balanceSheet.cashUsd')?.value, 109475000);
  assert.equal(mara('2025-09-01').filing?.form, '10-Q');
  assert.equal(mara('2025-09-01').filing?.accession, '0001507605-25-000018');
});

test('a day before any 10-K or 10-Q in the index: no facts for this period', () => {
  const result = mara('2025-01-15');
  assert.equal(result.filing, null);
  assert.equal(result.facts.length, 0);
  assert.ok(
    result.missing.every((m) => /^no facts for this period: no 10-K or 10-Q filed by 2025-01-15/.test(m.reason)),
  );
});

test('IREN as a foreign private issuer (20-F): no facts for this period, though its 20-F tags shares and cash', () => {
  const result = iren('2025-06-01');
  assert.equal(result.filing, null);
  assert.deepEqual(result.facts, []);
  assert.equal(result.missing.length, 4);
  for (const missing of result.missing)
    assert.match(missing.reason, /no facts for this period: .*20-F filed 2024-08-28 \(a foreign private issuer/);
});

test('IREN after its move to 10-K/10-Q: US-GAAP facts, debt from the convertible notes', () => {
  const annual = iren('2025-09-15');
  assert.equal(annual.filing?.form, '10-K');
  assert.equal(valueOf(annual, 'balanceSheet.cashUsd')?.value, 564531000);
  const quarter = iren('2025-12-01');
  assert.equal(quarter.filing?.form, '10-Q');
  assert.equal(valueOf(quarter, 'shares.basic')?.value, 285367122);
  assert.deepEqual(valueOf(quarter, 'balanceSheet.debt')?.concepts, ['us-gaap:ConvertibleLongTermNotesPayable']);
  // No fact in unit BTC: the holding is not guessed.
  assert.match(quarter.missing.find((m) => m.field === 'balanceSheet.btcHeld')?.reason ?? '', /no fact in unit BTC/);
});

test('cash in another unit, two share classes, or several BTC holdings give no figure, each with why', () => {
  const facts = structuredClone(MARA.facts);
  const usGaap = facts.facts['us-gaap']!;
  usGaap['CashAndCashEquivalentsAtCarryingValue']!.units = {
    AUD: usGaap['CashAndCashEquivalentsAtCarryingValue']!.units['USD']!,
  };
  const shares = facts.facts['dei']!['EntityCommonStockSharesOutstanding']!.units['shares']!;
  shares.push({ ...shares.at(-1)!, val: 1000 });
  const mined = facts.facts['mara']!['NumberOfBitcoinHeld']!.units['BTC']!;
  facts.facts['mara']!['BitcoinTreasury'] = { units: { BTC: [{ ...mined.at(-1)!, val: 40000 }] } };
  const result = mara('2025-12-01', facts);
  const reason = (field: string) => result.missing.find((m) => m.field === field)?.reason ?? '';
  assert.match(reason('balanceSheet.cashUsd'), /reported in AUD, not USD/);
  assert.match(reason('shares.basic'), /2 share classes on the cover page .*not summed/);
  assert.match(reason('balanceSheet.btcHeld'), /do not name one holding/);
  assert.equal(valueOf(result, 'balanceSheet.debt')?.value, 3244168000);
});

test('property: on any day, every figure is from the one filing chosen, filed by that day, at its period end', () => {
  const first = dayFromIso('2024-01-01');
  const last = dayFromIso('2026-02-04');
  fc.assert(
    fc.property(fc.integer({ min: first, max: last }), fc.boolean(), (day, isMara) => {
      const asOf = isoFromDay(day as DayNumber);
      const result = isMara ? mara(asOf) : iren(asOf);
      if (result.filing === null) return result.facts.length === 0 && result.missing.length === 4;
      const source = isMara ? MARA.facts : IREN.facts;
      const inFiling = (value: number) =>
        Object.values(source.facts).some((concepts) =>
          Object.values(concepts).some((concept) =>
            Object.values(concept.units).some((facts) =>
              facts.some((fact) => fact.accn === result.filing!.accession && fact.val === value),
            ),
          ),
        );
      return (
        result.filing.filed <= asOf &&
        ['10-K', '10-Q'].includes(result.filing.form) &&
        result.facts.length + result.missing.length === 4 &&
        result.facts.every(
          (fact) =>
            (fact.field === 'shares.basic'
              ? fact.asOf >= result.filing!.periodEnd
              : fact.asOf === result.filing!.periodEnd) &&
            (fact.concepts.length > 1 || inFiling(fact.value)),
        )
      );
    }),
    { numRuns: 300 },
  );
});
