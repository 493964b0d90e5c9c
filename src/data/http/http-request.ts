/**
 * One HTTP exchange over node:http/https: a deadline for the whole exchange, a cap on the body size, redirects
 * never followed (a 3xx comes back as a status), and, when an address policy is given, a connection only to
 * addresses it allows (checked on the address actually connected to, so DNS cannot swap it afterwards).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.ts';

export interface HttpExchange {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBodyBytes: number;
  addressPolicy?: AddressPolicy;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Why an exchange failed before an answer: the resilient client decides whether to retry. */
export class HttpExchangeError extends Error {
  readonly kind: 'timeout' | 'network' | 'address-not-allowed' | 'too-large';
  constructor(kind: HttpExchangeError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

export function exchange(request: HttpExchange): Promise<HttpAnswer> {
  const { url, addressPolicy } = request;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (addressPolicy && isIP(host) !== 0 && !addressPolicy.allows(host)) {
    return Promise.reject(notAllowed(host, addressPolicy));
  }
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: request.method,
      headers:
        request.body === undefined
          ? request.headers
          : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      // A guarded exchange gets a connection of its own (no pooled socket), so every connection passes the check.
      ...(addressPolicy ? { lookup: guardedLookup(addressPolicy), agent: false } : {}),
    });
    const timer = setTimeout(
      () => req.destroy(new HttpExchangeError('timeout', `no complete answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error instanceof HttpExchangeError ? error : new HttpExchangeError('network', error.message));
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBodyBytes)
          req.destroy(new HttpExchangeError('too-large', `the answer exceeds ${request.maxBodyBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(request.body);
  });
}

function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const refused = list.find((entry) => !policy.allows(entry.address));
      if (refused || list.length === 0)
        return callback(notAllowed(`${hostname} (${refused?.address ?? 'no address'})`, policy), '', 0);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

function notAllowed(what: string, policy: AddressPolicy): HttpExchangeError {
  return new HttpExchangeError(
    'address-not-allowed',
    `${what} is outside the allowed address ranges (${policy.ranges.join(', ')}); ` +
      'add a range with RERATE_BITCOIND_ALLOW if this is intended',
  );
}
