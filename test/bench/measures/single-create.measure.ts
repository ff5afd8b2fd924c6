import { BareHttpAnchor } from '../anchors/bare-http';
import { HTTP_CONNECTIONS } from '../load-levels';
import { singleCreatePlan } from '../load/api-loads';
import { jobsPerSecond } from '../load/load-shape';
import { runHttpLoad } from '../load/run-http-load';
import type { BenchContext, Measure } from '../measure';
import type { Figures } from '../median-of-runs';
import { medianOfRuns } from '../median-of-runs';

type Sides = 'platform' | 'enqueue' | 'insertEnqueue';

/** Creates `jobs` jobs one request each on `path`, after a warm-up; jobs per second. */
async function createOneByOne(port: number, path: string, jobs: number): Promise<number> {
  return jobsPerSecond(await runHttpLoad(singleCreatePlan(port, path, { until: { calls: jobs } })));
}

/**
 * One run: the API alone (no worker: creating is what is timed), then, in the same
 * database once the API is stopped, the bare anchors A (queue.add) and B (INSERT + add).
 */
async function once(context: BenchContext, jobs: number): Promise<Figures<Sides>> {
  const platform = context.platform('create');
  try {
    await platform.start('api');
    const created = await createOneByOne(platform.apiPort(), '/create-jobs', jobs);
    await platform.stop('api');
    const anchor = await BareHttpAnchor.start(context.redis.url, platform.database.url);
    try {
      return {
        platform: created,
        enqueue: await createOneByOne(anchor.port, '/enqueue', jobs),
        insertEnqueue: await createOneByOne(anchor.port, '/insert-enqueue', jobs),
      };
    } finally {
      await anchor.stop();
    }
  } finally {
    await platform.destroy();
  }
}

export const singleCreate: Measure = {
  name: 'create',
  async run(context) {
    const { jobs, repeats } = context.settings;
    const figures = await medianOfRuns(repeats, (run) => {
      context.progress(`create, run ${run}/${repeats}: ${jobs} single creates on each side`);
      return once(context, jobs);
    });
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
