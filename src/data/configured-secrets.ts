/**
 * The secrets this process is configured with, for redaction (src/present/redact-secrets.ts): the node's password
 * and the user:password pair a Basic header carries, passwords in any RERATE_*_URL, the node's cookie (its file is
 * read now, if readable), the API token and the Tiingo key (issue 20). Never throws: a secret that cannot be read
 * cannot be leaked either.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function configuredSecrets(env: Record<string, string | undefined>, home: string | undefined): string[] {
  const secrets: string[] = [];
  const add = (value: string | undefined) => {
    if (value) secrets.push(value);
  };
  const user = env['RERATE_BITCOIND_USER'];
  const password = env['RERATE_BITCOIND_PASSWORD'];
  add(password);
  if (user && password) add(`${user}:${password}`);
  add(env['RERATE_API_TOKEN']);
  add(env['RERATE_TIINGO_TOKEN']);
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('RERATE_') || !name.endsWith('_URL') || !value) continue;
    try {
      const url = new URL(value);
      const urlPassword = decodeURIComponent(url.password);
      add(urlPassword);
      if (url.username && urlPassword) add(`${decodeURIComponent(url.username)}:${urlPassword}`);
    } catch {
      // Not a URL: the configuration reports it; nothing to redact.
    }
  }
  const cookiePath = env['RERATE_BITCOIND_COOKIE'] || (home ? join(home, '.bitcoin', '.cookie') : undefined);
  if (cookiePath) {
    try {
      const cookie = readFileSync(cookiePath, 'utf8').trim();
      add(cookie);
      add(cookie.split(':')[1]);
    } catch {
      // No cookie file: nothing to redact.
    }
  }
  return secrets;
}
