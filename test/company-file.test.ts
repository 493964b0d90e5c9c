// The company file: a minimal valid file, and the mistakes it must refuse at file:line:column with the field path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { companyFileSchema } from '../src/schema/company.ts';
import { parseCompanyYaml } from '../src/schema/company-rules.ts';
import { figureProvenance } from '../src/schema/company-provenance.ts';
import { InputError } from '../src/schema/input-error.ts';
import { parseYaml } from '../src/schema/yaml-document.ts';
import { parse } from 'yaml';

const VALID = `ticker: TEST
name: Test Miner Inc.
exchange: NASDAQ
currency: USD
fiscalYearEnd: 12-31
asOf: 2026-02-04
sites:
  - name: Alpha
    country: US
    state: TX
    grid: ERCOT
    grossMw: 300
    criticalItMw: 200
    stage: operating
    use: mixed
    source: https://example.com/alpha
fleet:
  hashrateEhs:
    - { date: 2025-09-30, value: 20, source: https://example.com/q3 }
    - { date: 2025-12-31, value: 25, assumption: "year-end goal, not yet reported" }
  efficiencyJPerTh:
    - { date: 2025-09-30, value: 17, source: https://example.com/q3 }
  realization: { value: 0.9, assumption: "operating / energized typical of 2025 peers" }
  powerPriceUsdPerMwh: { value: 35, source: https://example.com/power, asOf: 2025-09-30 }
hpc:
  leases:
    - tenant: Hyperscaler
      site: Alpha
      criticalItMw: 100
      contractValueUsd: 3000000000
      termYears: 10
      startDate: 2026-09-30
      noiMargin: 0.85
      source: https://example.com/lease
balanceSheet:
  asOf: 2025-12-31
  cashUsd: { value: 500000000, source: https://example.com/bs }
  btcHeld: { value: 1000, source: https://example.com/bs }
  debt:
    - name: 0% converts 2031
      kind: convertible
      principalUsd: 1000000000
      couponPct: 0
      maturity: 2031-10-01
      conversionPriceUsd: 16.03
      source: https://example.com/converts
shares:
  basic: { value: 400000000, assumption: "market cap / price on 2025-12-29, rounded" }
market:
  sharePriceUsd: { value: 12.92, source: https://example.com/price, asOf: 2026-02-04 }
`;

function errors(text: string): string {
  try {
    parseCompanyYaml(text, 'test.yaml');
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return error.message;
  }
  assert.fail('expected an InputError');
}

const edit = (from: string, to: string) => {
  assert.ok(VALID.includes(from), from);
  return VALID.replace(from, to);
};

test('a valid company file parses, with defaults, and every figure has its provenance', () => {
  const company = parseYaml(VALID, 'test.yaml', companyFileSchema);
  assert.equal(company.sites[0]?.ownership, 1);
  assert.equal(company.fleet.poolFee, 0);
  const figures = figureProvenance(parse(VALID));
  assert.deepEqual(
    figures.filter((f) => f.kind === 'unlabelled').map((f) => f.path),
    [],
  );
  const realization = figures.find((f) => f.path === 'fleet.realization');
  assert.equal(realization?.kind, 'assumption');
  const grossMw = figures.find((f) => f.path === 'sites[0].grossMw');
  assert.equal(grossMw?.note, 'https://example.com/alpha'); // a bare number takes its site's source
});

test('mistakes are refused at file:line:column with the field path', () => {
  const cases: [string, RegExp][] = [
    [edit('    grossMw: 300', '    grossMw: -300'), /test\.yaml:12:14: sites\.0\.grossMw: MW cannot be negative/],
    [edit('    grossMw: 300', '    grossMW: 300'), /test\.yaml:12:5: sites\.0: Unrecognized key: "grossMW"/],
    [
      edit('    criticalItMw: 200', '    criticalItMw: 400'),
      /sites\.0\.criticalItMw: critical-IT MW cannot exceed gross MW/,
    ],
    [
      edit('2025-12-31, value: 25', '2025-06-30, value: 25'),
      /fleet\.hashrateEhs\.1\.date: dates must increase: 2025-06-30 follows 2025-09-30/,
    ],
    [edit('      site: Alpha', '      site: Beta'), /hpc\.leases\.0\.site: no site named "Beta" in sites/],
    [
      edit('      conversionPriceUsd: 16.03\n', ''),
      /balanceSheet\.debt\.0\.conversionPriceUsd: a convertible needs its conversion price/,
    ],
    [
      edit('  realization: { value: 0.9,', '  realization: { value: 90,'),
      /fleet\.realization\.value: realization must lie in \[0, 1\]/,
    ],
    [edit('fiscalYearEnd: 12-31', 'fiscalYearEnd: 2025-12-31'), /fiscalYearEnd: a month and day, MM-DD/],
    [edit('fiscalYearEnd: 12-31', 'fiscalYearEnd: 09-28'), /fiscalYearEnd: the last day of a month/],
    [
      VALID.replace(/ {2}hashrateEhs:\n( {4}- .*\n)+/, '  hashrateEhs: []\n'),
      /fleet\.hashrateEhs: give at least one dated point/,
    ],
    [
      edit('  btcHeld: { value: 1000,', '  btcHeld: { value: 1000, assumption: "x x x",'),
      /a figure is either sourced or an assumption, not both/,
    ],
  ];
  for (const [text, message] of cases) assert.match(errors(text), message);
});

test('YAML is parsed safely: no custom tags, no merge keys, bounded aliases', () => {
  assert.match(errors(edit('name: Test Miner Inc.', 'name: !!js/function "x"')), /test\.yaml:2:\d+: YAML:/);
  assert.match(errors(`${VALID}extra: &a { <<: *a }\n`), /test\.yaml:\d+:\d+: /);
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  ].join('\n');
  assert.match(errors(bomb), /test\.yaml:1:1: YAML: /);
});
