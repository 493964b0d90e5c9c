// valuationStart: the first as-of date a company file can be valued at, by hand on small fleets; and the point-in-time
// file (companyAsOf) on that date has what the fleet schedule needs, the day before it does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompanyFile } from '../schema/company.ts';
import { dayFromIso } from '../units/calendar-day.ts';
import type { LoadedCompany } from './loaded-files.ts';
import { companyAsOf } from './point-in-time.ts';
import { notValuedReason, valuationStart } from './valuation-start.ts';

type Point = { date: string; value: number; knownFrom?: string };
const fleetOf = (hashrateEhs: Point[], efficiencyJPerTh: Point[]) =>
  ({ ticker: 'TEST', asOf: '2026-01-01', fleet: { hashrateEhs, efficiencyJPerTh } }) as unknown as CompanyFile;

test('the first hashrate point dates the start; an efficiency point dated later is taken flat before it', () => {
  const start = valuationStart(
    fleetOf(
      [
        { date: '2024-03-31', value: 10 },
        { date: '2024-06-30', value: 12 },
      ],
      [{ date: '2025-01-01', value: 20 }],
    ),
  );
  assert.deepEqual(start, { date: '2024-03-31', figure: 'fleet.hashrateEhs[0]' });
  assert.equal(
    notValuedReason('TEST', '2024-01-01', start),
    'TEST: no figures known by 2024-01-01; first known 2024-03-31 (fleet.hashrateEhs[0])',
  );
});

test('a point public after its date starts when it became public, or a later point does sooner', () => {
  const late = (knownFrom: string) =>
    valuationStart(
      fleetOf(
        [
          { date: '2024-03-31', value: 10, knownFrom },
          { date: '2024-06-30', value: 12 },
        ],
        [{ date: '2024-01-01', value: 20 }],
      ),
    );
  assert.deepEqual(late('2024-05-10'), { date: '2024-05-10', figure: 'fleet.hashrateEhs[0]' });
  assert.deepEqual(late('2024-08-01'), { date: '2024-06-30', figure: 'fleet.hashrateEhs[1]' });
});

test('an efficiency schedule public only later sets the start', () => {
  const start = valuationStart(
    fleetOf([{ date: '2024-03-31', value: 10 }], [{ date: '2023-01-01', value: 20, knownFrom: '2024-09-15' }]),
  );
  assert.deepEqual(start, { date: '2024-09-15', figure: 'fleet.efficiencyJPerTh[0]' });
});

test('as of the start the file has a hashrate point by then and an efficiency point; not the day before', () => {
  const company = fleetOf(
    [
      { date: '2024-03-31', value: 10, knownFrom: '2024-05-10' },
      { date: '2024-06-30', value: 12 },
    ],
    [{ date: '2023-01-01', value: 20, knownFrom: '2024-04-01' }],
  );
  const loaded = { company, raw: company, file: 'test.yaml', sha256: '', text: '' } as LoadedCompany;
  const start = valuationStart(company).date;
  const usable = (asOf: string) => {
    const { fleet } = companyAsOf(loaded, dayFromIso(asOf)).loaded.company;
    return fleet.efficiencyJPerTh.length > 0 && fleet.hashrateEhs.some((point) => point.date <= asOf);
  };
  assert.equal(start, '2024-05-10');
  assert.equal(usable(start), true);
  assert.equal(usable('2024-05-09'), false);
});
