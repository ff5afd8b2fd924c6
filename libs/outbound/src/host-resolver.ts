import { lookup } from 'node:dns/promises';

/** One answer of a name lookup. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name resolves to; injectable so tests control the answers. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system's resolver (getaddrinfo: /etc/hosts, then DNS), every answer in its order. */
export const systemResolver: HostResolver = (hostname) =>
  lookup(hostname, { all: true, verbatim: true });
