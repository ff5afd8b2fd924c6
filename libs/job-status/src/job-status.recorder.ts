import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobError } from './job-error';
import type { JobState } from './job-state';
import type { NewJobStatus, StoredBackoff } from './job-status.entity';
import { TRANSITIONS } from './job-transitions';
import { UpdateBatch } from './update-batch';

/** What a finished attempt leads to. */
export type AttemptOutcome =
  | { status: 'completed'; result: unknown }
  | { status: 'retrying'; error: JobError; retryAt: Date }
  | { status: 'failed'; error: JobError }
  | { status: 'cancelled' };

/** What a started attempt runs, read from Postgres in the statement that starts it. */
export interface StartedAttempt {
  id: string;
  type: string;
  queue: string;
  payload: unknown;
  /** 1-based number of this attempt. */
  attempt: number;
  maxAttempts: number;
  backoff: StoredBackoff;
  timeoutMs: number;
  createdAt: Date;
  runAt: Date | null;
}

interface StartedRow {
  id: string;
  type: string;
  queue: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  backoff: StoredBackoff;
  timeout_ms: number;
  created_at: Date;
  run_at: Date | null;
}

interface Lease {
  id: string;
  leaseId: string;
}

const json = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

/**
 * The one writer of job status transitions (see job-transitions.ts). Writes are fenced:
 * a worker that lost its job (stalled, then taken over) finds its write refused instead
 * of overwriting the outcome of the worker that took over. Writes of one kind are
 * batched into a single statement under load.
 */
@Injectable()
export class JobStatusRecorder {
  private readonly dispatched = this.batch<{ id: string }>(TRANSITIONS.dispatched, [(r) => r.id]);
  private readonly started = this.batch<Lease & { workerId: string }, StartedRow>(
    TRANSITIONS.started,
    [(r) => r.id, (r) => r.leaseId, (r) => r.workerId],
  );
  private readonly progressed = this.batch<Lease & { progress: unknown }>(TRANSITIONS.progressed, [
    (r) => r.id,
    (r) => r.leaseId,
    (r) => json(r.progress),
  ]);
  private readonly finished = this.batch<Lease & { outcome: AttemptOutcome }, { status: JobState }>(
    TRANSITIONS.finished,
    [
      (r) => r.id,
      (r) => r.leaseId,
      (r) => r.outcome.status,
      (r) => (r.outcome.status === 'completed' ? json(r.outcome.result) : null),
      (r) => ('error' in r.outcome ? json(r.outcome.error) : null),
      (r) => (r.outcome.status === 'retrying' ? r.outcome.retryAt : null),
    ],
  );
  private readonly abandoned = this.batch<{ id: string; error: JobError }>(TRANSITIONS.abandoned, [
    (r) => r.id,
    (r) => json(r.error),
  ]);
  private readonly requeued = this.batch<{ id: string; fresh: boolean }>(TRANSITIONS.requeued, [
    (r) => r.id,
    (r) => r.fresh,
  ]);
  private readonly promoted = this.batch<{ id: string }>(TRANSITIONS.promoted, [(r) => r.id]);
  private readonly lostInRedis = this.batch<{ id: string }>(TRANSITIONS.lostInRedis, [(r) => r.id]);
  private readonly rescued = this.batch<Lease & { error: JobError }>(TRANSITIONS.rescued, [
    (r) => r.id,
    (r) => r.leaseId,
    (r) => json(r.error),
  ]);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records a new job. With an idempotency key already used by this tenant, nothing is
   * written and false is returned: the caller then reads the existing job.
   */
  async create(job: NewJobStatus): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into('job_statuses')
      .values(job)
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** The job has been handed to Redis. */
  async markDispatched(id: string): Promise<boolean> {
    return (await this.dispatched.submit({ id })) !== undefined;
  }

  /**
   * An attempt begins under `leaseId` in worker `workerId`; undefined when the job may not
   * start (final, cancelled, or unknown to Postgres).
   */
  async startAttempt(
    id: string,
    leaseId: string,
    workerId: string,
  ): Promise<StartedAttempt | undefined> {
    const row = await this.started.submit({ id, leaseId, workerId });
    return row && startedAttempt(row);
  }

  /** Progress of the running attempt; false when this attempt no longer holds the job. */
  async reportProgress(id: string, leaseId: string, progress: unknown): Promise<boolean> {
    return (await this.progressed.submit({ id, leaseId, progress })) !== undefined;
  }

  /**
   * The attempt's outcome. Answers the status written (`cancelled` when a cancel was
   * accepted meanwhile), or undefined when this attempt no longer holds the job.
   */
  async finishAttempt(
    id: string,
    leaseId: string,
    outcome: AttemptOutcome,
  ): Promise<JobState | undefined> {
    return (await this.finished.submit({ id, leaseId, outcome }))?.status;
  }

  /** Fails a job whose worker is gone (it stalled past the limit); terminal jobs are left alone. */
  async failAbandoned(id: string, error: JobError): Promise<boolean> {
    return (await this.abandoned.submit({ id, error })) !== undefined;
  }

  /**
   * A final job is queued again; its errors are kept. `api`: a fresh attempt budget, the
   * hand-off still to do. `dashboard`: Bull Board re-queues the Redis copy, attempts go on.
   */
  async requeue(id: string, by: 'api' | 'dashboard'): Promise<boolean> {
    return (await this.requeued.submit({ id, fresh: by === 'api' })) !== undefined;
  }

  /** A scheduled job may run now (promoted from the dashboard). */
  async promote(id: string): Promise<boolean> {
    return (await this.promoted.submit({ id })) !== undefined;
  }

  /** Waiting jobs that Redis no longer holds wait for a new hand-off; answers those changed. */
  async markLostInRedis(ids: readonly string[]): Promise<string[]> {
    const written = await Promise.all(ids.map((id) => this.lostInRedis.submit({ id })));
    return ids.filter((_, index) => written[index] !== undefined);
  }

  /** A running job whose worker and Redis copy are both gone is retried or failed. */
  async rescue(id: string, leaseId: string, error: JobError): Promise<boolean> {
    return (await this.rescued.submit({ id, leaseId, error })) !== undefined;
  }

  /**
   * Cancels a job: one that waits is cancelled at once; for one that runs, the request
   * is recorded and its worker aborts it. Returns the status after the call, or null
   * when the job is unknown or already final.
   */
  async requestCancel(id: string): Promise<'cancelled' | 'running' | null> {
    const [rows] = await this.dataSource.query<
      [Array<{ status: 'cancelled' | 'running' }>, number]
    >(TRANSITIONS.cancelRequested, [id]);
    return rows[0]?.status ?? null;
  }

  /** Ends a job whose cancel was requested and whose worker is gone; false otherwise. */
  async settleCancelled(id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[unknown[], number]>(TRANSITIONS.cancelSettled, [
      id,
    ]);
    return rows.length > 0;
  }

  private batch<Row extends { id: string }, Written extends object = { id: string }>(
    sql: string,
    columns: ReadonlyArray<(row: Row) => unknown>,
  ): UpdateBatch<Row, Written> {
    return new UpdateBatch<Row, Written>(
      (statement, params) => this.update(statement, params),
      sql,
      columns,
    );
  }

  private async update<Written>(sql: string, params: unknown[][]): Promise<Map<string, Written>> {
    const [rows] = await this.dataSource.query<[Array<Written & { id: string }>, number]>(
      sql,
      params,
    );
    return new Map(rows.map((row) => [row.id, row]));
  }
}

function startedAttempt(row: StartedRow): StartedAttempt {
  return {
    id: row.id,
    type: row.type,
    queue: row.queue,
    payload: row.payload,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    backoff: row.backoff,
    timeoutMs: row.timeout_ms,
    createdAt: row.created_at,
    runAt: row.run_at,
  };
}
