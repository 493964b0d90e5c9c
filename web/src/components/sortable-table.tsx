/**
 * A table sortable by any column: each header is a button (click, Enter or Space), the sorted column carries
 * `aria-sort`. Numbers sort numerically (largest first on the first press), text alphabetically; missing values
 * last either way. Wide tables scroll inside their own focusable region, never the page.
 */
import type { ComponentChildren } from 'preact';
import { useId, useMemo, useState } from 'preact/hooks';

export interface Column<Row> {
  key: string;
  label: ComponentChildren;
  /** What the column sorts on: a number sorts numerically, text alphabetically, null last. */
  sortValue: (row: Row) => number | string | null;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean;
  /** A longer description of the column (its unit, its definition), shown as the header's title. */
  description?: string;
  /** A class for the column's cells, e.g. `prose` for text that needs room to wrap. */
  cellClass?: string;
}

export type SortDirection = 'ascending' | 'descending';

interface SortState {
  key: string;
  direction: SortDirection;
}

function compare(a: number | string | null, b: number | string | null, direction: SortDirection): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order =
    typeof a === 'number' && typeof b === 'number'
      ? a - b
      : String(a).localeCompare(String(b), 'en', { numeric: true });
  return direction === 'ascending' ? order : -order;
}

function cellClass(column: { numeric?: boolean; cellClass?: string }): string | undefined {
  const classes = [column.numeric ? 'numeric' : '', column.cellClass ?? ''].filter((c) => c !== '');
  return classes.length === 0 ? undefined : classes.join(' ');
}

export function SortableTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  initialSort,
  rowAttributes,
}: {
  caption: ComponentChildren;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  initialSort?: SortState;
  /** Extra attributes per row, e.g. a class for rows with warnings. */
  rowAttributes?: (row: Row) => Record<string, string>;
}) {
  const [sort, setSort] = useState<SortState | undefined>(initialSort);
  const captionId = useId();
  const sorted = useMemo(() => {
    const column = sort === undefined ? undefined : columns.find((c) => c.key === sort.key);
    if (column === undefined || sort === undefined) return rows;
    return rows
      .map((row, index) => ({ row, index, value: column.sortValue(row) }))
      .sort((a, b) => compare(a.value, b.value, sort.direction) || a.index - b.index)
      .map((entry) => entry.row);
  }, [rows, columns, sort]);

  const toggle = (column: Column<Row>) => {
    const first: SortDirection = column.numeric ? 'descending' : 'ascending';
    setSort((current) =>
      current?.key === column.key
        ? { key: column.key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key: column.key, direction: first },
    );
  };

  return (
    <div class="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table class="data-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const sortedHere = sort?.key === column.key ? sort.direction : undefined;
              return (
                <th
                  key={column.key}
                  scope="col"
                  class={column.numeric ? 'numeric' : undefined}
                  aria-sort={sortedHere ?? 'none'}
                  title={column.description}
                >
                  <button type="button" class="sort-button" data-column={column.key} onClick={() => toggle(column)}>
                    {column.label}
                    <span class="sort-indicator" aria-hidden="true">
                      {sortedHere === 'ascending' ? '▲' : sortedHere === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)} data-row={rowKey(row)} {...(rowAttributes ? rowAttributes(row) : {})}>
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row" class={cellClass(column)} data-column={column.key}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} class={cellClass(column)} data-column={column.key}>
                    {column.cell(row)}
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
