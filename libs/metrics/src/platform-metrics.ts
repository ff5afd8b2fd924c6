import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const JOB_LABELS = ['type', 'queue'] as const;
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

  readonly jobsCreated = this.counter('jobs_created_total', 'Jobs recorded and queued.');
  readonly jobsCompleted = this.counter('jobs_completed_total', 'Jobs that completed.');
  readonly jobsFailed = this.counter('jobs_failed_total', 'Jobs that failed for good.');
  readonly jobsRetried = this.counter(
    'jobs_retried_total',
    'Failed attempts that will be retried.',
  );

  readonly jobRunSeconds = new Histogram({
    name: 'job_run_duration_seconds',
    help: 'Time one attempt ran, in seconds.',
    labelNames: JOB_LABELS,
    buckets: JOB_SECONDS,
    registers: [this.registry],
  });

  readonly jobWaitSeconds = new Histogram({
    name: 'job_wait_duration_seconds',
    help: 'Time from being queued (or due, when delayed) to starting, in seconds.',
    labelNames: JOB_LABELS,
    buckets: JOB_SECONDS,
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, in seconds.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_SECONDS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  private counter(name: string, help: string) {
    return new Counter({ name, help, labelNames: JOB_LABELS, registers: [this.registry] });
  }
}
