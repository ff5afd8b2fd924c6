import { Injectable } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import { errorAnswer } from '../http/error-answer';
import type { ErrorView } from '../http/error.view';
import { platformValidationPipe } from '../http/platform-validation.pipe';
import { StorableTextPipe } from '../http/storable-text.pipe';
import { CreateJobDto } from './create-job.dto';
import { ExclusiveDelayError } from './exclusive-delay.error';
import { InvalidBatchError } from './invalid-batch.error';

/** Most jobs one `POST /create-jobs` may carry. */
export const MAX_JOBS_PER_BATCH = 1000;

/** A create request: one job, or a batch whose jobs were each checked as if sent alone. */
export type JobsRequest =
  { kind: 'one'; job: CreateJobDto } | { kind: 'batch'; jobs: Array<CreateJobDto | ErrorView> };

const isBatch = (body: unknown): body is Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && 'jobs' in body;

/**
 * Reads the body of `POST /create-jobs`: `{type, payload, …}` is one job and any error
 * refuses the request; `{"jobs": […]}` is a batch, and a job that breaks a rule is
 * refused alone with the answer it would get sent by itself.
 */
@Injectable()
export class JobsRequestPipe implements PipeTransform<unknown, Promise<JobsRequest>> {
  private readonly storable = new StorableTextPipe();
  private readonly validation = platformValidationPipe();

  async transform(body: unknown): Promise<JobsRequest> {
    if (!isBatch(body)) {
      return { kind: 'one', job: await this.check(body) };
    }
    const jobs = batchOf(body);
    return {
      kind: 'batch',
      jobs: await Promise.all(jobs.map((job) => this.check(job).catch(errorAnswer))),
    };
  }

  private async check(job: unknown): Promise<CreateJobDto> {
    this.storable.transform(job, { type: 'body' });
    const dto = (await this.validation.transform(job, {
      type: 'body',
      metatype: CreateJobDto,
    })) as CreateJobDto;
    if (dto.delay_ms !== undefined && dto.run_at !== undefined) {
      throw new ExclusiveDelayError();
    }
    return dto;
  }
}

function batchOf(body: Record<string, unknown>): unknown[] {
  const extra = Object.keys(body).filter((key) => key !== 'jobs');
  if (extra.length > 0) {
    throw new InvalidBatchError(
      `A batch takes only "jobs"; remove ${extra.map((key) => `"${key}"`).join(', ')} (job options go on each job).`,
    );
  }
  const { jobs } = body;
  if (!Array.isArray(jobs) || jobs.length === 0 || jobs.length > MAX_JOBS_PER_BATCH) {
    const got = Array.isArray(jobs) ? `${jobs.length} jobs` : (JSON.stringify(jobs) ?? 'nothing');
    throw new InvalidBatchError(
      `jobs must be an array of 1 to ${MAX_JOBS_PER_BATCH} job requests, got ${got}.`,
    );
  }
  return jobs;
}
