/**
 * The connections of one client: an HTTP and an HTTPS agent that keep sockets alive for reuse and check every
 * connection they open against the client's address policy before connecting. A host name is resolved by the
 * resolver (the system's by default, a fake in tests) and every address it resolves to must be allowed; an IP
 * address in the URL is checked as it stands (Node does not look it up). The agents belong to the client: a pooled
 * socket was opened through the same check, and no socket of the global agent is ever used.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.ts';

/** Resolves a host name to every address it has (dns.lookup with `all: true`); `family` 0 means either. */
export type HostResolver = (hostname: string, family: 0 | 4 | 6) => Promise<readonly LookupAddress[]>;

export const systemResolver: HostResolver = (hostname, family) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, family }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/** Why a connection was not opened: the policy refused the address. */
export class AddressRefusedError extends Error {}

export interface GuardedAgents {
  readonly policy: AddressPolicy;
  agentFor(url: URL): HttpAgent;
}

export function guardedAgents(policy: AddressPolicy, resolver: HostResolver = systemResolver): GuardedAgents {
  const lookup = guardedLookup(policy, resolver);
  const http = guard(new HttpAgent({ keepAlive: true, lookup }), policy);
  const https = guard(new HttpsAgent({ keepAlive: true, lookup }), policy);
  return { policy, agentFor: (url) => (url.protocol === 'https:' ? https : http) };
}

/** Refuses, before connecting, a connection to an IP address in the URL that the policy does not allow. */
function guard<A extends HttpAgent>(agent: A, policy: AddressPolicy): A {
  const connect = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const host = (options.host ?? 'localhost').replace(/^\[|\]$/g, '');
    const refusal = isIP(host) === 0 ? undefined : policy.refusal(host);
    if (refusal === undefined) return connect(options, callback);
    callback?.(new AddressRefusedError(refusal), undefined as never);
    return undefined;
  };
  return agent;
}

function guardedLookup(policy: AddressPolicy, resolver: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0;
    resolver(hostname, family).then(
      (found) => {
        const list = found.filter((entry) => family === 0 || entry.family === family);
        const refusals = list.map((entry) => policy.refusal(entry.address, hostname));
        const refusal =
          list.length === 0 ? `${policy.setting}: ${hostname} resolves to no address` : refusals.find(Boolean);
        if (refusal !== undefined) return callback(new AddressRefusedError(refusal), '', 0);
        if (options.all) return (callback as unknown as (e: null, a: readonly LookupAddress[]) => void)(null, list);
        const first = list[0] as LookupAddress;
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
