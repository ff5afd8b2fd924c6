import { refusedAddressRule } from './address-rule';

describe('refusedAddressRule', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.2', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private (RFC 1918)'],
    ['172.16.0.1', 'private (RFC 1918)'],
    ['172.31.255.254', 'private (RFC 1918)'],
    ['192.168.1.1', 'private (RFC 1918)'],
    ['100.64.0.1', 'shared (CGNAT, 100.64.0.0/10)'],
    ['100.127.255.254', 'shared (CGNAT, 100.64.0.0/10)'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local (fc00::/7)'],
    ['fd12:3456::1', 'unique-local (fc00::/7)'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
  ])('refuses %s as %s', (address, kind) => {
    expect(refusedAddressRule(address)).toBe(`${kind} addresses are not allowed`);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback addresses are not allowed (IPv4-mapped 127.0.0.1)'],
    ['::ffff:7f00:1', 'loopback addresses are not allowed (IPv4-mapped 127.0.0.1)'],
    ['::ffff:10.0.0.1', 'private (RFC 1918) addresses are not allowed (IPv4-mapped 10.0.0.1)'],
    [
      '::ffff:169.254.169.254',
      'link-local addresses are not allowed (IPv4-mapped 169.254.169.254)',
    ],
  ])('judges the IPv4-mapped %s by the IPv4 address it carries', (address, rule) => {
    expect(refusedAddressRule(address)).toBe(rule);
  });

  it('refuses the other special-purpose ranges, naming them', () => {
    expect(refusedAddressRule('2001:2::1')).toBe(
      'special-purpose (benchmarking) addresses are not allowed',
    );
    // 6to4 and Teredo carry an IPv4 address that could be a private one.
    expect(refusedAddressRule('2002:a00:1::1')).toMatch(/^special-purpose \(6to4\)/);
    expect(refusedAddressRule('64:ff9b::a00:1')).toMatch(/^special-purpose \(rfc6052\)/);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
  ])('lets the public unicast address %s through', (address) => {
    expect(refusedAddressRule(address)).toBeNull();
  });

  it('refuses what is not an address', () => {
    expect(refusedAddressRule('localhost')).toBe('it is not an IP address');
  });
});
