/**
 * The API token, for a server bound off loopback (DESIGN.md §10): kept in sessionStorage (gone when the tab closes),
 * sent as `Authorization: Bearer …`. A 401 from the API tells the app to ask for one.
 */
const STORAGE_KEY = 'rerate.apiToken';

export function readToken(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined; // storage disabled: no token
  }
}

export function saveToken(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

const unauthorizedListeners = new Set<() => void>();

/** Called when the API answers 401; returns the unsubscribe function. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function notifyUnauthorized(): void {
  for (const listener of unauthorizedListeners) listener();
}
