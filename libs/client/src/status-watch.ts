import { setTimeout as delay } from 'node:timers/promises';
import { ApiError, apiErrorFor } from './api-errors.js';
import { FINAL_STATES } from './api-types.js';
import type { JobStatusDocument } from './api-types.js';
import { pollDelays } from './poll-delays.js';
import { responseBody } from './response-body.js';
import { statusEvents } from './status-events.js';

/** What watching a job needs from the API; JobsClient is one. */
export interface StatusSource {
  /** `GET /job-status/:id/events`, sending `Last-Event-ID` when given. */
  openStream(id: string, lastEventId: string | undefined, signal?: AbortSignal): Promise<Response>;
  /** `GET /job-status/:id`. */
  getStatus(id: string): Promise<JobStatusDocument>;
}

export interface WatchOptions {
  /** Stops watching: the generator then throws the signal's reason. */
  signal?: AbortSignal;
  /** First wait before reconnecting or polling again, in ms (default 250). */
  pollIntervalMs?: number;
  /** Longest such wait, in ms (default 5000); a `retry:` of the stream takes precedence. */
  maxPollIntervalMs?: number;
}

interface StreamPosition {
  lastEventId?: string;
  retryMs?: number;
}

const isFinal = (job: JobStatusDocument): boolean => FINAL_STATES.includes(job.status);

/**
 * Yields a job's status document each time it changes, the current one first, and ends after
 * the final one (completed, failed or cancelled). Follows the job's event stream; when the
 * stream ends early or breaks it reconnects with `Last-Event-ID`, and while it cannot be
 * opened (the API restarting, too many streams) it polls `GET /job-status/:id` instead, waiting
 * with backoff and jitter between rounds. A 204 answer (the job had already finished) is
 * followed by one GET.
 * @throws ApiError for an answer that waiting cannot mend (400, 401, 403, 404)
 */
export async function* watchJobStatus(
  source: StatusSource,
  id: string,
  options: WatchOptions = {},
): AsyncGenerator<JobStatusDocument> {
  const delays = pollDelays({
    initialMs: options.pollIntervalMs ?? 250,
    maxMs: options.maxPollIntervalMs ?? 5000,
  });
  const position: StreamPosition = {};
  let seen = '';
  for (;;) {
    for await (const job of oneRound(source, id, position, options.signal)) {
      const text = JSON.stringify(job);
      if (text !== seen) {
        seen = text;
        yield job;
      }
      if (isFinal(job)) {
        return;
      }
    }
    await delay(position.retryMs ?? (delays.next().value as number), undefined, {
      signal: options.signal,
    });
  }
}

/** The documents one connection to the stream delivers, or one poll's when it cannot open. */
async function* oneRound(
  source: StatusSource,
  id: string,
  position: StreamPosition,
  signal: AbortSignal | undefined,
): AsyncGenerator<JobStatusDocument> {
  let response: Response;
  try {
    response = await source.openStream(id, position.lastEventId, signal);
  } catch {
    signal?.throwIfAborted();
    // The API is unreachable: the poll below fails quietly as well, or answers.
    yield* pollOnce(source, id);
    return;
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    throw apiErrorFor(response.status, await responseBody(response));
  }
  if (response.status !== 200 || response.body === null) {
    // 204: the job has finished and the stream has nothing to send; 429 or 5xx: a GET may answer.
    await response.body?.cancel();
    yield* pollOnce(source, id);
    return;
  }
  try {
    for await (const event of statusEvents(response.body)) {
      // Both outlive a connection, as in an EventSource: a new stream may not repeat them.
      position.lastEventId = event.lastEventId ?? position.lastEventId;
      position.retryMs = event.retryMs ?? position.retryMs;
      yield event.job;
    }
  } catch {
    signal?.throwIfAborted();
    // The stream broke (the API restarted, a proxy cut it): the next round mends it.
  }
}

/** The job's status, or nothing while the API cannot answer (a restart, a 5xx). */
async function* pollOnce(source: StatusSource, id: string): AsyncGenerator<JobStatusDocument> {
  try {
    yield await source.getStatus(id);
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) {
      throw error;
    }
  }
}
