import { Injectable, Optional } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GroupCommit, preparedQuery } from '@lib/database';
import { PlatformMetrics } from '@lib/metrics';
import { DataSource } from 'typeorm';
import type { JobError } from './job-error';
import type { JobState } from './job-state';
import type { NewJobStatus, StoredBackoff } from './job-status.entity';
import { JOB_STATES } from './job-state';
import { ATTEMPT_OPENED, JOBS_CREATED, TRANSITIONS } from './job-transitions';
import { insertChain } from './chain.insert';
import { createdJob } from './created-job';
import type { CreatedJob, CreatedRow } from './created-job';
import { newJobColumns } from './new-job-columns';
import { insertWithinQuotas } from './pending-quota.insert';
import type { PendingQuotaReached, QuotaBoundJob } from './pending-quota.insert';
import { UpdateBatch } from './update-batch';

/** The labels a job is counted under in the job metrics. */
interface JobLabels {
  type: string;
  queue: string;
}

/** What a finished attempt leads to. */
export type AttemptOutcome =
  | { status: 'completed'; result: unknown }
  | { status: 'retrying'; error: JobError; retryAt: Date }
  | { status: 'failed'; error: JobError }
  | { status: 'cancelled' };

/**
 * An attempt a worker opened: what it runs, read from Postgres (the only copy of the
 * job), and the row as it was found. Until the start is recorded, the attempt's writes
 * are fenced on that found row; afterwards on its lease.
 */
export interface StartedAttempt {
  id: string;
  /** The lease fencing this attempt's writes (the worker's lock token). */
  leaseId: string;
  workerId: string;
  startedAt: Date;
  found: { status: JobState; attempts: number; leaseId: string | null };
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

interface OpenedRow {
  id: string;
  type: string;
  queue: string;
  payload: unknown;
  status: JobState;
  attempts: number;
  lease_id: string | null;
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

type Finished = StartedAttempt & { outcome: AttemptOutcome };

const DISPATCHED_MARK_LINGER_MS = 250;

// A bulk create (at most 1000 jobs) is one statement.
const MAX_JOBS_PER_INSERT = 1000;

// The parameters every write of an attempt starts with, in the order its statements read them.
const ATTEMPT_COLUMNS: ReadonlyArray<(row: StartedAttempt) => unknown> = [
  (r) => r.id,
  (r) => r.leaseId,
  (r) => r.workerId,
  (r) => r.attempt,
  (r) => r.startedAt,
  (r) => r.found.status,
  (r) => r.found.attempts,
  (r) => r.found.leaseId,
];

/**
 * The one writer of job status transitions (see job-transitions.ts). Writes are fenced:
 * a worker that lost its job (stalled, then taken over) finds its write refused instead
 * of overwriting the outcome of the worker that took over. Writes of one kind are
 * batched into a single statement under load.
 */
@Injectable()
export class JobStatusRecorder implements BeforeApplicationShutdown {
  // The marker waits a little: a worker that starts the job meanwhile sets it too, and
  // the marker then writes nothing (the hand-off sweep waits far longer, see HandOffLedger).
  private readonly dispatched = this.batch<{ id: string }>(
    'dispatched',
    TRANSITIONS.dispatched,
    [(r) => r.id],
    DISPATCHED_MARK_LINGER_MS,
  );
  private readonly opened = this.batch<{ id: string }, OpenedRow>('opened', ATTEMPT_OPENED, [
    (r) => r.id,
  ]);
  private readonly started = this.batch<StartedAttempt>(
    'started',
    TRANSITIONS.started,
    ATTEMPT_COLUMNS,
  );
  private readonly progressed = this.batch<Lease & { progress: unknown }>(
    'progressed',
    TRANSITIONS.progressed,
    [(r) => r.id, (r) => r.leaseId, (r) => json(r.progress)],
  );
  private readonly finished = this.batch<Finished, { status: JobState }>(
    'finished',
    TRANSITIONS.finished,
    [
      ...ATTEMPT_COLUMNS,
      (r) => r.outcome.status,
      (r) => (r.outcome.status === 'completed' ? json(r.outcome.result) : null),
      (r) => ('error' in r.outcome ? json(r.outcome.error) : null),
      (r) => (r.outcome.status === 'retrying' ? r.outcome.retryAt : null),
    ],
  );
  private readonly abandoned = this.batch<{ id: string; error: JobError }>(
    'abandoned',
    TRANSITIONS.abandoned,
    [(r) => r.id, (r) => json(r.error)],
  );
  private readonly requeued = this.batch<{ id: string; fresh: boolean }, { status: JobState }>(
    'requeued',
    TRANSITIONS.requeued,
    [(r) => r.id, (r) => r.fresh],
  );
  private readonly promoted = this.batch<{ id: string }>('promoted', TRANSITIONS.promoted, [
    (r) => r.id,
  ]);
  private readonly lostInRedis = this.batch<{ id: string }>(
    'lostInRedis',
    TRANSITIONS.lostInRedis,
    [(r) => r.id],
  );
  private readonly rescued = this.batch<Lease & { error: JobError }>(
    'rescued',
    TRANSITIONS.rescued,
    [(r) => r.id, (r) => r.leaseId, (r) => json(r.error)],
  );

  private readonly created = new GroupCommit<NewJobStatus, CreatedJob | null>(async (jobs) => {
    const rows = await preparedQuery<CreatedRow>(
      this.dataSource,
      'job_statuses_created',
      JOBS_CREATED,
      newJobColumns(jobs),
    );
    const written = new Map(rows.map((row) => [row.id, createdJob(row)]));
    return jobs.map((job) => written.get(job.id) ?? null);
  }, MAX_JOBS_PER_INSERT);

  private readonly createdWithinQuota = new GroupCommit<
    QuotaBoundJob,
    CreatedJob | null | PendingQuotaReached
  >((entries) => insertWithinQuotas(this.dataSource, entries), MAX_JOBS_PER_INSERT);

  /** @param metrics where cancellations are counted; absent outside an app (tests) */
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {}

  // Before the database closes: markers still lingering are written, not lost.
  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatched.flushNow();
  }

  /**
   * Records a new job and answers how it was written: its status (the job's own, or
   * `waiting` (`cancelled`) when its dependencies have not all completed (one failed)),
   * and whether it was held back for its turn in Redis (see JOBS_CREATED).
   * With an idempotency key already used by this tenant, nothing is written and null is
   * returned: the caller then reads the existing job. Jobs created at the same time (a
   * batch, or concurrent requests) share one INSERT.
   */
  create(job: NewJobStatus): Promise<CreatedJob | null> {
    return this.created.submit(job);
  }

  /**
   * Records a new job as `create` does, unless its tenant already has `maxPendingJobs`
   * unfinished jobs: then nothing is written and the quota met is returned. Exact across
   * processes (see insertWithinQuotas).
   */
  createWithinQuota(
    job: NewJobStatus,
    maxPendingJobs: number,
  ): Promise<CreatedJob | null | PendingQuotaReached> {
    return this.createdWithinQuota.submit({ job, maxPendingJobs });
  }

  /**
   * Records jobs that form a chain (each depends on earlier ones), all or none, in one
   * transaction. Null, with nothing written, when the first job's idempotency key was
   * already used: the chain exists. Not held to tenant quotas: chains are the schedules'.
   */
  createChain(jobs: readonly NewJobStatus[]): Promise<CreatedJob[] | null> {
    return insertChain(this.dataSource, jobs);
  }

  /** The job has been handed to Redis. */
  async markDispatched(id: string): Promise<boolean> {
    return (await this.dispatched.submit({ id })) !== undefined;
  }

  /**
   * Opens an attempt under `leaseId` in worker `workerId`: reads what it runs and writes
   * nothing, so that a short attempt costs one write (its outcome, see finishAttempt).
   * Undefined when the job may not start (final, cancelled, or unknown to Postgres).
   */
  async openAttempt(
    id: string,
    leaseId: string,
    workerId: string,
  ): Promise<StartedAttempt | undefined> {
    const row = await this.opened.submit({ id });
    return row && openedAttempt(row, { leaseId, workerId, startedAt: new Date() });
  }

  /**
   * Records the attempt `running` (once it lasts, or reports progress); false when the
   * job changed since the attempt opened (cancelled, or taken by another attempt).
   */
  async recordStart(attempt: StartedAttempt): Promise<boolean> {
    return (await this.started.submit(attempt)) !== undefined;
  }

  /** Progress of the running attempt; false when this attempt no longer holds the job. */
  async reportProgress(id: string, leaseId: string, progress: unknown): Promise<boolean> {
    return (await this.progressed.submit({ id, leaseId, progress })) !== undefined;
  }

  /**
   * The attempt's outcome, with its start if that was not recorded. Answers the status
   * written (`cancelled` when a cancel was accepted meanwhile), or undefined when this
   * attempt no longer holds the job (or, start unrecorded, the job changed meanwhile).
   */
  async finishAttempt(
    attempt: StartedAttempt,
    outcome: AttemptOutcome,
  ): Promise<JobState | undefined> {
    const written = (await this.finished.submit({ ...attempt, outcome }))?.status;
    if (written === JOB_STATES.cancelled) {
      this.metrics?.jobsCancelled.inc({ type: attempt.type, queue: attempt.queue });
    }
    return written;
  }

  /** Fails a job whose worker is gone (it stalled past the limit); terminal jobs are left alone. */
  async failAbandoned(id: string, error: JobError): Promise<boolean> {
    return (await this.abandoned.submit({ id, error })) !== undefined;
  }

  /**
   * A final job is queued again; its errors are kept. `api`: a fresh attempt budget, the
   * hand-off still to do. `dashboard`: Bull Board re-queues the Redis copy, attempts go on.
   */
  async requeue(id: string, by: 'api' | 'dashboard'): Promise<JobState | null> {
    return (await this.requeued.submit({ id, fresh: by === 'api' }))?.status ?? null;
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
   * Accepts a cancel: no attempt of the job starts any more, and a running one ends
   * `cancelled`. Answers the job's status (unchanged: see settleCancelled) and queue, or
   * null when the job is unknown, another tenant's, or already final.
   */
  async requestCancel(
    id: string,
    tenantId: string,
  ): Promise<{ status: JobState; queue: string } | null> {
    const rows = await preparedQuery<{ status: JobState; queue: string }>(
      this.dataSource,
      'job_statuses_cancel_requested',
      TRANSITIONS.cancelRequested,
      [id, tenantId],
    );
    return rows[0] ?? null;
  }

  /** Ends a job whose cancel was requested and that no worker holds; false otherwise. */
  async settleCancelled(id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[JobLabels[], number]>(TRANSITIONS.cancelSettled, [
      id,
    ]);
    rows.forEach(({ type, queue }) => this.metrics?.jobsCancelled.inc({ type, queue }));
    return rows.length > 0;
  }

  private batch<Row extends { id: string }, Written extends object = { id: string }>(
    name: string,
    sql: string,
    columns: ReadonlyArray<(row: Row) => unknown>,
    lingerMs = 0,
  ): UpdateBatch<Row, Written> {
    return new UpdateBatch<Row, Written>(
      async (statement, params) => {
        const rows = await preparedQuery<Written & { id: string }>(
          this.dataSource,
          `job_statuses_${name}`,
          statement,
          params,
        );
        return new Map(rows.map((row) => [row.id, row]));
      },
      sql,
      columns,
      lingerMs,
    );
  }
}

function openedAttempt(
  row: OpenedRow,
  holder: Pick<StartedAttempt, 'leaseId' | 'workerId' | 'startedAt'>,
): StartedAttempt {
  return {
    ...holder,
    found: { status: row.status, attempts: row.attempts, leaseId: row.lease_id },
    id: row.id,
    type: row.type,
    queue: row.queue,
    payload: row.payload,
    // A stalled takeover goes on with the attempt it took over.
    attempt: row.status === JOB_STATES.running ? row.attempts : row.attempts + 1,
    maxAttempts: row.max_attempts,
    backoff: row.backoff,
    timeoutMs: row.timeout_ms,
    createdAt: row.created_at,
    runAt: row.run_at,
  };
}
