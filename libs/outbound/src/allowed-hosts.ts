/** One entry of OUTBOUND_ALLOWED_HOSTS: a host, and its port when the entry names one. */
interface AllowedHost {
  host: string;
  port: number | null;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** `host[:port]`, `[v6]` or `[v6]:port`, lower-cased, brackets dropped. */
function parseEntry(entry: string): AllowedHost {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry.trim().toLowerCase());
  if (!match) {
    return { host: entry.trim().toLowerCase(), port: null };
  }
  return { host: match[1].replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : null };
}

/**
 * The hosts outbound requests may reach whatever their addresses are
 * (OUTBOUND_ALLOWED_HOSTS): an entry without a port allows every port of that host.
 * Hosts match as written in the URL (a name, or an IP literal), not by address.
 */
export class AllowedHosts {
  private readonly entries: readonly AllowedHost[];

  constructor(entries: readonly string[]) {
    this.entries = entries.map(parseEntry);
  }

  /** Whether the URL's host and effective port (80/443 when none is written) are listed. */
  allows(url: URL): boolean {
    const host = hostOf(url);
    const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
    return this.entries.some((entry) => entry.host === host && (entry.port ?? port) === port);
  }
}

/** The URL's host as compared and resolved: lower case, an IPv6 literal without brackets. */
export const hostOf = (url: URL): string => url.hostname.toLowerCase().replace(/^\[|\]$/g, '');

/** The entry that would allow this URL, for an error's remedy: `host:port`. */
export function allowEntryFor(url: URL): string {
  const port = url.port || String(DEFAULT_PORTS[url.protocol] ?? '');
  return port ? `${url.hostname}:${port}` : url.hostname;
}
