import { ANCHOR_ROWS_TABLE } from '../anchors/bare-http.options';
import { BareHttpAnchor } from '../anchors/bare-http';
import { HTTP_CONNECTIONS } from '../load-levels';
import { readPlan } from '../load/api-loads';
import { jobsPerSecond } from '../load/load-shape';
import { createThroughApi } from '../load/create-through-api';
import { runHttpLoad } from '../load/run-http-load';
import type { BenchContext, Measure } from '../measure';
import { jobIds } from '../platform-jobs';

/** Jobs whose statuses are read, in turn: enough that no one row stays hot in a cache. */
const JOBS_READ = 2000;

/**
 * One run: jobs created through the API (untimed), then `GET /job-status/:id` over their
 * ids; then, the API stopped, the bare anchor reading the same rows, copied with their
 * primary key into a table of its own, one SELECT per request.
 */
const once = (context: BenchContext, reads: number) =>
  context.onPlatform('get', async (platform) => {
    await platform.start('api');
    await createThroughApi(platform.apiPort(), JOBS_READ);
    const ids = await jobIds(platform.database, JOBS_READ);
    const statusPaths = ids.map((id) => `/job-status/${id}`);
    const read = jobsPerSecond(await runHttpLoad(readPlan(platform.apiPort(), statusPaths, reads)));
    await platform.stop('api');
    await platform.database.query(
      `CREATE TABLE ${ANCHOR_ROWS_TABLE} AS SELECT * FROM job_statuses;
       ALTER TABLE ${ANCHOR_ROWS_TABLE} ADD PRIMARY KEY (id); ANALYZE ${ANCHOR_ROWS_TABLE}`,
    );
    const rowPaths = ids.map((id) => `/rows/${id}`);
    return BareHttpAnchor.around(context.redis.url, platform.database.url, async (anchor) => ({
      platform: read,
      raw: jobsPerSecond(await runHttpLoad(readPlan(anchor.port, rowPaths, reads))),
    }));
  });

export const jobStatusRead: Measure = {
  names: ['get'],
  async run(context) {
    const { jobs } = context.settings;
    const figures = await context.repeat(`GET /job-status/:id: ${jobs} reads`, () =>
      once(context, jobs),
    );
    return [
      {
        measure: `GET /job-status/:id, ${HTTP_CONNECTIONS} connections (vs http + SELECT)`,
        platform: { value: figures.platform, unit: 'req/s' },
        anchor: { value: figures.raw, unit: 'req/s' },
        target: { atLeastRatio: 0.5 },
      },
    ];
  },
};
