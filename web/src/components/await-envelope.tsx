/**
 * What a section shows while its command runs: a polite loading line, the error in an alert, or the section itself
 * drawn from the envelope.
 */
import type { ComponentChildren } from 'preact';
import type { ResultEnvelope } from '../api-types.ts';
import type { Loaded } from '../use-api.ts';
import { ErrorAlert } from './error-alert.tsx';

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function AwaitEnvelope<Results>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<Results>;
  what: string;
  children: (envelope: ResultEnvelope<Results>) => ComponentChildren;
}) {
  if (loaded.status === 'loading') return <Loading what={what} />;
  if (loaded.status === 'error') return <ErrorAlert error={loaded.error} context={`Loading ${what}`} />;
  return <>{children(loaded.envelope)}</>;
}
