/** An API error, announced: what failed, the API's message and the request part at fault. */
import type { ApiError } from '../api-client.ts';

export function ErrorAlert({ error, context }: { error: ApiError; context: string }) {
  return (
    <div class="alert" role="alert">
      <p>
        <strong>{context} failed</strong>
        {error.status > 0 ? ` (HTTP ${error.status}, ${error.code})` : ''}: {error.message}
      </p>
      {error.path !== undefined && error.path !== '' ? <p class="alert-path">At {error.path}.</p> : null}
    </div>
  );
}
