import { createThroughApi } from '../load/create-through-api';
import type { BenchContext, Measure } from '../measure';
import type { Figures } from '../median-of-runs';
import { drainOnPlatform, processingRows, rawDrain } from './processing';
import { bareCreates, createOneByOne, singleCreateRows } from './single-create';

/**
 * Single create and processing share one pass of the platform: the jobs that the API
 * creates one request at a time, with no worker running (what single create times), are
 * exactly the full queue that processing then drains. Sharing them saves creating 20 000
 * jobs three times more, the longest part of a run on two cores. Either measure runs alone
 * too: processing alone fills its queue the fastest way the API offers (bulk, if it can).
 */
async function once(context: BenchContext, jobs: number, selected: readonly string[]) {
  const timesCreate = selected.includes('create');
  const drains = selected.includes('processing');
  const figures: Figures<string> = {};
  await context.onPlatform('create-drain', async (platform) => {
    await platform.start('api');
    if (timesCreate) {
      figures.created = await createOneByOne(platform.apiPort(), '/create-jobs', jobs);
    } else {
      await createThroughApi(platform.apiPort(), jobs);
    }
    if (drains) {
      figures.drained = await drainOnPlatform(platform, jobs);
    }
    await platform.stop('api');
    if (timesCreate) {
      Object.assign(figures, await bareCreates(context.redis.url, platform.database.url, jobs));
    }
  });
  if (drains) {
    figures.rawDrained = await rawDrain(context, jobs);
  }
  return figures;
}

export const createThenDrain: Measure = {
  names: ['processing', 'create'],
  async run(context, selected) {
    const { jobs } = context.settings;
    const figures = await context.repeat(`${selected.join(' and ')}: ${jobs} jobs`, () =>
      once(context, jobs, selected),
    );
    return [
      ...(selected.includes('processing') ? processingRows(jobs, figures) : []),
      ...(selected.includes('create') ? singleCreateRows(figures) : []),
    ];
  },
};
