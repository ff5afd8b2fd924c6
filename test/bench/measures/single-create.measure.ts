import { BareHttpAnchor } from '../anchors/bare-http';
import { HTTP_CONNECTIONS } from '../load-levels';
import { singleCreatePlan } from '../load/api-loads';
import { jobsPerSecond } from '../load/load-shape';
import { runHttpLoad } from '../load/run-http-load';
import type { BenchContext, Measure } from '../measure';

/** Creates `jobs` jobs one request each on `path`, after a warm-up; jobs per second. */
async function createOneByOne(port: number, path: string, jobs: number): Promise<number> {
  return jobsPerSecond(await runHttpLoad(singleCreatePlan(port, path, { until: { calls: jobs } })));
}

/**
 * One run: the API alone (no worker: creating is what is timed), then, in the same
 * database once the API is stopped, the bare anchors A (queue.add) and B (INSERT + add).
 */
const once = (context: BenchContext, jobs: number) =>
  context.onPlatform('create', async (platform) => {
    await platform.start('api');
    const created = await createOneByOne(platform.apiPort(), '/create-jobs', jobs);
    await platform.stop('api');
    return BareHttpAnchor.around(context.redis.url, platform.database.url, async (anchor) => ({
      platform: created,
      enqueue: await createOneByOne(anchor.port, '/enqueue', jobs),
      insertEnqueue: await createOneByOne(anchor.port, '/insert-enqueue', jobs),
    }));
  });

export const singleCreate: Measure = {
  name: 'create',
  async run(context) {
    const { jobs } = context.settings;
    const figures = await context.repeat(`single create: ${jobs} jobs`, () => once(context, jobs));
    const platform = { value: figures.platform, unit: 'jobs/s' };
    const over = `${HTTP_CONNECTIONS} connections`;
    return [
      {
        measure: `single create over HTTP, ${over} (vs http + queue.add)`,
        platform,
        anchor: { value: figures.enqueue, unit: 'jobs/s' },
        target: { atLeastRatio: 0.4 },
      },
      {
        measure: `single create over HTTP, ${over} (vs http + INSERT + queue.add)`,
        platform,
        anchor: { value: figures.insertEnqueue, unit: 'jobs/s' },
        target: null,
      },
    ];
  },
};
