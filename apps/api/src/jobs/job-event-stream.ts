import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import type { JobStatus } from '@lib/job-status';
import type { Observable } from 'rxjs';
import { statusDocument } from '@lib/job-status';

/**
 * How long EventSource waits before it reconnects after a stream broke or ended idle, in
 * ms. Sent because the default differs between clients (3 s in browsers and `eventsource`).
 */
export const EVENT_STREAM_RETRY_MS = 3000;

/** The response headers of an event stream. */
export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // Proxies and browsers must pass each event on as it comes, never store the stream.
  'cache-control': 'no-cache, no-transform',
  // nginx buffers responses unless told not to.
  'x-accel-buffering': 'no',
} as const;

/**
 * Writes a followed job as text/event-stream: a `status` event per status, its id the
 * row version (what Last-Event-ID sends back), with a comment line every `heartbeatMs`.
 * The body ends when `statuses` completes; when the client goes first, the subscription
 * and the heartbeat stop with it.
 *
 * Neither the retry hint nor a heartbeat ends with a blank line: they are lines of the
 * next event's block (the format allows it), so that every block a reader splits on
 * blank lines is an event.
 */
export function jobEventStream(statuses: Observable<JobStatus>, heartbeatMs: number): Readable {
  const body = new PassThrough();
  body.write(`retry: ${EVENT_STREAM_RETRY_MS}\n`);
  const heartbeat = setInterval(() => body.write(': heartbeat\n'), heartbeatMs);
  const subscription = statuses.subscribe({
    next: (job) => body.write(statusEvent(job)),
    complete: () => {
      clearInterval(heartbeat);
      body.end();
    },
    error: (error: Error) => body.destroy(error),
  });
  body.once('close', () => {
    clearInterval(heartbeat);
    subscription.unsubscribe();
  });
  return body;
}

function statusEvent(job: JobStatus): string {
  return `id: ${job.version}\nevent: status\ndata: ${JSON.stringify(statusDocument(job))}\n\n`;
}
