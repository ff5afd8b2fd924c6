import type { BenchPlatform } from '../bench-platform';
import { BULK_IN_FLIGHT, WORKER_CONCURRENCY } from '../load-levels';
import type { BenchContext } from '../measure';
import type { Figures } from '../median-of-runs';
import { BULK_SIZE } from '../no-op-job';
import { completedPerSecond, waitForAllFinished, waitForDispatched } from '../platform-jobs';
import type { ResultRow } from '../result-row';
import { largest, smallest } from '../statistics';

/**
 * The platform worker draining a full queue. `platform`'s API has created at least `jobs`
 * jobs with no worker running; once they are in Redis the API stops (its recovery loops
 * would take CPU from the worker, which the raw Worker does not share either) and a worker
 * starts. Timed from the first attempt's start to the last one's end, as Postgres
 * recorded them: the worker's start-up is not in it.
 */
export async function drainOnPlatform(platform: BenchPlatform, jobs: number): Promise<number> {
  await waitForDispatched(platform.database, jobs);
  await platform.stop('api');
  await platform.start('worker', { WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
  await waitForAllFinished(platform.database);
  const rate = await completedPerSecond(platform.database);
  await platform.stop('worker');
  return rate;
}

/**
 * A raw BullMQ Worker draining a queue filled with addBulk. Timed the same way: from the
 * first job's processor call to the last job's completion, in the Worker's process.
 */
export const rawDrain = (context: BenchContext, jobs: number) =>
  context.onRawBullmq(async (raw) => {
    const calls = Math.ceil(jobs / BULK_SIZE);
    await raw.produce({ mode: 'bulk', shape: { until: { calls }, inFlight: BULK_IN_FLIGHT } });
    await raw.startWorker();
    const { startedAt, finishedAt } = await raw.completed(calls * BULK_SIZE);
    return finishedAt.length / ((largest(finishedAt) - smallest(startedAt)) / 1000);
  });

export const processingRows = (jobs: number, figures: Figures<string>): ResultRow[] => [
  {
    measure: `processing: drain ${jobs} queued jobs, concurrency ${WORKER_CONCURRENCY}`,
    platform: { value: figures.drained, unit: 'jobs/s' },
    anchor: { value: figures.rawDrained, unit: 'jobs/s' },
    target: { atLeastRatio: 0.6 },
  },
];
