/**
 * Asked for when the API answers 401 (a server bound off loopback requires a bearer token): the token is kept in
 * this tab's sessionStorage only and sent with every API call.
 */
import { useState } from 'preact/hooks';
import { saveToken } from '../token-store.ts';

export function TokenForm({ refused, onSaved }: { refused: boolean; onSaved: () => void }) {
  const [token, setToken] = useState('');
  return (
    <section class="token-panel" aria-labelledby="token-title">
      <h1 id="token-title" tabIndex={-1}>
        API token required
      </h1>
      <p>
        This rerate server requires a token (it is bound to an address other than loopback). Ask whoever started it; it
        is kept in this tab only.
      </p>
      {refused ? (
        <p role="alert" class="alert">
          The server refused the token given: check it and enter it again.
        </p>
      ) : null}
      <form
        class="token-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim() === '') return;
          saveToken(token.trim());
          onSaved();
        }}
      >
        <label for="api-token">API token</label>
        <input
          id="api-token"
          type="password"
          autoComplete="off"
          required
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        <button type="submit">Use this token</button>
      </form>
    </section>
  );
}
