/**
 * What kind of address a connection would reach, judged by its bytes (ip-address.ts): an IPv6 address that carries an
 * IPv4 address is judged as that IPv4 address. The ranges are IANA's special-purpose address registries (RFC 6890 and
 * its updates); the first class whose ranges match wins, so the exact metadata addresses come before link-local.
 */
import { inPrefix, parseIpAddress, type IpAddress } from './ip-address.ts';

export type AddressClass =
  | 'cloud-metadata'
  | 'unspecified'
  | 'broadcast'
  | 'multicast'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'unique-local'
  | 'link-local'
  | 'reserved'
  | 'public';

/** How each class reads in a message. */
export const CLASS_DESCRIPTIONS: Record<AddressClass, string> = {
  'cloud-metadata': "a cloud metadata address (it hands out this machine's cloud credentials)",
  unspecified: 'an unspecified address (it reaches this machine, not a server)',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  loopback: 'a loopback address',
  private: 'a private address (RFC 1918)',
  shared: 'a shared address (carrier-grade NAT, RFC 6598)',
  'unique-local': 'a unique-local address (RFC 4193)',
  'link-local': 'a link-local address',
  reserved: 'a reserved address (documentation, benchmarking, tunnels or future use)',
  public: 'a public address',
};

/**
 * Instance metadata services, which answer any process on the machine with the machine's cloud credentials:
 * - 169.254.169.254: AWS EC2 IMDS, Google Compute Engine, Azure IMDS, Oracle Cloud, DigitalOcean, OpenStack, IBM;
 * - 169.254.170.2: AWS ECS task metadata and credentials; 169.254.170.23 and fd00:ec2::23: EKS Pod Identity Agent;
 * - fd00:ec2::254: AWS EC2 IMDS over IPv6; fd20:ce::254: Google Compute Engine's metadata server over IPv6;
 * - 100.100.100.200: Alibaba Cloud ECS; 169.254.0.23: Tencent Cloud (metadata.tencentyun.com);
 * - 168.63.129.16: Azure's WireServer (host platform endpoint, a public address); 192.0.0.192: Oracle Cloud Classic.
 */
export const CLOUD_METADATA_ADDRESSES = [
  '169.254.169.254',
  '169.254.170.2',
  '169.254.170.23',
  '169.254.0.23',
  '100.100.100.200',
  '168.63.129.16',
  '192.0.0.192',
  'fd00:ec2::254',
  'fd00:ec2::23',
  'fd20:ce::254',
] as const;

/** The ranges of each class but 'public' (what no range matches) and 'reserved' in IPv6 (see below). */
const CLASS_RANGES: [AddressClass, string[]][] = [
  ['cloud-metadata', CLOUD_METADATA_ADDRESSES.map((address) => `${address}/${address.includes(':') ? 128 : 32}`)],
  // 0.0.0.0/8 "this network" (RFC 791, RFC 1122 §3.2.1.3): connecting to 0.0.0.0 reaches this machine on Linux.
  ['unspecified', ['0.0.0.0/8', '::/128']],
  ['broadcast', ['255.255.255.255/32']],
  ['multicast', ['224.0.0.0/4', 'ff00::/8']],
  ['loopback', ['127.0.0.0/8', '::1/128']],
  ['private', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']],
  ['shared', ['100.64.0.0/10']],
  ['unique-local', ['fc00::/7']],
  ['link-local', ['169.254.0.0/16', 'fe80::/10']],
  [
    'reserved',
    [
      // IETF protocol assignments (RFC 6890), documentation (RFC 5737), benchmarking (RFC 2544), the deprecated 6to4
      // relay anycast (RFC 7526), future use (RFC 1112 §4).
      '192.0.0.0/24',
      '192.0.2.0/24',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '198.18.0.0/15',
      '192.88.99.0/24',
      '240.0.0.0/4',
      // Inside global unicast 2000::/3: IETF protocol assignments incl. Teredo (RFC 2928, RFC 4380), documentation
      // (RFC 3849, RFC 9637), 6to4 (RFC 3056: it carries an IPv4 address a relay would reach), SRv6 SIDs (RFC 9602).
      '2001::/23',
      '2001:db8::/32',
      '3fff::/20',
      '2002::/16',
      '5f00::/16',
    ],
  ],
];

interface Range {
  addressClass: AddressClass;
  bytes: Uint8Array;
  bits: number;
}

/** Parses `address/bits`; undefined when it is not a CIDR range. */
export function parseRange(text: string): { address: IpAddress; bits: number } | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  const address = match ? parseIpAddress(match[1] as string) : undefined;
  const bits = Number(match?.[2]);
  if (!address || bits > (address.family === 4 ? 32 : 128)) return undefined;
  return { address, bits };
}

const RANGES: Range[] = CLASS_RANGES.flatMap(([addressClass, texts]) =>
  texts.map((text) => {
    const range = parseRange(text) as { address: IpAddress; bits: number };
    return { addressClass, bytes: range.address.bytes, bits: range.bits };
  }),
);
const GLOBAL_UNICAST = parseRange('2000::/3') as { address: IpAddress; bits: number };

/** The class of an address, judging a carried IPv4 address in its place. */
export function classOf(address: IpAddress): AddressClass {
  const bytes = address.carried?.bytes ?? address.bytes;
  const found = RANGES.find((range) => inPrefix(bytes, range.bytes, range.bits));
  if (found) return found.addressClass;
  // IPv6 outside global unicast and the classes above (the rest of ::/8, site-local fec0::/10, local NAT64
  // 64:ff9b:1::/48, …) is unassigned or special: reserved (RFC 4291 §2.4, IANA IPv6 address space).
  if (bytes.length === 16 && !inPrefix(bytes, GLOBAL_UNICAST.address.bytes, GLOBAL_UNICAST.bits)) return 'reserved';
  return 'public';
}
