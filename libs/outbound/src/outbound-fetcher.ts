import { isIP } from 'node:net';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { refusedAddressRule } from './address-rule';
import { AllowedHosts, allowEntryFor, hostOf } from './allowed-hosts';
import { AddressRefusal, guardedLookup } from './guarded-lookup';
import { systemResolver } from './host-resolver';
import type { HostResolver } from './host-resolver';
import { OutboundAddressRefusedError } from './outbound-address-refused.error';
import { OutboundRedirectError } from './outbound-redirect.error';
import { OutboundTimeoutError } from './outbound-timeout.error';
import { redactedUrl } from './redacted-url';
import { TooManyRedirectsError } from './too-many-redirects.error';

/** What the fetcher is allowed to reach, and how long it waits. */
export interface OutboundSettings {
  /** OUTBOUND_ALLOWED_HOSTS: `host[:port]` entries reached whatever their addresses. */
  allowedHosts: readonly string[];
  /** Time to open a connection (TCP and TLS), in ms. */
  connectTimeoutMs: number;
  /** Longest silence while waiting for the headers or between two body chunks, in ms. */
  idleTimeoutMs: number;
}

export interface OutboundRequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** GET (default) follows redirects; POST sends `body` and never does (see fetch). */
  method?: 'GET' | 'POST';
  body?: string;
}

/** The answer of the last hop: its status and its body, not yet read. */
export interface OutboundResponse {
  status: number;
  statusText: string;
  /** The URL that answered, after redirects; redact it before showing it. */
  url: string;
  body: Readable;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Redirects followed before giving up. */
export const MAX_REDIRECTS = 5;

/**
 * The one way the platform makes an outbound HTTP request. Every hop's host is resolved
 * and its addresses checked at connect time: loopback, private, link-local, unique-local,
 * multicast and other special ranges are refused unless OUTBOUND_ALLOWED_HOSTS lists the
 * host. Redirects are followed by hand, each target checked again, {@link MAX_REDIRECTS}
 * at most.
 */
export class OutboundFetcher {
  private readonly allowed: AllowedHosts;
  /** Connects only to addresses that pass the check. */
  private readonly guarded: Agent;
  /** For allow-listed hosts: resolves alike, checks nothing. */
  private readonly trusted: Agent;

  constructor(
    private readonly settings: OutboundSettings,
    resolve: HostResolver = systemResolver,
  ) {
    this.allowed = new AllowedHosts(settings.allowedHosts);
    this.guarded = this.agent(guardedLookup(resolve, refusedAddressRule));
    this.trusted = this.agent(guardedLookup(resolve, () => null));
  }

  /**
   * GETs `url`, following redirects, or POSTs to it: a POST's answer is returned as it is,
   * a redirect included (a webhook receiver that moved must be reconfigured, not followed
   * with its body). Any status is returned; the caller reads or destroys the body.
   * @throws OutboundAddressRefusedError when a hop's host resolves to a refused address
   * @throws TooManyRedirectsError past {@link MAX_REDIRECTS} redirects
   * @throws OutboundRedirectError for a redirect to a non-http(s) location
   * @throws OutboundTimeoutError when connecting or waiting for the headers takes too long
   *   (the body stream fails with one when it goes silent)
   * @throws the network's own error (ECONNREFUSED…) otherwise
   */
  async fetch(url: string, options: OutboundRequestOptions = {}): Promise<OutboundResponse> {
    let current = new URL(url);
    for (let redirects = 0; ; redirects += 1) {
      const response = await this.send(current, options);
      const location = response.headers.location;
      const final =
        options.method === 'POST' ||
        !REDIRECT_STATUSES.has(response.statusCode) ||
        location === undefined;
      if (final) {
        return {
          status: response.statusCode,
          statusText: response.statusText,
          url: current.href,
          body: this.watched(response.body, current),
        };
      }
      // Read to its end, small as it is, so that the connection can serve the next hop.
      await response.body.dump();
      if (redirects === MAX_REDIRECTS) {
        throw new TooManyRedirectsError(redactedUrl(url), MAX_REDIRECTS);
      }
      current = nextHop(current, String(location));
    }
  }

  /**
   * Ends the pooled connections; Nest calls it when the app shuts down, after the worker
   * settled its jobs. Destroyed rather than closed: close() would wait for a request whose
   * job was abandoned at the end of the grace period.
   */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.guarded.destroy(), this.trusted.destroy()]);
  }

  private agent(lookup: ReturnType<typeof guardedLookup>): Agent {
    return new Agent({
      connect: { timeout: this.settings.connectTimeoutMs, lookup },
      headersTimeout: this.settings.idleTimeoutMs,
      bodyTimeout: this.settings.idleTimeoutMs,
    });
  }

  private async send(url: URL, options: OutboundRequestOptions): Promise<Dispatcher.ResponseData> {
    const allowed = this.allowed.allows(url);
    const host = hostOf(url);
    // net.connect skips the lookup for an IP literal, so that case is checked here.
    const rule = !allowed && isIP(host) !== 0 ? refusedAddressRule(host) : null;
    if (rule !== null) {
      throw new OutboundAddressRefusedError(host, host, rule, allowEntryFor(url));
    }
    const target = new URL(url);
    const headers = { ...options.headers };
    if (target.username || target.password) {
      const credentials = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
      headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
      target.username = '';
      target.password = '';
    }
    try {
      return await request(target, {
        method: options.method ?? 'GET',
        headers,
        body: options.body,
        signal: options.signal,
        dispatcher: allowed ? this.trusted : this.guarded,
      });
    } catch (error) {
      throw this.translated(error, url);
    }
  }

  /** The body, whose silence past the idle timeout fails it with an OutboundTimeoutError. */
  private watched(body: Readable, url: URL): Readable {
    const out = new PassThrough();
    body.on('error', (error) => out.destroy(this.translated(error, url)));
    out.once('close', () => body.destroy());
    return body.pipe(out);
  }

  private translated(error: unknown, url: URL): Error {
    if (error instanceof AddressRefusal) {
      return new OutboundAddressRefusedError(
        error.host,
        error.address,
        error.rule,
        allowEntryFor(url),
      );
    }
    const code = (error as { code?: unknown }).code;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new OutboundTimeoutError(redactedUrl(url), 'connect', this.settings.connectTimeoutMs);
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new OutboundTimeoutError(redactedUrl(url), 'idle', this.settings.idleTimeoutMs);
    }
    return error as Error;
  }
}

/** The redirect's target, resolved against the URL that redirected. */
function nextHop(from: URL, location: string): URL {
  const next = URL.canParse(location, from.href) ? new URL(location, from) : null;
  if (next === null || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
    throw new OutboundRedirectError(redactedUrl(from));
  }
  return next;
}
