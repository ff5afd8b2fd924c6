import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobError } from './job-error';
import { STARTABLE_STATES, TERMINAL_STATES, sqlStates } from './job-state';
import type { NewJobStatus } from './job-status.entity';
import { orderedUpdate } from './ordered-update.sql';
import { UpdateBatch } from './update-batch';
import type { RunUpdate } from './update-batch';

/** What a finished attempt leads to. */
export type AttemptOutcome =
  | { status: 'completed'; result: unknown }
  | { status: 'retrying'; error: JobError; retryAt: Date }
  | { status: 'failed'; error: JobError }
  | { status: 'cancelled' };

interface Lease {
  id: string;
  leaseId: string;
}

const json = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

/**
 * The one writer of job status transitions. Writes are fenced by the attempt's lease:
 * a worker that lost its job (stalled, then taken over) finds its write refused
 * instead of overwriting the outcome of the worker that took over. Writes of one
 * kind are batched into a single statement under load.
 */
@Injectable()
export class JobStatusRecorder {
  private readonly dispatched: UpdateBatch<{ id: string }>;
  private readonly started: UpdateBatch<Lease & { attempt: number }>;
  private readonly progressed: UpdateBatch<Lease & { progress: unknown }>;
  private readonly finished: UpdateBatch<Lease & { outcome: AttemptOutcome }>;
  private readonly abandoned: UpdateBatch<{ id: string; error: JobError }>;
  private readonly requeued: UpdateBatch<{ id: string }>;
  private readonly promoted: UpdateBatch<{ id: string }>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const run: RunUpdate = (sql, params) => this.update(sql, params);
    this.dispatched = new UpdateBatch(
      run,
      orderedUpdate({
        source: 'unnest($1::uuid[]) AS v(id)',
        set: 'dispatched_at = now()',
        fence: 'j.dispatched_at IS NULL',
      }),
      [(r) => r.id],
    );
    this.started = new UpdateBatch(
      run,
      orderedUpdate({
        source: 'unnest($1::uuid[], $2::uuid[], $3::int[]) AS v(id, lease_id, attempt)',
        // A job a worker fetched was evidently handed to Redis, whatever the API recorded.
        set: `status = 'running', attempts = v.attempt, lease_id = v.lease_id,
              started_at = now(), updated_at = now(),
              dispatched_at = COALESCE(j.dispatched_at, now())`,
        // A job whose cancel arrived while it ran elsewhere is not started again.
        fence: `j.status IN (${sqlStates(STARTABLE_STATES)}) AND j.cancel_requested_at IS NULL`,
      }),
      [(r) => r.id, (r) => r.leaseId, (r) => r.attempt],
    );
    this.progressed = new UpdateBatch(
      run,
      orderedUpdate({
        source: 'unnest($1::uuid[], $2::uuid[], $3::jsonb[]) AS v(id, lease_id, progress)',
        set: 'progress = v.progress, updated_at = now()',
        fence: "j.status = 'running' AND j.lease_id = v.lease_id",
      }),
      [(r) => r.id, (r) => r.leaseId, (r) => json(r.progress)],
    );
    this.finished = new UpdateBatch(
      run,
      orderedUpdate({
        source: `unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[], $6::timestamptz[])
                 AS v(id, lease_id, status, result, error, retry_at)`,
        set: `status = v.status, result = v.result, error = COALESCE(v.error, j.error),
              errors = CASE WHEN v.error IS NULL THEN j.errors
                            ELSE j.errors || jsonb_build_array(v.error) END,
              run_at = COALESCE(v.retry_at, j.run_at), updated_at = now(),
              finished_at = CASE WHEN v.status = 'retrying' THEN NULL ELSE now() END`,
        fence: "j.status = 'running' AND j.lease_id = v.lease_id",
      }),
      [
        (r) => r.id,
        (r) => r.leaseId,
        (r) => r.outcome.status,
        (r) => (r.outcome.status === 'completed' ? json(r.outcome.result) : null),
        (r) => ('error' in r.outcome ? json(r.outcome.error) : null),
        (r) => (r.outcome.status === 'retrying' ? r.outcome.retryAt : null),
      ],
    );
    this.abandoned = new UpdateBatch(
      run,
      orderedUpdate({
        source: 'unnest($1::uuid[], $2::jsonb[]) AS v(id, error)',
        set: `status = 'failed', error = v.error, errors = j.errors || jsonb_build_array(v.error),
              finished_at = now(), updated_at = now()`,
        fence: `j.status NOT IN (${sqlStates(TERMINAL_STATES)})`,
      }),
      [(r) => r.id, (r) => json(r.error)],
    );
    this.requeued = new UpdateBatch(
      run,
      orderedUpdate({
        source: 'unnest($1::uuid[]) AS v(id)',
        // Not dispatched until Redis has the new copy; no longer cancelled.
        set: `status = 'queued', result = NULL, run_at = NULL, finished_at = NULL,
              dispatched_at = NULL, cancel_requested_at = NULL, updated_at = now()`,
        fence: `j.status IN (${sqlStates(TERMINAL_STATES)})`,
      }),
      [(r) => r.id],
    );
    this.promoted = new UpdateBatch(
      run,
      orderedUpdate({
        source: 'unnest($1::uuid[]) AS v(id)',
        set: "status = 'queued', run_at = NULL, updated_at = now()",
        fence: "j.status = 'scheduled'",
      }),
      [(r) => r.id],
    );
  }

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
  markDispatched(id: string): Promise<boolean> {
    return this.dispatched.submit({ id });
  }

  /** An attempt begins; false when the job already reached a terminal status. */
  startAttempt(id: string, leaseId: string, attempt: number): Promise<boolean> {
    return this.started.submit({ id, leaseId, attempt });
  }

  /** Progress of the running attempt; false when this attempt no longer holds the job. */
  reportProgress(id: string, leaseId: string, progress: unknown): Promise<boolean> {
    return this.progressed.submit({ id, leaseId, progress });
  }

  /** The attempt's outcome; false when this attempt no longer holds the job. */
  finishAttempt(id: string, leaseId: string, outcome: AttemptOutcome): Promise<boolean> {
    return this.finished.submit({ id, leaseId, outcome });
  }

  /** Fails a job whose worker is gone (it stalled past the limit); terminal jobs are left alone. */
  failAbandoned(id: string, error: JobError): Promise<boolean> {
    return this.abandoned.submit({ id, error });
  }

  /** A final job is queued again (retried); its last error is kept. */
  requeue(id: string): Promise<boolean> {
    return this.requeued.submit({ id });
  }

  /** A scheduled job may run now (promoted from the dashboard). */
  promote(id: string): Promise<boolean> {
    return this.promoted.submit({ id });
  }

  /**
   * Cancels a job: one that waits is cancelled at once; for one that runs, the request
   * is recorded and its worker aborts it. Returns the status after the call, or null
   * when the job is unknown or already final.
   */
  async requestCancel(id: string): Promise<'cancelled' | 'running' | null> {
    const [rows] = await this.dataSource.query<
      [Array<{ status: 'cancelled' | 'running' }>, number]
    >(
      `UPDATE job_statuses
       SET status = CASE WHEN status = 'running' THEN status ELSE 'cancelled' END,
           finished_at = CASE WHEN status = 'running' THEN finished_at ELSE now() END,
           cancel_requested_at = COALESCE(cancel_requested_at, now()),
           updated_at = now()
       WHERE id = $1 AND status NOT IN (${sqlStates(TERMINAL_STATES)})
       RETURNING status`,
      [id],
    );
    return rows[0]?.status ?? null;
  }

  /** Ends a job whose cancel was requested and whose worker is gone; false otherwise. */
  async settleCancelled(id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE job_statuses SET status = 'cancelled', finished_at = now(), updated_at = now()
       WHERE id = $1 AND cancel_requested_at IS NOT NULL
         AND status NOT IN (${sqlStates(TERMINAL_STATES)})
       RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  private async update(sql: string, params: unknown[][]): Promise<Set<string>> {
    const [rows] = await this.dataSource.query<[Array<{ id: string }>, number]>(sql, params);
    return new Set(rows.map((row) => row.id));
  }
}
