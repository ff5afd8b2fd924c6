import type { BenchContext, Measure } from '../measure';
import type { Figures } from '../median-of-runs';
import { createThenDrainPass } from './create-then-drain.pass';
import { processingRows, rawDrain } from './processing';
import { bareCreates, singleCreateRows } from './single-create';

/**
 * Single create and processing on one pass of the platform (see createThenDrainPass), then
 * their anchors: the bare creates in the platform's database once its apps stopped, and a
 * raw Worker draining a queue of the same size.
 */
async function once(context: BenchContext, jobs: number, selected: readonly string[]) {
  const figures: Figures<string> = {};
  await context.onPlatform('create-drain', async (platform) => {
    Object.assign(figures, await createThenDrainPass(platform, jobs, selected));
    if (selected.includes('create')) {
      Object.assign(figures, await bareCreates(context.redis.url, platform.database.url, jobs));
    }
  });
  if (selected.includes('processing')) {
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
