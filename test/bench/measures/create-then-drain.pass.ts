import type { BenchPlatform } from '../bench-platform';
import { createThroughApi } from '../load/create-through-api';
import type { Figures } from '../median-of-runs';
import { drainOnPlatform } from './processing';
import { createOneByOne } from './single-create';

/** What one pass times: `create` (single create over HTTP), `processing` (the drain), or both. */
export type PassFigures = 'created' | 'drained';

/**
 * One pass of the platform through single create and processing: the jobs that the API
 * creates one request at a time, with no worker running (what single create times), are
 * exactly the full queue that processing then drains. Sharing them saves creating the jobs
 * again, the longest part of a run on two cores. Processing alone fills its queue the
 * fastest way the API offers (bulk, if it can). Ends with the API stopped.
 * @param selected `create`, `processing` or both; a figure not asked for is left out
 */
export async function createThenDrainPass(
  platform: BenchPlatform,
  jobs: number,
  selected: readonly string[],
): Promise<Partial<Figures<PassFigures>>> {
  const figures: Partial<Figures<PassFigures>> = {};
  await platform.start('api');
  if (selected.includes('create')) {
    figures.created = await createOneByOne(platform.apiPort(), '/create-jobs', jobs);
  } else {
    await createThroughApi(platform.apiPort(), jobs);
  }
  if (selected.includes('processing')) {
    figures.drained = await drainOnPlatform(platform, jobs);
  }
  await platform.stop('api');
  return figures;
}
