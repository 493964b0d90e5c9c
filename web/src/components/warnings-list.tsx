/**
 * Warnings from the envelope, listed where the figures they affect are shown; each has an element id so a marker on a
 * table row can point at it (WarningMarker).
 */
import type { ResultWarning } from '../api-types.ts';

export function warningElementId(listId: string, index: number): string {
  return `${listId}-${index + 1}`;
}

export function WarningsList({
  id,
  title,
  warnings,
}: {
  id: string;
  title: string;
  warnings: readonly ResultWarning[];
}) {
  if (warnings.length === 0) return null;
  return (
    <section class="warnings" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {title} ({warnings.length})
      </h3>
      <ol>
        {warnings.map((warning, index) => (
          <li key={`${warning.code}-${index}`} id={warningElementId(id, index)} tabIndex={-1} data-code={warning.code}>
            <span class="warning-code">{warning.code}</span> {warning.message}
            {warning.field !== undefined ? <span class="warning-field"> (field {warning.field})</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * A marker beside a figure that has warnings: how many (their numbers in the list in its name and tooltip);
 * activating it moves focus to the first of them.
 */
export function WarningMarker({ listId, indexes }: { listId: string; indexes: readonly number[] }) {
  if (indexes.length === 0) return null;
  const numbers = indexes.map((i) => i + 1).join(', ');
  const jump = () => {
    const first = indexes[0];
    const target = first === undefined ? null : document.getElementById(warningElementId(listId, first));
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  };
  return (
    <button
      type="button"
      class="warning-marker"
      onClick={jump}
      aria-label={`${indexes.length === 1 ? 'Warning' : 'Warnings'} ${numbers}: go to the list`}
      title={`See warning${indexes.length === 1 ? '' : 's'} ${numbers} below`}
    >
      <span aria-hidden="true">⚠ {indexes.length}</span>
    </button>
  );
}
