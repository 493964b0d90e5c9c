// The address classes and the per-source policies (issue 19, "the address policy lets a configured URL reach
// link-local and metadata addresses"): an address is judged by its bytes, so every textual form of one address, and
// every IPv6 address carrying an IPv4 address, is judged alike; metadata addresses are refused even inside an
// allow-listed range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formsOf, refusedAddress } from '../../../test/support/address-forms.ts';
import { classOf, type AddressClass } from './address-class.ts';
import { addressPolicy, DEFAULT_NODE_RANGES, publicProviderPolicy } from './address-policy.ts';
import { parseIpAddress } from './ip-address.ts';

const classOfText = (text: string): AddressClass | undefined => {
  const address = parseIpAddress(text);
  return address && classOf(address);
};

test('addresses are classed by their bytes, whatever their spelling', () => {
  const expected: [string, AddressClass][] = [
    ['169.254.169.254', 'cloud-metadata'],
    ['::ffff:169.254.169.254', 'cloud-metadata'],
    ['::ffff:a9fe:a9fe', 'cloud-metadata'],
    ['0:0:0:0:0:FFFF:A9FE:A9FE', 'cloud-metadata'],
    ['::169.254.169.254', 'cloud-metadata'],
    ['64:ff9b::a9fe:a9fe', 'cloud-metadata'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['FD00:0EC2:0000:0000:0000:0000:0000:0254', 'cloud-metadata'],
    ['100.100.100.200', 'cloud-metadata'],
    ['168.63.129.16', 'cloud-metadata'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['239.1.2.3', 'multicast'],
    ['ff02::1', 'multicast'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['::ffff:c0a8:114', 'private'],
    ['100.64.1.1', 'shared'],
    ['fd12:3456::1', 'unique-local'],
    ['192.0.2.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2002:a9fe:a9fe::1', 'reserved'],
    ['fec0::1', 'reserved'],
    ['::ffff:0:a9fe:a9fe', 'reserved'],
    ['8.8.8.8', 'public'],
    ['64:ff9b::808:808', 'public'],
    ['2606:4700:4700::1111', 'public'],
  ];
  for (const [text, addressClass] of expected) assert.equal(classOfText(text), addressClass, text);
  for (const text of ['localhost', '', '[::1]', '1.2.3', '0x7f.1', '01.2.3.4'])
    assert.equal(classOfText(text), undefined);
});

test('property: every form of an IPv4 address is judged as the address itself', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), (bytes) => {
      const dotted = classOfText(bytes.join('.'));
      for (const form of formsOf(bytes)) assert.equal(classOfText(form.text), dotted, `${form.form} ${form.text}`);
    }),
    { numRuns: 500 },
  );
});

test('property: an IPv6 address, as the URL parser writes it or written out, parses to its bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
      for (const form of formsOf(Array.from(bytes)))
        assert.deepEqual(Array.from(parseIpAddress(form.text)?.bytes ?? []), Array.from(bytes), form.text);
    }),
    { numRuns: 500 },
  );
});

test('property: the classes every source refuses are refused by both policies, in every form', () => {
  const node = addressPolicy(DEFAULT_NODE_RANGES, 'RERATE_BITCOIND_ALLOW', 'RERATE_BITCOIND_URL');
  const provider = publicProviderPolicy('RERATE_MEMPOOL_URL');
  fc.assert(
    fc.property(refusedAddress, (address) => {
      for (const form of formsOf(address.bytes)) {
        assert.match(node.refusal(form.text) ?? 'allowed', /^RERATE_BITCOIND_URL: /, form.text);
        assert.match(provider.refusal(form.text, 'host.example') ?? 'allowed', /^RERATE_MEMPOOL_URL: host\.example/);
      }
    }),
    { numRuns: 300 },
  );
});

test('metadata, unspecified, broadcast and multicast addresses are refused even inside an allow-listed range', () => {
  const everything = addressPolicy(['0.0.0.0/0', '::/0'], 'RERATE_BITCOIND_ALLOW', 'RERATE_BITCOIND_URL');
  assert.equal(
    everything.refusal('::ffff:a9fe:a9fe', 'imds.example'),
    'RERATE_BITCOIND_URL: imds.example (::ffff:a9fe:a9fe, IPv4-mapped 169.254.169.254) is a cloud metadata address ' +
      "(it hands out this machine's cloud credentials), which rerate never connects to, " +
      'even when RERATE_BITCOIND_ALLOW covers it',
  );
  for (const text of ['fd00:ec2::254', '0.0.0.0', '::', '255.255.255.255', '224.0.0.1', '64:ff9b::6464:64c8'])
    assert.match(everything.refusal(text) ?? 'allowed', /never connects to, even when RERATE_BITCOIND_ALLOW covers/);
  for (const text of ['8.8.8.8', '169.254.10.1', 'fe80::1', '2001:db8::1', '100.64.0.1'])
    assert.equal(everything.refusal(text), undefined, text);
});

test('the node: loopback, private and unique-local by default; link-local only when allow-listed', () => {
  const node = addressPolicy(DEFAULT_NODE_RANGES, 'RERATE_BITCOIND_ALLOW', 'RERATE_BITCOIND_URL');
  for (const text of ['127.0.0.1', '::1', '10.0.0.8', '172.20.1.1', '192.168.1.20', 'fd00::1', '::ffff:10.0.0.8'])
    assert.equal(node.refusal(text), undefined, text);
  assert.equal(
    node.refusal('169.254.10.1', 'node.local'),
    'RERATE_BITCOIND_URL: node.local (169.254.10.1) is outside the allowed address ranges ' +
      `(${DEFAULT_NODE_RANGES.join(', ')}): it is a link-local address; ` +
      'add a range with RERATE_BITCOIND_ALLOW if this is intended',
  );
  for (const text of ['fe80::1', '100.64.0.1', '8.8.8.8', '64:ff9b::808:808'])
    assert.ok(node.refusal(text)?.includes('add a range with RERATE_BITCOIND_ALLOW'), text);
  const linkLocal = addressPolicy([...DEFAULT_NODE_RANGES, '169.254.0.0/16'], 'RERATE_BITCOIND_ALLOW');
  assert.equal(linkLocal.refusal('169.254.10.1'), undefined);
  assert.match(linkLocal.refusal('169.254.169.254') ?? '', /cloud metadata address/);
});

test('public providers: public, loopback, private, shared and unique-local; never link-local or reserved', () => {
  const provider = publicProviderPolicy('RERATE_COINBASE_URL');
  for (const text of ['8.8.8.8', '2606:4700::1', '127.0.0.1', '::1', '192.168.1.20', '100.64.0.1', 'fd00::1'])
    assert.equal(provider.refusal(text), undefined, text);
  assert.equal(
    provider.refusal('fe80::1', 'api.example'),
    'RERATE_COINBASE_URL: api.example (fe80::1) is a link-local address, where no public data provider is served ' +
      '(allowed: public, loopback, private, shared, unique-local addresses)',
  );
  assert.match(provider.refusal('198.18.0.1') ?? '', /^RERATE_COINBASE_URL: 198\.18\.0\.1 is a reserved address/);
  assert.match(provider.refusal('localhost') ?? '', /is not an IP address/);
});
