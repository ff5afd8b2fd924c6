import { PlatformMetrics } from '@lib/metrics';
import { Injectable, Optional } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { WAITING_STATES, sqlStates } from './job-state';

interface QueueBacklog {
  queue: string;
  jobs: number;
  oldest_seconds: number;
}

// Jobs that could run now and have not started: what more workers would take. A job
// `waiting` for its dependencies, or scheduled for later, is not. Served by the partial
// index of unfinished rows, so a scrape costs what is unfinished, never the history.
const BACKLOG = `
  SELECT queue, count(*)::int AS jobs,
         extract(epoch FROM now() - min(COALESCE(run_at, created_at)))::float8 AS oldest_seconds
  FROM job_statuses
  WHERE status IN (${sqlStates(WAITING_STATES)}) AND (run_at IS NULL OR run_at <= now())
    AND cancel_requested_at IS NULL
  GROUP BY queue`;

/**
 * `queue_backlog{queue}` and `queue_oldest_waiting_seconds{queue}`, read from Postgres at
 * each scrape: the signals an autoscaler (KEDA, an HPA on external metrics) scales workers
 * on. From Postgres rather than Redis, so jobs not yet handed over count too.
 */
@Injectable()
export class QueueBacklogGauge implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {}

  onModuleInit(): void {
    if (!this.metrics) {
      return;
    }
    const registers = [this.metrics.registry];
    // One query at each scrape feeds both gauges.
    let reading: Promise<QueueBacklog[]> | null = null;
    const read = () =>
      (reading ??= this.dataSource.query<QueueBacklog[]>(BACKLOG).finally(() => (reading = null)));
    const gauge = (name: string, help: string, value: (row: QueueBacklog) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['queue'] as const,
        registers,
        async collect() {
          const rows = await read();
          this.reset();
          rows.forEach((row) => this.set({ queue: row.queue }, value(row)));
        },
      });
    gauge(
      'queue_backlog',
      'Jobs that could run now and have not started, by queue.',
      (row) => row.jobs,
    );
    gauge(
      'queue_oldest_waiting_seconds',
      'How long the oldest job that could run now has waited, in seconds, by queue.',
      (row) => Math.max(0, row.oldest_seconds),
    );
  }
}
