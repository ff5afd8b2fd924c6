import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const JOB_LABELS = ['type', 'queue'] as const;
const HTTP_LABELS = ['method', 'route', 'status'] as const;
// From 5 ms to about 20 minutes: jobs run from instant to long ETL.
const JOB_SECONDS = [0.005, 0.025, 0.1, 0.5, 1, 2.5, 10, 30, 120, 600, 1200];
const HTTP_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * Every metric of this process, in one registry served at /metrics. Names follow
 * Prometheus conventions: `_total` counters, units in the name.
 */
@Injectable()
export class PlatformMetrics {
  readonly registry = new Registry();

  readonly jobsCreated = this.counter(
    'jobs_created_total',
    'Jobs recorded and queued.',
    JOB_LABELS,
  );
  readonly jobsCompleted = this.counter('jobs_completed_total', 'Jobs that completed.', JOB_LABELS);
  readonly jobsFailed = this.counter('jobs_failed_total', 'Jobs that failed for good.', JOB_LABELS);
  readonly jobsCancelled = this.counter('jobs_cancelled_total', 'Jobs cancelled.', JOB_LABELS);
  readonly jobsRetried = this.counter(
    'jobs_retried_total',
    'Failed attempts that will be retried.',
    JOB_LABELS,
  );
  readonly jobRunSeconds = this.histogram(
    'job_run_duration_seconds',
    'Time one attempt ran, in seconds.',
    JOB_LABELS,
    JOB_SECONDS,
  );
  readonly jobWaitSeconds = this.histogram(
    'job_wait_duration_seconds',
    'Time from being queued (or due, when delayed) to the first attempt, in seconds.',
    JOB_LABELS,
    JOB_SECONDS,
  );

  readonly httpRequests = this.counter(
    'http_requests_total',
    'HTTP requests answered.',
    HTTP_LABELS,
  );
  readonly httpSeconds = this.histogram(
    'http_request_duration_seconds',
    'Time to answer an HTTP request, in seconds.',
    HTTP_LABELS,
    HTTP_SECONDS,
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]) {
    return new Counter<L>({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ) {
    return new Histogram<L>({ name, help, labelNames, buckets, registers: [this.registry] });
  }
}
