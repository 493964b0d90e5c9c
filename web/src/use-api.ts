/**
 * A command's envelope for the component that shows it: loading, an error, or the envelope. A new URL aborts the
 * request for the old one, so a page never shows an answer to a question it no longer asks.
 */
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, apiUrl, asApiError, getEnvelope, isAbort, type Query } from './api-client.ts';
import type { ResultEnvelope } from './api-types.ts';

export type Loaded<Results> =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; envelope: ResultEnvelope<Results> };

const LOADING = { status: 'loading' } as const;

/** GET `path` with `query`; `path` undefined waits (for an answer this request depends on). */
export function useApi<Results>(path: string | undefined, query: Query = {}): Loaded<Results> {
  const url = path === undefined ? undefined : apiUrl(path, query);
  const [state, setState] = useState<{ url: string | undefined; loaded: Loaded<Results> }>({
    url: undefined,
    loaded: LOADING,
  });
  useEffect(() => {
    if (url === undefined) return undefined;
    const controller = new AbortController();
    getEnvelope<Results>(url, controller.signal).then(
      (envelope) => setState({ url, loaded: { status: 'ok', envelope } }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ url, loaded: { status: 'error', error: asApiError(error) } });
      },
    );
    return () => controller.abort();
  }, [url]);
  return state.url === url ? state.loaded : LOADING;
}
