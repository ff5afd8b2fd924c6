import type { JobState, JobStatus } from '@lib/job-status';
import type { Schedule } from '@lib/schedules';
import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME, JOB_ID, JOB_STATE, STATUS_URL } from '../openapi/schema-options';

/** One job of a schedule's run: the job of one step. */
export class ScheduleRunJobView {
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'load_daily_imports',
    description: "The step it ran; null when the schedule's steps changed since that run.",
  })
  step!: string | null;
  @ApiProperty(JOB_ID)
  id!: string;
  /** @example "data_import" */
  type!: string;
  @ApiProperty({ ...JOB_STATE, example: 'completed' })
  status!: JobState;
  @ApiProperty(STATUS_URL)
  status_url!: string;
}

/** The jobs one tick (or one manual trigger) of a schedule created, in step order. */
export class ScheduleRunView {
  /** The tick it ran for (the trigger time for a manual run). */
  @ApiProperty({ ...DATE_TIME, nullable: true })
  scheduled_for!: string | null;
  @ApiProperty({ type: ScheduleRunJobView, isArray: true })
  jobs!: ScheduleRunJobView[];
}

/** A run's jobs, oldest first, matched with the schedule's steps when they still fit. */
export function toScheduleRunView(schedule: Schedule, jobs: readonly JobStatus[]): ScheduleRunView {
  const fits =
    jobs.length === schedule.steps.length &&
    jobs.every((job, i) => job.type === schedule.steps[i].type);
  return {
    scheduled_for: jobs[0]?.scheduledFor?.toISOString() ?? null,
    jobs: jobs.map((job, i) => ({
      step: fits ? schedule.steps[i].name : null,
      id: job.id,
      type: job.type,
      status: job.status,
      status_url: `/job-status/${job.id}`,
    })),
  };
}
