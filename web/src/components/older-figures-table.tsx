/**
 * A company's figures older than the as-of date (issue 20): shown when the page's as-of date is later than the
 * company file's, each figure with its own date, age and source (src/present/older-figures-text.ts).
 */
import {
  OLDER_FIGURES_COLUMNS,
  olderFiguresNote,
  olderFiguresRows,
  olderFiguresTitle,
} from '../../../src/present/older-figures-text.ts';
import type { ValueResult } from '../api-types.ts';

export function OlderFiguresTable({ value }: { value: ValueResult }) {
  const figures = value.company.olderFigures;
  if (figures.length === 0) return null;
  return (
    <section class="panel" id="older-figures" aria-labelledby="older-figures-title">
      <h2 id="older-figures-title">Figures older than the as-of date</h2>
      <p class="hint">{olderFiguresNote(figures)}.</p>
      <div class="table-scroll" role="region" aria-labelledby="older-figures-caption" tabIndex={0}>
        <table class="data-table" data-field="company.olderFigures">
          <caption id="older-figures-caption">{olderFiguresTitle(value.asOf)}</caption>
          <thead>
            <tr>
              {OLDER_FIGURES_COLUMNS.map((label) => (
                <th key={label} scope="col" class={label.startsWith('Age') ? 'numeric' : undefined}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {olderFiguresRows(figures).map(([path, ...cells]) => (
              <tr key={path} data-path={path}>
                <th scope="row">{path}</th>
                {cells.map((cell, i) => (
                  <td key={i} class={i === 1 ? 'numeric' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
