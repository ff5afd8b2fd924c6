import { setTimeout as delay } from 'node:timers/promises';
import { ApiError, NotFoundError, WaitTimeoutError, apiErrorFor } from './api-errors';
import { FINAL_STATES } from './api-types';
import type {
  CancelledJob,
  CreateJobRequest,
  CreatedJob,
  JobCreation,
  JobPage,
  JobStatusDocument,
  ListJobsQuery,
} from './api-types';
import { pollDelays } from './poll-delays';
import { statusEvents } from './status-events';

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

export interface WaitOptions {
  /** Give up (WaitTimeoutError) after this long, in ms. */
  timeoutMs: number;
  /** First poll interval when the event stream is unavailable, in ms (default 250). */
  pollIntervalMs?: number;
  /** Longest poll interval, in ms (default 5000). */
  maxPollIntervalMs?: number;
}

const isFinal = (job: JobStatusDocument): boolean => FINAL_STATES.includes(job.status);

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
   * Resolves with the job's final status document (completed, failed or cancelled).
   * Follows the job's event stream; if the stream is unavailable or breaks, polls with
   * exponential backoff, jitter and a cap, riding out API restarts until the deadline.
   * @throws WaitTimeoutError past `timeoutMs`; NotFoundError for an unknown job
   */
  async waitForCompletion<Result = unknown>(
    id: string,
    options: WaitOptions,
  ): Promise<JobStatusDocument<Result>> {
    const deadline = AbortSignal.timeout(options.timeoutMs);
    let last: JobStatusDocument | undefined;
    try {
      last = await this.follow(id, deadline);
      if (last && isFinal(last)) {
        return last as JobStatusDocument<Result>;
      }
      const delays = pollDelays({
        initialMs: options.pollIntervalMs ?? 250,
        maxMs: options.maxPollIntervalMs ?? 5000,
      });
      for (;;) {
        await delay(delays.next().value as number, undefined, { signal: deadline });
        last = (await this.pollOnce(id)) ?? last;
        if (last && isFinal(last)) {
          return last as JobStatusDocument<Result>;
        }
      }
    } catch (error) {
      if (deadline.aborted && !(error instanceof NotFoundError)) {
        throw new WaitTimeoutError(id, options.timeoutMs, last?.status);
      }
      throw error;
    }
  }

  /** The last status the event stream sent, or undefined if it could not be followed. */
  private async follow(id: string, deadline: AbortSignal): Promise<JobStatusDocument | undefined> {
    let last: JobStatusDocument | undefined;
    try {
      const response = await fetch(`${this.baseUrl}/job-status/${encodeURIComponent(id)}/events`, {
        headers: { ...this.headers, accept: 'text/event-stream' },
        signal: deadline,
      });
      if (response.status === 404) {
        throw apiErrorFor(404, await response.json().catch(() => ({})));
      }
      if (!response.ok || response.body === null) {
        await response.body?.cancel();
        return undefined;
      }
      for await (const job of statusEvents(response.body)) {
        last = job;
      }
    } catch (error) {
      if (error instanceof NotFoundError || deadline.aborted) {
        throw error;
      }
      // The stream broke (the API restarted, a proxy cut it): polling takes over.
    }
    return last;
  }

  /** The job's status, or undefined while the API cannot answer (a restart, a 5xx). */
  private async pollOnce(id: string): Promise<JobStatusDocument | undefined> {
    try {
      return await this.getStatus(id);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        throw error;
      }
      return undefined;
    }
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
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the error carries the text.
    }
    if (!response.ok) {
      throw apiErrorFor(response.status, parsed);
    }
    return parsed as T;
  }
}
