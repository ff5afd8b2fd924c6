import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';

/** A request the receiver got, as it arrived (the raw body is what a signature covers). */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An answer: an HTTP status, or `'silent'` to never answer at all. */
export type ReceiverAnswer = number | 'silent';

/**
 * A webhook receiver on 127.0.0.1: each path answers its statuses in turn (the last one
 * again once they run out), and every request is kept. The outbound guard refuses
 * 127.0.0.1: a worker reaches it only when OUTBOUND_ALLOWED_HOSTS lists it.
 */
export class WebhookReceiver {
  private readonly answers = new Map<string, ReceiverAnswer[]>();
  private readonly received: ReceivedWebhook[] = [];
  private readonly silent = new Set<ServerResponse>();
  private server: Server | undefined;
  private base = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      void text(request).then((body) => {
        this.received.push({ path, headers: request.headers, body });
        const queued = this.answers.get(path) ?? [404];
        const answer = queued.length > 1 ? (queued.shift() as ReceiverAnswer) : queued[0];
        if (answer === 'silent') {
          this.silent.add(response);
          return;
        }
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Answers `path` with these statuses in turn; returns its full URL. */
  answer(path: string, ...answers: ReceiverAnswer[]): string {
    this.answers.set(path, answers);
    return `${this.base}${path}`;
  }

  /** The requests `path` got, oldest first. */
  requestsTo(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  /** `host:port`, as OUTBOUND_ALLOWED_HOSTS lists it. */
  get host(): string {
    return this.base.replace('http://', '');
  }

  async stop(): Promise<void> {
    for (const response of this.silent) {
      response.destroy();
    }
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
