/**
 * Where the user's Bitcoin Core node is and how rerate logs in (DESIGN.md §9), read from the environment:
 *
 * - `RERATE_BITCOIND_URL`: the node's RPC URL, e.g. `http://127.0.0.1:8332` (unset: no node provider).
 * - Credentials, first match wins: `RERATE_BITCOIND_USER` + `RERATE_BITCOIND_PASSWORD` (rpcuser/rpcpassword or an
 *   rpcauth user); else the cookie file named by `RERATE_BITCOIND_COOKIE`; else `user:password@` in the URL; else the
 *   cookie file at its default place, `<home>/.bitcoin/.cookie` (mainnet datadir on Linux).
 * - `RERATE_BITCOIND_ALLOW`: comma-separated CIDR ranges the node may resolve to, added to DEFAULT_NODE_RANGES
 *   (loopback, private, unique-local); cloud metadata addresses stay refused even inside them (address-policy.ts).
 *
 * An empty variable counts as unset. The cookie file (`__cookie__:<hex>`, rewritten by every node start) is read at
 * fetch time, not here. Credentials never appear in a message: errors name the variable or the file, never a value.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addressPolicy, DEFAULT_NODE_RANGES, type AddressPolicy } from '../http/address-policy.ts';
import { ProviderError } from '../http/provider-error.ts';
import { InputError } from '../../schema/input-error.ts';

/** How the node is logged into (HTTP Basic, the only scheme Bitcoin Core's RPC server speaks). */
export type BitcoindAuth =
  /** From RERATE_BITCOIND_USER/PASSWORD (`source: 'env'`) or from the URL's `user:password@` (`source: 'url'`). */
  | { kind: 'password'; source: 'env' | 'url'; user: string; password: string }
  /** Bitcoin Core's cookie file, read at each fetch. */
  | { kind: 'cookie'; cookiePath: string };

export interface BitcoindConfig {
  /** The RPC URL without credentials and without a trailing slash, e.g. `http://127.0.0.1:8332`. */
  url: string;
  auth: BitcoindAuth;
  /** CIDR ranges the node may resolve to: DEFAULT_NODE_RANGES, then those of RERATE_BITCOIND_ALLOW. */
  allowedRanges: string[];
}

/** Reads the node settings; undefined when RERATE_BITCOIND_URL is unset. Throws an Error naming a bad variable. */
export function bitcoindConfigFromEnv(
  env: Record<string, string | undefined>,
  home: string,
): BitcoindConfig | undefined {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const urlText = read('RERATE_BITCOIND_URL');
  if (urlText === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    // The text may hold a password: it is not echoed.
    throw InputError.at(
      ['RERATE_BITCOIND_URL'],
      "not a URL; give the node's RPC address such as http://127.0.0.1:8332",
    );
  }
  const urlUser = decodedOrUndefined(url.username);
  const urlPassword = decodedOrUndefined(url.password);
  if (urlUser === undefined || urlPassword === undefined)
    throw InputError.at(['RERATE_BITCOIND_URL'], 'the user name or password in the URL has a malformed %-escape');
  url.username = '';
  url.password = '';
  const shown = url.toString().replace(/\/$/, '');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw InputError.at(['RERATE_BITCOIND_URL'], `must be an http:// or https:// URL, not ${url.protocol}`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw InputError.at(
      ['RERATE_BITCOIND_URL'],
      'must not have a query or fragment (they are not echoed here: they may hold secrets)',
    );
  }

  const user = read('RERATE_BITCOIND_USER');
  const password = read('RERATE_BITCOIND_PASSWORD');
  if ((user === undefined) !== (password === undefined)) {
    throw user === undefined
      ? InputError.at(['RERATE_BITCOIND_PASSWORD'], 'is set without RERATE_BITCOIND_USER')
      : InputError.at(['RERATE_BITCOIND_USER'], 'is set without RERATE_BITCOIND_PASSWORD');
  }
  const cookie = read('RERATE_BITCOIND_COOKIE');
  let auth: BitcoindAuth;
  if (user !== undefined && password !== undefined) auth = { kind: 'password', source: 'env', user, password };
  else if (cookie !== undefined) auth = { kind: 'cookie', cookiePath: cookie };
  else if (urlUser !== '' || urlPassword !== '') {
    if (urlUser === '' || urlPassword === '')
      throw InputError.at(['RERATE_BITCOIND_URL'], `has a user name or a password but not both (${shown})`);
    auth = { kind: 'password', source: 'url', user: urlUser, password: urlPassword };
  } else auth = { kind: 'cookie', cookiePath: join(home, '.bitcoin', '.cookie') };

  const extra = (read('RERATE_BITCOIND_ALLOW') ?? '')
    .split(',')
    .map((range) => range.trim())
    .filter((range) => range !== '');
  const allowedRanges = [...DEFAULT_NODE_RANGES, ...extra];
  // Validates the ranges now, so a typo fails at start-up naming the variable.
  addressPolicy(extra, 'RERATE_BITCOIND_ALLOW');
  return { url: shown, auth, allowedRanges };
}

/** The address policy of a node config (what the HTTP layer enforces on the address actually connected to). */
export function bitcoindAddressPolicy(config: Pick<BitcoindConfig, 'allowedRanges'>): AddressPolicy {
  return addressPolicy(config.allowedRanges, 'RERATE_BITCOIND_ALLOW', 'RERATE_BITCOIND_URL');
}

/** Says where the credentials come from, for messages (never the credentials themselves). */
export function describeBitcoindAuth(auth: BitcoindAuth): string {
  if (auth.kind === 'cookie') return `the cookie file ${auth.cookiePath}`;
  return auth.source === 'env'
    ? 'RERATE_BITCOIND_USER/RERATE_BITCOIND_PASSWORD'
    : 'the user name and password in RERATE_BITCOIND_URL';
}

/**
 * The `Authorization` header value for the node, reading the cookie file now (it changes when the node restarts).
 * An unreadable or malformed cookie is ProviderError 'auth' naming the file, never its content.
 */
export async function bitcoindAuthorization(auth: BitcoindAuth, provider = 'bitcoind'): Promise<string> {
  if (auth.kind === 'password') return basic(auth.user, auth.password);
  let text: string;
  try {
    text = await readFile(auth.cookiePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    const hint =
      code === 'ENOENT'
        ? 'is the node running, and is this its datadir? ' +
          'Set RERATE_BITCOIND_COOKIE to the right file or RERATE_BITCOIND_USER/RERATE_BITCOIND_PASSWORD'
        : code === 'EACCES' || code === 'EPERM'
          ? "rerate may not read it: run as a user in the node's group (bitcoind -rpccookieperms=group) " +
            'or set RERATE_BITCOIND_USER/RERATE_BITCOIND_PASSWORD'
          : "set RERATE_BITCOIND_COOKIE to the node's cookie file or RERATE_BITCOIND_USER/RERATE_BITCOIND_PASSWORD";
    throw new ProviderError(provider, 'auth', `cannot read the cookie file ${auth.cookiePath} (${code}); ${hint}`);
  }
  const line = text.trim();
  const colon = line.indexOf(':');
  if (colon <= 0 || colon === line.length - 1 || /[\r\n]/.test(line)) {
    throw new ProviderError(
      provider,
      'auth',
      `the cookie file ${auth.cookiePath} does not hold one line user:password ` +
        'as Bitcoin Core writes it (__cookie__:<hex>)',
    );
  }
  return basic(line.slice(0, colon), line.slice(colon + 1));
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function decodedOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
