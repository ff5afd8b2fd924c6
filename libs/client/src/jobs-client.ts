import { WaitTimeoutError, apiErrorFor } from './api-errors.js';
import type {
  CancelledJob,
  CreateJobRequest,
  CreatedJob,
  JobCreation,
  JobPage,
  JobStatusDocument,
  ListJobsQuery,
  WebhookDeliveries,
} from './api-types.js';
import { responseBody } from './response-body.js';
import { watchJobStatus } from './status-watch.js';
import type { WatchOptions } from './status-watch.js';

export interface JobsClientOptions {
  /** The API's base URL, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** An API key's token (`jp_…`), sent as `Authorization: Bearer <token>`. */
  apiKey?: string;
  /** Sent with every request, e.g. a tracing header. */
  headers?: Record<string, string>;
  /** Per request, in ms (default 10 000); waiting for a job has its own timeout. */
  requestTimeoutMs?: number;
}

export interface WaitOptions extends Omit<WatchOptions, 'signal'> {
  /** Give up (WaitTimeoutError) after this long, in ms. */
  timeoutMs: number;
}

/**
 * A typed client of the platform's HTTP API, with no dependency beyond Node's fetch.
 * Every non-2xx answer throws an ApiError subclass carrying the API's message.
 */
export class JobsClient {
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: JobsClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.headers = {
      ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
      ...options.headers,
    };
  }

  createJob<Payload>(request: CreateJobRequest<Payload>): Promise<CreatedJob> {
    return this.request('POST', '/create-jobs', request);
  }

  /**
   * Creates up to 1000 jobs in one request. Each is created, replayed (its
   * idempotency_key was used before) or refused on its own: the answer lists what became
   * of each, in order; a refused job throws nothing here.
   * @throws BadRequestError when the batch itself is malformed (empty, over 1000 jobs)
   */
  async createJobs(requests: ReadonlyArray<CreateJobRequest<unknown>>): Promise<JobCreation[]> {
    const answer = await this.request<{ results: JobCreation[] }>('POST', '/create-jobs', {
      jobs: requests,
    });
    return answer.results;
  }

  getStatus<Result = unknown>(id: string): Promise<JobStatusDocument<Result>> {
    return this.request('GET', `/job-status/${encodeURIComponent(id)}`);
  }

  /** Every attempt to deliver the job's webhook: time, HTTP status or error, duration. */
  webhookDeliveries(id: string): Promise<WebhookDeliveries> {
    return this.request('GET', `/job-status/${encodeURIComponent(id)}/deliveries`);
  }

  listJobs(query: ListJobsQuery = {}): Promise<JobPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        params.set(key, String(value));
      }
    }
    return this.request('GET', `/jobs${params.size > 0 ? `?${params.toString()}` : ''}`);
  }

  cancel(id: string): Promise<CancelledJob> {
    return this.request('POST', `/jobs/${encodeURIComponent(id)}/cancel`);
  }

  retry(id: string): Promise<CreatedJob> {
    return this.request('POST', `/jobs/${encodeURIComponent(id)}/retry`);
  }

  /**
   * Yields the job's status document each time it changes, the current one first, and ends
   * after the final one. Follows the event stream, reconnecting when it ends early, and polls
   * while it cannot be opened (see WatchOptions for the waits); stop it with `signal` or by
   * leaving the loop.
   * @throws NotFoundError for an unknown job; the signal's reason once it aborts
   */
  watchStatus(id: string, options: WatchOptions = {}): AsyncGenerator<JobStatusDocument> {
    return watchJobStatus(
      {
        openStream: (jobId, lastEventId, signal) => this.openStream(jobId, lastEventId, signal),
        getStatus: (jobId) => this.getStatus(jobId),
      },
      id,
      options,
    );
  }

  /**
   * Resolves with the job's final status document (completed, failed or cancelled), watching
   * it as `watchStatus` does, riding out API restarts until the deadline.
   * @throws WaitTimeoutError past `timeoutMs`; NotFoundError for an unknown job
   */
  async waitForCompletion<Result = unknown>(
    id: string,
    options: WaitOptions,
  ): Promise<JobStatusDocument<Result>> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let last: JobStatusDocument | undefined;
    try {
      for await (const job of this.watchStatus(id, { ...options, signal })) {
        last = job;
      }
    } catch (error) {
      throw signal.aborted ? new WaitTimeoutError(id, options.timeoutMs, last?.status) : error;
    }
    // watchStatus ends only after a final status, so `last` is one.
    return last as JobStatusDocument<Result>;
  }

  private openStream(
    id: string,
    lastEventId: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    return fetch(`${this.baseUrl}/job-status/${encodeURIComponent(id)}/events`, {
      headers: {
        ...this.headers,
        accept: 'text/event-stream',
        ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
      },
      signal,
    });
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...this.headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000),
    });
    const parsed = await responseBody(response);
    if (!response.ok) {
      throw apiErrorFor(response.status, parsed);
    }
    return parsed as T;
  }
}
