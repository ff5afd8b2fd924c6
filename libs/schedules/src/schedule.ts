import type { CronTimetable } from './cron-timetable';

/** One job a tick creates. */
export interface ScheduleStep {
  /** The step's name; for a schedule of one job, its job type. */
  name: string;
  type: string;
  payload: Record<string, unknown>;
  /** Null: the job type's default queue. */
  queue: string | null;
}

/** A schedule after merging SCHEDULES_FILE and checking every field. */
export interface Schedule {
  name: string;
  cron: string;
  timezone: string;
  /** What each tick creates, in order. */
  steps: ScheduleStep[];
  /** True when the schedule gives `steps`: each tick creates a chain, each step after the first depending on the one before. */
  chain: boolean;
  enabled: boolean;
  timetable: CronTimetable;
}
