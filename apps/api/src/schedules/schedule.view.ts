import type { JobStatus } from '@lib/job-status';
import type { Schedule } from '@lib/schedules';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { DATE_TIME, QUEUE_NAME } from '../openapi/schema-options';
import { ScheduleRunView, toScheduleRunView } from './schedule-run.view';
import { ScheduleStepView, toScheduleStepView } from './schedule-step.view';

/** A schedule as `GET /schedules` shows it. */
export class ScheduleView {
  /** @example "nightly_data_import" */
  name!: string;
  /** @example "0 1 * * 1-5" */
  cron!: string;
  /** @example "UTC" */
  timezone!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'sleep',
    description: 'The job type of a schedule of one job; null for a pipeline (see steps).',
  })
  type!: string | null;
  @ApiProperty({
    ...QUEUE_NAME,
    nullable: true,
    description: "Null: the job type's default queue, or a pipeline (see steps).",
    example: 'default',
  })
  queue!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The payload of a schedule of one job; null for a pipeline (see steps).',
  })
  payload!: Record<string, unknown> | null;
  @ApiProperty({
    type: ScheduleStepView,
    isArray: true,
    description:
      'What each tick creates, in order; in a pipeline each step runs once the one before it has completed.',
  })
  steps!: ScheduleStepView[];
  enabled!: boolean;
  /** Null when the schedule is switched off. */
  @ApiProperty({ ...DATE_TIME, nullable: true, example: '2026-11-23T01:00:00.000Z' })
  next_run_at!: string | null;
  @ApiProperty({
    allOf: [{ $ref: getSchemaPath(ScheduleRunView) }],
    nullable: true,
    description:
      "The jobs of its newest run, one per step. Null before its first run, and for callers of another tenant than default (which owns schedules' jobs).",
  })
  last_run!: ScheduleRunView | null;
}

export function toScheduleView(
  schedule: Schedule,
  lastRun: readonly JobStatus[] | undefined,
): ScheduleView {
  const [single] = schedule.chain ? [] : schedule.steps;
  return {
    name: schedule.name,
    cron: schedule.cron,
    timezone: schedule.timezone,
    type: single?.type ?? null,
    queue: single?.queue ?? null,
    payload: single?.payload ?? null,
    steps: schedule.steps.map(toScheduleStepView),
    enabled: schedule.enabled,
    next_run_at: schedule.enabled ? (schedule.timetable.nextTick()?.toISOString() ?? null) : null,
    last_run: lastRun?.length ? toScheduleRunView(schedule, lastRun) : null,
  };
}
