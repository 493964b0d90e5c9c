/**
 * The company's valuation as the controls move: `GET /api/v1/value/<T>?set=…` for every new setting, the request for
 * the previous setting aborted (the latest wins; no debounce: a repaint should follow a move within 150 ms). The last
 * answer stays on screen while the next is on its way (`pending`), so nothing flickers.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import { type ApiError, apiPath, apiUrl, asApiError, getEnvelope, isAbort, type Query } from './api-client.ts';
import type { ResultEnvelope, ValueResult } from './api-types.ts';

export interface LiveValue {
  /** The latest answer received (undefined until the first). */
  envelope: ResultEnvelope<ValueResult> | undefined;
  /** The `set` option the shown answer was computed with. */
  shownSet: string | undefined;
  pending: boolean;
  error: ApiError | undefined;
}

export function useLiveValue(ticker: string, framing: Query, set: string | undefined): LiveValue {
  const url = apiUrl(apiPath('value', ticker), { ...framing, set });
  const [state, setState] = useState<LiveValue & { url: string | undefined }>({
    url: undefined,
    envelope: undefined,
    shownSet: undefined,
    pending: true,
    error: undefined,
  });
  // A layout effect starts the request as soon as the new setting is rendered, not a frame later as useEffect would.
  useLayoutEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, pending: true }));
    getEnvelope<ValueResult>(url, controller.signal).then(
      (envelope) => setState({ url, envelope, shownSet: set, pending: false, error: undefined }),
      (error: unknown) => {
        if (!isAbort(error)) setState((previous) => ({ ...previous, url, pending: false, error: asApiError(error) }));
      },
    );
    return () => controller.abort();
  }, [url]);
  return state;
}
