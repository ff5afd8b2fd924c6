import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { HostResolver } from './host-resolver';

/** An answer the lookup refused; the fetcher turns it into an OutboundAddressRefusedError. */
export class AddressRefusal extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly rule: string,
  ) {
    super(`Refused to connect to ${address} (resolved from ${host}): ${rule}.`);
  }
}

/** Why an address must not be reached, or null to reach it. */
export type AddressCheck = (address: string) => string | null;

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    hostname,
  });
}

/**
 * A `lookup` for net.connect that resolves with `resolve`, checks every answer and hands
 * back only checked ones: the socket connects to the very address that was checked, so a
 * name that resolves to a public address once and to a private one next (DNS rebinding)
 * cannot slip through between a check and the connection. One refused answer refuses
 * the host, whatever the other answers are.
 */
export function guardedLookup(resolve: HostResolver, check: AddressCheck): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolve(hostname)
      .then((answers) => {
        for (const { address } of answers) {
          const rule = check(address);
          if (rule !== null) {
            throw new AddressRefusal(hostname, address, rule);
          }
        }
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = answers.filter((answer) => family === 0 || answer.family === family);
        if (usable.length === 0) {
          throw notFound(hostname);
        }
        if (options.all) {
          // With autoSelectFamily (Node's default) net asks for every address and tries each.
          callback(
            null,
            usable.map(({ address, family: f }): LookupAddress => ({ address, family: f })),
          );
        } else {
          callback(null, usable[0].address, usable[0].family);
        }
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, '', 0));
  };
}
