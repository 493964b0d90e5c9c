/**
 * A company's SEC filings beside its file (`GET /api/v1/filings/show/<T>?asOf=`, as `rerate filings show`, issue 20):
 * the filing the stored facts come from, each figure with the file's value, the filing's, a status flag and what the
 * valuation uses on the day, and the overlays stored with whether a run as of the day sees each. Without a stored
 * overlay, how to get one (`rerate filings fetch … --write-overlay`; the API never calls the SEC).
 */
import {
  fetchOverlayCommand,
  filingHref,
  filingLine,
  filingsRows,
  FILINGS_COLUMNS,
  overlaysRows,
  OVERLAYS_COLUMNS,
} from '../../../src/present/filings-text.ts';
import type { FilingsResults } from '../api-types.ts';

/** Columns holding figures (right-aligned): file, filing, valuation uses. */
const NUMERIC_COLUMNS = new Set([1, 2, 4]);

function FilingSource({ results }: { results: FilingsResults }) {
  const href = results.filing ? filingHref(results.filing.url) : undefined;
  return (
    <p class="filing-source" data-field="filing">
      Latest overlay public by {results.asOf}:{' '}
      {href ? (
        <a href={href} rel="noopener noreferrer" target="_blank">
          {filingLine(results)}
        </a>
      ) : (
        filingLine(results)
      )}
      ; CIK {results.cik ?? '—'}. Figures more than {results.tolerance * 100}% apart are flagged.
    </p>
  );
}

function ComparisonTable({ results }: { results: FilingsResults }) {
  const rows = filingsRows(results);
  return (
    <div class="table-scroll" role="region" aria-labelledby="filings-caption" tabIndex={0}>
      <table class="data-table stacked-table" data-field="rows">
        <caption id="filings-caption">
          {results.ticker}: the company file beside the filing, as of {results.asOf}
        </caption>
        <thead>
          <tr>
            {FILINGS_COLUMNS.map((label, i) => (
              <th key={label} scope="col" class={NUMERIC_COLUMNS.has(i) ? 'numeric' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([field, ...cells], r) => (
            <tr key={field} data-path={field}>
              <th scope="row">{field}</th>
              {cells.map((cell, i) =>
                i === 2 ? (
                  <td key={i} data-label={FILINGS_COLUMNS[i + 1]}>
                    <span class={`status-flag status-${(results.rows[r]?.status ?? '').replace(/ /g, '-')}`}>
                      {cell}
                    </span>
                  </td>
                ) : (
                  <td
                    key={i}
                    data-label={FILINGS_COLUMNS[i + 1]}
                    class={NUMERIC_COLUMNS.has(i + 1) ? 'numeric' : i === 4 ? 'explain' : undefined}
                  >
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OverlaysTable({ results }: { results: FilingsResults }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby="overlays-caption" tabIndex={0}>
      <table class="data-table stacked-table" data-field="overlays">
        <caption id="overlays-caption">Overlays stored for {results.ticker} (oldest first)</caption>
        <thead>
          <tr>
            {OVERLAYS_COLUMNS.map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {overlaysRows(results).map(([filing, ...cells]) => (
            <tr key={filing}>
              <th scope="row">{filing}</th>
              {cells.map((cell, i) => (
                <td key={i} data-label={OVERLAYS_COLUMNS[i + 1]}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FilingsPanel({ results }: { results: FilingsResults }) {
  if (results.overlays.length === 0)
    return (
      <p class="empty-state" data-field="filings-empty">
        No filing facts are stored for {results.ticker}: the valuation reads its company file. Run{' '}
        <code>{fetchOverlayCommand(results.ticker)}</code> to read its latest 10-K or 10-Q from the SEC and store the
        figures as a dated overlay (the dashboard never calls the SEC); then restart <code>rerate serve</code>.
      </p>
    );
  return (
    <>
      <FilingSource results={results} />
      <ComparisonTable results={results} />
      <OverlaysTable results={results} />
    </>
  );
}
