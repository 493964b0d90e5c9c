/**
 * Which IP addresses an endpoint may resolve to. The user's node is reached only on loopback and private ranges by
 * default (RFC 1918, RFC 4193 unique-local, link-local), so a mistyped or hostile URL cannot make rerate send its
 * node credentials across the internet. `RERATE_BITCOIND_ALLOW` adds CIDR ranges.
 */
import { BlockList, isIP } from 'node:net';
import { InputError } from '../../schema/input-error.ts';

export const DEFAULT_NODE_RANGES = [
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
];

export interface AddressPolicy {
  /** The ranges, as given, for messages. */
  readonly ranges: readonly string[];
  allows(address: string): boolean;
}

/** Builds a policy from CIDR texts; a bad range throws with `field` naming where it came from. */
export function addressPolicy(ranges: readonly string[], field: string): AddressPolicy {
  const list = new BlockList();
  for (const range of ranges) {
    const match = /^([^/]+)\/(\d{1,3})$/.exec(range.trim());
    const family = match ? isIP(match[1] as string) : 0;
    const prefix = match ? Number(match[2]) : NaN;
    if (!match || family === 0 || prefix > (family === 4 ? 32 : 128)) {
      throw InputError.at([field], `"${range}" is not a CIDR range such as 10.0.0.0/8 or fd00::/8`);
    }
    list.addSubnet(match[1] as string, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    ranges,
    allows(address) {
      const family = isIP(address);
      if (family === 0) return false;
      // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
      if (mapped) return list.check(mapped, 'ipv4');
      return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
