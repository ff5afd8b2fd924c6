import { JOB_STATE_VALUES } from '@lib/job-status';
import type { JobState, JobStatus } from '@lib/job-status';
import type { Schedule } from '@lib/schedules';
import { ApiProperty } from '@nestjs/swagger';

/** The newest job a schedule enqueued. */
export class ScheduleJobView {
  /** @example "6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a" */
  id!: string;
  @ApiProperty({ enum: JOB_STATE_VALUES, example: 'completed' })
  status!: JobState;
  /** The tick it ran for (the trigger time for a manual run). */
  scheduled_for!: string | null;
  /** @example "/job-status/6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a" */
  status_url!: string;
}

/** A schedule as `GET /schedules` shows it. */
export class ScheduleView {
  /** @example "nightly_data_import" */
  name!: string;
  /** @example "0 1 * * 1-5" */
  cron!: string;
  /** @example "UTC" */
  timezone!: string;
  /** @example "data_import" */
  type!: string;
  /** Null: the job type's default queue. @example "etl" */
  queue!: string | null;
  enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;
  /** Null when the schedule is switched off. @example "2026-11-23T01:00:00.000Z" */
  next_run_at!: string | null;
  /** Null before its first job, and for callers of another tenant than default (which owns schedules' jobs). */
  @ApiProperty({ type: ScheduleJobView, nullable: true })
  last_job!: ScheduleJobView | null;
}

export function toScheduleView(schedule: Schedule, last: JobStatus | undefined): ScheduleView {
  return {
    name: schedule.name,
    cron: schedule.cron,
    timezone: schedule.timezone,
    type: schedule.type,
    queue: schedule.queue,
    enabled: schedule.enabled,
    payload: schedule.payload,
    next_run_at: schedule.enabled ? (schedule.timetable.nextTick()?.toISOString() ?? null) : null,
    last_job: last
      ? {
          id: last.id,
          status: last.status,
          scheduled_for: last.scheduledFor?.toISOString() ?? null,
          status_url: `/job-status/${last.id}`,
        }
      : null,
  };
}
