/** Every status a job can have; the same strings are stored in Postgres and sent over HTTP. */
export const JOB_STATES = {
  queued: 'queued',
  scheduled: 'scheduled',
  running: 'running',
  retrying: 'retrying',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type JobState = (typeof JOB_STATES)[keyof typeof JOB_STATES];

export const JOB_STATE_VALUES = Object.values(JOB_STATES);

/** States a job never leaves. */
export const TERMINAL_STATES: readonly JobState[] = [
  JOB_STATES.completed,
  JOB_STATES.failed,
  JOB_STATES.cancelled,
];

/** States from which an attempt may start (`running` too: a stalled job is taken over). */
export const STARTABLE_STATES: readonly JobState[] = [
  JOB_STATES.queued,
  JOB_STATES.scheduled,
  JOB_STATES.retrying,
  JOB_STATES.running,
];

export const isTerminal = (state: JobState): boolean => TERMINAL_STATES.includes(state);

/**
 * States as an SQL list, `'completed', 'failed'`: our own constants, never user input.
 * Literal rather than a parameter so that the planner can match partial indexes.
 */
export const sqlStates = (list: readonly JobState[]): string =>
  list.map((state) => `'${state}'`).join(', ');
