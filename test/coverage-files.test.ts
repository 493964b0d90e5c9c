// The embedded coverage universe: every company file validates, and every figure in it is sourced or an explicit
// assumption with a rationale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverageTickers, loadCompany } from '../src/data/coverage-files.ts';
import { figureProvenance } from '../src/schema/company-provenance.ts';

test('the five covered companies load, as of 2026-02-04, with no unlabelled figure', () => {
  const tickers = coverageTickers();
  assert.deepEqual(tickers, ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT']);
  for (const ticker of tickers) {
    const { company, raw } = loadCompany(ticker);
    assert.equal(company.asOf, '2026-02-04', ticker);
    const figures = figureProvenance(raw);
    const unlabelled = figures.filter((f) => f.kind === 'unlabelled').map((f) => f.path);
    assert.deepEqual(unlabelled, [], `${ticker}: figures without a source or an assumption`);
    assert.ok(
      figures.some((f) => f.kind === 'sourced'),
      ticker,
    );
    for (const f of figures.filter((f) => f.kind === 'assumption'))
      assert.ok(f.note.length >= 10, `${ticker} ${f.path}: give the rationale`);
  }
});
