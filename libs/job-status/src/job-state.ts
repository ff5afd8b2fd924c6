/**
 * Every status a job can have; the same strings are stored in Postgres and sent over HTTP.
 * Each state says which transition (see job-transitions.ts) moves a job into it and out.
 */
export const JOB_STATES = {
  /**
   * Waiting for its dependencies (`depends_on`): not in Redis. In: `created` or `requeued`
   * while a dependency has not ended. Out, written by Postgres triggers when a dependency
   * ends (see migration 1764800000000): to `queued` (or `scheduled`) once every dependency
   * completed (or ended, with on_dependency_failure `run`), to `cancelled` when one failed
   * or was cancelled; `cancelSettled`.
   */
  waiting: 'waiting',
  /**
   * Waiting to run (or running for less than RECORD_RUNNING_AFTER_MS: a short attempt
   * records its start with its outcome). In: `created` (no delay), `requeued` (manual
   * retry), `promoted`, `waiting` once its dependencies allow it. Out: `started`, `finished`, `cancelSettled`, `removedByDashboard`.
   */
  queued: 'queued',
  /**
   * Waiting for its `run_at`. In: `created` with a delay. Out: `promoted`, `started`,
   * `finished`, `cancelSettled`, `removedByDashboard`.
   */
  scheduled: 'scheduled',
  /**
   * An attempt holds the job under its lease. In: `started` (again on a stalled takeover).
   * Out: `finished`, `abandoned`, `rescued` (its worker is gone and Redis lost the job).
   */
  running: 'running',
  /**
   * An attempt failed; the next starts at `run_at`. In: `finished`, `rescued`.
   * Out: `started`, `finished`, `cancelSettled`, `removedByDashboard`.
   */
  retrying: 'retrying',
  /** Final. In: `finished`. Out: `requeued` from the dashboard only. */
  completed: 'completed',
  /** Final. In: `finished`, `abandoned`, `rescued` with no attempt left. Out: `requeued`. */
  failed: 'failed',
  /**
   * Final. In: `finished` or `cancelSettled` once a cancel was accepted (`cancelRequested`),
   * `removedByDashboard`. Out: `requeued`.
   */
  cancelled: 'cancelled',
} as const;
export type JobState = (typeof JOB_STATES)[keyof typeof JOB_STATES];

export const JOB_STATE_VALUES = Object.values(JOB_STATES);

/** States a job never leaves by itself. */
export const TERMINAL_STATES: readonly JobState[] = [
  JOB_STATES.completed,
  JOB_STATES.failed,
  JOB_STATES.cancelled,
];

/**
 * States of a job waiting for a worker: these must be in Redis (or on their way there).
 * A job `waiting` for its dependencies is not among them.
 */
export const WAITING_STATES: readonly JobState[] = [
  JOB_STATES.queued,
  JOB_STATES.scheduled,
  JOB_STATES.retrying,
];

/** States from which an attempt may start (`running` too: a stalled job is taken over). */
export const STARTABLE_STATES: readonly JobState[] = [...WAITING_STATES, JOB_STATES.running];

/**
 * Every state but the final ones. Partial indexes list them (job_statuses_unfinished,
 * job_statuses_pending_tenant_idx): a change here needs a migration that rebuilds them.
 */
export const UNFINISHED_STATES: readonly JobState[] = [...STARTABLE_STATES, JOB_STATES.waiting];

export const isTerminal = (state: JobState): boolean => TERMINAL_STATES.includes(state);

/**
 * States as an SQL list, `'completed', 'failed'`: our own constants, never user input.
 * Literal rather than a parameter so that the planner can match partial indexes.
 */
export const sqlStates = (list: readonly JobState[]): string =>
  list.map((state) => `'${state}'`).join(', ');
