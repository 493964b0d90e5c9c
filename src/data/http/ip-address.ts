/**
 * An IP address as bytes, from any text `net.isIP` accepts (IPv4 dotted quad; IPv6 with `::`, leading zeros, upper
 * case, a dotted IPv4 tail or a `%zone`), so that a policy judges what a connection would reach, not how it was
 * spelled. An IPv6 address that carries an IPv4 address is unwrapped, because the packet goes to that IPv4 address:
 * - IPv4-mapped `::ffff:0:0/96` (RFC 4291 §2.5.5.2): a dual-stack socket connects to the IPv4 address itself;
 * - IPv4-compatible `::/96` except `::` and `::1` (RFC 4291 §2.5.5.1, deprecated);
 * - NAT64 `64:ff9b::/96`, the well-known prefix (RFC 6052 §2.1): a NAT64 gateway forwards to the IPv4 address.
 */
import { isIP } from 'node:net';

export type CarrierForm = 'IPv4-mapped' | 'IPv4-compatible' | 'NAT64';

export interface IpAddress {
  family: 4 | 6;
  /** 4 bytes (IPv4) or 16 (IPv6), network order. */
  bytes: Uint8Array;
  /** The IPv4 address an IPv6 address carries, which is what the address is judged as. */
  carried?: { form: CarrierForm; bytes: Uint8Array };
}

/** Parses an address; undefined when `net.isIP` does not accept the text (brackets must be removed first). */
export function parseIpAddress(text: string): IpAddress | undefined {
  const family = isIP(text);
  if (family === 4) return { family: 4, bytes: ipv4Bytes(text) };
  if (family !== 6) return undefined;
  const bytes = ipv6Bytes(text.replace(/%.*$/, ''));
  const carried = carriedIpv4(bytes);
  return carried ? { family: 6, bytes, carried } : { family: 6, bytes };
}

/** Whether `bytes` starts with the first `bits` bits of `prefix` (both of one family). */
export function inPrefix(bytes: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  if (bytes.length !== prefix.length) return false;
  const whole = Math.floor(bits / 8);
  for (let index = 0; index < whole; index++) if (bytes[index] !== prefix[index]) return false;
  const rest = bits % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((bytes[whole] as number) & mask) === ((prefix[whole] as number) & mask);
}

/** Dotted quad of 4 bytes. */
export function ipv4Text(bytes: Uint8Array): string {
  return Array.from(bytes).join('.');
}

function ipv4Bytes(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

/** 16 bytes of a valid IPv6 text without zone (net.isIP has vouched for it). */
function ipv6Bytes(text: string): Uint8Array {
  let groups = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = ipv4Bytes(dotted) as unknown as [number, number, number, number];
    groups = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = groups.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':').map((word) => parseInt(word, 16)));
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  all.forEach((word, index) => {
    bytes[2 * index] = word >> 8;
    bytes[2 * index + 1] = word & 0xff;
  });
  return bytes;
}

const MAPPED_PREFIX = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
const NAT64_PREFIX = Uint8Array.from([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]);
const ZERO_PREFIX = new Uint8Array(12);

function carriedIpv4(bytes: Uint8Array): IpAddress['carried'] {
  const head = bytes.subarray(0, 12);
  const tail = bytes.slice(12);
  const same = (prefix: Uint8Array) => head.every((byte, index) => byte === prefix[index]);
  if (same(MAPPED_PREFIX)) return { form: 'IPv4-mapped', bytes: tail };
  if (same(NAT64_PREFIX)) return { form: 'NAT64', bytes: tail };
  // `::` is the unspecified address and `::1` loopback, in IPv6's own right (RFC 4291 §2.5.2, §2.5.3).
  if (same(ZERO_PREFIX) && !(tail[0] === 0 && tail[1] === 0 && tail[2] === 0 && (tail[3] as number) <= 1))
    return { form: 'IPv4-compatible', bytes: tail };
  return undefined;
}
