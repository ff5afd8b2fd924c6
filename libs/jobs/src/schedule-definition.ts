/** One job of a schedule's chain. */
export interface ScheduleStepDefinition {
  /** Unique within the schedule, e.g. `load_daily_imports`. */
  name: string;
  type: string;
  payload?: Record<string, unknown>;
  /** Default: the job type's default queue. */
  queue?: string;
}

/**
 * A recurring job, or a recurring chain of jobs. Built-in ones are declared beside their
 * job class and listed in built-in-schedules.ts; SCHEDULES_FILE overrides them by name or
 * adds new ones. A schedule gives either `type` (with `payload` and `queue`) or `steps`.
 */
export interface ScheduleDefinition {
  /** Unique; also names the schedule's jobs (`schedule_name`). */
  name: string;
  /** Five fields, or six with seconds first. */
  cron: string;
  /** IANA timezone the cron fields are read in; default SCHEDULER_TIMEZONE. */
  timezone?: string;
  /** One job per tick, of this type. */
  type?: string;
  payload?: Record<string, unknown>;
  /** Default: the job type's default queue. */
  queue?: string;
  /** One chain per tick: each step runs once the step before it has completed. */
  steps?: ScheduleStepDefinition[];
  /** Default true. */
  enabled?: boolean;
}
