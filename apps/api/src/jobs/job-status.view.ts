import type { JobState, OnDependencyFailure, StatusDocument } from '@lib/job-status';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import {
  DATE_TIME,
  DEPENDENCY_FAILURE_POLICY,
  JOB_ID,
  JOB_STATE,
  QUEUE_NAME,
} from '../openapi/schema-options';
import { DependencyView } from './dependency.view';
import { JobErrorView } from './job-error.view';

const json = { type: 'object', additionalProperties: true, nullable: true } as const;

/** A job's status as the API shows it (snake_case, ISO-8601 times). */
export class JobStatusView implements StatusDocument {
  @ApiProperty(JOB_ID)
  id!: string;
  /** @example "sleep" */
  type!: string;
  @ApiProperty({ ...QUEUE_NAME, example: 'default' })
  queue!: string;
  /** 0 runs first. @example 0 */
  @ApiProperty({ type: 'integer' })
  priority!: number;
  @ApiProperty({ ...JOB_STATE, example: 'completed' })
  status!: JobState;
  /** Attempts started so far. @example 1 */
  @ApiProperty({ type: 'integer' })
  attempts!: number;
  /** @example 3 */
  @ApiProperty({ type: 'integer' })
  max_attempts!: number;
  @ApiProperty({
    anyOf: [{ type: 'number' }, { type: 'object', additionalProperties: true }],
    nullable: true,
    description: 'A number 0–100 or an object set by the job; null before the job sets it.',
    example: 100,
  })
  progress!: unknown;
  @ApiProperty({ ...json, example: { ms: 2000, message: 'hello' } })
  payload!: unknown;
  @ApiProperty({ ...json, example: { slept_ms: 2000, message: 'hello', attempt: 1 } })
  result!: unknown;
  @ApiProperty({
    allOf: [{ $ref: getSchemaPath(JobErrorView) }],
    nullable: true,
    description: "The last failed attempt's error; null while no attempt failed.",
  })
  error!: JobErrorView | null;
  /** Every failed attempt's error, oldest first. */
  @ApiProperty({ type: JobErrorView, isArray: true })
  errors!: JobErrorView[];
  /** Longest an attempt may run, in ms. @example 900000 */
  @ApiProperty({ type: 'integer' })
  timeout_ms!: number;
  /** Set when a cancel arrived while the job was running; it ends `cancelled`. */
  @ApiProperty({ ...DATE_TIME, nullable: true })
  cancel_requested_at!: string | null;
  /** The schedule that enqueued the job; null for a job created over the API. @example "nightly_data_import" */
  schedule_name!: string | null;
  /** The schedule's tick the job runs for. */
  @ApiProperty({ ...DATE_TIME, nullable: true, example: '2026-11-23T01:00:00.000Z' })
  scheduled_for!: string | null;
  /** The jobs that must complete before this one runs; empty when none. */
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true })
  depends_on!: string[];
  /** What the job does when a dependency ends failed or cancelled. */
  @ApiProperty({ ...DEPENDENCY_FAILURE_POLICY, example: 'cancel' })
  on_dependency_failure!: OnDependencyFailure;
  /** Each of depends_on, in order, with its status now. */
  @ApiProperty({ type: DependencyView, isArray: true })
  dependencies!: DependencyView[];
  /** When a scheduled or retrying job may start next. */
  @ApiProperty({ ...DATE_TIME, nullable: true })
  run_at!: string | null;
  @ApiProperty(DATE_TIME)
  created_at!: string;
  @ApiProperty({ ...DATE_TIME, nullable: true })
  started_at!: string | null;
  @ApiProperty({ ...DATE_TIME, nullable: true })
  finished_at!: string | null;
  @ApiProperty(DATE_TIME)
  updated_at!: string;
  /**
   * Where the job's webhook is POSTed once it is final (its own or its tenant's default),
   * without user info or query string; null: no webhook. Its secret is never shown.
   * @example "https://example.com/hooks/jobs"
   */
  @ApiProperty({ type: 'string', format: 'uri', nullable: true })
  webhook_url!: string | null;
}
