import * as ipaddr from 'ipaddr.js';
import { ValidateBy } from 'class-validator';
import { listEntries } from './list-entries';

const isAddressOrRange = (entry: string): boolean => {
  if (ipaddr.isValid(entry)) {
    return true;
  }
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
};

/**
 * A comma-separated list of IP addresses and CIDR ranges (empty: none), e.g. the reverse
 * proxies whose X-Forwarded-For the API believes.
 */
export const ProxyAddresses = (variable: string) =>
  ValidateBy({
    name: 'proxyAddresses',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && listEntries(value).every(isAddressOrRange),
      defaultMessage: () =>
        `${variable} must be a comma-separated list of IP addresses or CIDR ranges, such as "127.0.0.1,10.0.0.0/8"`,
    },
  });
