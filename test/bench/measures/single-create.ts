import { BareHttpAnchor } from '../anchors/bare-http';
import { HTTP_CONNECTIONS } from '../load-levels';
import { singleCreatePlan } from '../load/api-loads';
import { jobsPerSecond } from '../load/load-shape';
import { runHttpLoad } from '../load/run-http-load';
import type { Figures } from '../median-of-runs';
import type { ResultRow } from '../result-row';

/** Creates `jobs` jobs one request each on `path`, after a warm-up; jobs per second. */
export async function createOneByOne(port: number, path: string, jobs: number): Promise<number> {
  return jobsPerSecond(await runHttpLoad(singleCreatePlan(port, path, { until: { calls: jobs } })));
}

/**
 * The bare anchors of single create, in `databaseUrl` (once the platform there stopped):
 * A does queue.add alone, B one INSERT and then queue.add.
 */
export const bareCreates = (redisUrl: string, databaseUrl: string, jobs: number) =>
  BareHttpAnchor.around(redisUrl, databaseUrl, async (anchor) => ({
    enqueue: await createOneByOne(anchor.port, '/enqueue', jobs),
    insertEnqueue: await createOneByOne(anchor.port, '/insert-enqueue', jobs),
  }));

export function singleCreateRows(figures: Figures<string>): ResultRow[] {
  const platform = { value: figures.created, unit: 'jobs/s' };
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
}
