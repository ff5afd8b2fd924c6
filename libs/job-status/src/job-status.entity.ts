import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import type { JobError } from './job-error';
import type { JobState } from './job-state';

/** How long to wait between attempts, as stored with the job. */
export interface StoredBackoff {
  type: 'exponential' | 'fixed';
  delay_ms: number;
  max_delay_ms?: number;
}

/** What a job does when one of its dependencies ends failed or cancelled. */
export const ON_DEPENDENCY_FAILURE = { cancel: 'cancel', run: 'run' } as const;
export type OnDependencyFailure =
  (typeof ON_DEPENDENCY_FAILURE)[keyof typeof ON_DEPENDENCY_FAILURE];

/** One of a job's dependencies as its status shows it; `status` null once retention removed it. */
export interface DependencyState {
  id: string;
  type: string | null;
  status: JobState | null;
}

// Each dependency's type and status, in depends_on order, read with the row.
const DEPENDENCY_STATES = (alias: string) => `
  SELECT COALESCE(jsonb_agg(jsonb_build_object('id', u.id, 'type', d.type, 'status', d.status)
                            ORDER BY u.n), '[]'::jsonb)
  FROM unnest(${alias}.depends_on) WITH ORDINALITY AS u(id, n)
  LEFT JOIN job_statuses d ON d.id = u.id`;

/** The durable record of one job: Postgres is the truth, Redis only carries the work. */
@Entity({ name: 'job_statuses' })
export class JobStatus {
  /** Also the BullMQ job id. */
  @PrimaryColumn('uuid')
  id!: string;

  /** Insertion order, used as the pagination cursor (timestamps can tie). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'tenant_id', type: 'text', default: 'default' })
  tenantId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  queue!: string;

  @Column({ type: 'integer', default: 0 })
  priority!: number;

  @Column({ type: 'text' })
  status!: JobState;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  result!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  error!: JobError | null;

  /** Every failed attempt's error, oldest first; kept across manual retries. */
  @Column({ type: 'jsonb', insert: false })
  errors!: JobError[];

  @Column({ type: 'jsonb', nullable: true })
  progress!: unknown;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts!: number;

  @Column({ type: 'jsonb' })
  backoff!: StoredBackoff;

  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt!: Date | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** Digest of the creating request, to tell a replay from a different request under one key. */
  @Column({ name: 'request_hash', type: 'text', nullable: true })
  requestHash!: string | null;

  /** Fencing token of the attempt that may write the outcome. */
  @Column({ name: 'lease_id', type: 'uuid', nullable: true })
  leaseId!: string | null;

  /** The worker process running the current attempt (see job_workers), null when none. */
  @Column({ name: 'worker_id', type: 'uuid', nullable: true, insert: false })
  workerId!: string | null;

  /** Longest an attempt may run, in ms, before it is aborted as timed out. */
  @Column({ name: 'timeout_ms', type: 'integer' })
  timeoutMs!: number;

  /** Set when a cancel arrived while the job ran; the worker then aborts it. */
  @Column({ name: 'cancel_requested_at', type: 'timestamptz', nullable: true })
  cancelRequestedAt!: Date | null;

  /** The schedule that enqueued the job, null for a job created over the API. */
  @Column({ name: 'schedule_name', type: 'text', nullable: true })
  scheduleName!: string | null;

  /** The schedule's tick this job runs for (the trigger time for a manual run). */
  @Column({ name: 'scheduled_for', type: 'timestamptz', nullable: true })
  scheduledFor!: Date | null;

  /** The jobs that must complete before this one runs (at most 100); null when none. */
  @Column({ name: 'depends_on', type: 'uuid', array: true, nullable: true })
  dependsOn!: string[] | null;

  @Column({ name: 'on_dependency_failure', type: 'text', default: ON_DEPENDENCY_FAILURE.cancel })
  onDependencyFailure!: OnDependencyFailure;

  /** Read-only: each of depends_on with its type and status now. */
  @VirtualColumn({ type: 'jsonb', query: DEPENDENCY_STATES })
  dependencies!: DependencyState[];

  /**
   * Waiting in Postgres for its turn: created while its tenant's window of its queue was
   * full, and not handed over yet (the sweep hands it over in turn).
   */
  @Column({ name: 'held_back', type: 'boolean', insert: false, update: false })
  heldBack!: boolean;

  /** Null until the job has been handed to Redis. */
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt!: Date;

  /**
   * 1 when created, one more at every write (a trigger counts): orders the row's versions
   * strictly, where updated_at may tie or step back. Postgres bigint, read as a string.
   */
  @Column({ type: 'bigint', insert: false, update: false })
  version!: string;

  /** Where the status document is POSTed once the job is final; null: no webhook. */
  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl!: string | null;

  /**
   * The Standard Webhooks secret that signs its deliveries. Never read with the row (so
   * never shown or logged by accident): only the delivery reads it, by name.
   */
  @Column({ name: 'webhook_secret', type: 'text', nullable: true, select: false })
  webhookSecret!: string | null;
}

/**
 * A JobStatus as created: Postgres fills in the rest (sequence, timestamps, no outcome).
 * `handOffWindow`: most jobs of its tenant its queue may hold in Redis for it to be handed
 * over by its creator at once (see FairShare); absent: no window.
 */
export type NewJobStatus = { handOffWindow?: number } & Pick<
  JobStatus,
  | 'id'
  | 'tenantId'
  | 'type'
  | 'queue'
  | 'priority'
  | 'status'
  | 'payload'
  | 'attempts'
  | 'maxAttempts'
  | 'timeoutMs'
  | 'backoff'
  | 'runAt'
  | 'idempotencyKey'
  | 'requestHash'
  | 'scheduleName'
  | 'scheduledFor'
  | 'dependsOn'
  | 'onDependencyFailure'
  | 'webhookUrl'
  | 'webhookSecret'
>;
