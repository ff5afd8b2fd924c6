import type { CronTimetable } from './cron-timetable';

/** A schedule after merging SCHEDULES_FILE and checking every field. */
export interface Schedule {
  name: string;
  cron: string;
  timezone: string;
  type: string;
  payload: Record<string, unknown>;
  /** Null: the job type's default queue. */
  queue: string | null;
  enabled: boolean;
  timetable: CronTimetable;
}
