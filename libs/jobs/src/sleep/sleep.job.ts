import { setTimeout as delay } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { BaseJob } from '../base-job';
import { TransientJobError } from '../errors/transient-job.error';
import type { DependencyResult, JobContext } from '../job-context';
import { SleepPayload } from './sleep.payload';

export interface SleepResult {
  slept_ms: number;
  message: string | null;
  attempt: number;
  /** With report_dependencies: what each dependency returned. */
  dependencies?: Array<Pick<DependencyResult, 'id' | 'type' | 'result'>>;
}

// Progress is reported in about ten steps, but never more often than every 50 ms.
const PROGRESS_STEPS = 10;
const MIN_STEP_MS = 50;

/** Waits, then answers: the demo job for retries, progress and cancellation. */
@Injectable()
export class SleepJob extends BaseJob<SleepPayload, SleepResult> {
  readonly type = 'sleep';
  readonly payloadClass = SleepPayload;

  async perform(payload: SleepPayload, ctx: JobContext): Promise<SleepResult> {
    const failAttempts = payload.fail_attempts ?? 0;
    if (ctx.attempt <= failAttempts) {
      throw new TransientJobError(
        `Attempt ${ctx.attempt} fails on purpose (fail_attempts is ${failAttempts}).`,
      );
    }
    const step = Math.max(MIN_STEP_MS, Math.ceil(payload.ms / PROGRESS_STEPS));
    for (let slept = 0; slept < payload.ms;) {
      const wait = Math.min(step, payload.ms - slept);
      await delay(wait, undefined, { signal: ctx.signal });
      slept += wait;
      await ctx.progress(Math.floor((slept / payload.ms) * 100));
    }
    const result = { slept_ms: payload.ms, message: payload.message ?? null, attempt: ctx.attempt };
    if (!payload.report_dependencies) {
      return result;
    }
    const dependencies = (await ctx.dependencies()).map(({ id, type, result }) => ({
      id,
      type,
      result,
    }));
    return { ...result, dependencies };
  }
}
