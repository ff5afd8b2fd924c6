import { InvalidConfigError } from './invalid-config.error';
import { listEntries } from './list-entries';

/** One seed node of a Redis Cluster, as REDIS_CLUSTER_NODES lists it. */
export interface RedisClusterNode {
  host: string;
  port: number;
}

const VARIABLE = 'REDIS_CLUSTER_NODES';
const EXPECTED = 'host:port,host:port,… such as "10.0.0.1:7000,10.0.0.2:7000,[::1]:7002"';
// A name or IPv4 address, or an IPv6 address in brackets; then a port of 1 to 65535.
const NODE = /^(?:([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))|\[([0-9A-Fa-f:.]{2,45})\]):(\d{1,5})$/;

/** A REDIS_CLUSTER_NODES entry that is not `host:port`; the message names the entry. */
export class InvalidClusterNodeError extends InvalidConfigError {
  constructor(readonly entry: string) {
    super(
      VARIABLE,
      `${VARIABLE} entry ${JSON.stringify(entry)} is not host:port; expected ${EXPECTED}.`,
    );
  }
}

/**
 * The seed nodes of REDIS_CLUSTER_NODES; null when it is empty (one Redis at REDIS_URL).
 * @throws InvalidClusterNodeError naming the first entry that is not host:port
 */
export function parseClusterNodes(value: string): RedisClusterNode[] | null {
  const entries = listEntries(value);
  if (entries.length === 0) {
    return null;
  }
  return entries.map((entry) => {
    const match = NODE.exec(entry);
    const port = Number(match?.[3]);
    if (!match || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new InvalidClusterNodeError(entry);
    }
    return { host: match[1] ?? match[2], port };
  });
}
