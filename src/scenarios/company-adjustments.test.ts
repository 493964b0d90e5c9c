// Company adjustments (DESIGN.md §7): each input at its base value leaves the target unchanged; $/MW, deal
// probability and a signed deal move the inputs as they say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompanyModel } from '../company/company-model.ts';
import type { LedgerSite } from '../valuation/site-ledger.ts';
import { valueCompany, type CompanyValuationInputs } from '../valuation/sum-of-parts.ts';
import { closeWith, s, V } from '../valuation/valuation-test-fixtures.ts';
import {
  adjustCompanyModel,
  adjustValuationInputs,
  meanDealProbability,
  SIGNED_DEAL_NAME,
} from './company-adjustments.ts';
import { companyInputs, lease, pipelineItem } from './scenario-test-fixtures.ts';

const close = closeWith(assert.ok);

function adjustmentCase(): CompanyValuationInputs {
  const sites: LedgerSite[] = [
    { name: 'Ops', stage: 'operating', use: 'mixed', grossMw: 600, ownership: 1 },
    { name: 'Build', stage: 'under-construction', use: 'hpc', grossMw: 2000, ownership: 1 },
    { name: 'Queue', stage: 'in-queue', use: 'hpc', grossMw: 600, ownership: 0.9 },
    { name: 'Field', stage: 'undeveloped', use: 'hpc', grossMw: 800, ownership: 0.75 },
    { name: 'Permit', stage: 'approved', use: 'hpc', grossMw: 300, ownership: 1 },
  ];
  return companyInputs(
    sites,
    [lease('Coloc', 'Build', 200, V + 100), lease('Cloud', 'Build', 100, V + 30, { kind: 'cloud' })],
    [pipelineItem('P-a', 'Queue', 300, 0.4), pipelineItem('P-b', 'Build', 100, 0.7, { kind: 'cloud' })],
  );
}

test('adjustValuationInputs: each input at its base value leaves the target unchanged', () => {
  const inputs = adjustmentCase();
  const base = valueCompany(inputs);
  const atBase = adjustValuationInputs(
    inputs,
    {
      hpcEquityUsdPerItMw: inputs.parameters.pipelineEquityUsdPerItMw.colocation.value,
      dealProbability: meanDealProbability(inputs.pipeline),
      capRate: inputs.parameters.leases.colocation.cashFlow!.exitCapRate.value,
      hodlPremium: inputs.treasury.hodlPremium.value,
      signedUndevelopedMw: 0,
    },
    'base values',
  );
  assert.equal(valueCompany(atBase).targetUsd, base.targetUsd);
  assert.equal(valueCompany(atBase).equityBeforeConvertiblesUsd, base.equityBeforeConvertiblesUsd);
  // The mean deal probability is weighted by critical-IT MW: (300 × 0.4 + 100 × 0.7) ÷ 400.
  close(meanDealProbability(inputs.pipeline), 0.475);
  assert.equal(meanDealProbability([]), 0);
  // No adjustments: the same object.
  assert.equal(adjustValuationInputs(inputs, {}, 'none'), inputs);

  const model = { powerPriceUsdPerMwh: 45 } as CompanyModel;
  assert.equal(adjustCompanyModel(model, {}), model);
  assert.deepEqual(adjustCompanyModel(model, { powerPriceUsdPerMwh: 45 }), model);
  assert.equal(adjustCompanyModel(model, { powerPriceUsdPerMwh: 60 }).powerPriceUsdPerMwh, 60);
});

test(
  'adjustValuationInputs: $/MW and deal probability move every item in proportion, ' + 'probabilities capped at 1',
  () => {
    const inputs = adjustmentCase();
    const doubled = adjustValuationInputs(inputs, { hpcEquityUsdPerItMw: 25e6 }, 'double');
    assert.equal(doubled.parameters.pipelineEquityUsdPerItMw.colocation.value, 25e6);
    assert.equal(doubled.parameters.pipelineEquityUsdPerItMw.cloud.value, 38e6);
    assert.equal(doubled.parameters.leases.cloud.equityUsdPerItMw?.value, 38e6); // per-mw lease parameters scale too
    close(valueCompany(doubled).pipelineUsd, 2 * valueCompany(inputs).pipelineUsd, 1e-12);

    const likely = adjustValuationInputs(inputs, { dealProbability: 0.95 }, 'likely');
    const scale = 0.95 / 0.475;
    assert.deepEqual(
      likely.pipeline.map((p) => p.probability.value),
      [0.4 * scale, Math.min(1, 0.7 * scale)],
    );
    // Without any probability to scale, each item takes the value itself.
    const none = adjustValuationInputs(
      { ...inputs, pipeline: inputs.pipeline.map((p) => ({ ...p, probability: s(0) })) },
      { dealProbability: 0.3 },
      'set',
    );
    assert.deepEqual(
      none.pipeline.map((p) => p.probability.value),
      [0.3, 0.3],
    );
  },
);

test(
  'adjustValuationInputs: ' +
    'signedUndevelopedMw adds a certain colocation deal at the largest undeveloped/approved/in-queue site',
  () => {
    const inputs = adjustmentCase();
    const signed = adjustValuationInputs(inputs, { signedUndevelopedMw: 150 }, 'signed');
    assert.equal(signed.pipeline.length, inputs.pipeline.length + 1);
    const deal = signed.pipeline.at(-1)!;
    assert.equal(deal.name, SIGNED_DEAL_NAME);
    assert.equal(deal.kind, 'colocation');
    // 800 MW undeveloped beats 600 in-queue and 300 approved; the 2000 MW build does not count.
    assert.equal(deal.site, 'Field');
    assert.equal(deal.criticalItMw.value, 150);
    assert.equal(deal.probability.value, 1);
    assert.equal(deal.ownership.value, 0.75);
    close(valueCompany(signed).pipelineUsd - valueCompany(inputs).pipelineUsd, 150 * 12.5e6 * 0.75, 1e-12);

    // No undeveloped site: unsited and wholly owned.
    const noSite = adjustValuationInputs(
      { ...inputs, sites: inputs.sites.filter((x) => x.stage === 'operating') },
      { signedUndevelopedMw: 10 },
      'signed',
    );
    assert.equal(noSite.pipeline.at(-1)?.site, undefined);
    assert.equal(noSite.pipeline.at(-1)?.ownership.value, 1);
  },
);
