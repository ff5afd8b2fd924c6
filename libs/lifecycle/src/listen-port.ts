import { createServer } from 'node:net';

/** Where an app listens: a port it must have, or the first free one from a port up. */
export interface ListenPort {
  port: number;
  /** The variable that set it, named when the port is taken. */
  variable: string;
  /** Take the next free port when `port` is taken (at most FALLBACK_RANGE ports up). */
  orNextFree: boolean;
}

// Enough for every worker and scheduler a host runs.
const FALLBACK_RANGE = 100;

/**
 * `from` if nothing listens on it, else (with `orNext`) the first free port above it, or
 * null. Port 0 is always free: the system picks one at listen. A probe, not a
 * reservation: two processes starting at the same instant may pick the same port, and
 * the second then fails to listen with the port named (see PortInUseError).
 */
export async function firstFreePort(
  from: number,
  host: string,
  orNext: boolean,
): Promise<number | null> {
  if (from === 0) {
    return 0;
  }
  const last = orNext ? Math.min(from + FALLBACK_RANGE, 65536) : from + 1;
  for (let port = from; port < last; port += 1) {
    if (await isFree(port, host)) {
      return port;
    }
  }
  return null;
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
