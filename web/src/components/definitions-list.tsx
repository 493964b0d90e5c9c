/** A result's `definitions` (term → what it means), folded under the table it explains. */
export function DefinitionsList({ definitions }: { definitions: Readonly<Record<string, string>> }) {
  return (
    <details class="definitions">
      <summary>Definitions</summary>
      <dl>
        {Object.entries(definitions).map(([term, definition]) => (
          <div key={term}>
            <dt>
              <code>{term}</code>
            </dt>
            <dd>{definition}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
