import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Fixture {
  status: number;
  /** Sent whole, or one part every `everyMs`. */
  body: string | string[];
  everyMs?: number;
  /** Reset the connection once the body is sent, as a dying server would. */
  reset?: boolean;
  /** Sent as the Location header (with a 3xx status). */
  location?: string;
}

/**
 * A local HTTP server that answers each path with a fixed status and body, and counts
 * the requests per path: a stand-in for the remote sources an import reads. It listens on
 * 127.0.0.1, which the outbound guard refuses: a worker reads it only when its
 * OUTBOUND_ALLOWED_HOSTS lists {@link FixtureServer.host}.
 */
export class FixtureServer {
  private readonly fixtures = new Map<string, Fixture>();
  private readonly hits = new Map<string, number>();
  private server: Server | undefined;
  private base = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const fixture = this.fixtures.get(path) ?? { status: 404, body: 'not found' };
      response.writeHead(fixture.status, {
        'content-type': 'text/plain',
        ...(fixture.location === undefined ? {} : { location: fixture.location }),
      });
      const parts = [fixture.body].flat();
      const timer = setInterval(() => {
        const part = parts.shift();
        if (part === undefined) {
          clearInterval(timer);
          if (fixture.reset) {
            response.socket?.resetAndDestroy();
          } else {
            response.end();
          }
        } else {
          response.write(part);
        }
      }, fixture.everyMs ?? 0);
      response.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Serves `body` at `path` with `status`; returns the full URL. */
  serve(path: string, body: string, status = 200): string {
    this.fixtures.set(path, { status, body });
    return this.url(path);
  }

  /** Serves `parts` at `path`, one every `everyMs`: a slow source. */
  trickle(path: string, parts: string[], everyMs: number): string {
    this.fixtures.set(path, { status: 200, body: parts, everyMs });
    return this.url(path);
  }

  /** Sends the start of `body` at `path`, then resets the connection mid-stream. */
  cutOff(path: string, body: string): string {
    this.fixtures.set(path, { status: 200, body: [body], reset: true });
    return this.url(path);
  }

  /** Answers `path` with a `status` redirect to `location`; returns the full URL. */
  redirect(path: string, location: string, status = 302): string {
    this.fixtures.set(path, { status, body: '', location });
    return this.url(path);
  }

  /** `127.0.0.1:port`, the entry of OUTBOUND_ALLOWED_HOSTS that lets a worker read it. */
  get host(): string {
    return new URL(this.base).host;
  }

  /** The port it listens on. */
  get port(): number {
    return Number(new URL(this.base).port);
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  requestsTo(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  /** Requests to every path so far. */
  requests(): number {
    return [...this.hits.values()].reduce((sum, hits) => sum + hits, 0);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
