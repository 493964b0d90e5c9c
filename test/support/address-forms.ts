/**
 * Addresses in the classes every source refuses (src/data/http/address-policy.ts), and the textual forms one address
 * can take: as `net.isIP` accepts it (what a resolver may answer) and as a URL's host (what a setting may hold), for
 * the property tests of the address policy. The ranges are written here, apart from the policy's own tables, so a
 * range dropped from the policy fails the tests.
 */
import fc from 'fast-check';

/** Ranges all of whose addresses every source refuses by default, by the class the refusal must name. */
export const REFUSED_RANGES = {
  'cloud-metadata': [
    '169.254.169.254/32',
    '169.254.170.2/32',
    '100.100.100.200/32',
    '168.63.129.16/32',
    '192.0.0.192/32',
    'fd00:ec2::254/128',
  ],
  unspecified: ['0.0.0.0/8', '::/128'],
  broadcast: ['255.255.255.255/32'],
  multicast: ['224.0.0.0/4', 'ff00::/8'],
  'link-local': ['169.254.0.0/16', 'fe80::/10'],
  reserved: [
    '192.0.2.0/24',
    '198.51.100.0/24',
    '203.0.113.0/24',
    '198.18.0.0/15',
    '240.0.0.0/5',
    '2001:db8::/32',
    '3fff::/20',
    'fec0::/10',
    '100::/64',
  ],
} as const;

export type RefusedClass = keyof typeof REFUSED_RANGES;

/** Refused for every source whatever an allow-list says. */
export const NEVER_ALLOWED_CLASSES: readonly RefusedClass[] = [
  'cloud-metadata',
  'unspecified',
  'broadcast',
  'multicast',
];

export interface RefusedAddress {
  addressClass: RefusedClass;
  /** 4 or 16 bytes. */
  bytes: number[];
}

/** An address drawn from a refused range; inside link-local, the metadata addresses count as metadata. */
export const refusedAddress: fc.Arbitrary<RefusedAddress> = fc
  .constantFrom(
    ...Object.entries(REFUSED_RANGES).flatMap(([addressClass, ranges]) =>
      ranges.map((range) => ({ addressClass: addressClass as RefusedClass, range })),
    ),
  )
  .chain(({ addressClass, range }) => {
    const [base = '', bitsText = ''] = range.split('/');
    const prefix = bytesOf(base);
    const bits = Number(bitsText);
    return fc
      .array(fc.integer({ min: 0, max: 255 }), { minLength: prefix.length, maxLength: prefix.length })
      .map((random) => {
        const bytes = prefix.map((byte, index) => {
          const fixed = Math.max(0, Math.min(8, bits - 8 * index));
          const mask = (0xff << (8 - fixed)) & 0xff;
          return (byte & mask) | ((random[index] as number) & ~mask & 0xff);
        });
        const metadata = REFUSED_RANGES['cloud-metadata'].some((entry) => entry.split('/')[0] === textOf(bytes));
        return { addressClass: metadata ? 'cloud-metadata' : addressClass, bytes };
      });
  });

export interface AddressForm {
  form: string;
  /** As `net.isIP` accepts it (a resolver's answer). */
  text: string;
  family: 4 | 6;
  /** As a URL's host, bracketed when IPv6. */
  urlHost: string;
}

/**
 * The forms of an address. An IPv4 address: dotted, IPv4-mapped (dotted, hex, written out in capitals),
 * IPv4-compatible (dotted, hex), NAT64 (dotted, hex), and in a URL also as one integer, in hex and in octal. The
 * compatible form is left out for 0.0.0.0 and 0.0.0.1, which are `::` and `::1` in their own right.
 */
export function formsOf(bytes: readonly number[]): AddressForm[] {
  if (bytes.length === 16) {
    const full = Array.from({ length: 8 }, (_, index) =>
      (((bytes[2 * index] as number) << 8) | (bytes[2 * index + 1] as number)).toString(16).padStart(4, '0'),
    ).join(':');
    const compressed = new URL(`http://[${full}]/`).hostname.slice(1, -1);
    return [
      { form: 'IPv6', text: compressed, family: 6, urlHost: `[${compressed}]` },
      { form: 'IPv6 written out', text: full.toUpperCase(), family: 6, urlHost: `[${full.toUpperCase()}]` },
    ];
  }
  const [a = 0, b = 0, c = 0, d = 0] = bytes;
  const dotted = `${a}.${b}.${c}.${d}`;
  const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  const v6 = (form: string, text: string): AddressForm => ({ form, text, family: 6, urlHost: `[${text}]` });
  const v4 = (form: string, urlHost: string): AddressForm => ({ form, text: dotted, family: 4, urlHost });
  const integer = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  const compatible = a === 0 && b === 0 && c === 0 && d <= 1 ? [] : [`::${dotted}`, `::${hex}`];
  return [
    v4('IPv4', dotted),
    v4('IPv4 as one integer', String(integer)),
    v4('IPv4 in hex', `0x${integer.toString(16)}`),
    v4('IPv4 in octal', [a, b, c, d].map((byte) => `0${byte.toString(8)}`).join('.')),
    v6('IPv4-mapped', `::ffff:${dotted}`),
    v6('IPv4-mapped hex', `::ffff:${hex}`),
    v6('IPv4-mapped written out', `0000:0000:0000:0000:0000:FFFF:${hex.toUpperCase()}`),
    ...compatible.map((text) => v6('IPv4-compatible', text)),
    v6('NAT64', `64:ff9b::${dotted}`),
    v6('NAT64 hex', `64:ff9b::${hex}`),
  ];
}

/** An address in a refused class, in one of its forms. */
export const refusedAddressForm: fc.Arbitrary<{ address: RefusedAddress; form: AddressForm }> = refusedAddress.chain(
  (address) => fc.constantFrom(...formsOf(address.bytes)).map((form) => ({ address, form })),
);

function bytesOf(text: string): number[] {
  if (!text.includes(':')) return text.split('.').map(Number);
  const full = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const [head = '', tail] = full.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':').map((word) => parseInt(word, 16)));
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((word) => [word >> 8, word & 0xff]);
}

function textOf(bytes: readonly number[]): string {
  return bytes.length === 4 ? bytes.join('.') : (formsOf(bytes)[0] as AddressForm).text;
}
