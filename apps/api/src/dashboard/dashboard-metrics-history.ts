import { JOB_STATES } from '@lib/job-status';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  MetricsHistoryPoint,
  MetricsHistoryProvider,
  MetricsHistoryQuery,
  MetricsLatencyPoint,
  MetricsLatencyQuery,
} from '@bull-board/api/typings/app';
import { DataSource } from 'typeorm';

/** The most buckets one answer holds: a month of hours, two years of days. */
const MAX_HISTORY_BUCKETS = 744;

const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;

// Fixed SQL per metric, chosen by a key Bull Board has checked against its allowed values.
const LATENCY_MS = {
  runtime: 'EXTRACT(EPOCH FROM finished_at - started_at) * 1000',
  waittime: 'EXTRACT(EPOCH FROM started_at - created_at) * 1000',
} as const;

// Every query reads finished jobs by finished_at (job_statuses_finished_idx) within a
// bounded range: $1 from, $2 to, $3 queue or null (all queues), $4 statuses.
const FINISHED_IN_RANGE = `
  FROM job_statuses
  WHERE finished_at >= $1 AND finished_at <= $2
    AND ($3::text IS NULL OR queue = $3) AND status = ANY($4::text[])`;

// Per hour or day (UTC, $5), newest first, at most $6 buckets.
const bucketed = (value: string): string => `
  SELECT EXTRACT(EPOCH FROM date_trunc($5, finished_at, 'UTC')) * 1000 AS ts, ${value}
  ${FINISHED_IN_RANGE}
  GROUP BY 1 ORDER BY 1 DESC LIMIT $6`;

const FINISHED: string[] = [JOB_STATES.completed, JOB_STATES.failed];

/**
 * The board's throughput and latency history, from Postgres: the jobs that finished in each
 * hour or day (UTC), per queue or across them all, as far back as finished jobs are kept
 * (JOB_RETENTION_DAYS). `queueage` is the longest wait (started_at - created_at, ms) of the
 * jobs that finished in a bucket. Latencies are percentiles of run time (finished_at -
 * started_at) or wait time of finished jobs.
 */
@Injectable()
export class DashboardMetricsHistory implements MetricsHistoryProvider {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getHistory(query: MetricsHistoryQuery): Promise<MetricsHistoryPoint[]> {
    const { metric, granularity } = query;
    const isCount = metric !== 'queueage';
    const rows: Array<{ ts: string; value: string | null }> = await this.dataSource.query(
      bucketed(isCount ? 'count(*) AS value' : `max(${LATENCY_MS.waittime}) AS value`),
      [
        ...this.window(query, granularity),
        isCount ? [metric] : FINISHED,
        granularity,
        MAX_HISTORY_BUCKETS,
      ],
    );
    return rows.reverse().map((row) => ({ ts: Number(row.ts), value: Number(row.value ?? 0) }));
  }

  async getLatency(query: MetricsLatencyQuery): Promise<MetricsLatencyPoint[]> {
    const { granularity, percentiles } = query;
    const window = this.window(query, granularity === 'range' ? 'day' : granularity);
    // $n: the percentiles, as fractions.
    const value = (n: number): string => `count(*) AS count,
      percentile_cont($${n}::float8[]) WITHIN GROUP (ORDER BY ${LATENCY_MS[query.metric]}) AS values`;
    const fractions = percentiles.map((percentile) => percentile / 100);
    // One point for a whole range: percentiles of buckets cannot be combined.
    const rows: Array<{ ts?: string; count: string; values: number[] | null }> =
      granularity === 'range'
        ? await this.dataSource.query(
            `SELECT ${value(5)} ${FINISHED_IN_RANGE} HAVING count(*) > 0`,
            [...window, FINISHED, fractions],
          )
        : await this.dataSource.query(bucketed(value(7)), [
            ...window,
            FINISHED,
            granularity,
            MAX_HISTORY_BUCKETS,
            fractions,
          ]);
    return rows.reverse().map((row) => ({
      ts: row.ts === undefined ? window[0].getTime() : Number(row.ts),
      count: Number(row.count),
      values: Object.fromEntries(percentiles.map((p, i) => [String(p), row.values?.[i] ?? 0])),
    }));
  }

  /** from, to and queue: at most MAX_HISTORY_BUCKETS buckets of `granularity`, ending at `to`. */
  private window(
    query: { from: number; to: number; queue?: string },
    granularity: keyof typeof BUCKET_MS,
  ): [Date, Date, string | null] {
    const from = Math.max(query.from, query.to - MAX_HISTORY_BUCKETS * BUCKET_MS[granularity]);
    return [new Date(from), new Date(query.to), query.queue ?? null];
  }
}
