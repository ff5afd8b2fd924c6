import { BULK_IN_FLIGHT } from '../load-levels';
import { apiCreatesInBulk, bulkCreatePlan } from '../load/api-loads';
import { jobsPerSecond } from '../load/load-shape';
import { runHttpLoad } from '../load/run-http-load';
import type { BenchContext, Measure } from '../measure';
import { BULK_SIZE } from '../no-op-job';

/** The API creating BULK_SIZE jobs per request; null when this API has no bulk create. */
const platformBulk = (context: BenchContext, jobs: number) =>
  context.onPlatform('bulk', async (platform) => {
    await platform.start('api');
    if (!(await apiCreatesInBulk(platform.apiPort()))) {
      context.progress('bulk create: this API refuses {"jobs": […]} (400), so n/a');
      return null;
    }
    return jobsPerSecond(await runHttpLoad(bulkCreatePlan(platform.apiPort(), jobs)));
  });

/** Raw queue.addBulk of BULK_SIZE jobs per call, as many calls in flight. */
const rawBulk = (context: BenchContext, jobs: number) =>
  context.onRawBullmq(async (raw) => {
    const result = await raw.produce({
      mode: 'bulk',
      shape: { until: { calls: Math.ceil(jobs / BULK_SIZE) }, inFlight: BULK_IN_FLIGHT },
      warmUp: { until: { calls: 2 * BULK_IN_FLIGHT } },
    });
    return jobsPerSecond(result);
  });

export const bulkCreate: Measure = {
  names: ['bulk'],
  async run(context) {
    const { jobs } = context.settings;
    // An API without bulk create has none in the next run either: ask once.
    let inBulk = true;
    const figures = await context.repeat(`bulk create: ${jobs} jobs`, async () => {
      const platform = inBulk ? await platformBulk(context, jobs) : null;
      inBulk = platform !== null;
      return { platform, raw: await rawBulk(context, jobs) };
    });
    return [
      {
        measure: `bulk create, ${BULK_SIZE} a call, ${BULK_IN_FLIGHT} in flight (vs addBulk)`,
        platform: { value: figures.platform, unit: 'jobs/s' },
        anchor: { value: figures.raw, unit: 'jobs/s' },
        target: { atLeastRatio: 0.8 },
      },
    ];
  },
};
