import type { JobState, JobStatus } from '@lib/job-status';
import type { Schedule } from '@lib/schedules';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { DATE_TIME, JOB_ID, JOB_STATE, QUEUE_NAME, STATUS_URL } from '../openapi/schema-options';

/** The newest job a schedule enqueued. */
export class ScheduleJobView {
  @ApiProperty(JOB_ID)
  id!: string;
  @ApiProperty({ ...JOB_STATE, example: 'completed' })
  status!: JobState;
  /** The tick it ran for (the trigger time for a manual run). */
  @ApiProperty({ ...DATE_TIME, nullable: true })
  scheduled_for!: string | null;
  @ApiProperty(STATUS_URL)
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
  @ApiProperty({
    ...QUEUE_NAME,
    nullable: true,
    description: "Null: the job type's default queue.",
    example: 'etl',
  })
  queue!: string | null;
  enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;
  /** Null when the schedule is switched off. */
  @ApiProperty({ ...DATE_TIME, nullable: true, example: '2026-11-23T01:00:00.000Z' })
  next_run_at!: string | null;
  @ApiProperty({
    allOf: [{ $ref: getSchemaPath(ScheduleJobView) }],
    nullable: true,
    description:
      "Null before its first job, and for callers of another tenant than default (which owns schedules' jobs).",
  })
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
