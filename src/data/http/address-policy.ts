/**
 * Which addresses a configured URL may connect to, per source, judged on the address actually connected to
 * (guarded-agent.ts) by its class (address-class.ts):
 *
 * - Never, for any source and whatever an allow-list says: cloud metadata addresses (they hand out the machine's
 *   cloud credentials to whoever asks), unspecified addresses (0.0.0.0 and :: reach this machine), broadcast and
 *   multicast (not one server's address).
 * - The user's node (`RERATE_BITCOIND_URL`): loopback, private (RFC 1918) and unique-local (RFC 4193) by default
 *   (DEFAULT_NODE_RANGES), so a mistyped or hostile URL cannot send the node's credentials across the internet;
 *   `RERATE_BITCOIND_ALLOW` adds CIDR ranges, e.g. a node on a public address, a link-local one or a Tailscale
 *   (100.64.0.0/10) one. Link-local is not a default: it is where the metadata services live.
 * - Public data providers (mempool, coinbase, kraken, bitstamp): any public address, and loopback, private, shared
 *   (100.64.0.0/10) and unique-local ones, because a self-hosted mempool on the same machine, the LAN or a tailnet is
 *   a real use (Umbrel, Start9) and they carry no credentials of rerate's; never link-local (no public API lives
 *   on the local link, the metadata services do) nor reserved ranges (documentation, benchmarking, tunnels).
 */
import { CLASS_DESCRIPTIONS, classOf, parseRange, type AddressClass } from './address-class.ts';
import { inPrefix, ipv4Text, parseIpAddress, type IpAddress } from './ip-address.ts';
import { InputError } from '../../schema/input-error.ts';

export interface AddressPolicy {
  /** The setting that configured the URL, named in refusals, e.g. `RERATE_MEMPOOL_URL`. */
  readonly setting: string;
  /** What is allowed, for messages: CIDR ranges (the node) or address classes (public providers). */
  readonly ranges: readonly string[];
  /** Why connecting to `address` (what `host` resolved to, when a name) is refused; undefined when it is allowed. */
  refusal(address: string, host?: string): string | undefined;
  allows(address: string): boolean;
}

export const NEVER_ALLOWED: readonly AddressClass[] = ['cloud-metadata', 'unspecified', 'broadcast', 'multicast'];

export const DEFAULT_NODE_RANGES = [
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '::1/128',
  'fc00::/7',
];

export const PUBLIC_PROVIDER_CLASSES: readonly AddressClass[] = [
  'public',
  'loopback',
  'private',
  'shared',
  'unique-local',
];

/**
 * The node's policy: the CIDR `ranges`, never a NEVER_ALLOWED class. A bad range throws an InputError at
 * `allowSetting`, the setting that adds ranges (named in refusals too); `urlSetting` is the setting of the URL.
 */
export function addressPolicy(ranges: readonly string[], allowSetting: string, urlSetting = 'the URL'): AddressPolicy {
  const parsed = ranges.map((text) => {
    const range = parseRange(text);
    if (!range) throw InputError.at([allowSetting], `"${text}" is not a CIDR range such as 10.0.0.0/8 or fd00::/8`);
    return range;
  });
  // An address carrying an IPv4 address is judged as that IPv4 address, against the IPv4 ranges.
  const inRanges = (address: IpAddress) =>
    parsed.some((range) => inPrefix(address.carried?.bytes ?? address.bytes, range.address.bytes, range.bits));
  return policy(urlSetting, ranges, (address, subject, addressClass) => {
    if (NEVER_ALLOWED.includes(addressClass))
      return (
        `${subject} is ${CLASS_DESCRIPTIONS[addressClass]}, which rerate never connects to, ` +
        `even when ${allowSetting} covers it`
      );
    if (inRanges(address)) return undefined;
    return (
      `${subject} is outside the allowed address ranges (${ranges.join(', ')}): ` +
      `it is ${CLASS_DESCRIPTIONS[addressClass]}; add a range with ${allowSetting} if this is intended`
    );
  });
}

/** A public data provider's policy: the PUBLIC_PROVIDER_CLASSES. */
export function publicProviderPolicy(urlSetting: string): AddressPolicy {
  return policy(urlSetting, PUBLIC_PROVIDER_CLASSES, (_address, subject, addressClass) => {
    if (PUBLIC_PROVIDER_CLASSES.includes(addressClass)) return undefined;
    if (NEVER_ALLOWED.includes(addressClass))
      return `${subject} is ${CLASS_DESCRIPTIONS[addressClass]}, which rerate never connects to`;
    return (
      `${subject} is ${CLASS_DESCRIPTIONS[addressClass]}, where no public data provider is served ` +
      `(allowed: ${PUBLIC_PROVIDER_CLASSES.join(', ')} addresses)`
    );
  });
}

type Judge = (address: IpAddress, subject: string, addressClass: AddressClass) => string | undefined;

function policy(setting: string, ranges: readonly string[], judge: Judge): AddressPolicy {
  const refusal = (text: string, host?: string): string | undefined => {
    const address = parseIpAddress(text);
    const named = host !== undefined && host !== text;
    const carried = address?.carried && `${address.carried.form} ${ipv4Text(address.carried.bytes)}`;
    const details = [named ? text : undefined, carried].filter((detail) => detail);
    const subject = `${named ? host : text}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
    if (!address) return `${setting}: ${subject} is not an IP address`;
    const why = judge(address, subject, classOf(address));
    return why === undefined ? undefined : `${setting}: ${why}`;
  };
  return { setting, ranges, refusal, allows: (address) => refusal(address) === undefined };
}
