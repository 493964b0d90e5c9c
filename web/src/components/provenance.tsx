/**
 * Where a page's numbers come from: per command, the day described, the last day of each data series, the run id
 * (the first 12 hex digits of inputsHash, as `rerate runs show` takes it) and the engine version.
 */
import type { ResultEnvelope } from '../api-types.ts';
import { shortRunId } from '../display-format.ts';

export interface Source {
  /** The command as the CLI names it, e.g. `value CIFR`. */
  command: string;
  envelope: ResultEnvelope<unknown>;
}

export function Provenance({ sources }: { sources: readonly Source[] }) {
  if (sources.length === 0) return null;
  return (
    <footer class="provenance" aria-label="Sources of the figures on this page">
      <h2 class="provenance-title">Sources</h2>
      <ul>
        {sources.map(({ command, envelope }) => (
          <li key={command} data-command={command}>
            <code>rerate {command}</code>: as of <span data-field="asOf">{envelope.asOf || '—'}</span>
            {Object.keys(envelope.dataAsOf).length > 0 ? (
              <>
                {'; data to '}
                {Object.entries(envelope.dataAsOf)
                  .map(([series, day]) => `${series} ${day}`)
                  .join(', ')}
              </>
            ) : null}
            {'; run '}
            <code data-field="runId" title={envelope.inputsHash}>
              {shortRunId(envelope.inputsHash)}
            </code>
            {`; engine ${envelope.engineVersion}`}
          </li>
        ))}
      </ul>
    </footer>
  );
}
