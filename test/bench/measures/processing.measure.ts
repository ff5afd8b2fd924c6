import { BULK_IN_FLIGHT, WORKER_CONCURRENCY } from '../load-levels';
import { createThroughApi } from '../load/create-through-api';
import type { BenchContext, Measure } from '../measure';
import { BULK_SIZE } from '../no-op-job';
import { completedPerSecond, waitForCompleted, waitForDispatched } from '../platform-jobs';
import { largest, smallest } from '../statistics';

/**
 * The platform worker draining a full queue: jobs are created through the API with no
 * worker running, all handed to Redis, then the API stops (its recovery loops would take
 * CPU from the worker, which the raw Worker does not share either) and a worker starts.
 * Timed from the first attempt's start to the last one's end, as Postgres recorded them.
 */
const platformDrain = (context: BenchContext, jobs: number) =>
  context.onPlatform('processing', async (platform) => {
    await platform.start('api');
    await createThroughApi(platform.apiPort(), jobs);
    await waitForDispatched(platform.database, jobs);
    await platform.stop('api');
    await platform.start('worker', { WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
    await waitForCompleted(platform.database, jobs);
    return completedPerSecond(platform.database);
  });

/**
 * A raw BullMQ Worker draining a queue filled with addBulk. Timed the same way: from the
 * first job's processor call to the last job's completion, in the Worker's process.
 */
const rawDrain = (context: BenchContext, jobs: number) =>
  context.onRawBullmq(async (raw) => {
    const calls = Math.ceil(jobs / BULK_SIZE);
    await raw.produce({ mode: 'bulk', shape: { until: { calls }, inFlight: BULK_IN_FLIGHT } });
    await raw.startWorker();
    const { startedAt, finishedAt } = await raw.completed(calls * BULK_SIZE);
    return finishedAt.length / ((largest(finishedAt) - smallest(startedAt)) / 1000);
  });

export const processing: Measure = {
  name: 'processing',
  async run(context) {
    const { jobs } = context.settings;
    const figures = await context.repeat(`processing: drain ${jobs} jobs`, async () => ({
      platform: await platformDrain(context, jobs),
      raw: await rawDrain(context, jobs),
    }));
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
