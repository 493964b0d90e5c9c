import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filingFigureText, filingHref, filingLine, filingStatusText } from './filings-text.ts';

test('figures: whole numbers with separators, fractions to two decimals, absent as a dash', () => {
  assert.equal(filingFigureText(826422000), '826,422,000');
  assert.equal(filingFigureText(52850.456), '52,850.46');
  assert.equal(filingFigureText(null), '—');
});

test('a difference is flagged with its size; other statuses read as the API names them', () => {
  assert.equal(filingStatusText({ status: 'differs', differenceFraction: 0.0331 }), 'differs 3.3%');
  assert.equal(filingStatusText({ status: 'no facts', differenceFraction: null }), 'no facts');
});

test('the filing line names form, accession, period and filed date, or why there is none', () => {
  const filing = {
    accession: '0001507605-25-000028',
    form: '10-Q',
    filed: '2025-11-04',
    periodEnd: '2025-09-30',
    url: 'https://www.sec.gov/Archives/edgar/data/1507605/000150760525000028/mara-20250930.htm',
  };
  assert.equal(
    filingLine({ filing, origin: 'stored overlay' }),
    '10-Q 0001507605-25-000028, period 2025-09-30, filed 2025-11-04',
  );
  assert.equal(filingLine({ filing: null, origin: 'stored overlay' }), 'no overlay public by this day');
  assert.equal(filingLine({ filing: null, origin: 'sec' }), 'no facts for this period');
});

test('only an https link to sec.gov is linked: a stored URL of another scheme or host is shown as text', () => {
  const sec = 'https://www.sec.gov/Archives/edgar/data/1507605/000150760525000028/mara-20250930.htm';
  assert.equal(filingHref(sec), sec);
  for (const url of [
    'javascript:alert(1)',
    'http://www.sec.gov/x',
    'https://sec.gov.example.com/x',
    'data:text/html,x',
  ])
    assert.equal(filingHref(url), undefined, url);
});
