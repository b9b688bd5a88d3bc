import { clientAddress, limitKey } from './client-address.js';

const request = (remoteAddress: string | undefined, forwarded?: string | string[]) => ({
  socket: { remoteAddress } as never,
  headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
});

describe('clientAddress', () => {
  it('is the peer address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('10.1.2.3', '6.6.6.6'), 0)).toBe('10.1.2.3');
    expect(clientAddress(request('::ffff:127.0.0.1'), 0)).toBe('127.0.0.1');
  });

  it('takes the entry `hops` places from the right when proxies are trusted', () => {
    // client wrote "6.6.6.6"; the ingress appended the real client 203.0.113.7; the peer is the ingress.
    expect(clientAddress(request('10.0.0.5', '6.6.6.6, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(request('10.0.0.5', ['6.6.6.6', '203.0.113.7, 10.0.0.9']), 2)).toBe('203.0.113.7');
    // Fewer entries than hops: the leftmost there is.
    expect(clientAddress(request('10.0.0.5', '203.0.113.7'), 5)).toBe('203.0.113.7');
    expect(clientAddress(request('10.0.0.5'), 1)).toBe('10.0.0.5');
  });

  it.each([
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::7', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['[2001:db8::1]:443', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['192.0.2.1:5555', '192.0.2.1'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    ['not an address', 'not an address'],
  ])('keys %s as %s', (address, key) => {
    expect(limitKey(address)).toBe(key);
  });
});
