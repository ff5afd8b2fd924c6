import { JOB_STATE_VALUES, ON_DEPENDENCY_FAILURE } from '@lib/job-status';
import { QUEUE_NAMES } from '@lib/queues';
import type { ApiPropertyOptions } from '@nestjs/swagger';

// Options of @ApiProperty that views share, so that one kind of value reads the same in
// every schema of the OpenAPI document.

/** A job's id. */
export const JOB_ID = {
  format: 'uuid',
  example: '6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a',
} as const satisfies ApiPropertyOptions;

/** An ISO-8601 time as the API writes it (UTC, milliseconds). */
export const DATE_TIME = {
  format: 'date-time',
  example: '2026-11-22T21:50:45.698Z',
} as const satisfies ApiPropertyOptions;

/** A job's state: one enum schema, JobState, wherever a status appears. */
export const JOB_STATE = {
  enum: JOB_STATE_VALUES,
  enumName: 'JobState',
} as const satisfies ApiPropertyOptions;

/** A queue's name: one enum schema, QueueName. */
export const QUEUE_NAME = {
  enum: QUEUE_NAMES,
  enumName: 'QueueName',
} as const satisfies ApiPropertyOptions;

/** `/job-status/<id>`, where to read a job's status. */
export const STATUS_URL = {
  pattern: '^/job-status/[0-9a-f-]{36}$',
  example: '/job-status/6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a',
} as const satisfies ApiPropertyOptions;

/** What a job does when a dependency ends failed or cancelled: one enum schema. */
export const DEPENDENCY_FAILURE_POLICY = {
  enum: Object.values(ON_DEPENDENCY_FAILURE),
  enumName: 'OnDependencyFailure',
} as const satisfies ApiPropertyOptions;
