import { RawBullmq } from '../anchors/raw-bullmq';
import { BULK_IN_FLIGHT, WORKER_CONCURRENCY } from '../load-levels';
import { prefillThroughApi } from '../load/prefill';
import type { BenchContext, Measure } from '../measure';
import { medianOfRuns } from '../median-of-runs';
import { BULK_SIZE } from '../no-op-job';
import { completedPerSecond, waitForCompleted, waitForDispatched } from '../platform-jobs';
import { largest, smallest } from '../statistics';

/**
 * The platform worker draining a full queue: jobs are created through the API with no
 * worker running, all handed to Redis, then the API stops (its recovery loops would take
 * CPU from the worker, which the raw Worker does not share either) and a worker starts.
 * Timed from the first attempt's start to the last one's end, as Postgres recorded them.
 */
async function platformDrain(context: BenchContext, jobs: number): Promise<number> {
  const platform = context.platform('processing');
  try {
    await platform.start('api');
    await prefillThroughApi(platform.apiPort(), jobs);
    await waitForDispatched(platform.database, jobs);
    await platform.stop('api');
    await platform.start('worker', { WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
    await waitForCompleted(platform.database, jobs);
    return await completedPerSecond(platform.database);
  } finally {
    await platform.destroy();
  }
}

/**
 * A raw BullMQ Worker draining a queue filled with addBulk. Timed the same way: from the
 * first job's processor call to the last job's completion, in the Worker's process.
 */
async function rawDrain(context: BenchContext, jobs: number): Promise<number> {
  const raw = new RawBullmq(context.redis.url);
  try {
    const calls = Math.ceil(jobs / BULK_SIZE);
    await raw.produce({ mode: 'bulk', shape: { until: { calls }, inFlight: BULK_IN_FLIGHT } });
    await raw.startWorker();
    const { startedAt, finishedAt } = await raw.completed(calls * BULK_SIZE);
    return finishedAt.length / ((largest(finishedAt) - smallest(startedAt)) / 1000);
  } finally {
    await raw.destroy();
  }
}

export const processing: Measure = {
  name: 'processing',
  async run(context) {
    const { jobs, repeats } = context.settings;
    const figures = await medianOfRuns(repeats, async (run) => {
      context.progress(`processing, run ${run}/${repeats}: the platform worker drains ${jobs}`);
      const platform = await platformDrain(context, jobs);
      context.progress(`processing, run ${run}/${repeats}: a raw BullMQ Worker drains ${jobs}`);
      return { platform, raw: await rawDrain(context, jobs) };
    });
    return [
      {
        measure: `processing: drain ${jobs} queued jobs, concurrency ${WORKER_CONCURRENCY}`,
        platform: { value: figures.platform, unit: 'jobs/s' },
        anchor: { value: figures.raw, unit: 'jobs/s' },
        target: { atLeastRatio: 0.6 },
      },
    ];
  },
};
