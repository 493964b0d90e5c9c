/**
 * The token rule (DESIGN.md §10): on a loopback address the API is open to the local user; bound to any other
 * address, every API route requires `Authorization: Bearer <RERATE_API_TOKEN>`, and without a token configured the
 * server refuses to start. A configured token is required on loopback too.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const TOKEN_VARIABLE = 'RERATE_API_TOKEN';
export const MIN_TOKEN_LENGTH = 16;

/** `localhost`, 127.0.0.0/8 and ::1 (also as an IPv4-mapped address). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/** Why the server must not start with this host and token, or undefined when it may. */
export function tokenRuleProblem(host: string, token: string | undefined): string | undefined {
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH)
    return `${TOKEN_VARIABLE} must be at least ${MIN_TOKEN_LENGTH} characters`;
  if (token !== undefined && /\s/.test(token))
    return `${TOKEN_VARIABLE} must not contain spaces (a bearer header could not carry it)`;
  if (token === undefined && !isLoopbackHost(host)) {
    return (
      `--host ${host} is not a loopback address: set ${TOKEN_VARIABLE} (at least ${MIN_TOKEN_LENGTH} characters) ` +
      'so every API route requires it as a bearer token, or serve on 127.0.0.1'
    );
  }
  return undefined;
}

/** Compares the header's token with the configured one in constant time (over their SHA-256 digests). */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1] as string), digest(token));
}
