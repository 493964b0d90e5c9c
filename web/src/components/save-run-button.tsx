/**
 * Saves the figures on screen as a run (`POST /api/v1/runs`, as `rerate update` saves one), so the revisions page can
 * compare it with another. The same inputs give the same run id: saving twice stores nothing new, and says so.
 */
import { useState } from 'preact/hooks';
import { type ApiError, asApiError, postJson } from '../api-client.ts';
import type { SavedRun } from '../api-types.ts';
import { shortRunId } from '../display-format.ts';
import { ErrorAlert } from './error-alert.tsx';

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; saved: SavedRun['saved'] }
  | { kind: 'error'; error: ApiError };

export function SaveRunButton({
  command,
  input,
  revisionsHref,
}: {
  command: 'update' | 'value' | 'estimates';
  input: Record<string, string>;
  revisionsHref: string;
}) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const save = async () => {
    setState({ kind: 'saving' });
    try {
      const answer = await postJson<SavedRun>('runs', { command, input });
      setState({ kind: 'saved', saved: answer.saved });
    } catch (error) {
      setState({ kind: 'error', error: asApiError(error) });
    }
  };
  return (
    <div class="save-run">
      <button
        type="button"
        onClick={() => void save()}
        disabled={state.kind === 'saving'}
        aria-describedby="save-run-status"
      >
        {state.kind === 'saving' ? 'Saving…' : 'Save this run'}
      </button>
      <p id="save-run-status" role="status" class="save-run-status">
        {state.kind === 'saved' ? (
          <>
            {state.saved.created ? 'Saved' : 'Already saved'} as run{' '}
            <code data-field="savedRunId">{shortRunId(state.saved.id)}</code> (#{state.saved.seq}).{' '}
            <a href={revisionsHref}>Compare runs</a>
          </>
        ) : null}
      </p>
      {state.kind === 'error' ? <ErrorAlert error={state.error} context="Saving the run" /> : null}
    </div>
  );
}
