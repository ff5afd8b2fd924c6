import * as ipaddr from 'ipaddr.js';

// Why each special range is refused, in the words of the error.
const RULES: Record<string, string> = {
  loopback: 'loopback addresses are not allowed',
  private: 'private (RFC 1918) addresses are not allowed',
  carrierGradeNat: 'shared (CGNAT, 100.64.0.0/10) addresses are not allowed',
  linkLocal: 'link-local addresses are not allowed',
  uniqueLocal: 'unique-local (fc00::/7) addresses are not allowed',
  multicast: 'multicast addresses are not allowed',
  unspecified: 'unspecified addresses are not allowed',
  broadcast: 'broadcast addresses are not allowed',
  reserved: 'reserved addresses are not allowed',
};

/**
 * Why a connection to `address` (an IPv4 or IPv6 literal, without brackets) is refused,
 * or null for a public unicast address. Every special-purpose range ipaddr.js knows is
 * refused; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged by the IPv4 address it
 * carries, since that is where the packets go.
 */
export function refusedAddressRule(address: string): string | null {
  if (!ipaddr.isValid(address)) {
    return 'it is not an IP address';
  }
  let parsed = ipaddr.parse(address);
  let mapped = '';
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    mapped = ` (IPv4-mapped ${parsed.toString()})`;
  }
  const range = parsed.range();
  if (range === 'unicast') {
    return null;
  }
  const rule = RULES[range] ?? `special-purpose (${range}) addresses are not allowed`;
  return `${rule}${mapped}`;
}
