/**
 * A recurring job. Built-in ones are declared beside their job class and listed in
 * built-in-schedules.ts; SCHEDULES_FILE overrides them by name or adds new ones.
 */
export interface ScheduleDefinition {
  /** Unique; also names the schedule's jobs (`schedule_name`). */
  name: string;
  /** Five fields, or six with seconds first. */
  cron: string;
  /** IANA timezone the cron fields are read in; default SCHEDULER_TIMEZONE. */
  timezone?: string;
  type: string;
  payload?: Record<string, unknown>;
  /** Default: the job type's default queue. */
  queue?: string;
  /** Default true. */
  enabled?: boolean;
}
