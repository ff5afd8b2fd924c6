import type { DispatchResult } from '@lib/dispatch';
import type { JobState } from '@lib/job-status';
import type { Schedule } from '@lib/schedules';
import { ApiProperty } from '@nestjs/swagger';
import { JOB_ID, JOB_STATE, STATUS_URL } from '../openapi/schema-options';
import { ScheduleRunJobView } from './schedule-run.view';

/** Answer of `POST /schedules/:name/trigger`: the run's jobs, and its first job's fields at the top. */
export class TriggeredRunView {
  @ApiProperty({ ...JOB_ID, description: "The first step's job." })
  job_id!: string;
  @ApiProperty({ ...JOB_STATE, example: 'queued' })
  status!: JobState;
  @ApiProperty(STATUS_URL)
  status_url!: string;
  @ApiProperty({
    type: ScheduleRunJobView,
    isArray: true,
    description: 'One job per step, in order; later steps of a pipeline wait for the one before.',
  })
  jobs!: ScheduleRunJobView[];
}

export function toTriggeredRunView(
  schedule: Schedule,
  results: readonly DispatchResult[],
): TriggeredRunView {
  const jobs = results.map((result, i) => ({
    step: schedule.steps[i].name,
    id: result.jobId,
    type: schedule.steps[i].type,
    status: result.status,
    status_url: `/job-status/${result.jobId}`,
  }));
  return { job_id: jobs[0].id, status: jobs[0].status, status_url: jobs[0].status_url, jobs };
}
