import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dilutedSharesAtPrice, enterpriseValue, type EnterpriseValueInputs } from './enterprise-value.ts';

const sourced = (value: number) => ({ value, source: 'test' });
const usd = fc.double({ min: 0, max: 20e9, noNaN: true });

/** Company-like capital structures: prices, share counts, debt stacks and balances in the coverage's ranges. */
const inputsArbitrary: fc.Arbitrary<EnterpriseValueInputs> = fc.record({
  sharePriceUsd: fc.double({ min: 0.01, max: 2_000, noNaN: true }).map(sourced),
  basicShares: fc.double({ min: 1e6, max: 5e9, noNaN: true }).map(sourced),
  straightDebt: fc.array(fc.record({ name: fc.constant('note'), principalUsd: usd, source: fc.constant('test') }), {
    maxLength: 5,
  }),
  convertibles: fc.array(fc.record({ name: fc.constant('convert'), principalUsd: usd }), { maxLength: 5 }),
  convertiblesSource: fc.constant('test'),
  otherClaimsUsd: usd.map(sourced),
  cashUsd: usd.map(sourced),
  btcHeld: fc.double({ min: 0, max: 700_000, noNaN: true }).map(sourced),
  btcPriceUsd: fc.double({ min: 1_000, max: 1e6, noNaN: true }).map(sourced),
});

test('EV minus its stated parts is the market cap to the cent, for any capital structure and perturbation', () => {
  fc.assert(
    fc.property(inputsArbitrary, fc.double({ min: -0.5, max: 0.5, noNaN: true }), (inputs, bump) => {
      // Perturb every balance by the same relative bump: the identity must hold wherever the inputs move.
      const moved = {
        ...inputs,
        cashUsd: sourced(inputs.cashUsd.value * (1 + bump)),
        btcPriceUsd: sourced(inputs.btcPriceUsd.value * (1 + bump)),
        straightDebt: inputs.straightDebt.map((d) => ({ ...d, principalUsd: d.principalUsd * (1 - bump) })),
      };
      for (const value of [inputs, moved]) {
        const ev = enterpriseValue(value);
        const parts = ev.parts.reduce((sum, p) => sum + p.usd, 0);
        assert.ok(Math.abs(ev.enterpriseValueUsd - parts - ev.marketCapUsd) < 0.005, 'to the cent');
        assert.equal(ev.marketCapUsd, value.sharePriceUsd.value * value.basicShares.value);
      }
    }),
    { numRuns: 500 },
  );
});

test('EV states each part once, with debt added and cash and BTC taken out', () => {
  const ev = enterpriseValue({
    sharePriceUsd: sourced(10),
    basicShares: sourced(100e6),
    straightDebt: [{ name: 'Term loan', principalUsd: 200e6, source: 'file' }],
    convertibles: [{ name: '2030 notes', principalUsd: 300e6 }],
    convertiblesSource: 'file',
    otherClaimsUsd: sourced(50e6),
    cashUsd: sourced(120e6),
    btcHeld: sourced(1_000),
    btcPriceUsd: sourced(80_000),
  });
  assert.equal(ev.marketCapUsd, 1_000e6);
  assert.deepEqual(
    ev.parts.map((p) => [p.kind, p.usd]),
    [
      ['straight-debt', 200e6],
      ['convertible', 300e6],
      ['other-claims', 50e6],
      ['cash', -120e6],
      ['btc', -80e6],
    ],
  );
  // 1,000 + 200 + 300 + 50 − 120 − 80 = 1,350 (USD millions).
  assert.equal(ev.enterpriseValueUsd, 1_350e6);
});

test('diluted shares at the price: in-the-money converts as shares, options by the treasury method', () => {
  const convertibles = [{ principalUsd: 100e6, conversionPriceUsd: 20 }];
  const dilutive = [
    { shares: 10e6, strikeUsd: 5 },
    { shares: 4e6, strikeUsd: 0 },
  ];
  // At $10: the note is out of the money; options add 10M × (10 − 5) ÷ 10 = 5M, RSUs 4M.
  assert.equal(dilutedSharesAtPrice(10, 100e6, convertibles, dilutive), 109e6);
  // At $25: the note adds 100M ÷ 20 = 5M; options 10M × 20 ÷ 25 = 8M; RSUs 4M.
  assert.equal(dilutedSharesAtPrice(25, 100e6, convertibles, dilutive), 117e6);
});
